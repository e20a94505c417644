package workbook.limits.lab;

import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * The memory lab's made numbers: each made from (seed, i) where it is added, never stored, on
 * `workers` threads in equal chunks, with the workbook's own loop or lesson 07's lanes.
 */
record MadeNumbers(int workers, boolean lanes) implements SumStrategy {
    @Override
    public long sum(Workload workload) throws InterruptedException {
        return Shapes.equalChunks(workload, 0, workload.n(), workers, lanes ? Lanes::made : MadeNumbers::plain);
    }

    /* The workbook's scalar loop (Workload.sumRange), without a second timeline piece. */
    static long plain(Workload workload, long from, long to) {
        return workload.sumRange(from, to);
    }
}
