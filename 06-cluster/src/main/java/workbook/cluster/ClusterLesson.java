package workbook.cluster;

import java.util.List;
import workbook.harness.Lesson;

/**
 * Registers lesson 06 with the workbook (see META-INF/services). Each strategy starts two embedded
 * members with {@code workers} threads each, and stops them when it is closed.
 */
public final class ClusterLesson implements Lesson {
    static final int DEFAULT_MEMBERS = 2;

    @Override
    public String id() {
        return "06";
    }

    @Override
    public String module() {
        return "06-cluster";
    }

    @Override
    public String title() {
        return "beyond one machine: a Hazelcast cluster, as a task queue and as Map-Reduce";
    }

    @Override
    public List<Strategy> strategies() {
        return List.of(
                new Strategy("executor", true, workers -> embedded(ClusterSum.Engine.executor, workers)),
                new Strategy("jet", true, workers -> embedded(ClusterSum.Engine.jet, workers)));
    }

    /* A fresh embedded cluster for each strategy built, stopped when the strategy is closed. */
    private static ClusterSum embedded(ClusterSum.Engine engine, int workers) {
        return new ClusterSum(ClusterConnection.embedded(DEFAULT_MEMBERS, workers, false), true, engine, null);
    }

    @Override
    public int commandLine(String... args) {
        return ClusterSum.commandLine(args);
    }
}
