package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import workbook.workshop.HangDiagnosis.DumpedThread;
import workbook.workshop.HangDiagnosis.LearnerFiles;

class HangDiagnosisTest {
    private static final LearnerFiles LEARNER =
            new LearnerFiles(Map.of("workbook/threads/Work.java", "02-x/src/exercise/java/workbook/threads/Work.java"));

    /** A dump as the JDK writes it: a caller in take(), a worker computing, an idle pool thread, a virtual thread. */
    private static final String DUMP = """
            {"threadDump": {"processId": "1", "threadContainers": [
              {"container": "<root>", "threads": [
                {"tid": "3", "name": "main", "state": "WAITING", "parkBlocker": {"object": "x"}, "stack": [
                  "java.base\\/jdk.internal.misc.Unsafe.park(Native Method)",
                  "java.base\\/java.util.concurrent.locks.LockSupport.park(LockSupport.java:369)",
                  "java.base\\/java.util.concurrent.ArrayBlockingQueue.take(ArrayBlockingQueue.java:421)",
                  "workbook.threads.Work.collect(Work.java:40)",
                  "workbook.threads.Work.sum(Work.java:20)",
                  "workbook.threads.WorkTest.sums(WorkTest.java:9)"]},
                {"tid": "31", "name": "worker-1", "state": "RUNNABLE", "stack": [
                  "workbook.harness.Workload.sumRange(Workload.java:120)",
                  "workbook.threads.Work.lambda$start$0(Work.java:30)",
                  "java.base\\/java.lang.Thread.run(Thread.java:1474)"]},
                {"tid": "32", "name": "pool-1-thread-1", "state": "WAITING", "stack": [
                  "java.base\\/jdk.internal.misc.Unsafe.park(Native Method)",
                  "java.base\\/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
                  "java.base\\/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1070)"]}
              ]},
              {"container": "java.util.concurrent.ThreadPerTaskExecutor@1", "threads": [
                {"tid": "40", "virtual": true, "name": "", "state": "BLOCKED", "blockedOn": "java.lang.Object@2", "stack": [
                  "workbook.threads.Work.locked(Work.java:50)",
                  "java.base\\/java.lang.VirtualThread.run(VirtualThread.java:460)"]}
              ]}
            ]}}
            """;

    @Test
    void theHeadlineNamesTheCallerWhatItWaitsInTheLearnersLineAndTheWorkers() {
        List<DumpedThread> threads = HangDiagnosis.threads(DUMP);
        assertEquals(4, threads.size());
        HangDiagnosis.Context context =
                new HangDiagnosis.Context(Set.of(3L), Set.of(), 3, 1, Map.of(40L, "main"), List.of());
        List<String> lines = HangDiagnosis.describe(threads, LEARNER, context);
        assertEquals(
                "The thread that called Work.sum() (main) is WAITING in ArrayBlockingQueue.take() at"
                        + " 02-x/src/exercise/java/workbook/threads/Work.java:40; 1 of 3 workers have ended, and 1 virtual"
                        + " thread is in your code.",
                lines.getFirst());
        String all = String.join("\n", lines);
        assertTrue(
                all.contains(
                        "  worker-1  RUNNABLE  at 02-x/src/exercise/java/workbook/threads/Work.java:30, in a lambda in"
                                + " Work.start(): still computing"),
                all);
        assertTrue(
                all.contains("  virtual thread #40  BLOCKED  at 02-x/src/exercise/java/workbook/threads/Work.java:50,"
                        + " waiting for a lock held by main"),
                all);
        assertTrue(
                all.contains("  pool-1-thread-1  WAITING  in LinkedBlockingQueue.take() (a thread started during this"
                        + " case, not running your code now)"),
                all);
    }

    @Test
    void withoutTheLearnersCodeOnAnyStackTheDiagnosisSaysSo() {
        List<DumpedThread> threads = HangDiagnosis.threads(DUMP);
        LearnerFiles nobody = new LearnerFiles(Map.of());
        assertTrue(!HangDiagnosis.learnerCodeRuns(threads, nobody));
        HangDiagnosis.Context context =
                new HangDiagnosis.Context(Set.of(3L, 31L, 32L), Set.of(), 0, 0, Map.of(), List.of());
        assertTrue(HangDiagnosis.describe(threads, nobody, context)
                .getFirst()
                .startsWith("None of your code is on any thread's stack"));
    }

    @Test
    void framesAreReadAsTheJdkWritesThem() {
        HangDiagnosis.Frame frame = HangDiagnosis.Frame.parse("java.base/java.lang.Thread.join(Thread.java:2072)");
        assertEquals(new HangDiagnosis.Frame("java.lang.Thread", "join", "Thread.java", 2072), frame);
        assertEquals("Thread.join()", frame.call());
        assertEquals(
                "Unsafe.park()",
                HangDiagnosis.Frame.parse("java.base/jdk.internal.misc.Unsafe.park(Native Method)")
                        .call());
        assertEquals(
                "AbstractQueuedSynchronizer.ConditionObject.await()",
                HangDiagnosis.Frame.parse(
                                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1752)")
                        .call());
    }

    /*
     * The JDK writes every value as a string, but a number, an escape or a missing field must not
     * lose a thread: ids as numbers or strings, JSON escapes in names and frames, no name, no state.
     */
    @Test
    void jsonNumbersStringsEscapesAndMissingFieldsAreReadAsTheyMean() {
        List<DumpedThread> threads = HangDiagnosis.threads("""
                {"threadDump": {"threadContainers": [{"container": "<root>", "threads": [
                  {"tid": 7, "name": "w\\u0041 \\"x\\"\\n", "virtual": true, "state": "RUNNABLE", "stack": [
                    "a.b.C.d(C.java:12)"], "blockedOn": null},
                  {"tid": "8", "stack": []},
                  {"name": "no id", "virtual": false}
                ]}]}}
                """);
        assertEquals(
                List.of(
                        new DumpedThread(
                                7,
                                "wA \"x\"\n",
                                true,
                                "RUNNABLE",
                                List.of(new HangDiagnosis.Frame("a.b.C", "d", "C.java", 12)),
                                null),
                        new DumpedThread(8, null, false, "UNKNOWN", List.of(), null),
                        new DumpedThread(-1, "no id", false, "UNKNOWN", List.of(), null)),
                threads);
        assertEquals("virtual thread #9", new DumpedThread(9, "", true, "RUNNABLE", List.of(), null).shownName());
    }

    @Test
    void aDumpThatIsNotJsonIsRefusedWithOneLine() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class, () -> HangDiagnosis.threads("Full thread dump OpenJDK 64-Bit Server VM"));
        assertTrue(refused.getMessage().startsWith("the thread dump is not JSON: "), refused.getMessage());
        assertEquals(List.of(), HangDiagnosis.threads("{\"threadDump\": {}}"), "no containers, no threads");
    }
}
