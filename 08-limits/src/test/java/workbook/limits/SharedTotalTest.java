package workbook.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import workbook.harness.ContractBattery;
import workbook.harness.Oracle;
import workbook.harness.Workload;
import workbook.limits.Total.Share;

/** Every share: exact sums, a worker's failure that reaches the caller, nothing left running. */
class SharedTotalTest {

    @TestFactory
    Stream<DynamicNode> contractOfLocalSums() {
        return ContractBattery.of(workers -> new SharedTotal(workers, Share.LOCAL))
                .workers(1, 2, 3, 8)
                .tests();
    }

    /* The shared totals take up to a hundred ns a number under contention: a smaller large n. */
    @TestFactory
    Stream<DynamicNode> contractOfEverySharedTotal() {
        return Stream.of(Share.ADDER, Share.ATOMIC, Share.LOCK, Share.SLOTS)
                .map(share -> dynamicContainer(
                        share.word(),
                        ContractBattery.of(workers -> new SharedTotal(workers, share))
                                .workers(1, 3)
                                .largeN(300_007)
                                .tests()));
    }

    @Test
    void slotsKeepEveryWorkersAdditionsApartAndAddThemUpAtTheEnd() {
        for (int stride : new int[] {1, 8}) {
            Total.Slots slots = new Total.Slots(3, stride);
            slots.add(0, 5);
            slots.add(2, 7);
            slots.add(2, -1);
            slots.add(1, 100);
            assertEquals(111, slots.get(), "stride " + stride);
        }
    }

    @Test
    void everyTotalGivesTheOracleSumOnOneThread() {
        Workload workload = new Workload(10_007, 3, -50, 50);
        for (Share share : new Share[] {Share.ADDER, Share.ATOMIC, Share.LOCK, Share.SLOTS}) {
            Total total = Total.of(share, 2);
            for (long index = 0; index < workload.n(); index++) {
                total.add((int) (index % 2), workload.valueAt(index));
            }
            assertEquals(Oracle.sum(workload), total.get(), share.word());
        }
    }

    @Test
    void aShareIsNamedByItsWordAndAnythingElseIsRefusedWithTheList() {
        assertEquals(Share.SLOTS, Share.of("slots"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Share.of("Atomic"));
        assertEquals("--share must be one of local, adder, atomic, lock, slots, was 'Atomic'", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Total.of(Share.LOCAL, 2));
    }
}
