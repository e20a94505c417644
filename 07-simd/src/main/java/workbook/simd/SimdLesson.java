package workbook.simd;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;
import workbook.harness.Lesson;
import workbook.harness.LessonCli;

/**
 * Registers lesson 07 with the workbook (see META-INF/services) and wires its command line.
 *
 * <p>The workbook lists every lesson from any JVM, including one started without
 * {@code --add-modules=jdk.incubator.vector}. So this class names no Vector API type, not in a
 * field, a signature or a static initialiser: the strategy, and with it the API, is loaded only
 * when a strategy is built, and building one without the module says which option is missing.
 */
public final class SimdLesson implements Lesson {
    static final String MODULE = "07-simd";

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public String title() {
        return "the lanes inside every core: a Vector API loop on each worker, exact to the last number";
    }

    @Override
    public List<Strategy> strategies() {
        return List.of(new Strategy("simd", true, workers -> build(workers, SimdSum.DEFAULT_ACCUMULATORS)));
    }

    /*
     * What the workshop says after a DONE. The learner writes the one-accumulator kernel, so the
     * debrief times both sides with one accumulator. The slip a clock sees: a horizontal add in
     * every step. Not named: the tail summed by the scalar loop (a dozen numbers per slice) and a
     * masked step (1.09 times the solution's time); a species passed as a parameter fails the
     * lesson's test that the kernel is compiled by C2.
     */
    @Override
    public Advice advice() {
        return Advice.whenSlow("a horizontal add in every step (reduceLanes inside the loop) instead of one per"
                        + " range: adding across lanes is the slow direction")
                .timedAs("--accumulators 1: the kernel you wrote", workers -> build(workers, 1));
    }

    /* The page's claim: the lanes multiply the cores; at n = 1e9, 6.5 times lesson 01 for every core. */
    @Override
    public List<Target> targets() {
        return List.of(new Target.Speedup(6.5));
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, args);
    }

    static SimdSum build(int workers, int accumulators) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("lesson 07 needs the JVM option --add-modules=jdk.incubator.vector"
                    + " (see 07-simd/jvm.options), which this JVM was started without");
        }
        return new SimdSum(workers, accumulators);
    }

    /** The lesson's own option. */
    static final class Knobs {
        @Option(
                names = "--accumulators",
                paramLabel = "K",
                description = "independent vector sums per worker: 1, 2 or 4 (default: ${DEFAULT-VALUE})")
        int accumulators = SimdSum.DEFAULT_ACCUMULATORS;
    }

    private int run(PrintWriter out, PrintWriter err, String... args) {
        Knobs knobs = new Knobs();
        return LessonCli.of(this, "simd")
                .description(
                        "Lesson 07: one platform thread per worker, each summing its chunk with a Vector API loop",
                        "over LongVector.SPECIES_PREFERRED (8 long lanes with AVX-512). --workers 1 is the lanes of one core.",
                        "The sum is exact on any CPU; where the vectors are narrow or not compiled to vector instructions,",
                        "a note on stderr and the vector_check setting say so.")
                .options(knobs)
                .strategy(common -> {
                    SimdSum strategy = build(common.workers(), knobs.accumulators);
                    noteIfNotVectors(strategy, err);
                    return strategy;
                })
                .run(out, err, args);
    }

    /* One line on stderr, before the runs, when the species or the JVM rules out fast vectors. */
    private static void noteIfNotVectors(SimdSum strategy, PrintWriter err) {
        Object check = strategy.settings().get("vector_check");
        if (!VectorCheck.OK.equals(check)) {
            err.println(MODULE + ": note: " + check + "; the sum is exact either way");
        }
    }
}
