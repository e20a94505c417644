package workbook.harness;

import picocli.CommandLine.Option;

/**
 * The options every lesson shares. A lesson adds its own knobs (a threshold, a task count) in a
 * second options object; see {@link LessonCli}.
 */
public final class CommonOptions {
    public static final long DEFAULT_N = 100_000_000L;
    public static final long DEFAULT_SEED = 42L;

    @Option(
            names = "--n",
            paramLabel = "N",
            converter = WholeNumber.class,
            description = "how many numbers to sum (default: 1e8); 1000000, 1_000_000 and 1e6 all work")
    long n = DEFAULT_N;

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
            names = "--repeat",
            paramLabel = "RUNS",
            converter = WholeNumber.Int.class,
            description = "measured runs; the report gives their median (default: ${DEFAULT-VALUE})")
    int repeat = 5;

    @Option(
            names = "--warmup",
            paramLabel = "RUNS",
            converter = WholeNumber.Int.class,
            description = "runs before measuring, to let the JIT compile the loop (default: ${DEFAULT-VALUE})")
    int warmup = 2;

    @Option(names = "--json", description = "print one JSON object per line instead of the report")
    boolean json;

    @Option(
            names = "--verify",
            description =
                    "also sum the numbers with the JDK's SplittableRandom on one thread and check that both sums agree")
    boolean verify;

    /** Set by {@link LessonCli}: the --workers option is added there, since its help depends on the lesson. */
    int workers = Machine.availableCores();

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

    public boolean json() {
        return json;
    }

    public boolean verify() {
        return verify;
    }
}
