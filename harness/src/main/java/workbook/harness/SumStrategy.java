package workbook.harness;

import java.util.Map;

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

    /**
     * What the last call actually used, by name, for the report and the {@code --json} line: the
     * threshold chosen for this n, the chunks handed out, the vector lanes, the cluster's members.
     * Values the strategy worked out itself belong here, not the options it was given. A
     * {@code "workers"} entry replaces the worker count the command line asked for.
     */
    default Map<String, Object> settings() {
        return Map.of();
    }

    /** Releases whatever the strategy keeps between calls. The default keeps nothing. */
    @Override
    default void close() {}
}
