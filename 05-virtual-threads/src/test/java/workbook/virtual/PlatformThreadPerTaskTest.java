package workbook.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import workbook.harness.LeftoverThreads;
import workbook.harness.Oracle;
import workbook.harness.Workload;

class PlatformThreadPerTaskTest {

    /*
     * As with virtual threads, every chunk waits until all chunks are waiting: that only finishes
     * if each chunk has a thread of its own. The chunks run on platform threads, and none of them is
     * left when sum() returns.
     */
    @ParameterizedTest(name = "{0} chunks")
    @ValueSource(ints = {1, 10, 500})
    void everyChunkWaitsAtTheSameMomentOnAPlatformThreadOfItsOwn(int chunks) throws InterruptedException {
        Workload workload = Workload.of(100_003, 5);
        CountDownLatch allWaiting = new CountDownLatch(chunks);
        AtomicInteger onVirtualThreads = new AtomicInteger();
        RemoteCall waitForAllOthers = chunk -> {
            if (Thread.currentThread().isVirtual()) {
                onVirtualThreads.incrementAndGet();
            }
            allWaiting.countDown();
            if (!allWaiting.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + (chunks - allWaiting.getCount()) + " of " + chunks
                        + " chunks were ever waiting at the same time");
            }
        };
        Set<Thread> before = LeftoverThreads.snapshot();
        long sum = new PlatformThreadPerTask(new VirtualThreads(chunks, waitForAllOthers)).sum(workload);
        assertEquals(Oracle.sum(workload), sum);
        assertEquals(0, onVirtualThreads.get(), "chunks that ran on a virtual thread");
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ofSeconds(10)), "the chunks' threads");
    }

    @Test
    void aFailingChunkIsNamedAndTheOthersAreStopped() {
        RemoteCall firstFailsOthersNeverHearBack = chunk -> {
            if (chunk.index() == 0) {
                throw new IllegalArgumentException("no reply for chunk 0");
            }
            new CountDownLatch(1).await();
        };
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> new PlatformThreadPerTask(
                        new VirtualThreads(4, firstFailsOthersNeverHearBack))
                .sum(Workload.of(1000, 3)));
        assertTrue(thrown.getMessage().startsWith("chunk 0 "), thrown.getMessage());
        assertTrue(thrown.getCause() instanceof IllegalArgumentException, String.valueOf(thrown.getCause()));
    }

    @Test
    void theSettingsNameTheExecutorAndTheJobsKnobs() {
        var settings = new PlatformThreadPerTask(new VirtualThreads(7, RemoteCall.sleeping(3))).settings();
        assertEquals("one platform thread per task", settings.get("executor"));
        assertEquals(7, settings.get("tasks"));
    }
}
