package workbook.harness;

import picocli.CommandLine.Option;

/**
 * The one definition of the options every lesson, every lab and {@code ./workbook run} share:
 * {@code --n --seed --lo --hi --workers --repeat --warmup}. A command adds it as a picocli mixin;
 * only the defaults of n, repeat and warmup depend on the command, and {@link Defaults} is the one
 * place that says how.
 */
public final class CommonOptions {

    /**
     * Where the commands differ. A lesson times one strategy, so it can afford two warm-up runs of
     * 1e8 numbers; {@code ./workbook run} times every lesson in interleaved rounds, so it uses a
     * larger n (parallel lessons well past their fixed cost) and one warm-up run per strategy.
     */
    public record Defaults(long n, int repeat, int warmup) {
        public static final Defaults LESSON = new Defaults(100_000_000L, 5, 2);
        public static final Defaults RUN = new Defaults(500_000_000L, 5, 1);
        public static final Defaults LAB = LESSON;
    }

    public static final long DEFAULT_SEED = 42L;

    @Option(
            names = "--n",
            paramLabel = "N",
            converter = WholeNumber.class,
            description = "how many numbers to sum (default: ${DEFAULT-VALUE}); 1000000, 1_000_000 and 1e6 all work")
    long n;

    @Option(
            names = "--seed",
            paramLabel = "SEED",
            converter = WholeNumber.class,
            description = "which numbers: the same seed always gives the same numbers (default: ${DEFAULT-VALUE})")
    long seed = DEFAULT_SEED;

    @Option(
            names = "--lo",
            paramLabel = "LO",
            converter = WholeNumber.Int.class,
            description = "smallest number, inclusive (default: ${DEFAULT-VALUE})")
    int lo = Workload.DEFAULT_LO;

    @Option(
            names = "--hi",
            paramLabel = "HI",
            converter = WholeNumber.Int.class,
            description = "largest number, inclusive (default: ${DEFAULT-VALUE})")
    int hi = Workload.DEFAULT_HI;

    @Option(
            names = "--workers",
            paramLabel = "N",
            converter = WholeNumber.Int.class,
            description = "threads that share the work (default: the number of cores, ${DEFAULT-VALUE} here)")
    int workers = Machine.availableCores();

    @Option(
            names = "--repeat",
            paramLabel = "RUNS",
            converter = WholeNumber.Int.class,
            description = "measured runs; the report gives their median (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(
            names = "--warmup",
            paramLabel = "RUNS",
            converter = WholeNumber.Int.class,
            description = "runs before measuring, to let the JIT compile the loop (default: ${DEFAULT-VALUE})")
    int warmup;

    public CommonOptions(Defaults defaults) {
        this.n = defaults.n();
        this.repeat = defaults.repeat();
        this.warmup = defaults.warmup();
    }

    /** Refuses values no command can use, naming the option and the value; then the workload. */
    public Workload validate() {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, was " + repeat);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative, was " + warmup);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, was " + workers);
        }
        return workload();
    }

    public Workload workload() {
        return new Workload(n, seed, lo, hi);
    }

    public long n() {
        return n;
    }

    public long seed() {
        return seed;
    }

    public int lo() {
        return lo;
    }

    public int hi() {
        return hi;
    }

    public int workers() {
        return workers;
    }

    public int repeat() {
        return repeat;
    }

    public int warmup() {
        return warmup;
    }

    /** For a command that always runs on one thread: whatever --workers said, one. */
    void useOneWorker() {
        workers = 1;
    }
}
