package workbook.pool;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
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
     * The parallel stream counts as using workers (it runs on several threads), but it cannot be
     * told how many: it always runs on the common pool plus the calling thread.
     */
    @Override
    public List<Strategy> strategies() {
        return List.of(
                new Strategy(POOL, true, workers -> new ExecutorPool(workers, workers)),
                new Strategy(PARALLEL_STREAM, true, workers -> new ExecutorPool.ParallelStream()));
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
                        + " (the one-liner on the common pool; it ignores --workers)")
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
                err.println(module() + ": parallel-stream ignores --workers: it runs on the common pool (parallelism "
                        + ForkJoinPool.getCommonPoolParallelism() + ") plus the calling thread");
                yield new ExecutorPool.ParallelStream();
            }
            default ->
                throw new IllegalArgumentException(
                        "--strategy must be pool or parallel-stream, was '" + chosen.strategy + "'");
        };
    }
}
