package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.function.Executable;

/**
 * The tests every lesson's strategy must pass, whatever it does inside. A lesson's test class runs
 * them in a few lines:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> contract() {
 *     return ContractBattery.of(workers -> new ThreadsAndQueue(workers)).workers(1, 2, 3, 8).tests();
 * }
 * }</pre>
 *
 * For each worker count it checks, against the {@link Oracle}: n = 0, 1 and small primes; n
 * smaller than the worker count; n not divisible by it (the tutorial's dropped remainder); a large
 * n; lo = hi; negative ranges; the full int range; several seeds. Then the fault cases (a workload
 * whose number at one index throws: the strategy must throw, not hang and not return a partial
 * sum), with the failing number at the first, a middle and the last index of the first and of the
 * last chunk of {@link Chunk#split}, and, after every case, that no thread the strategy started is
 * still alive.
 *
 * <p>No case is decided by time. Only the fault cases have a limit (60 s, generous on purpose): a
 * strategy that waits forever for a failed worker must fail the case, not stall the build.
 *
 * <p>The battery closes the strategy the factory returns after each case. A lesson whose strategy
 * is expensive to build (a cluster) may hand out one shared instance behind a no-op close.
 */
public final class ContractBattery {
    private static final Map<Workload, Long> ORACLE_CACHE = new ConcurrentHashMap<>();

    private final IntFunction<SumStrategy> strategyForWorkers;
    private int[] workerCounts = {1, 2, 3, 8};
    private long largeN = 10_000_019L;
    /** For the fault cases only: generous, since a correct strategy answers in well under a second. */
    private Duration hangLimit = Duration.ofSeconds(60);

    private boolean faultCases = true;
    /** How long a thread the strategy started may take to end after the strategy returned. */
    private Duration threadExitGrace = Duration.ofSeconds(10);

    private ContractBattery(IntFunction<SumStrategy> strategyForWorkers) {
        this.strategyForWorkers = strategyForWorkers;
    }

    public static ContractBattery of(IntFunction<SumStrategy> strategyForWorkers) {
        return new ContractBattery(strategyForWorkers);
    }

    /** The worker counts to try (default 1, 2, 3, 8). A single-threaded lesson passes 1. */
    public ContractBattery workers(int... counts) {
        this.workerCounts = counts.clone();
        return this;
    }

    /** The large case's n (default 10,000,019, a prime just above 1e7). */
    public ContractBattery largeN(long n) {
        this.largeN = n;
        return this;
    }

    /**
     * For a strategy without workers whose loop computes the numbers itself (lesson 01): no fault
     * cases, since there is no worker whose failure could be lost on the way to the caller.
     */
    public ContractBattery withoutFaultCases() {
        this.faultCases = false;
        return this;
    }

    /** How long a fault case may take before it counts as hung (default 60 s). */
    public ContractBattery hangLimit(Duration limit) {
        this.hangLimit = limit;
        return this;
    }

    /** How long threads may take to end after the strategy returns (default 10 s). */
    public ContractBattery threadExitGrace(Duration grace) {
        this.threadExitGrace = grace;
        return this;
    }

    /** The workloads checked for exact sums at a given worker count. */
    public List<Workload> workloadsFor(int workers) {
        Set<Workload> workloads = new LinkedHashSet<>();
        long seed = 20261126L;
        for (long n : new long[] {0, 1, 2, 3, 5, 7, 11, 13, 97, 1009}) {
            workloads.add(Workload.of(n, seed));
        }
        for (long n = 1; n < workers; n++) {
            workloads.add(Workload.of(n, seed)); // fewer numbers than workers
        }
        workloads.add(Workload.of(1000L * workers + workers - 1, seed)); // n % workers = workers - 1
        workloads.add(Workload.of(10_007, seed));
        workloads.add(Workload.of(largeN, seed));
        workloads.add(new Workload(10_001, seed, 7, 7)); // lo = hi: every number is 7
        workloads.add(new Workload(10_001, seed, -5, -5));
        workloads.add(new Workload(10_001, seed, -100, -1)); // only negative numbers
        workloads.add(new Workload(10_001, seed, -50, 50));
        workloads.add(new Workload(100_003, seed, Integer.MIN_VALUE, Integer.MAX_VALUE)); // the full int range
        for (long otherSeed : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1234567}) {
            workloads.add(Workload.of(4099, otherSeed));
        }
        return List.copyOf(workloads);
    }

    public Stream<DynamicNode> tests() {
        List<DynamicNode> perWorkerCount = new ArrayList<>();
        for (int workers : workerCounts) {
            List<DynamicNode> cases = new ArrayList<>();
            for (Workload workload : workloadsFor(workers)) {
                cases.add(dynamicTest(
                        describe(workload) + ": exact sum",
                        () -> withoutLeftoverThreads(() -> assertExactSum(workers, workload))));
            }
            if (faultCases) {
                for (FaultCase fault : faultCases(workers)) {
                    cases.add(dynamicTest(
                            fault.description() + ": the strategy throws (no hang, no partial sum)",
                            () -> withoutLeftoverThreads(() -> assertFailureSurfaces(workers, fault.workload()))));
                }
            }
            perWorkerCount.add(dynamicContainer(workerCount(workers), cases));
        }
        return perWorkerCount.stream();
    }

    /** A workload whose number at one index throws, and where that index lies, in words. */
    public record FaultCase(String description, Workload workload) {}

    /**
     * The fault cases for a worker count: the failing number at the first, a middle and the last
     * index of the first chunk and of the last chunk of {@code Chunk.split(100_003, workers)}, so
     * a strategy that checks only some of its pieces, or only some positions in a piece, is caught.
     */
    public static List<FaultCase> faultCases(int workers) {
        long n = 100_003;
        List<Chunk> chunks = Chunk.split(n, workers);
        Map<Long, String> where = new LinkedHashMap<>();
        for (Chunk chunk : List.of(chunks.getFirst(), chunks.getLast())) {
            if (chunk.size() == 0) {
                continue;
            }
            String name = chunk.index() == 0 ? "the first chunk" : "the last chunk";
            where.putIfAbsent(chunk.from(), "the first number of " + name);
            where.putIfAbsent(chunk.from() + chunk.size() / 2, "a number in the middle of " + name);
            where.putIfAbsent(chunk.to() - 1, "the last number of " + name);
        }
        List<FaultCase> cases = new ArrayList<>();
        where.forEach((index, description) -> cases.add(new FaultCase(
                description + " (index " + index + " of " + n + ") fails",
                Workload.of(n, 99).failingAt(index))));
        return cases;
    }

    private static String workerCount(int workers) {
        return workers + (workers == 1 ? " worker" : " workers");
    }

    static String describe(Workload w) {
        return "n=" + w.n() + " in [" + w.lo() + ", " + w.hi() + "] seed " + w.seed();
    }

    static long oracleSum(Workload workload) {
        return ORACLE_CACHE.computeIfAbsent(workload, Oracle::sum);
    }

    private void assertExactSum(int workers, Workload workload) throws InterruptedException {
        long expected = oracleSum(workload);
        long actual;
        AtomicInteger inFlight = new AtomicInteger();
        try (SumStrategy strategy = strategyForWorkers.apply(workers)) {
            actual = strategy.sum(workload.countingPiecesIn(inFlight));
            assertNothingInFlight(inFlight, "returned");
        }
        if (actual != expected) {
            fail(describe(workload) + " with " + workerCount(workers) + ": expected " + expected + " (oracle) but was "
                    + actual + diagnose(workers, workload, actual));
        }
    }

    /** A hint for the usual mistakes, so a failing case says what is probably wrong. */
    private static String diagnose(int workers, Workload workload, long actual) {
        long n = workload.n();
        if (workers > 1 && n % workers != 0 && actual == workload.sumRange(0, n - n % workers)) {
            return ". That is the sum of the first " + (n - n % workers) + " numbers: the last " + (n % workers)
                    + " (n % workers) were dropped, the tutorial's bug. Give the remainder to some chunk.";
        }
        if (actual == 0 && n > 0) {
            return ". Nothing was added up: are the partial results collected?";
        }
        return ". Check that the chunks cover [0, n) exactly once.";
    }

    private void assertFailureSurfaces(int workers, Workload faulty) {
        Throwable thrown = assertTimeoutPreemptively(
                hangLimit,
                () -> assertThrows(Throwable.class, () -> {
                    AtomicInteger inFlight = new AtomicInteger();
                    try (SumStrategy strategy = strategyForWorkers.apply(workers)) {
                        try {
                            long partial = strategy.sum(faulty.countingPiecesIn(inFlight));
                            fail("the number at index " + faulty.faultAt() + " throws, yet the strategy returned "
                                    + partial + ", a partial sum: a worker's failure must reach the caller");
                        } finally {
                            assertNothingInFlight(inFlight, "threw");
                        }
                    }
                }),
                () -> "a worker failed and the caller was still waiting after " + hangLimit.toSeconds()
                        + " s: a failed worker must not leave the main thread blocked");
        assertTrue(
                mentionsInjectedFault(thrown),
                () -> "the strategy threw, but not because of the failing number: " + Commands.describe(thrown));
    }

    /*
     * Pieces are counted by the workload itself (one up when a sumRange starts, one down when it
     * ends), so this sees work on virtual threads and pool threads alike, which a list of live
     * threads cannot.
     */
    private static void assertNothingInFlight(AtomicInteger inFlight, String how) {
        int running = inFlight.get();
        if (running != 0) {
            throw new AssertionError(running + (running == 1 ? " piece was" : " pieces were")
                    + " still being summed when sum() " + how
                    + ": nothing the strategy started may outlive the call (join the threads, close the pool)");
        }
    }

    private static boolean mentionsInjectedFault(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Workload.InjectedFault
                    || (t.getMessage() != null && t.getMessage().contains("injected fault at index"))) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (mentionsInjectedFault(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Runs {@code check}, then fails if a thread it started is still alive after a grace period. */
    private void withoutLeftoverThreads(Executable check) throws Throwable {
        Set<Thread> before = LeftoverThreads.snapshot();
        check.execute();
        List<String> leftover = LeftoverThreads.startedSince(before, threadExitGrace);
        assertEquals(
                List.of(),
                leftover,
                "threads started by the strategy are still alive after it returned: join them, or close the pool");
    }
}
