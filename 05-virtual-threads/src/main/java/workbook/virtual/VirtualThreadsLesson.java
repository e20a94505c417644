package workbook.virtual;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;
import workbook.harness.Lesson;
import workbook.harness.LessonCli;
import workbook.harness.WholeNumber;

/** Lesson 05's descriptor: what the workbook lists and runs, and the lesson's command line. */
public final class VirtualThreadsLesson implements Lesson {
    @Override
    public String module() {
        return "05-virtual-threads";
    }

    @Override
    public String title() {
        return "virtual threads: one per chunk, no faster for computing; for waiting, cheap threads that can all wait at once";
    }

    /** For `./workbook run`, one virtual thread per worker: the same chunks as the pools of lessons 02 and 03. */
    @Override
    public List<Strategy> strategies() {
        return List.of(new Strategy("virtual-threads", true, tasks -> new VirtualThreads(tasks, RemoteCall.NONE)));
    }

    /*
     * The page's claim: one virtual thread per chunk reaches what a pool of platform threads
     * reaches, within 7.5 % of p times lesson 01 on p cores, and no more.
     */
    @Override
    public List<Target> targets() {
        return List.of(new Target.Speedup(0.925));
    }

    /** The lesson's own options, beside the shared --n, --workers, --seed and so on. */
    static final class Knobs {
        @Option(
                names = "--tasks",
                paramLabel = "N",
                converter = WholeNumber.Int.class,
                description =
                        "chunks, each summed on its own new virtual thread; try 2, 100, 10000 (default: --workers)")
        Integer tasks;

        @Option(
                names = "--latency-ms",
                paramLabel = "MS",
                converter = WholeNumber.Int.class,
                description = "each chunk first waits this long, a sleep standing for a remote call (default: 0)")
        int latencyMs;
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        Knobs knobs = new Knobs();
        return LessonCli.of(this, "virtual-threads")
                .description(
                        "Lesson 05: sum n random integers with one new virtual thread per chunk (--tasks chunks).",
                        "Only one virtual thread per core computes at a time, so this is no faster than a pool of"
                                + " platform threads. Virtual threads help when tasks wait: --latency-ms makes every"
                                + " chunk wait first, and all of them can wait at once.",
                        "Here --workers only sets the default for --tasks.",
                        "Its labs: ./workbook lab 05 cpu-bound (2, 100, 10000 tasks beside a pool of --workers"
                                + " platform threads), ./workbook lab 05 waiting (chunks that wait, on a virtual or"
                                + " a platform thread each and on that pool) and ./workbook lab 05 thread-cost"
                                + " (what a parked thread holds, and what starting one costs).")
                .options(knobs)
                .strategy(options -> {
                    int tasks = knobs.tasks == null ? options.workers() : knobs.tasks;
                    if (tasks < 1) {
                        throw new IllegalArgumentException("--tasks must be at least 1, was " + tasks);
                    }
                    return new VirtualThreads(tasks, RemoteCall.sleeping(knobs.latencyMs));
                })
                .run(out, err, args);
    }
}
