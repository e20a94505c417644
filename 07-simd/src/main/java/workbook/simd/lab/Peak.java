package workbook.simd.lab;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;
import static workbook.harness.Workload.GAMMA;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.harness.CommonOptions;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Workload;
import workbook.simd.SimdSum;

/*
 * Lab 07 peak: why the lanes give what they give, counted from the instructions.
 *
 * Both loops do the same work per number: SplitMix64's mixing and the scaling are 3 multiplies
 * and 10 other operations (5 shifts, 3 xors, the step of the state and the add to the sum). The
 * scalar loop (Workload.sumRange) does them once per number; the vector kernel once per vector,
 * for LANES numbers at a time. If a vector operation cost what a scalar one costs, the lanes
 * would give exactly LANES times. They need not: a vector multiply of 64-bit lanes may take longer
 * to issue than a scalar multiply, and a core has fewer units for wide vectors than for scalars.
 *
 * So the lab measures what this core can do at best, with no waiting: each kind of operation
 * alone, in enough independent chains that no operation waits for the result of another (a
 * multiply's result comes several cycles after it starts; with one chain the loop would measure
 * that wait, the latency, instead of how many multiplies the core can start per cycle, the
 * throughput). The multiplies square their own chain (x * x), which the JIT cannot fold the way
 * it folds x * c1 * c2 into x * (c1 * c2). The peak estimate for a loop is the larger of its two
 * costs, its multiplies alone and its other operations alone: the time if the two kinds overlapped
 * perfectly. A loop measured close to its estimate is limited by what the core can issue, not by
 * waiting; the share of peak says how close.
 *
 * All six loops run on one thread of one JVM, in interleaved rounds, each timed by the CPU time
 * it used: the machine is shared, and a loop waiting for a core must not count the wait. The two
 * real loops' sums are checked against the oracle; the operation-only loops compute nothing
 * meaningful, and the table leaves their results out (each still returns one, or the JIT would
 * drop the loop). On a CPU with narrower vectors (AVX2, SSE, NEON) the same rows measure what
 * its lanes cost as compiled there (without AVX-512 the JIT builds a 64-bit lane multiply from
 * 32-bit multiplies), so the estimate still holds; the note under the table names the width.
 */
@Command(
        name = "peak",
        header = "the scalar loop and the vector kernel against what this core can issue: a peak estimate",
        description = "Times (in CPU time) the scalar loop and lesson 07's kernel on one worker, beside their 3"
                + " multiplies and 10 other operations per step timed alone, and prints the peak estimate"
                + " (the larger of the two) as ns and cycles per number beside the measured ns per number.")
public final class Peak implements Lab {
    static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    /* Per step of either loop: SplitMix64's 2 multiplies and the scaling's 1; 5 shifts, 3 xors, 2 adds. */
    static final int MULTIPLIES = 3;

    static final int OTHER_OPERATIONS = 10;

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    static final List<String> LOOPS = List.of(
            "scalar loop (Workload.sumRange)",
            "scalar: its 3 multiplies alone",
            "scalar: its 10 other operations alone",
            "vector kernel (lesson 07's, 2 accumulators)",
            "vector: its 3 multiplies alone",
            "vector: its 10 other operations alone");

    /* The six loops, in the order of LOOPS, each summing or churning through n numbers. */
    static List<LongSupplier> loops(Workload workload) {
        long n = workload.n();
        Workload.RangeKernel vectorKernel = new SimdSum(1).kernel();
        return List.of(
                () -> workload.sumRange(0, n),
                () -> scalarMultiplies(n),
                () -> scalarOthers(n),
                () -> workload.sumRange(0, n, vectorKernel),
                () -> vectorMultiplies(n),
                () -> vectorOthers(n));
    }

    /* 3 multiplies per number, 2 numbers per trip: 6 chains, so 6 multiplies are in flight at once. */
    static long scalarMultiplies(long n) {
        long a = GAMMA, b = 3 * GAMMA, c = 5 * GAMMA, d = 7 * GAMMA, e = 9 * GAMMA, f = 11 * GAMMA;
        for (long i = 2; i <= n; i += 2) {
            a *= a;
            b *= b;
            c *= c;
            d *= d;
            e *= e;
            f *= f;
        }
        return a + b + c + d + e + f;
    }

    /* 10 other operations per number, 4 numbers per trip in 4 chains. */
    static long scalarOthers(long n) {
        long a = GAMMA, b = 3 * GAMMA, c = 5 * GAMMA, d = 7 * GAMMA;
        for (long i = 4; i <= n; i += 4) {
            a = tenOperations(a);
            b = tenOperations(b);
            c = tenOperations(c);
            d = tenOperations(d);
        }
        return a + b + c + d;
    }

    static long tenOperations(long x) {
        x ^= x >>> 30;
        x ^= x >>> 27;
        x ^= x >>> 31;
        x += x >>> 32;
        return x + (x >>> 17);
    }

    /* 3 lane multiplies per vector of numbers, 4 vectors per trip: 12 chains, as slow multiplies need many. */
    static long vectorMultiplies(long n) {
        LongVector a = start(3), b = start(5), c = start(7), d = start(9), e = start(11), f = start(13);
        LongVector g = start(15), h = start(17), i = start(19), j = start(21), k = start(23), l = start(25);
        for (long done = 4L * LANES; done <= n; done += 4L * LANES) {
            a = a.mul(a);
            b = b.mul(b);
            c = c.mul(c);
            d = d.mul(d);
            e = e.mul(e);
            f = f.mul(f);
            g = g.mul(g);
            h = h.mul(h);
            i = i.mul(i);
            j = j.mul(j);
            k = k.mul(k);
            l = l.mul(l);
        }
        return a.add(b)
                .add(c)
                .add(d)
                .add(e)
                .add(f)
                .add(g)
                .add(h)
                .add(i)
                .add(j)
                .add(k)
                .add(l)
                .reduceLanes(ADD);
    }

    /* 10 other lane operations per vector of numbers, 4 vectors per trip in 4 chains. */
    static long vectorOthers(long n) {
        LongVector a = start(3), b = start(5), c = start(7), d = start(9);
        for (long done = 4L * LANES; done <= n; done += 4L * LANES) {
            a = tenOperations(a);
            b = tenOperations(b);
            c = tenOperations(c);
            d = tenOperations(d);
        }
        return a.add(b).add(c).add(d).reduceLanes(ADD);
    }

    static LongVector tenOperations(LongVector x) {
        x = x.lanewise(XOR, x.lanewise(LSHR, 30));
        x = x.lanewise(XOR, x.lanewise(LSHR, 27));
        x = x.lanewise(XOR, x.lanewise(LSHR, 31));
        x = x.add(x.lanewise(LSHR, 32));
        return x.add(x.lanewise(LSHR, 17));
    }

    /*
     * Lane k holds (first + 2k) * GAMMA: odd, different in every lane and chain, and far from the
     * values that an operation maps to themselves (the JIT proves such a loop constant and drops it).
     */
    private static LongVector start(long first) {
        return LongVector.zero(SPECIES).addIndex(2).add(first).mul(GAMMA);
    }

    @Override
    public void run(LabReport report) {
        Workload workload = options.validate();
        List<LongSupplier> loops = loops(workload);
        double[][] cpuNanos = new double[loops.size()][options.repeat()];
        long[] sums = new long[loops.size()];
        for (int round = -options.warmup(); round < options.repeat(); round++) {
            for (int loop = 0; loop < loops.size(); loop++) {
                long before = threadCpuNanos();
                sums[loop] = loops.get(loop).getAsLong();
                if (round >= 0) {
                    cpuNanos[loop][round] = threadCpuNanos() - before;
                }
            }
            report.progress(
                    (round < 0 ? "warm-up round " + (round + options.warmup() + 1) : "round " + (round + 1)) + " done");
        }
        double[] nsPerNumber = new double[loops.size()];
        for (int loop = 0; loop < loops.size(); loop++) {
            nsPerNumber[loop] = median(cpuNanos[loop]) / Math.max(1, workload.n());
        }
        report.add(table(workload, nsPerNumber, sums, clockGigahertz(Path.of("/proc/cpuinfo"))));
    }

    /*
     * The CPU time of this thread, in nanoseconds: on a machine shared with other programs, a loop
     * waiting for a core does not count the wait, where the clock on the wall would.
     */
    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /* The nominal clock, the first "cpu MHz" of a Linux /proc/cpuinfo, in GHz; empty elsewhere. */
    static OptionalDouble clockGigahertz(Path cpuinfo) {
        if (!Files.isReadable(cpuinfo)) {
            return OptionalDouble.empty();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("cpu MHz"))
                    .mapToDouble(line -> Double.parseDouble(
                                    line.substring(line.indexOf(':') + 1).trim())
                            / 1000)
                    .findFirst();
        } catch (IOException | RuntimeException unreadable) {
            return OptionalDouble.empty();
        }
    }

    /** The table: one column per loop, and their ratio, from one result per row of {@link #rows()}. */
    LabTable table(Workload workload, double[] ns, long[] sums, OptionalDouble gigahertz) {
        double scalarPeak = Math.max(ns[1], ns[2]);
        double vectorPeak = Math.max(ns[4], ns[5]);
        LabTable table = LabTable.titled("The scalar loop and the vector kernel against a peak estimate")
                .workload(workload)
                .measured("CPU time per number, the median of " + options.repeat() + " interleaved rounds after "
                        + options.warmup() + " warm-up, all six loops in one JVM on one thread")
                .columns("per number", "scalar loop", "vector kernel, " + LANES + " lanes", "scalar over vector");
        table.row("multiplies", MULTIPLIES, ratio(MULTIPLIES, LANES), times(LANES));
        table.row("other operations", OTHER_OPERATIONS, ratio(OTHER_OPERATIONS, LANES), times(LANES));
        table.row("ns, the multiplies alone", ns(ns[1]), ns(ns[4]), times(ns[1] / ns[4]));
        table.row("ns, the other operations alone", ns(ns[2]), ns(ns[5]), times(ns[2] / ns[5]));
        table.row(
                "ns, the two added (if they cannot overlap)",
                ns(ns[1] + ns[2]),
                ns(ns[4] + ns[5]),
                times((ns[1] + ns[2]) / (ns[4] + ns[5])));
        table.row(
                "**peak estimate, ns** (the larger: they overlap)",
                ns(scalarPeak),
                ns(vectorPeak),
                times(scalarPeak / vectorPeak));
        if (gigahertz.isPresent()) {
            double ghz = gigahertz.getAsDouble();
            table.row(
                    String.format(Locale.ROOT, "peak estimate, cycles at %.2f GHz", ghz),
                    String.format(Locale.ROOT, "%.2f", scalarPeak * ghz),
                    String.format(Locale.ROOT, "%.3f", vectorPeak * ghz),
                    "-");
        }
        table.row("**measured, ns**", ns(ns[0]), ns(ns[3]), times(ns[0] / ns[3]));
        table.row("share of peak (estimate / measured)", percent(scalarPeak / ns[0]), percent(vectorPeak / ns[3]), "-");
        table.sum(LOOPS.get(0), workload, sums[0]);
        table.sum(LOOPS.get(3), workload, sums[3]);
        table.note(widthNote(LANES, SPECIES.vectorBitSize())
                + gigahertz.stream()
                        .mapToObj(ghz -> String.format(
                                Locale.ROOT,
                                " Cycles at %.2f GHz, the first \"cpu MHz\" of /proc/cpuinfo: the nominal clock, which"
                                        + " a core running faster (turbo) beats.",
                                ghz))
                        .findFirst()
                        .orElse(""));
        return table;
    }

    /** What the vector width means for the estimate; the lab's numbers hold for any width. */
    static String widthNote(int lanes, int bits) {
        String width =
                "This JVM's vectors: " + lanes + (lanes == 1 ? " lane" : " lanes") + " of 64 bits (" + bits + "-bit).";
        if (lanes >= 8) {
            return width + " AVX-512 multiplies 64-bit lanes in one instruction (vpmullq).";
        }
        if (lanes == 1) {
            return width + " One lane is never compiled to vector instructions: the vector rows measure the Vector"
                    + " API's slow fallback, not this CPU's vectors.";
        }
        return width + " Narrower than 512 bits. On x86 only AVX-512 multiplies 64-bit lanes in one instruction;"
                + " without it the JIT builds each lane multiply from 32-bit ones. Either way the multiplies-alone row"
                + " measures them as this JVM compiled them.";
    }

    private static String ratio(int numerator, int denominator) {
        return numerator % denominator == 0
                ? String.valueOf(numerator / denominator)
                : String.format(Locale.ROOT, "%.3f", (double) numerator / denominator);
    }

    private static String ns(double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos);
    }

    private static String times(double factor) {
        return String.format(Locale.ROOT, "%.2fx", factor);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
