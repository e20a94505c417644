package workbook.cluster;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import workbook.cluster.members.Cluster;
import workbook.cluster.members.MemberCommand;
import workbook.cluster.members.MemberSettings;
import workbook.harness.Lesson;
import workbook.harness.LessonCli;
import workbook.harness.SumStrategy;
import workbook.harness.WholeNumber;
import workbook.harness.Workload;

/**
 * Lesson 06's descriptor: what the workbook lists and runs, the lesson's command line with its own
 * options, and the {@code member} subcommand that starts a member in a terminal of its own.
 */
public final class ClusterLesson implements Lesson {
    /** Members started inside this JVM when the lesson starts its own cluster. */
    public static final int DEFAULT_MEMBERS = 2;

    @Override
    public String module() {
        return "06-cluster";
    }

    @Override
    public String title() {
        return "beyond one machine: a Hazelcast cluster, as a task queue and as Map-Reduce";
    }

    /* For ./workbook run and bench: each strategy built starts two embedded members with `workers` threads each. */
    @Override
    public List<Strategy> strategies() {
        return List.of(
                new Strategy("executor", true, workers -> embedded(ClusterSum.Engine.executor, workers)),
                new Strategy("jet", true, workers -> embedded(ClusterSum.Engine.jet, workers)));
    }

    /* What its timeline marks: a chunk run again after its member left, and one whose answer never came. */
    @Override
    public Map<String, String> pieceKinds() {
        return Map.of(
                "rerun", "a piece summed again (its first run was lost)",
                "lost", "a piece whose result never arrived");
    }

    /* The debrief times nothing here: on one machine a cluster only adds the cost of sending chunks. */
    @Override
    public Advice advice() {
        return Advice.untimed("the cluster pays for serialising every chunk to other JVMs, which on one machine only"
                + " costs time; its cost tables are in docs/06-cluster.md");
    }

    private static SumStrategy embedded(ClusterSum.Engine engine, int workers) {
        return onItsOwnCluster(engine, DEFAULT_MEMBERS, workers);
    }

    /** A strategy on {@code members} embedded members of {@code workers} threads each, started for it alone. */
    public static SumStrategy onItsOwnCluster(ClusterSum.Engine engine, int members, int workers) {
        return new OnItsOwnCluster(new ClusterSum(Cluster.embedded(members, workers, false), engine, null));
    }

    /*
     * A strategy on a cluster started for it alone: closing it stops that cluster, so that no
     * member, client or Hazelcast thread outlives the run. (A ClusterSum never stops its cluster:
     * the tests and labs share one between several.)
     */
    record OnItsOwnCluster(ClusterSum strategy) implements SumStrategy {
        @Override
        public long sum(Workload workload) throws InterruptedException {
            return strategy.sum(workload);
        }

        @Override
        public Map<String, Object> settings() {
            return strategy.settings();
        }

        @Override
        public void close() {
            strategy.cluster().close();
        }
    }

    /** The lesson's own options, beside the shared --n, --workers, --seed and so on. */
    static final class Knobs {
        @Option(
                names = "--engine",
                paramLabel = "ENGINE",
                description = "executor: a Callable per chunk through IExecutorService (the Celery step); jet: a Jet"
                        + " pipeline, map then aggregate (the Map-Reduce step) (default: ${DEFAULT-VALUE})")
        ClusterSum.Engine engine = ClusterSum.Engine.executor;

        @Option(
                names = "--members",
                paramLabel = "M",
                converter = WholeNumber.Int.class,
                description = "members to start inside this JVM (default: " + DEFAULT_MEMBERS + "); not with --join")
        Integer members;

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
                description =
                        "submit to a running cluster (see the member subcommand) instead of starting members here")
        List<String> join = List.of();

        @Option(names = "--verbose", description = "show Hazelcast's own log")
        boolean verbose;

        /* Checks every knob before any member starts: a bad --tasks must not cost a cluster start. */
        SumStrategy connect(int threadsPerMember, PrintWriter err) {
            if (tasks != null && tasks < 1) {
                throw new IllegalArgumentException("--tasks must be at least 1, was " + tasks);
            }
            join.forEach(address -> MemberSettings.checkAddress("--join", address));
            if (members != null && !join.isEmpty()) {
                throw new IllegalArgumentException(
                        "--members starts members here; with --join the cluster has its own");
            }
            Cluster cluster = join.isEmpty()
                    ? Cluster.embedded(members == null ? DEFAULT_MEMBERS : members, threadsPerMember, verbose)
                    : Cluster.join(join, verbose);
            err.println("06-cluster: " + cluster.describe());
            err.flush();
            return new OnItsOwnCluster(new ClusterSum(cluster, engine, tasks));
        }
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        if (args.length > 0 && args[0].equals("member")) {
            return MemberCommand.run(out, err, Arrays.copyOfRange(args, 1, args.length));
        }
        Knobs knobs = new Knobs();
        return LessonCli.of(this, () -> knobs.engine.name())
                .description(
                        "Lesson 06: sum n random integers on a Hazelcast cluster: members started in this JVM"
                                + " (--members, each with --workers threads), or a cluster started elsewhere (--join).",
                        "Start a member in a terminal with: member --port 5701 [--join HOST:PORT,...] [--bind ADDR]"
                                + " (try member --help).",
                        "Its labs: ./workbook lab 06 cost (cluster start, per-job overhead, cost per number and the"
                                + " cost model) and ./workbook lab 06 member-loss (a member lost mid-job, on a timeline).")
                .options(knobs)
                .strategy(options -> knobs.connect(options.workers(), err))
                .run(out, err, args);
    }
}
