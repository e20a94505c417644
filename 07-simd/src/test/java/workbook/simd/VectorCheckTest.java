package workbook.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The verdicts from made-up facts: no test here runs or times anything. */
class VectorCheckTest {
    private static final String C2 = "mixed mode, sharing";
    private static final long ENOUGH = VectorCheck.NUMBERS_TO_JUDGE;

    @Test
    void wideVectorsUnderC2AtVectorSpeedAreOk() {
        assertEquals("ok", VectorCheck.beforeRunning(8, 512, C2));
        assertEquals("ok", VectorCheck.beforeRunning(4, 256, C2));
        assertEquals("ok", VectorCheck.afterRunning(8, 512, C2, ENOUGH, 0.16));
    }

    @Test
    void twoLanesAreNarrow() {
        assertEquals(
                "narrow: 2 long lanes (128-bit vectors), little to gain over the scalar loop",
                VectorCheck.beforeRunning(2, 128, C2));
    }

    @Test
    void oneLaneIsTheFallback() {
        assertEquals(
                "slow fallback: 1 long lane (64-bit vectors) is not compiled to vector instructions",
                VectorCheck.beforeRunning(1, 64, C2));
    }

    @Test
    void theInterpreterAndC1AloneAreTheFallback() {
        assertTrue(VectorCheck.beforeRunning(8, 512, "interpreted mode, sharing")
                .startsWith("slow fallback: the JVM runs interpreted"));
        assertTrue(VectorCheck.beforeRunning(8, 512, "mixed mode, emulated-client, sharing")
                .startsWith("slow fallback: C2 is off"));
    }

    @Test
    void aSlowRunOfEnoughNumbersLooksLikeTheFallback() {
        assertEquals(
                "looks like the slow fallback: 150.0 ns of CPU per number, where the scalar loop needs 1 to 3"
                        + " (or a JIT not warmed up yet: try --warmup 2)",
                VectorCheck.afterRunning(8, 512, C2, ENOUGH, 150));
    }

    @Test
    void aSlowRunOfFewNumbersIsNotJudged() {
        assertEquals("ok", VectorCheck.afterRunning(8, 512, C2, ENOUGH - 1, 150));
    }

    @Test
    void whatIsKnownBeforeRunningWinsOverTheTiming() {
        assertTrue(VectorCheck.afterRunning(2, 128, C2, ENOUGH, 150).startsWith("narrow: "));
    }
}
