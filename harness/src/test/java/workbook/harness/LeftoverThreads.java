package workbook.harness;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds threads that a piece of code started and left running. Threads the JVM or the test
 * framework own are not counted: the common fork/join pool's workers (the JVM keeps them for later
 * parallel streams), the virtual-thread scheduler's carriers and helper threads (started by the
 * first virtual thread and kept for later ones), fork/join delay schedulers (which end with their
 * pool, whose workers are counted), and JUnit's timeout threads (of {@code assertTimeoutPreemptively}
 * and of {@code @Timeout}).
 */
public final class LeftoverThreads {
    private LeftoverThreads() {}

    public static Set<Thread> snapshot() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** Names of live threads not in {@code before}, after waiting up to {@code grace} for them to end. */
    public static List<String> startedSince(Set<Thread> before, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> leftover = newThreads(before);
        while (!leftover.isEmpty() && System.nanoTime() < deadline) {
            // A thread that was joined or whose pool was closed ends within milliseconds; wait for it.
            leftover.getFirst().join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            leftover = newThreads(before);
        }
        return leftover.stream().map(Thread::getName).sorted().toList();
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> !before.contains(thread))
                .filter(thread -> !isOwnedByJvmOrJUnit(thread))
                .toList();
    }

    private static boolean isOwnedByJvmOrJUnit(Thread thread) {
        String name = thread.getName();
        String type = thread.getClass().getName();
        return name.startsWith("ForkJoinPool.commonPool-worker-")
                || type.equals("jdk.internal.misc.CarrierThread")
                || type.equals("java.util.concurrent.DelayScheduler")
                || name.equals("VirtualThread-unblocker")
                || name.equals("VirtualThread-unparker")
                || name.startsWith("junit-timeout-thread")
                || name.startsWith("junit-jupiter-timeout-watcher")
                || name.equals("Attach Listener")
                || name.equals("process reaper");
    }
}
