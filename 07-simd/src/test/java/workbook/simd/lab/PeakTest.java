package workbook.simd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import workbook.harness.CommandLineRun;
import workbook.harness.LabTables;
import workbook.harness.Machine;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/** The peak lab's loops, arithmetic and table, on made-up times; nothing here is timed. */
class PeakTest {

    private static Peak parsed(String... args) {
        Peak lab = new Peak();
        new CommandLine(lab).parseArgs(args);
        return lab;
    }

    @Test
    void theTwoRealLoopsGiveTheOracleSumAndTheOthersAreNotFoldedAway() {
        Workload workload = Workload.of(100_003, 7);
        var loops = Peak.loops(workload);
        assertEquals(Oracle.sum(workload), loops.get(0).getAsLong(), "the scalar loop");
        assertEquals(Oracle.sum(workload), loops.get(3).getAsLong(), "the vector kernel");
        // A chain that a loop leaves where it started would be a constant the JIT drops, loop and all.
        assertNotEquals(
                Peak.scalarOthers(0), Peak.scalarOthers(4), "the other operations must move their chains along");
        assertNotEquals(Peak.vectorOthers(0), Peak.vectorOthers(4L * Peak.LANES));
        assertNotEquals(Peak.scalarMultiplies(0), Peak.scalarMultiplies(2));
        assertNotEquals(Peak.vectorMultiplies(0), Peak.vectorMultiplies(4L * Peak.LANES));
    }

    @Test
    void theEstimateIsTheLargerOfTheTwoCostsAndTheShareIsItOverTheMeasuredTime() {
        Workload workload = Workload.of(1000, 42);
        long sum = Oracle.sum(workload);
        // ns per number: scalar loop 1.5, its multiplies 1.2, its others 0.9; vector 0.5, 0.25, 0.2.
        double[] ns = {1.5, 1.2, 0.9, 0.5, 0.25, 0.2};
        String markdown = parsed().table(workload, ns, new long[] {sum, 1, 2, sum, 3, 4}, OptionalDouble.of(2.0))
                .markdown(new Machine(2, "25", "Some CPU", "Linux"));
        List<List<String>> rows = LabTables.rows(markdown);
        assertEquals(List.of("ns, the two added (if they cannot overlap)", "2.100", "0.450", "4.67x"), rows.get(4));
        assertEquals(
                List.of("**peak estimate, ns** (the larger: they overlap)", "1.200", "0.250", "4.80x"), rows.get(5));
        assertEquals(List.of("peak estimate, cycles at 2.00 GHz", "2.40", "0.500", "-"), rows.get(6));
        assertEquals(List.of("**measured, ns**", "1.500", "0.500", "3.00x"), rows.get(7));
        assertEquals(List.of("share of peak (estimate / measured)", "80 %", "50 %", "-"), rows.get(8));
        assertEquals(List.of("multiplies", "3"), rows.get(0).subList(0, 2));
        assertEquals(Peak.LANES + ".00x", rows.get(0).get(3), "the lanes do the same work once for LANES numbers");
        assertTrue(markdown.contains("Sums: all 2 agree with each other and with the oracle"), markdown);
    }

    @Test
    void withoutAClockTheCyclesRowIsLeftOut() {
        Workload workload = Workload.of(1000, 42);
        long sum = Oracle.sum(workload);
        String markdown = parsed().table(
                        workload,
                        new double[] {1, 1, 1, 1, 1, 1},
                        new long[] {sum, 0, 0, sum, 0, 0},
                        OptionalDouble.empty())
                .markdown(new Machine(2, "25", "Some CPU", "Linux"));
        assertTrue(
                LabTables.rows(markdown).stream()
                        .noneMatch(row -> row.getFirst().contains("cycles")),
                markdown);
    }

    @Test
    void theNoteSaysWhatTheVectorWidthMeans() {
        assertTrue(Peak.widthNote(8, 512).contains("AVX-512 multiplies 64-bit lanes in one instruction"));
        assertTrue(Peak.widthNote(4, 256).contains("Narrower than 512 bits"), "AVX2");
        assertTrue(Peak.widthNote(2, 128).contains("without it the JIT builds each lane multiply from 32-bit ones"));
        assertTrue(Peak.widthNote(2, 128).contains("measures them as this JVM compiled them"), "SSE or NEON");
        assertTrue(Peak.widthNote(1, 64).contains("slow fallback"));
    }

    @Test
    void theClockIsTheFirstCpuMhzOfCpuinfo(@TempDir Path dir) throws IOException {
        Path cpuinfo = Files.writeString(
                dir.resolve("cpuinfo"),
                "processor\t: 0\nmodel name\t: Some CPU\ncpu MHz\t\t: 2100.000\ncpu MHz\t\t: 3000.000\n");
        assertEquals(2.1, Peak.clockGigahertz(cpuinfo).orElseThrow(), 1e-9);
        assertTrue(Peak.clockGigahertz(dir.resolve("missing")).isEmpty());
        Path arm = Files.writeString(dir.resolve("arm"), "processor\t: 0\nBogoMIPS\t: 50.00\n");
        assertTrue(Peak.clockGigahertz(arm).isEmpty(), "no cpu MHz line: no cycles");
    }

    @Test
    void theLabRunsAndChecksItsTwoSums() {
        CommandLineRun run = CommandLineRun.ofLab(new Peak(), "--n", "100003", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                8 + (run.out().contains("cycles at") ? 1 : 0),
                LabTables.rows(run.out()).size(),
                run.out());
        assertTrue(run.out().contains("Sums: all 2 agree with each other and with the oracle"), run.out());
        assertTrue(run.out().contains("This JVM's vectors: " + Peak.LANES), run.out());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        CommandLineRun.ofLab(new Peak(), "--n", "-1").assertRefused("n must not be negative, was -1");
    }
}
