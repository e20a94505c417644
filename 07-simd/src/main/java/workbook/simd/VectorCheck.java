package workbook.simd;

import java.util.Locale;

/*
 * Is the Vector API running as vector instructions here? The sum is exact either way: where the
 * JIT does not compile a vector operation, the API runs the same operation as a plain Java loop
 * over the lanes. Only the speed tells, so the strategy reports which case this looks like (its
 * "vector_check" setting) and the command line prints a note when it is not "ok".
 *
 * Known before the first sum, from the species and the JVM:
 *   - one long lane (a 64-bit species): nothing to run side by side, the API's fallback runs;
 *   - two long lanes (128 bits: SSE, Arm NEON): little or nothing to gain over the scalar loop;
 *   - the JVM runs interpreted (-Xint) or only its first compiler, C1 (-XX:TieredStopAtLevel=1,
 *     "emulated-client" in java.vm.info): C1 and the interpreter never emit vector instructions.
 *     (Levels 2 and 3 leave C2 out as well, unannounced: only the timing below shows those.)
 * Known after a sum, from the CPU time the workers spent: a vector loop compiled by C2 needs well
 * under a nanosecond per number and the scalar loop 1 to 3; the fallback needs a hundred or
 * more. Above SLOW_NANOS_PER_NUMBER, the run looks like the fallback (or like a cold JIT: the
 * first call of a fresh JVM runs the loop interpreted for a while, which --warmup hides).
 */
final class VectorCheck {
    static final String OK = "ok";
    static final double SLOW_NANOS_PER_NUMBER = 20;
    /* Fewer numbers per worker are too few to tell a cold JIT from the fallback. */
    static final long NUMBERS_TO_JUDGE = 1 << 22;

    private VectorCheck() {}

    /* What the species and the JVM say before anything has run. */
    static String beforeRunning(int lanes, int vectorBits, String vmInfo) {
        String shape = lanes + (lanes == 1 ? " long lane" : " long lanes") + " (" + vectorBits + "-bit vectors)";
        if (vmInfo.contains("interpreted")) {
            return "slow fallback: the JVM runs interpreted (-Xint), and only C2 emits vector instructions";
        }
        if (vmInfo.contains("emulated-client")) {
            return "slow fallback: C2 is off (-XX:TieredStopAtLevel=1), and only C2 emits vector instructions";
        }
        if (lanes == 1) {
            return "slow fallback: " + shape + " is not compiled to vector instructions";
        }
        if (lanes < 4) {
            return "narrow: " + shape + ", little to gain over the scalar loop";
        }
        return OK;
    }

    /* The same, and what the last sum's CPU time per number says (negative: not measured). */
    static String afterRunning(
            int lanes, int vectorBits, String vmInfo, long numbersPerWorker, double cpuNanosPerNumber) {
        String known = beforeRunning(lanes, vectorBits, vmInfo);
        if (!known.equals(OK) || numbersPerWorker < NUMBERS_TO_JUDGE || cpuNanosPerNumber <= SLOW_NANOS_PER_NUMBER) {
            return known;
        }
        return String.format(
                Locale.ROOT,
                "looks like the slow fallback: %.1f ns of CPU per number, where the scalar loop needs 1 to 3"
                        + " (or a JIT not warmed up yet: try --warmup 2)",
                cpuNanosPerNumber);
    }
}
