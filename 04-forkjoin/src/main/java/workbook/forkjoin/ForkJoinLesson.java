package workbook.forkjoin;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import picocli.CommandLine.Option;
import workbook.harness.Lesson;
import workbook.harness.LessonCli;
import workbook.harness.WholeNumber;

/** Lesson 04's descriptor: what the workbook lists and runs, the lesson's knobs and its command line. */
public final class ForkJoinLesson implements Lesson {
    @Override
    public String module() {
        return "04-forkjoin";
    }

    @Override
    public String title() {
        return "fork/join: split in halves, steal work, reduce in tiers; the caller works too";
    }

    @Override
    public List<Strategy> strategies() {
        return List.of(new Strategy("fork-join", true, workers -> new ForkJoinSum(workers, OptionalLong.empty())));
    }

    /*
     * What the workshop names after a DONE. Join before compute keeps the sum right and runs the
     * two halves one after the other; the lesson's parallelism cases see it, and with three or
     * more workers so does the clock. Both halves forked is not named: a few dozen more tasks at
     * the debrief's n, nothing a clock sees.
     */
    @Override
    public Advice advice() {
        return Advice.whenSlow("join before compute, in RangeSum.compute() (left.join() before right.compute()) or"
                        + " in the caller's walk (the offered half claimed back before the other half is summed): the"
                        + " halves run one after the other, and with three or more workers the clock shows it")
                .whenSerial("join before compute: left.join() before right.compute() in RangeSum, or, in the caller's"
                        + " walk, the offered half claimed back before the other half is summed; either way the two"
                        + " halves run one after the other, on one thread");
    }

    /*
     * The page's claims: within 7.5 % of p times lesson 01 at n = 1e9, and no slower than lesson
     * 01 from n = 1e4 on (a small job does not go parallel at all).
     */
    @Override
    public List<Target> targets() {
        return List.of(new Target.Speedup(0.925), new Target.CrossoverBy(10_000));
    }

    /*
     * The automatic threshold: about 8 leaves per worker, but never leaves under MIN_LEAF numbers.
     *
     * A threshold has two walls (`./workbook lab 04 threshold-sweep`). Too small, and the tasks
     * are so short that creating, queueing and joining them costs more than the adding they do.
     * Too large, and there are fewer leaves than workers, so some threads have nothing to take.
     * Eight leaves per worker keeps far from the right wall at every n and lets a core that was
     * slowed down (by the OS, by another program) leave work to a faster one; MIN_LEAF keeps off
     * the left wall when n is small. Java's parallel streams follow the same idea (n divided by
     * four times the parallelism). docs/04-forkjoin.md has the measurements behind both numbers.
     *
     * MIN_LEAF is ForkJoinSum.OFFER_MIN: a smaller piece is never offered to a pool thread, so
     * the caller would sum every such leaf itself, and cutting its work finer only adds calls
     * (at n = 10,000, four leaves of 2,500 took 7 % longer than one loop over all of them).
     */
    public static final int LEAVES_PER_WORKER = 8;

    public static final long MIN_LEAF = ForkJoinSum.OFFER_MIN;

    /* ForkJoinPool refuses a parallelism above 32,767; the caller makes one more. */
    static final int MAX_WORKERS = 32_768;

    /** The automatic threshold for n numbers and this many workers. */
    public static long automaticThreshold(long n, int workers) {
        return Math.max(MIN_LEAF, Math.ceilDiv(n, (long) workers * LEAVES_PER_WORKER));
    }

    /** How many leaves the tree has: ranges split in two (size / 2 and the rest) while above the threshold. */
    public static long leafCount(long n, long threshold) {
        return leafCount(n, threshold, new HashMap<>());
    }

    /* At each depth the ranges have at most two sizes, so remembering them makes this quick for any n. */
    private static long leafCount(long size, long threshold, Map<Long, Long> known) {
        if (size <= threshold) {
            return 1;
        }
        Long counted = known.get(size);
        if (counted == null) {
            counted = leafCount(size / 2, threshold, known) + leafCount(size - size / 2, threshold, known);
            known.put(size, counted);
        }
        return counted;
    }

    /**
     * The strategy's two knobs, checked: the threads at work (the caller and workers - 1 pool
     * threads) and the threshold, if one was chosen (otherwise the automatic one for each n).
     */
    public record Knobs(int workers, OptionalLong threshold) {
        public Knobs {
            if (workers < 1) {
                throw new IllegalArgumentException("--workers must be at least 1, was " + workers);
            }
            if (workers > MAX_WORKERS) {
                throw new IllegalArgumentException("--workers must be at most " + MAX_WORKERS + ", was " + workers);
            }
            if (threshold.isPresent() && threshold.getAsLong() < 1) {
                // A threshold of 0 would split a one-number range into an empty half and itself, forever.
                throw new IllegalArgumentException("--threshold must be at least 1, was " + threshold.getAsLong());
            }
        }

        /** The threshold a call with n numbers uses. */
        public long thresholdFor(long n) {
            return threshold.orElseGet(() -> automaticThreshold(n, workers));
        }

        /**
         * What a call with n numbers used, for the report and --json: the threshold, the leaves it
         * makes, the pool's threads and the threads at work ("workers": the pool's and the caller).
         */
        public Map<String, Object> usedFor(long n) {
            Map<String, Object> used = new LinkedHashMap<>();
            used.put("threshold", thresholdFor(n));
            used.put("leaves", leafCount(n, thresholdFor(n)));
            used.put("pool_threads", workers - 1);
            used.put("workers", workers);
            return used;
        }
    }

    /* The lesson's own option; it appears in --help, and the threshold used in the report and --json. */
    static final class Options {
        @Option(
                names = "--threshold",
                paramLabel = "SIZE",
                converter = WholeNumber.class,
                description = "largest range one task sums without splitting it (default: automatic, max(" + MIN_LEAF
                        + ", n / (" + LEAVES_PER_WORKER + " * workers)))")
        Long threshold;
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        Options options = new Options();
        return LessonCli.of(this, "fork-join")
                .description(
                        "Lesson 04: fork/join. A RecursiveTask halves the range until it is at most --threshold numbers;"
                                + " the calling thread starts on the whole range and offers halves to a ForkJoinPool of"
                                + " --workers - 1 threads, which fork, steal and join; the partial sums are added back up"
                                + " the tree: the tutorial's Map-Reduce in tiers, on one machine.",
                        "Its labs: ./workbook lab 04 threshold-sweep (time against threshold) and",
                        "./workbook lab 04 fixed-cost (the cost of one call, caller working or waiting).")
                .options(options)
                .strategy(common -> new ForkJoinSum(
                        common.workers(),
                        options.threshold == null ? OptionalLong.empty() : OptionalLong.of(options.threshold)))
                .run(out, err, args);
    }
}
