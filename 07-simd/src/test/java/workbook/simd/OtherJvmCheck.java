package workbook.simd;

import java.util.List;
import java.util.Locale;
import workbook.harness.Lesson;
import workbook.harness.Workload;

/**
 * Runs inside a JVM started by {@link OtherJvmTest} with other options than the test JVM's (a
 * narrower vector width, no C2, no Vector API module) and prints one line of findings.
 *
 * <ul>
 *   <li>{@code kernels ROUNDS BIG}: every kernel against the scalar loop, once on a range of BIG
 *       numbers and then ROUNDS times on every tail length at several starts (often enough for
 *       the JIT to compile the kernels: the compiled narrow code is what must be exact). Prints
 *       {@code lanes=2 bits=128 cases=... mismatches=0 check=...}; exit code 1 on a mismatch.
 *   <li>{@code discover}: lists the lessons as any workbook command does, then tries to build
 *       lesson 07's strategy. Prints {@code title=... build=...}.
 * </ul>
 */
public final class OtherJvmCheck {
    private OtherJvmCheck() {}

    public static void main(String[] args) {
        if (args[0].equals("discover")) {
            discover();
            return;
        }
        int rounds = Integer.parseInt(args[1]);
        long big = Long.parseLong(args[2]);
        List<Workload> workloads = List.of(
                new Workload(1L << 31, 20261126L, Integer.MIN_VALUE, Integer.MAX_VALUE),
                new Workload(1L << 40, Long.MIN_VALUE, -3, 17));
        long cases = 0;
        long mismatches = 0;
        for (LaneKernelTest.Kernel kernel : LaneKernelTest.KERNELS) {
            for (Workload workload : workloads) {
                cases++;
                mismatches += mismatch(kernel, workload, 5, 5 + big);
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (LaneKernelTest.Kernel kernel : LaneKernelTest.KERNELS) {
                for (Workload workload : workloads) {
                    for (long from : new long[] {0, 3, 1_000_001}) {
                        for (long length = 0; length <= kernel.stride() + LaneKernel.LANES; length++) {
                            cases++;
                            mismatches += mismatch(kernel, workload, from, from + length);
                        }
                    }
                }
            }
        }
        String check = VectorCheck.beforeRunning(
                LaneKernel.LANES, LaneKernel.SPECIES.vectorBitSize(), System.getProperty("java.vm.info", ""));
        System.out.printf(
                Locale.ROOT,
                "lanes=%d bits=%d cases=%d mismatches=%d check=%s%n",
                LaneKernel.LANES,
                LaneKernel.SPECIES.vectorBitSize(),
                cases,
                mismatches,
                check);
        System.exit(mismatches == 0 ? 0 : 1);
    }

    private static int mismatch(LaneKernelTest.Kernel kernel, Workload workload, long from, long to) {
        long expected = workload.sumRange(from, to);
        long actual = kernel.loop().sum(workload, from, to);
        if (expected == actual) {
            return 0;
        }
        System.err.println(kernel + " on [" + from + ", " + to + "): " + actual + " instead of " + expected);
        return 1;
    }

    private static void discover() {
        List<Lesson> lessons = Lesson.discover().stream()
                .filter(lesson -> lesson.id().equals("07"))
                .toList();
        String built;
        try {
            lessons.getFirst().strategies().getFirst().withWorkers().apply(2).close();
            built = "ok";
        } catch (IllegalStateException refused) {
            built = refused.getMessage();
        }
        System.out.println("title=" + lessons.getFirst().title() + " build=" + built);
    }
}
