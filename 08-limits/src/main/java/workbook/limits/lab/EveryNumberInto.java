package workbook.limits.lab;

import java.util.function.IntFunction;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;
import workbook.limits.Total;

/*
 * Lesson 08's contended loop with a total the lesson does not offer: the racy `total += x` of the
 * shared-total lab, or the slots a cache line apart and the padded counters of the false-sharing
 * lab. Each of `workers` threads takes an equal chunk and adds every number of it into the total
 * as worker number k, the chunk's index (SharedTotal.addEach's loop); the answer is the total,
 * read once every thread has ended.
 */
record EveryNumberInto(int workers, IntFunction<Total> totalFor) implements SumStrategy {
    @Override
    public long sum(Workload workload) throws InterruptedException {
        Total total = totalFor.apply(workers);
        Shapes.equalChunks(workload, 0, workload.n(), workers, worker -> (numbers, from, to) -> {
            for (long index = from; index < to; index++) {
                total.add(worker, numbers.valueAt(index));
            }
            return 0;
        });
        return total.get();
    }
}
