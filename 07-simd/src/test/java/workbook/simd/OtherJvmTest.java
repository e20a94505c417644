package workbook.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kernels on vector shapes this machine does not prefer, and the lesson in a JVM without the
 * Vector API: each case starts a JVM of its own (OtherJvmCheck) with the options that make it so.
 *
 * <p>HotSpot's own options narrow the vectors here: {@code -XX:MaxVectorSize=16} leaves 2 long
 * lanes (a CPU with SSE or NEON), {@code -XX:UseAVX=2} 4 lanes without AVX-512's 64-bit vector
 * multiply (the JIT builds it from 32-bit multiplies), {@code -XX:MaxVectorSize=8} one lane, which
 * is never compiled to vector instructions, and {@code -Xint} or {@code -XX:TieredStopAtLevel=1}
 * take away the compiler that emits them. The sum must be exact in every one.
 */
@Tag("separate-jvms") // starts JVMs of its own: the build runs it, a learner's check leaves it out
class OtherJvmTest {

    /** Not a timing limit: a safety net so that a stuck JVM fails the build instead of stalling it. */
    private static final long HANG_LIMIT_SECONDS = 120;

    private static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

    /** The JVM's own lines (-XX:+PrintCompilation's) to stderr, so that stdout holds only the findings. */
    private static final String TO_STDERR = "-XX:+DisplayVMOutputToStderr";

    @Test
    void twoLanesCompiledByC2AreExactAndReportedNarrow() throws Exception {
        Run run =
                kernels(List.of("-XX:MaxVectorSize=16", "-Xbatch", "-XX:+PrintCompilation", TO_STDERR), 100, 2_000_000);
        assertEquals(String.valueOf(Math.min(2, LaneKernel.LANES)), run.value("lanes"), run.output());
        assertCompiledByC2(run);
        if (LaneKernel.LANES >= 2) {
            assertTrue(run.value("check").startsWith("narrow: 2 long lanes (128-bit vectors)"), run.output());
        }
    }

    @Test
    void fourLanesWithoutAVX512CompiledByC2AreExact() throws Exception {
        String arch = System.getProperty("os.arch");
        assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "-XX:UseAVX is an x86 option");
        Run run = kernels(List.of("-XX:UseAVX=2", "-Xbatch", "-XX:+PrintCompilation", TO_STDERR), 100, 2_000_000);
        assertEquals(String.valueOf(Math.min(4, LaneKernel.LANES)), run.value("lanes"), run.output());
        assertCompiledByC2(run);
    }

    /*
     * -Xbatch makes every compilation finish before the code runs on, and -XX:+PrintCompilation
     * lists them: "7899  571    b  4       workbook.simd.LaneKernel::sum (110 bytes)", tier 4 being
     * C2. So the kernels' C2 code, not only the interpreter's, was checked in the runs after it.
     */
    private static void assertCompiledByC2(Run run) {
        for (String kernel :
                List.of("LaneKernel::sum", "UnrolledKernels::twoAccumulators", "UnrolledKernels::fourAccumulators")) {
            boolean compiled = run.log()
                    .lines()
                    .anyMatch(line -> line.matches("\\s*\\d+\\s+\\d+\\s+[sb!n ]*4\\s+workbook\\.simd\\."
                                    + kernel.replace(".", "\\.") + " \\(.*")
                            && !line.contains("made not entrant"));
            assertTrue(
                    compiled,
                    () -> kernel + " was not compiled by C2; the compilations of workbook.simd were:\n"
                            + run.log()
                                    .lines()
                                    .filter(line -> line.contains("workbook.simd"))
                                    .toList());
        }
    }

    @Test
    void oneLaneIsExactAndReportedAsTheFallback() throws Exception {
        Run run = kernels(List.of("-XX:MaxVectorSize=8"), 30, 50_000);
        assertEquals("1", run.value("lanes"), run.output());
        assertTrue(run.value("check").startsWith("slow fallback: 1 long lane (64-bit vectors)"), run.output());
    }

    @Test
    void theInterpreterIsExactAndReportedAsTheFallback() throws Exception {
        Run run = kernels(List.of("-Xint"), 1, 2_000);
        assertTrue(run.value("check").startsWith("slow fallback: the JVM runs interpreted"), run.output());
    }

    @Test
    void theFirstCompilerAloneIsExactAndReportedAsTheFallback() throws Exception {
        Run run = kernels(List.of("-XX:TieredStopAtLevel=1"), 30, 50_000);
        assertTrue(run.value("check").startsWith("slow fallback: C2 is off"), run.output());
    }

    /* What `./workbook lesson 02` does in a JVM started without the module: list every lesson. */
    @Test
    void aJvmWithoutTheVectorModuleListsTheLessonAndRefusesToBuildItInOneLine() throws Exception {
        Run run = start(List.of("discover"), List.of());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.findings().contains("title=the lanes inside every core"), run.output());
        assertTrue(
                run.findings().contains("build=lesson 07 needs the JVM option --add-modules=jdk.incubator.vector"),
                run.output());
    }

    private static Run kernels(List<String> jvmOptions, int rounds, long big) throws Exception {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add(VECTOR_MODULE);
        Run run = start(List.of("kernels", Integer.toString(rounds), Long.toString(big)), options);
        assertEquals(
                0, run.exitCode(), () -> "a kernel missed the scalar sum with " + jvmOptions + ":\n" + run.output());
        assertEquals("0", run.value("mismatches"), run.output());
        return run;
    }

    /** What the other JVM printed: its findings line on standard output, the rest (the JVM's own lines too) on stderr. */
    record Run(int exitCode, String findings, String log) {
        /** The value of {@code name=...} in the findings (up to the next space; "check" runs to the end). */
        String value(String name) {
            int start = findings.indexOf(name + "=");
            if (start < 0) {
                throw new AssertionError("no " + name + "= in the findings:\n" + output());
            }
            start += name.length() + 1;
            int end = name.equals("check") ? findings.strip().length() : findings.indexOf(' ', start);
            return findings.substring(start, end < 0 ? findings.strip().length() : end);
        }

        String output() {
            return findings + log.lines().filter(line -> !line.contains("::")).toList();
        }
    }

    private static Run start(List<String> args, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OtherJvmCheck.class.getName());
        command.addAll(args);
        // Into files, not pipes: a JVM that prints much would otherwise wait for us to read it.
        Path findings = Files.createTempFile("07-simd-other-jvm", ".out");
        Path log = Files.createTempFile("07-simd-other-jvm", ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(findings.toFile())
                .redirectError(log.toFile())
                .start();
        try {
            if (!process.waitFor(HANG_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("no answer within " + HANG_LIMIT_SECONDS + " s from " + command);
            }
            return new Run(process.exitValue(), Files.readString(findings), Files.readString(log));
        } finally {
            process.destroyForcibly().waitFor();
            Files.deleteIfExists(findings);
            Files.deleteIfExists(log);
        }
    }
}
