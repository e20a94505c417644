package workbook.limits.lab;

import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * The memory lab's stored numbers: the workload's numbers written into an int[] once, by the first
 * call (a warm-up: the lab refuses --warmup 0), then summed from the array by every call, on
 * `workers` threads in equal chunks, with the plain loop or the lanes. An int is 4 bytes, so n
 * numbers are 4n bytes to read for every sum, far more than any cache holds at the lab's n.
 */
final class StoredNumbers implements SumStrategy {
    private final int workers;
    private final boolean lanes;
    private Workload storedFor;
    private int[] numbers;

    StoredNumbers(int workers, boolean lanes) {
        this.workers = workers;
        this.lanes = lanes;
    }

    @Override
    public long sum(Workload workload) throws InterruptedException {
        if (!workload.equals(storedFor)) {
            numbers = store(workload);
            storedFor = workload;
        }
        int[] stored = numbers;
        return Shapes.equalChunks(
                workload,
                0,
                workload.n(),
                workers,
                (ignored, from, to) ->
                        lanes ? Lanes.stored(stored, (int) from, (int) to) : plain(stored, (int) from, (int) to));
    }

    /* The workload's numbers in an array, in order: numbers[i] = workload.valueAt(i). */
    static int[] store(Workload workload) {
        if (workload.n() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "an int[] holds at most " + (Integer.MAX_VALUE - 8) + " numbers, --n was " + workload.n());
        }
        int[] numbers = new int[(int) workload.n()];
        for (int index = 0; index < numbers.length; index++) {
            numbers[index] = workload.valueAt(index);
        }
        return numbers;
    }

    /* The plain loop: one number at a time (C2 may still use vector instructions for it). */
    static long plain(int[] numbers, int from, int to) {
        long sum = 0;
        for (int index = from; index < to; index++) {
            sum += numbers[index];
        }
        return sum;
    }
}
