package workbook.pool;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;
import workbook.harness.CommonOptions;
import workbook.harness.Lesson;
import workbook.harness.LessonCli;
import workbook.harness.SumStrategy;
import workbook.harness.WholeNumber;

/** Lesson 03's descriptor: what the workbook lists and runs, and the lesson's command line. */
public final class ExecutorPoolLesson implements Lesson {
    static final String POOL = "pool";
    static final String PARALLEL_STREAM = "parallel-stream";

    @Override
    public String module() {
        return "03-executor-pool";
    }

    @Override
    public String title() {
        return "a pool of workers (invokeAll), and the parallel-stream one-liner";
    }

    /*
     * Both take --workers: the pool as its thread count, the parallel stream as the common pool's
     * size plus the calling thread (ExecutorPool.ParallelStream says how, and its limits).
     */
    @Override
    public List<Strategy> strategies() {
        return List.of(
                new Strategy(POOL, true, workers -> new ExecutorPool(workers, workers)),
                new Strategy(PARALLEL_STREAM, true, ExecutorPool.ParallelStream::new));
    }

    /* The page's claim for both strategies: at n = 1e9, within 7.5 % of p times lesson 01 on p cores. */
    @Override
    public List<Target> targets() {
        return List.of(new Target.Speedup(0.925));
    }

    /** The lesson's own options, beside the shared --n, --workers, --seed and the rest. */
    static final class Choices {
        @Option(
                names = "--strategy",
                paramLabel = "NAME",
                description = "pool (a fixed thread pool fed with invokeAll, the default) or parallel-stream"
                        + " (the one-liner on the common pool, resized to --workers threads for the call)")
        String strategy = POOL;

        @Option(
                names = "--tasks",
                paramLabel = "N",
                converter = WholeNumber.Int.class,
                description = "how many chunks the pool gets: any number from 1, even more than --n"
                        + " (default: one per worker)")
        Integer tasks;
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        Choices chosen = new Choices();
        return LessonCli.of(this, () -> chosen.strategy)
                .description(
                        "Lesson 03: sum n random integers on a fixed pool of threads: one Callable per chunk,"
                                + " handed over with invokeAll, the answers read from their futures;",
                        "or with the one-line parallel stream: --strategy parallel-stream.",
                        "Its labs: ./workbook lab 03 tasks-sweep, fixed-cost and splittable-random.")
                .options(chosen)
                .strategy(options -> strategy(chosen, options, err))
                .run(out, err, args);
    }

    /* The strategy the options ask for; an IllegalArgumentException is bad input (one line, exit 2). */
    private SumStrategy strategy(Choices chosen, CommonOptions options, PrintWriter err) {
        return switch (chosen.strategy) {
            case POOL -> {
                if (chosen.tasks != null && chosen.tasks < 1) {
                    throw new IllegalArgumentException("--tasks must be at least 1, was " + chosen.tasks);
                }
                yield new ExecutorPool(options.workers(), chosen.tasks == null ? options.workers() : chosen.tasks);
            }
            case PARALLEL_STREAM -> {
                if (chosen.tasks != null) {
                    throw new IllegalArgumentException(
                            "--tasks applies to --strategy pool only; a parallel stream splits the range itself");
                }
                if (options.workers() == 1) {
                    err.println(module() + ": parallel-stream runs on 2 threads with --workers 1: the common pool keeps"
                            + " at least 1 thread beside the caller");
                }
                yield new ExecutorPool.ParallelStream(options.workers());
            }
            default ->
                throw new IllegalArgumentException(
                        "--strategy must be pool or parallel-stream, was '" + chosen.strategy + "'");
        };
    }
}
