package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The hang watch on a real hang in this very JVM, with this test file standing in for the
 * learner's: the test's thread waits on a latch nobody counts down, one worker has ended, one
 * platform worker and one virtual thread wait on it too. The watch, told the case started, must
 * take the dump once the case passes its limit and read it: the caller, what it waits in and
 * where, the workers, and the virtual thread.
 */
@Isolated // it reads the threads of this whole JVM
class HangWatchTest {
    private static final String THIS_FILE = "workbook/workshop/HangWatchTest.java";

    @Test
    void aCaseThatPassesItsLimitIsReadFromARealThreadDumpVirtualThreadsIncluded(@TempDir Path dumps)
            throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<HangWatch.Hang> reported = new AtomicReference<>();
        HangWatch watch = new HangWatch(
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                new HangDiagnosis.LearnerFiles(Map.of(THIS_FILE, "learner/HangWatchTest.java")),
                dumps,
                hang -> {
                    reported.set(hang);
                    never.countDown(); // lets every waiting thread go, so the test ends
                });
        watch.start();
        watch.started("HangWatchTest > the case", true, null);
        Thread ended = Thread.ofPlatform().name("worker-ended").start(() -> {});
        ended.join();
        Thread waiting = Thread.ofPlatform().name("worker-waiting").start(() -> awaitQuietly(never));
        Thread virtual = Thread.ofVirtual().start(() -> awaitQuietly(never));
        // Safety only: the watch speaks after its 1 s limit and counts the latch down.
        assertTrue(never.await(2, TimeUnit.MINUTES), "the watch never reported the hang");
        waiting.join();
        virtual.join();
        HangWatch.Hang hang = reported.get();
        assertNotNull(hang);
        String all = String.join("\n", hang.lines());
        String caller = Thread.currentThread().getName();
        assertTrue(
                hang.lines().getFirst().startsWith("The thread that called HangWatchTest.")
                        && hang.lines().getFirst().contains("(" + caller + ") is ")
                        && hang.lines().getFirst().contains("in CountDownLatch.await() at learner/HangWatchTest.java:"),
                all);
        assertTrue(hang.lines().getFirst().contains("1 of 2 workers have ended"), all);
        assertTrue(hang.lines().getFirst().contains("1 virtual thread is in your code"), all);
        assertTrue(
                all.contains("  worker-waiting  WAITING  in CountDownLatch.await() at learner/HangWatchTest.java:"),
                all);
        assertTrue(
                all.contains("  virtual thread #" + virtual.threadId() + "  WAITING  in CountDownLatch.await()"), all);
        assertNotNull(hang.jsonDump());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
