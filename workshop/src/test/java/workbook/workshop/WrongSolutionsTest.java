package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slips learners make, fed through {@code ./workbook check} as a learner would make them, and
 * what the check then tells them. Each case is the lesson's solution file with one snippet
 * replaced (see {@link WrongSolution}), so it follows the lesson's code as long as the snippet is
 * there; a case whose snippet is gone fails and says so.
 *
 * <p>In an expected text, {@code {file}} stands for the learner's file as the check names it and
 * {@code {line:TEXT}} for the line of the learner's file that holds TEXT.
 *
 * <p>The cases run one lesson JVM each, stopping where a learner's check stops (after eight
 * failing cases) or, where the first failure says it all, at the first one ({@link #FIRST_FAILURE}),
 * so the whole class takes a few minutes. The per-case limit is raised for the cases expected to pass (a shared CI machine is slow,
 * and the limit only watches for hangs); the hang cases keep a short one, as a learner has.
 */
class WrongSolutionsTest {
    private static final Duration PATIENT = Duration.ofSeconds(60);
    private static final Duration HANG_LIMIT = Duration.ofSeconds(15);
    private static final int FIRST_FAILURE = 1;
    private static final int AS_LEARNER = Workshop.FAILURES_SHOWN;
    /** As with --all: every case runs and every failure is listed. */
    private static final int EVERY_CASE = 0;

    private static final String L01 = "workbook/sequential/Sequential.java";
    private static final String L02 = "workbook/threads/ThreadsAndQueue.java";
    private static final String L03 = "workbook/pool/ExecutorPool.java";
    private static final String L04 = "workbook/forkjoin/ForkJoinSum.java";
    private static final String L05 = "workbook/virtual/VirtualThreads.java";
    private static final String L07 = "workbook/simd/LaneKernel.java";

    /** A case and how its check runs. */
    private record Case(WrongSolution slip, Duration caseTimeout, boolean timing, int maxFailures, String classes) {}

    /** Not done, read as a learner reads it: up to eight failing cases. */
    private static Case fails(String lesson, String slip, String file, String snippet, String wrong, String... says) {
        return new Case(
                new WrongSolution(lesson, slip, file, snippet, wrong, 1, List.of(says)),
                PATIENT,
                false,
                AS_LEARNER,
                null);
    }

    /** Not done, and the first failing case says it all. */
    private static Case failsAtOnce(
            String lesson, String slip, String file, String snippet, String wrong, String... says) {
        return new Case(
                new WrongSolution(lesson, slip, file, snippet, wrong, 1, List.of(says)),
                PATIENT,
                false,
                FIRST_FAILURE,
                null);
    }

    /** A case hangs, with the learner's per-case limit (or a little more on a slow machine). */
    private static Case hangs(
            Duration limit, String lesson, String slip, String file, String snippet, String wrong, String... says) {
        return new Case(
                new WrongSolution(lesson, slip, file, snippet, wrong, 1, List.of(says)),
                limit,
                false,
                FIRST_FAILURE,
                null);
    }

    /** DONE, the speed debrief included (what it says is the clock's, so only the advice that is not is asserted). */
    private static Case done(String lesson, String slip, String file, String snippet, String wrong, String... says) {
        return new Case(
                new WrongSolution(lesson, slip, file, snippet, wrong, 0, List.of(says)),
                PATIENT,
                true,
                EVERY_CASE,
                null);
    }

    /** DONE, checked with --no-timing: the verdict and the advice that does not come from the clock. */
    private static Case doneUntimed(
            String lesson, String slip, String file, String snippet, String wrong, String... says) {
        return new Case(
                new WrongSolution(lesson, slip, file, snippet, wrong, 0, List.of(says)),
                PATIENT,
                false,
                EVERY_CASE,
                null);
    }

    static final List<Case> CASES = List.of(
            fails(
                    "01",
                    "the loop starts at 1",
                    L01,
                    "for (long index = 0; index < workload.n(); index++)",
                    "for (long index = 1; index < workload.n(); index++)",
                    "Lesson 01 (01-sequential): not done",
                    "(oracle) but was"),
            fails(
                    "01",
                    "an int for the offsets",
                    L01,
                    "long offsets = 0;",
                    "int offsets = 0;",
                    "not done",
                    "in [-2147483648, 2147483647]",
                    "(oracle) but was"),
            fails(
                    "01",
                    "lo added twice",
                    L01,
                    "offsets += workload.offset(",
                    "offsets += workload.scale(",
                    "not done",
                    "in [7, 7]",
                    "(oracle) but was"),
            hangs(
                    ExerciseCheck.DEFAULT_CASE_TIMEOUT,
                    "02",
                    "one take too many",
                    L02,
                    "received < chunks.size()",
                    "received <= chunks.size()",
                    "not done: a case hangs",
                    // The learner's default limit: the check ends 10 s into the hang, not minutes.
                    "was still running after 10 s",
                    "is WAITING in ArrayBlockingQueue.take() at {file}:{line:outcomes.take()}",
                    "workers have ended",
                    "The full thread dump is in 02-threads-queue/target/exercise/check/test-output.log"),
            hangs(
                    HANG_LIMIT,
                    "02",
                    "threads started and joined one at a time",
                    L02,
                    """
                    threads.add(Thread.ofPlatform()
                            .name("sum-worker-" + chunk.index())
                            .start(() -> outcomes.add(sumChunk(workload, chunk))));
                    """,
                    """
                    Thread worker = Thread.ofPlatform()
                            .name("sum-worker-" + chunk.index())
                            .start(() -> outcomes.add(sumChunk(workload, chunk)));
                    threads.add(worker);
                    worker.join();
                    """,
                    "not done: a case hangs",
                    "is WAITING in Thread.join() at {file}:{line:worker.join()}"),
            hangs(
                    HANG_LIMIT,
                    "02",
                    "a worker's failure swallowed",
                    L02,
                    "case Failure failure -> throw new IllegalStateException(failure.chunk() + \" failed\", failure.cause());",
                    "case Failure failure -> {}",
                    "not done: a case hangs",
                    "is WAITING in ArrayBlockingQueue.take() at {file}:{line:outcomes.take()}",
                    // Which case hangs first is JUnit's order; each says how many of its workers ended.
                    "workers have ended"),
            new Case(
                    new WrongSolution(
                            "02",
                            "the remainder dropped (n / workers by hand)",
                            L02,
                            "List<Chunk> chunks = Chunk.split(workload.n(), workers);",
                            "List<Chunk> chunks = Chunk.split(workload.n() - workload.n() % workers, workers);",
                            1,
                            // The lesson's own tests fail first, with plain messages; the contract's cases say why.
                            List.of("not done", "(n % workers) were dropped, the tutorial's bug")),
                    PATIENT,
                    false,
                    EVERY_CASE,
                    null),
            failsAtOnce(
                    "03",
                    "the pool never closed",
                    L03,
                    "try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {",
                    "{ ExecutorService pool = Executors.newFixedThreadPool(workers);",
                    "not done",
                    "close the pool"),
            fails(
                    "03",
                    "a task's failure swallowed",
                    L03,
                    "throw new IllegalStateException(chunks.get(i) + \" failed\", failed.getCause());",
                    "continue;",
                    "not done",
                    "a partial sum: a worker's failure must reach the caller"),
            hangs(
                    ExerciseCheck.DEFAULT_CASE_TIMEOUT,
                    "03",
                    "tasks submitted and waited for one at a time",
                    L03,
                    """
                    List<Future<Long>> futures = pool.invokeAll(jobs);
                    long total = 0;
                    for (int i = 0; i < futures.size(); i++) {
                        try {
                            total += futures.get(i).get();
                    """,
                    """
                    long total = 0;
                    for (int i = 0; i < chunks.size(); i++) {
                        try {
                            total += pool.submit(jobs.get(i)).get();
                    """,
                    "not done: a case hangs",
                    "in FutureTask.get() at {file}:{line:pool.submit(jobs.get(i)).get()}"),
            // Right, and on one thread: the verdict leaves the parallelism cases out, the advice after it names join.
            done(
                    "04",
                    "join before compute",
                    L04,
                    """
                    long rightSum = right.compute();
                    long leftSum = left.join();
                    """,
                    """
                    long leftSum = left.join();
                    long rightSum = right.compute();
                    """,
                    "Lesson 04 (04-forkjoin): DONE.",
                    "Parallelism (not part of the verdict): 1 of 2 cases that check that the work runs on several"
                            + " threads at once fails:",
                    "FAIL ForkJoinSumTest > compute sums its two halves on two threads at once",
                    "(is join() called before compute()?)",
                    "Likely cause in lesson 04: join before compute",
                    "docs/04-forkjoin.md#pitfalls",
                    "Speed (not part of the verdict)"),
            doneUntimed(
                    "04",
                    "the caller claims its offer back before summing its own half",
                    L04,
                    """
                    long rightSum = sumOnCaller(workload, middle, to, threshold);
                    return rightSum + (left.claim() ? sumOnCaller(workload, from, middle, threshold) : waitFor(left));
                    """,
                    """
                    long leftSum = left.claim() ? sumOnCaller(workload, from, middle, threshold) : waitFor(left);
                    return leftSum + sumOnCaller(workload, middle, to, threshold);
                    """,
                    "Lesson 04 (04-forkjoin): DONE.",
                    "FAIL ForkJoinSumTest > the caller and the pool thread sum their halves at once",
                    "the left half should run on the pool's thread while the caller sums the right half",
                    "Likely cause in lesson 04: join before compute",
                    "in the caller's walk"),
            fails(
                    "04",
                    "the right half starts one number late",
                    L04,
                    "RangeSum right = new RangeSum(workload, middle, to, threshold);",
                    "RangeSum right = new RangeSum(workload, middle + 1, to, threshold);",
                    "not done",
                    "Check that the chunks cover [0, n) exactly once."),
            // The lesson's tests want every chunk waiting for its reply at the same moment; a pool of two never gets
            // there.
            hangs(
                    ExerciseCheck.DEFAULT_CASE_TIMEOUT,
                    "05",
                    "a fixed pool where virtual threads belong",
                    L05,
                    "try (ExecutorService threadPerChunk = Executors.newVirtualThreadPerTaskExecutor()) {",
                    "try (ExecutorService threadPerChunk = Executors.newFixedThreadPool(2)) {",
                    "Lesson 05 (05-virtual-threads): not done: a case hangs.",
                    "WAITING in FutureTask.get() at {file}:{line:return pending.get();}",
                    "pool-"),
            new Case(
                    new WrongSolution(
                            "06",
                            "every chunk sent to the first member",
                            "workbook/cluster/ClusterSum.java",
                            "Member member = members.get(chunk.index() % members.size());",
                            "Member member = members.get(0);",
                            1,
                            List.of("not done", "FAIL ClusterSumTest > chunks really run on every member")),
                    PATIENT,
                    false,
                    FIRST_FAILURE,
                    "^(.*\\.)?ClusterSumTest$"),
            fails(
                    "07",
                    "ASHR where LSHR belongs, in the scaling",
                    L07,
                    "return mixed.lanewise(LSHR, 32).mul(span).lanewise(LSHR, 32);",
                    "return mixed.lanewise(LSHR, 32).mul(span).lanewise(jdk.incubator.vector.VectorOperators.ASHR, 32);",
                    "Lesson 07 (07-simd): not done",
                    "in [-2147483648, 2147483647]",
                    "(oracle) but was"),
            fails(
                    "07",
                    "the lanes start one number early (stateAt's + 1 left out)",
                    L07,
                    "return positions.add(1).mul(Workload.GAMMA).add(workload.seed());",
                    "return positions.mul(Workload.GAMMA).add(workload.seed());",
                    "Lesson 07 (07-simd): not done",
                    "(oracle) but was"),
            fails(
                    "07",
                    "the vector loop runs past the end of the range",
                    L07,
                    "for (; index <= to - LANES; index += LANES) {",
                    "for (; index < to; index += LANES) {",
                    "Lesson 07 (07-simd): not done",
                    "contract with one accumulator",
                    "(oracle) but was"),
            // Right, and no slower by anything a clock sees: a dozen numbers per slice of four million.
            done(
                    "07",
                    "the tail summed by the scalar loop",
                    L07,
                    "return finish(workload, from, index, to, sums.reduceLanes(ADD));",
                    "return sums.reduceLanes(ADD) + (long) workload.lo() * (index - from) + workload.sumRange(index, to);",
                    "Lesson 07 (07-simd): DONE.",
                    // Both sides are timed with the kernel the learner wrote, not the lesson's default of two.
                    "workers, --accumulators 1: the kernel you wrote"));

    /** While working on one lesson's cases: -Dwrong.only=TEXT runs only the cases whose name holds TEXT. */
    private static final String ONLY = System.getProperty("wrong.only", "");

    @TestFactory
    Stream<DynamicTest> everySlipGetsTheVerdictAndTheMessageALearnerNeeds(@TempDir Path folder) {
        Sandbox sandbox = Sandbox.of(folder, "01", "02", "03", "04", "05", "06", "07");
        return CASES.stream()
                .filter(c -> c.slip().toString().contains(ONLY))
                .map(c -> dynamicTest(c.slip().toString(), () -> check(sandbox, c)));
    }

    private static void check(Sandbox sandbox, Case c) {
        WrongSolution slip = c.slip();
        String wrong = slip.apply(sandbox.solution(slip.lesson(), slip.file()));
        // The learner's version: the exercise file with the region filled in, the slip included.
        sandbox.generated(slip.lesson()).forEach((path, text) -> sandbox.writeExercise(slip.lesson(), path, text));
        sandbox.writeExercise(slip.lesson(), slip.file(), wrong);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Workshop workshop = new Workshop(sandbox.root(), out);
        LessonModule lesson = sandbox.lesson(slip.lesson());
        int exit = workshop.check(
                lesson,
                new Workshop.CheckSettings(
                        c.maxFailures() == EVERY_CASE, c.timing(), c.caseTimeout(), c.maxFailures(), c.classes()));
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println("=== " + slip + " (exit " + exit + ")\n" + output);
        String shownFile = lesson.shown(lesson.exerciseSources().resolve(slip.file()));
        assertEquals(slip.exitCode(), exit, () -> slip + ": unexpected exit code; the check said:\n" + output);
        for (String expected : slip.expected()) {
            String wanted = fill(expected, shownFile, wrong);
            assertTrue(
                    output.contains(wanted),
                    () -> slip + ": the check should say\n  " + wanted + "\nbut said:\n" + output);
        }
    }

    private static String fill(String expected, String shownFile, String wrong) {
        String text = expected.replace("{file}", shownFile);
        Matcher line = Pattern.compile("\\{line:([^}]*)\\}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (line.find()) {
            line.appendReplacement(out, Integer.toString(WrongSolution.lineOf(wrong, line.group(1))));
        }
        line.appendTail(out);
        return out.toString();
    }
}
