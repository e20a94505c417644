package workbook.forkjoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import workbook.harness.CommandLineRun;
import workbook.harness.ContractBattery;
import workbook.harness.DescriptorCheck;
import workbook.harness.LeftoverThreads;
import workbook.harness.Oracle;
import workbook.harness.Timeline;
import workbook.harness.Workload;

class ForkJoinSumTest {

    @TestFactory
    Stream<DynamicNode> descriptor() {
        return DescriptorCheck.of(new ForkJoinLesson()).tests();
    }

    /*
     * The shared battery, once per threshold: every number its own task (1), the usual size
     * (1000), one task for the whole range (larger than any n in the battery), and the automatic
     * rule that ./workbook run uses. Threshold 1 makes a task per number, so its large case is
     * smaller than the battery's usual ten million.
     */
    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                dynamicContainer(
                        "threshold 1 (a task per number)",
                        ContractBattery.of(workers -> new ForkJoinSum(workers, OptionalLong.of(1)))
                                .workers(1, 2, 3, 8)
                                .largeN(200_003)
                                .tests()),
                dynamicContainer(
                        "threshold 1000",
                        ContractBattery.of(workers -> new ForkJoinSum(workers, OptionalLong.of(1000)))
                                .workers(1, 2, 3, 8)
                                .tests()),
                dynamicContainer(
                        "threshold 2^40 (larger than n: one task)",
                        ContractBattery.of(workers -> new ForkJoinSum(workers, OptionalLong.of(1L << 40)))
                                .workers(1, 2, 3, 8)
                                .tests()),
                dynamicContainer(
                        "automatic threshold",
                        ContractBattery.of(workers -> new ForkJoinSum(workers, OptionalLong.empty()))
                                .workers(1, 2, 3, 8)
                                .tests()));
    }

    @Test
    void aMillionAndThreeNumbersFromMinus3To17On4WorkersGiveTheOracleSum() {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        try (ForkJoinSum strategy = new ForkJoinSum(4, OptionalLong.empty())) {
            assertEquals(Oracle.sum(workload), strategy.sum(workload));
        }
    }

    @Test
    void onePoolServesManyCalls() {
        try (ForkJoinSum strategy = new ForkJoinSum(3, OptionalLong.of(500))) {
            for (long n : new long[] {0, 1, 499, 500, 501, 12_345, 1_000_000}) {
                Workload workload = Workload.of(n, n + 7);
                assertEquals(Oracle.sum(workload), strategy.sum(workload), () -> "n = " + n);
            }
        }
    }

    /*
     * A fault deep in the tree: with threshold 1 the failing number is its own leaf, about 17
     * levels below the root. Index 0 sits in the leftmost leaf, reached only through forked left
     * halves (stolen or taken back); the last index in the rightmost leaf, reached only through
     * halves each thread computes itself; the middle one is reached both ways.
     */
    @ParameterizedTest(name = "fault at index {0}")
    @ValueSource(longs = {0, 65_537, 131_074})
    void aFaultDeepInTheTreeReachesTheCaller(long faultAt) {
        Workload faulty = Workload.of(131_075, 3).failingAt(faultAt);
        RuntimeException thrown;
        try (ForkJoinSum strategy = new ForkJoinSum(4, OptionalLong.of(1))) {
            thrown = assertThrows(RuntimeException.class, () -> strategy.sum(faulty));
        }
        assertEquals(faultAt, injectedFaultIn(thrown).index(), "the fault that reached the caller is the failing one");
    }

    /*
     * The leaves of a tree with threshold 1000 over 100,003 numbers, as compute() splits it: the
     * first leaf (the far end of the forked halves), a leaf in the middle and the last one (the
     * far end of the computed halves). A fault at the first, middle or last number of
     * each must reach the caller, with 1 to 4 workers.
     */
    static Stream<Arguments> faultsInLeaves() {
        List<long[]> leaves = leavesOf(0, 100_003, 1000);
        List<Arguments> cases = new ArrayList<>();
        for (int workers = 1; workers <= 4; workers++) {
            for (long[] leaf : List.of(leaves.getFirst(), leaves.get(leaves.size() / 2), leaves.getLast())) {
                for (long index : new long[] {leaf[0], leaf[0] + (leaf[1] - leaf[0]) / 2, leaf[1] - 1}) {
                    cases.add(Arguments.of(workers, leaf[0], leaf[1], index));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} workers, leaf [{1}, {2}), fault at index {3}")
    @MethodSource("faultsInLeaves")
    void aFaultAtAnyNumberOfALeafReachesTheCaller(int workers, long leafFrom, long leafTo, long faultAt) {
        Workload faulty = Workload.of(100_003, 99).failingAt(faultAt);
        RuntimeException thrown;
        try (ForkJoinSum strategy = new ForkJoinSum(workers, OptionalLong.of(1000))) {
            thrown = assertThrows(RuntimeException.class, () -> strategy.sum(faulty));
        }
        assertEquals(faultAt, injectedFaultIn(thrown).index());
    }

    /*
     * Nothing a call started outlives it, even when it fails. With 40,000,000 numbers, a threshold
     * of 10,000,000 and 2 pool threads, the thread that runs the root forks the first half, forks
     * the third quarter, sums the last quarter and takes the third quarter back: a fault there (a
     * leaf's fault check comes first) fails the call while the other thread is still summing the
     * first half it stole. A fault in the first quarter fails the thief while the other thread sums.
     * Counted by the workload itself: no sumRange may still be running when sum() throws.
     */
    @ParameterizedTest(name = "fault at index {0} of 40,000,000")
    @ValueSource(longs = {25_000_000, 5_000_000})
    void aFailingCallLeavesNothingBeingSummedWhenItThrows(long faultAt) {
        AtomicInteger inFlight = new AtomicInteger();
        Workload faulty = Workload.of(40_000_000, 6).failingAt(faultAt).countingPiecesIn(inFlight);
        RuntimeException thrown;
        try (ForkJoinSum strategy = new ForkJoinSum(2, OptionalLong.of(10_000_000))) {
            thrown = assertThrows(RuntimeException.class, () -> strategy.sum(faulty));
            assertEquals(0, inFlight.get(), "pieces still being summed when sum() threw");
        }
        assertEquals(faultAt, injectedFaultIn(thrown).index());
    }

    /* The leaves compute() makes of [from, to), left to right: the test's own copy of the split rule. */
    private static List<long[]> leavesOf(long from, long to, long threshold) {
        List<long[]> leaves = new ArrayList<>();
        if (to - from <= threshold) {
            leaves.add(new long[] {from, to});
            return leaves;
        }
        long middle = from + (to - from) / 2;
        leaves.addAll(leavesOf(from, middle, threshold));
        leaves.addAll(leavesOf(middle, to, threshold));
        return leaves;
    }

    private static Workload.InjectedFault injectedFaultIn(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof Workload.InjectedFault fault) {
                return fault;
            }
        }
        throw new AssertionError("no InjectedFault in the cause chain of " + thrown, thrown);
    }

    /*
     * "Compute before join" is what lets two threads work at once: while one thread sums its
     * half, the half it forked waits in its queue for another thread to steal. Seen on a timeline:
     * on a pool of two threads, with a threshold of n / 2, the two leaves run on two threads at
     * the same time. Joining before computing takes the forked half straight back and runs both
     * leaves one after the other on one thread, with the right sum: only this test notices.
     *
     * Not a question of speed: each leaf takes tens of milliseconds, far longer than the pool
     * needs to start its second thread, even on a machine busy with other work.
     *
     * Tagged "parallelism": it checks that work runs at once, not the answer. The build runs it
     * like any test; ./workbook check leaves it out of the verdict and runs it after a DONE, as
     * advice (docs/workshop.md).
     */
    @Test
    @Tag("parallelism")
    void computeSumsItsTwoHalvesOnTwoThreadsAtOnce() {
        Workload workload = Workload.of(100_000_000, 17);
        Timeline timeline = Timeline.start();
        long sum;
        try (ForkJoinPool twoThreads = new ForkJoinPool(2)) {
            timeline.beginCall(0);
            sum = twoThreads.invoke(new ForkJoinSum.RangeSum(workload, 0, workload.n(), workload.n() / 2));
            timeline.endCall(workload.n());
        } finally {
            timeline.stop();
        }
        assertEquals(Oracle.sum(workload), sum);
        List<Timeline.Piece> leaves = timeline.pieces(0);
        assertEquals(2, leaves.size(), () -> "two leaves of n / 2: " + leaves);
        assertAtOnceOnTwoThreads(leaves.get(0), leaves.get(1), leaves);
    }

    /*
     * The same through the strategy, with stealing seen: on a pool of two threads and a threshold
     * of n / 2, the thread that runs the root forks the left half and computes the right one, and
     * the other thread steals the left half: the timeline marks it "stolen", and the pool counts
     * two steals at least (the root's hand-over by invoke() is the first). (Tagged "parallelism",
     * as the test above.)
     */
    @Test
    @Tag("parallelism")
    void theLeftHalfIsStolenAndBothHalvesRunAtOnce() {
        Workload workload = Workload.of(100_000_000, 19);
        Map<String, Object> settings;
        List<Timeline.Piece> leaves;
        try (ForkJoinSum strategy = new ForkJoinSum(2, OptionalLong.of(workload.n() / 2))) {
            leaves = leavesOfOneCall(strategy, workload);
            settings = strategy.settings();
        }
        assertEquals(2, leaves.size(), () -> "two leaves of n / 2: " + leaves);
        Timeline.Piece left =
                leaves.stream().filter(leaf -> leaf.from() == 0).findFirst().orElseThrow();
        Timeline.Piece right =
                leaves.stream().filter(leaf -> leaf.from() > 0).findFirst().orElseThrow();
        assertAtOnceOnTwoThreads(left, right, leaves);
        assertEquals("stolen", left.extra().get("kind"), () -> "the left half was stolen: " + leaves);
        assertEquals(null, right.extra().get("kind"), () -> "the right half ran where it was made: " + leaves);
        assertTrue((long) settings.get("steals") >= 2, () -> "the hand-over and the left half: " + settings);
    }

    private static void assertAtOnceOnTwoThreads(Timeline.Piece one, Timeline.Piece other, List<Timeline.Piece> all) {
        assertTrue(
                !one.thread().equals(other.thread())
                        && one.startNanos() < other.endNanos()
                        && other.startNanos() < one.endNanos(),
                () -> "the two halves ran one after the other, not at once (is join() called before compute()?): "
                        + all);
    }

    /* The leaves of one call of the strategy, as the timeline records them. */
    private static List<Timeline.Piece> leavesOfOneCall(ForkJoinSum strategy, Workload workload) {
        Timeline timeline = Timeline.start();
        try {
            timeline.beginCall(0);
            assertEquals(Oracle.sum(workload), strategy.sum(workload));
            timeline.endCall(workload.n());
        } finally {
            timeline.stop();
        }
        return timeline.pieces(0);
    }

    /*
     * What counts as stolen, without a clock: a leaf made on one pool thread and run on another
     * is marked, one run where it was made is not, and neither is the root, which the caller (no
     * pool thread) made and invoke() handed over.
     */
    @Test
    void aLeafIsMarkedStolenOnlyWhenAnotherPoolThreadRunsIt() throws Exception {
        Workload workload = Workload.of(1000, 23);
        try (ForkJoinPool one = new ForkJoinPool(1);
                ForkJoinPool another = new ForkJoinPool(1)) {
            Thread firstWorker = one.submit(Thread::currentThread).get();
            Thread secondWorker = another.submit(Thread::currentThread).get();
            Thread caller = Thread.currentThread();
            assertTrue(ForkJoinLesson.stolen(firstWorker, secondWorker));
            assertFalse(ForkJoinLesson.stolen(firstWorker, firstWorker), "run where it was made");
            assertFalse(ForkJoinLesson.stolen(caller, firstWorker), "the root, handed over by invoke()");
            assertFalse(ForkJoinLesson.stolen(caller, caller), "a job under the cutoff");

            ForkJoinSum.RangeSum madeOnOne = one.submit(() -> new ForkJoinSum.RangeSum(workload, 0, 1000, 1000))
                    .get();
            ForkJoinSum.RangeSum alsoMadeOnOne = one.submit(() -> new ForkJoinSum.RangeSum(workload, 0, 1000, 1000))
                    .get();
            Timeline timeline = Timeline.start();
            try {
                timeline.beginCall(0);
                assertEquals(
                        Oracle.sum(workload),
                        another.submit(() -> madeOnOne.invoke()).get());
                assertEquals(
                        Oracle.sum(workload),
                        one.submit(() -> alsoMadeOnOne.invoke()).get());
                timeline.endCall(workload.n());
            } finally {
                timeline.stop();
            }
            List<Object> kinds = timeline.pieces(0).stream()
                    .map(piece -> piece.extra().get("kind"))
                    .toList();
            assertEquals(Arrays.asList("stolen", null), kinds);
        }
    }

    /*
     * A job above the cutoff is the pool's alone: every leaf ran on one of our pool's threads,
     * none on the caller (it waits in invoke()) and none on the JVM's common pool (where fork()
     * from a thread outside any pool would send it).
     */
    @Test
    void aboveTheCutoffNoLeafRunsOnTheCallerOrTheCommonPool() {
        Workload workload = Workload.of(3_000_017, 5);
        String caller = Thread.currentThread().getName();
        List<Timeline.Piece> leaves;
        try (ForkJoinSum strategy = new ForkJoinSum(3, OptionalLong.of(10_000))) {
            leaves = leavesOfOneCall(strategy, workload);
        }
        assertEquals(ForkJoinLesson.leafCount(workload.n(), 10_000), leaves.size());
        for (Timeline.Piece leaf : leaves) {
            assertTrue(
                    !leaf.thread().equals(caller)
                            && leaf.thread().startsWith("ForkJoinPool-")
                            && !leaf.thread().contains("commonPool"),
                    () -> "a leaf ran on " + leaf.thread() + ", not on our pool");
        }
    }

    /*
     * The cutoff: a job of at most one leaf (MIN_LEAF numbers with the automatic threshold, or
     * the threshold chosen) is summed by the caller, and the pool does not even start a thread.
     */
    @ParameterizedTest(name = "threshold {0} (0: automatic)")
    @ValueSource(longs = {0, 100})
    void aJobOfOneLeafStaysOnTheCallerAndStartsNoThread(long threshold) throws InterruptedException {
        Set<Thread> before = LeftoverThreads.snapshot();
        OptionalLong chosen = threshold == 0 ? OptionalLong.empty() : OptionalLong.of(threshold);
        long largestLeaf = threshold == 0 ? ForkJoinLesson.MIN_LEAF : threshold;
        String caller = Thread.currentThread().getName();
        try (ForkJoinSum strategy = new ForkJoinSum(4, chosen)) {
            for (long n : new long[] {1, 7, largestLeaf / 2, largestLeaf}) {
                List<Timeline.Piece> leaves = leavesOfOneCall(strategy, Workload.of(n, 3));
                assertEquals(1, leaves.size(), () -> "n = " + n + ": " + leaves);
                assertEquals(caller, leaves.getFirst().thread(), () -> "n = " + n);
                assertEquals(0L, strategy.settings().get("steals"), () -> "n = " + n);
            }
            assertEquals(Oracle.sum(Workload.of(0, 3)), strategy.sum(Workload.of(0, 3)));
            assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ZERO));
        }
    }

    /*
     * The other side of the cutoff: one number more than a leaf goes to the pool, which starts a
     * thread for it. The pool has `workers` threads: the caller only waits.
     */
    @Test
    void oneNumberAboveTheCutoffStartsAThreadOfAPoolOfWorkers() throws InterruptedException {
        Set<Thread> before = LeftoverThreads.snapshot();
        try (ForkJoinSum strategy = new ForkJoinSum(4, OptionalLong.empty())) {
            Workload workload = Workload.of(ForkJoinLesson.MIN_LEAF + 1, 3);
            assertEquals(Oracle.sum(workload), strategy.sum(workload));
            List<ForkJoinWorkerThread> started = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread))
                    .filter(thread -> thread instanceof ForkJoinWorkerThread)
                    .map(thread -> (ForkJoinWorkerThread) thread)
                    .filter(thread -> thread.getPool() != ForkJoinPool.commonPool())
                    .toList();
            assertFalse(started.isEmpty(), "a job of two leaves goes to the pool, which starts a thread");
            for (ForkJoinWorkerThread thread : started) {
                assertEquals(4, thread.getPool().getParallelism(), () -> thread.getName() + "'s pool");
            }
        }
    }

    /*
     * A pool of one thread steals nothing: the thread that took the root (the one steal the pool
     * counts) forks every left half and takes it back itself, so no leaf is marked stolen.
     */
    @Test
    void aPoolOfOneThreadStealsNothing() {
        Workload workload = Workload.of(2_000_003, 8);
        List<Timeline.Piece> leaves;
        Map<String, Object> settings;
        try (ForkJoinSum strategy = new ForkJoinSum(1, OptionalLong.of(1000))) {
            leaves = leavesOfOneCall(strategy, workload);
            settings = strategy.settings();
        }
        assertEquals(ForkJoinLesson.leafCount(workload.n(), 1000), leaves.size());
        assertEquals(1, leaves.stream().map(Timeline.Piece::thread).distinct().count(), "one thread");
        assertTrue(leaves.stream().noneMatch(leaf -> leaf.extra().containsKey("kind")), "nothing stolen");
        assertEquals(1L, settings.get("steals"), "only the root's hand-over: " + settings);
    }

    /*
     * The pool keeps its threads between calls (that is what makes a call cheap), so they are
     * still there after sum() returns, and close() is what ends them.
     */
    @Test
    void thePoolsThreadsLiveBetweenCallsAndEndOnClose() throws InterruptedException {
        Set<Thread> before = LeftoverThreads.snapshot();
        ForkJoinSum strategy = new ForkJoinSum(4, OptionalLong.of(1000));
        try {
            Workload workload = Workload.of(2_000_000, 11);
            assertEquals(Oracle.sum(workload), strategy.sum(workload));
            List<String> alive = LeftoverThreads.startedSince(before, Duration.ZERO);
            assertFalse(alive.isEmpty(), "the pool's threads should be alive between calls");
            // Not "at most 3": a thread that must wait in join() may have the pool start a spare.
            assertTrue(
                    alive.stream().allMatch(name -> name.contains("ForkJoinPool")),
                    () -> "unexpected threads " + alive);
        } finally {
            strategy.close();
        }
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ofSeconds(10)));
    }

    /*
     * join() is not interruptible, and neither is this strategy: an interrupted caller still gets
     * the whole, exact sum, and finds its interrupt flag still set afterwards, for its own code to
     * act on.
     */
    @Test
    void anInterruptedCallerStillGetsTheExactSumAndKeepsItsInterruptFlag() {
        Workload workload = Workload.of(5_000_011, 4);
        AtomicReference<Long> sum = new AtomicReference<>();
        try (ForkJoinSum strategy = new ForkJoinSum(2, OptionalLong.of(10_000))) {
            Thread.currentThread().interrupt();
            sum.set(strategy.sum(workload));
            assertTrue(Thread.interrupted(), "the interrupt flag is still set (and now cleared by this check)");
        } finally {
            Thread.interrupted();
        }
        assertEquals(Oracle.sum(workload), sum.get());
    }

    @Test
    void settingsShowTheThresholdLeavesWorkersAndStealsOfTheLastCall() {
        try (ForkJoinSum strategy = new ForkJoinSum(3, OptionalLong.empty())) {
            assertEquals(Map.of(), strategy.settings(), "nothing to show before the first call");
            strategy.sum(Workload.of(1_000_000, 1));
            Map<String, Object> used = strategy.settings();
            assertEquals(List.of("threshold", "leaves", "workers", "steals"), List.copyOf(used.keySet()));
            assertEquals(
                    List.of(ForkJoinLesson.MIN_LEAF, 4L, 3),
                    List.of(used.get("threshold"), used.get("leaves"), used.get("workers")));
            assertTrue((long) used.get("steals") >= 1, "the root's hand-over at least: " + used);
        }
        try (ForkJoinSum strategy = new ForkJoinSum(2, OptionalLong.of(1000))) {
            strategy.sum(Workload.of(20_000, 1));
            assertEquals(32L, strategy.settings().get("leaves"));
            // An empty workload is a call too: its settings replace the last call's.
            strategy.sum(Workload.of(0, 1));
            assertEquals(Map.of("threshold", 1000L, "leaves", 1L, "workers", 2, "steals", 0L), strategy.settings());
        }
    }

    @ParameterizedTest(name = "new ForkJoinSum({0}, OptionalLong.of({1}))")
    @CsvSource({
        "0, 1000, '--workers must be at least 1, was 0'",
        "-2, 1000, '--workers must be at least 1, was -2'",
        "40000, 1000, '--workers must be at most 32767, was 40000'",
        "2, 0, '--threshold must be at least 1, was 0'",
        "2, -7, '--threshold must be at least 1, was -7'"
    })
    void badKnobsAreRefusedByName(int workers, long threshold, String message) {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class, () -> new ForkJoinSum(workers, OptionalLong.of(threshold)).close());
        assertEquals(message, refused.getMessage());
    }

    /* Eight to sixteen leaves per worker where n is large enough; below that, leaves of MIN_LEAF. */
    @Test
    void theAutomaticThresholdGivesEightToSixteenLeavesPerWorkerButNoLeafUnderMinLeaf() {
        assertEquals(62_500_000, ForkJoinLesson.automaticThreshold(1_000_000_000, 2));
        assertEquals(ForkJoinLesson.MIN_LEAF, ForkJoinLesson.automaticThreshold(10_000, 2));
        assertEquals(ForkJoinLesson.MIN_LEAF, ForkJoinLesson.automaticThreshold(0, 1));
        for (int workers = 1; workers <= 8; workers++) {
            for (long n : new long[] {1_000_003, 10_000_019, 123_456_789, 1_000_000_000}) {
                long threshold = ForkJoinLesson.automaticThreshold(n, workers);
                long leaves = ForkJoinLesson.leafCount(n, threshold);
                String what = "n = " + n + ", " + workers + " workers: " + leaves + " leaves";
                if (n / (8L * workers) >= ForkJoinLesson.MIN_LEAF) {
                    assertTrue(leaves >= 8L * workers && leaves < 16L * workers, what);
                } else {
                    assertEquals(ForkJoinLesson.MIN_LEAF, threshold, what);
                }
            }
        }
    }

    @Test
    void leafCountMatchesTheSplitInCompute() {
        assertEquals(256, ForkJoinLesson.leafCount(20_000, 100)); // 20000 / 2^8 = 78 <= 100 < 156
        assertEquals(8, ForkJoinLesson.leafCount(20_000, 4096));
        assertEquals(1, ForkJoinLesson.leafCount(20_000, 20_000));
        assertEquals(1, ForkJoinLesson.leafCount(0, 1));
        for (long n : new long[] {1, 2, 3, 7, 1009, 200_003}) {
            assertEquals(n, ForkJoinLesson.leafCount(n, 1), "threshold 1: one leaf per number");
        }
        for (long n : new long[] {100_003, 1_000_000, 3_000_017}) {
            assertEquals(leavesOf(0, n, 1000).size(), ForkJoinLesson.leafCount(n, 1000), "n = " + n);
        }
    }

    private static CommandLineRun commandLine(String... args) {
        return CommandLineRun.of(new ForkJoinLesson()::commandLine, args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "--workers 0      | --workers must be at least 1, was 0",
                "--workers 40000  | --workers must be at most 32767, was 40000",
                "--threshold 0    | --threshold must be at least 1, was 0",
                "--threshold -5   | --threshold must be at least 1, was -5",
                "--threshold 1.5  | '1.5' is not a whole number"
            })
    void badOptionsExitWith2AndOneLine(String args, String message) {
        CommandLineRun result = commandLine((args.trim() + " --n 1000 --repeat 1 --warmup 0").split("\\s+"));
        result.assertRefused(message);
        assertTrue(result.err().startsWith("04-forkjoin: "), result.err());
    }

    @Test
    void theJsonLineHasTheOracleSumAndTheThresholdLeavesAndStealsUsed() {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        String common = "--n 1000003 --seed 20261126 --lo -3 --hi 17 --workers 4 --json --verify --repeat 1 --warmup 0";

        CommandLineRun automatic = commandLine(common.split(" "));
        assertEquals(0, automatic.exitCode(), automatic.err());
        assertTrue(automatic.out().contains("\"sum\":" + Oracle.sum(workload) + ","), automatic.out());
        assertTrue(automatic.out().contains("\"oracle_agrees\":true"), automatic.out());
        long threshold = ForkJoinLesson.automaticThreshold(1_000_003, 4);
        assertTrue(
                automatic
                        .out()
                        .contains("\"workers\":4,\"threshold\":" + threshold + ",\"leaves\":"
                                + ForkJoinLesson.leafCount(1_000_003, threshold)
                                + ",\"steals\":"),
                automatic.out());

        CommandLineRun chosen = commandLine((common + " --threshold 1e3").split(" "));
        assertEquals(0, chosen.exitCode(), chosen.err());
        assertTrue(chosen.out().contains("\"threshold\":1000,\"leaves\":1024,"), chosen.out());
        assertTrue(chosen.out().contains("\"sum\":" + Oracle.sum(workload) + ","), chosen.out());
    }

    @Test
    void theReportShowsTheSettingsUsed() {
        CommandLineRun run = commandLine("--n", "20000", "--workers", "2", "--threshold", "1000", "--repeat", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*threshold 1000, leaves 32, steals [1-9][0-9]*\n.*"), run.out());
        assertTrue(run.out().matches("(?s).*workers +2 on \\d+ cores.*"), run.out());
    }

    @Test
    void helpNamesTheThresholdAndTheLabs() {
        CommandLineRun run = commandLine("--help");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("--threshold"), run.out());
        assertTrue(run.out().contains("./workbook lab 04 fixed-cost"), run.out());
    }
}
