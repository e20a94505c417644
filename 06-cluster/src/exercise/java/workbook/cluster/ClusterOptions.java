package workbook.cluster;

import java.util.List;
import picocli.CommandLine.Option;
import workbook.harness.WholeNumber;

/*
 * Lesson 06's own options, beside the shared ones (--n, --seed, --workers, ...). --workers is each
 * member's thread count: C in the cost model.
 */
final class ClusterOptions {
    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            description = "executor: a Callable per chunk through IExecutorService (the Celery step); "
                    + "jet: a Jet pipeline, map then aggregate (the Map-Reduce step) (default: ${DEFAULT-VALUE})")
    ClusterSum.Engine engine = ClusterSum.Engine.executor;

    @Option(
            names = "--members",
            paramLabel = "M",
            converter = WholeNumber.Int.class,
            description = "members to start inside this JVM (default: ${DEFAULT-VALUE}); ignored with --join")
    int members = 2;

    @Option(
            names = "--tasks",
            paramLabel = "T",
            converter = WholeNumber.Int.class,
            description = "chunks per job (default: 4 per member)")
    Integer tasks;

    @Option(
            names = "--join",
            paramLabel = "HOST:PORT",
            split = ",",
            description = "submit to a running cluster (see the member subcommand) instead of starting members here")
    List<String> join = List.of();

    @Option(names = "--verbose", description = "show Hazelcast's own log")
    boolean verbose;

    @Option(
            names = "--cost-table",
            description =
                    "measure cluster start, per-job overhead and cost per number; print Markdown tables and the cost model")
    boolean costTable;

    /* Checks the knobs before any member starts: a bad --tasks must not cost a cluster start. */
    ClusterSum connect(int threadsPerMember) {
        if (tasks != null && tasks < 1) {
            throw new IllegalArgumentException("--tasks must be at least 1, was " + tasks);
        }
        ClusterConnection connection = join.isEmpty()
                ? ClusterConnection.embedded(members, threadsPerMember, verbose)
                : ClusterConnection.join(join, verbose);
        System.err.println("06-cluster: " + connection.describe());
        return new ClusterSum(connection, true, engine, tasks);
    }

    /* The name the report shows, read before parsing; picocli checks the value itself a moment later. */
    static String engineNamed(String... args) {
        List<String> given = List.of(args);
        int at = given.indexOf("--engine");
        String named = at >= 0 && at + 1 < args.length
                ? args[at + 1]
                : given.stream()
                        .filter(arg -> arg.startsWith("--engine="))
                        .map(arg -> arg.substring(9))
                        .findFirst()
                        .orElse("executor");
        return named.equals("jet") ? "jet" : "executor";
    }
}
