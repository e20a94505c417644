package workbook.harness;

/**
 * One way to answer the workbook's question: the exact sum of a workload's numbers.
 *
 * <p>A strategy's knobs (workers, chunks, threshold) go in its constructor, so the harness can time
 * and test every lesson through this one method. A strategy that holds resources between calls (a
 * cluster, say) releases them in {@link #close()}.
 */
@FunctionalInterface
public interface SumStrategy extends AutoCloseable {

    /**
     * The exact sum of {@code workload}'s numbers. A failure in any worker must surface here as an
     * exception, never as a partial sum or a hang.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting for workers
     */
    long sum(Workload workload) throws InterruptedException;

    /** Releases whatever the strategy keeps between calls. The default keeps nothing. */
    @Override
    default void close() {}
}
