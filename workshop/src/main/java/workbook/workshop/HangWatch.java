package workbook.workshop;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import workbook.workshop.HangDiagnosis.DumpedThread;
import workbook.workshop.HangDiagnosis.LearnerFiles;

/**
 * Watches the cases of a lesson's test run, inside the test JVM, and explains the first one that
 * hangs.
 *
 * <p>Every case (a test) has a limit, the check's {@code --case-timeout} (10 s by default), or the
 * case's own JUnit {@code @Timeout} plus a margin when that is longer. When a case passes its
 * limit, the watch takes a thread dump of this JVM (platform and virtual threads). If some thread
 * is in the learner's code, that is the hang: the watch hands the dump's reading to the run, which
 * reports it and ends. If none is (the test itself is waiting, for instance for leftover threads
 * to end), the case gets more time, up to {@link #hardLimit}, and is looked at again every few
 * seconds. Between cases (a class's setup, say) only the hard limit applies.
 *
 * <p>To count the workers a case started, the watch notes the platform threads alive when the
 * case starts and looks for new ones every {@value #POLL_MILLIS} ms (ids and names only, no stack
 * walk); a thread too short-lived to be seen between two looks is still counted, through the
 * JVM's count of started threads, as a worker that has ended.
 */
final class HangWatch {
    static final long POLL_MILLIS = 25;
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(5);
    /** Added to a case's own @Timeout, so that JUnit's timeout, when there is one, speaks first. */
    private static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(5);

    /** The first case that hung: its path, how long it had run, the lines for the learner, the dumps. */
    record Hang(String test, long millis, List<String> lines, Path jsonDump, Path textDump) {}

    private record Running(String path, boolean test, Duration limit) {}

    private final Duration caseLimit;
    private final Duration hardLimit;
    private final LearnerFiles learner;
    private final Path dumpDir;
    private final Consumer<Hang> onHang;
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();

    private final Deque<Running> running = new ArrayDeque<>();
    private long lastEventNanos = System.nanoTime();
    private long nextLookNanos;
    private Set<Long> aliveAtCaseStart = Set.of();
    private long startedCountAtCaseStart;
    private final Map<Long, String> seenSinceCaseStart = new LinkedHashMap<>();
    private boolean reported;

    HangWatch(Duration caseLimit, Duration hardLimit, LearnerFiles learner, Path dumpDir, Consumer<Hang> onHang) {
        this.caseLimit = caseLimit;
        this.hardLimit = hardLimit.compareTo(caseLimit) < 0 ? caseLimit : hardLimit;
        this.learner = learner;
        this.dumpDir = dumpDir;
        this.onHang = onHang;
    }

    void start() {
        Thread.ofPlatform().daemon().name("workshop-hang-watch").start(this::watch);
    }

    /** A test or container started; {@code ownTimeout} is its JUnit @Timeout, or null. */
    synchronized void started(String path, boolean test, Duration ownTimeout) {
        Duration limit = hardLimit;
        if (test) {
            limit = caseLimit;
            if (ownTimeout != null && ownTimeout.plus(TIMEOUT_MARGIN).compareTo(limit) > 0) {
                limit = ownTimeout.plus(TIMEOUT_MARGIN);
            }
            aliveAtCaseStart = ids(threadBean.getAllThreadIds());
            startedCountAtCaseStart = threadBean.getTotalStartedThreadCount();
            seenSinceCaseStart.clear();
        }
        running.push(new Running(path, test, limit));
        lastEventNanos = System.nanoTime();
        nextLookNanos = 0;
    }

    synchronized void finished() {
        running.poll();
        lastEventNanos = System.nanoTime();
        nextLookNanos = 0;
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Hang hang = look();
            if (hang != null) {
                onHang.accept(hang);
                return;
            }
        }
    }

    private synchronized Hang look() {
        Running current = running.peek();
        if (current == null || reported) {
            return null;
        }
        if (current.test()) {
            noteNewThreads();
        }
        long now = System.nanoTime();
        long elapsed = now - lastEventNanos;
        if (elapsed < current.limit().toNanos() || now < nextLookNanos) {
            return null;
        }
        try {
            Path json = fresh(dumpDir.resolve("thread-dump.json"));
            Path text = fresh(dumpDir.resolve("thread-dump.txt"));
            HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            diagnostics.dumpThreads(json.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            diagnostics.dumpThreads(text.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            List<DumpedThread> threads = HangDiagnosis.threads(Files.readString(json, StandardCharsets.UTF_8));
            boolean learnerCodeRuns = HangDiagnosis.learnerCodeRuns(threads, learner);
            if (!learnerCodeRuns && elapsed < hardLimit.toNanos()) {
                nextLookNanos = now + LOOK_AGAIN.toNanos();
                return null;
            }
            reported = true;
            List<String> lines = HangDiagnosis.describe(threads, learner, context(current.test()));
            return new Hang(current.path(), elapsed / 1_000_000, lines, json, text);
        } catch (IOException | RuntimeException e) {
            reported = true;
            return new Hang(
                    current.path(),
                    elapsed / 1_000_000,
                    List.of("(the thread dump could not be read: " + e + ")"),
                    null,
                    null);
        }
    }

    private void noteNewThreads() {
        List<Long> fresh = new ArrayList<>();
        for (long id : threadBean.getAllThreadIds()) {
            if (!aliveAtCaseStart.contains(id) && !seenSinceCaseStart.containsKey(id)) {
                fresh.add(id);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        ThreadInfo[] infos = threadBean.getThreadInfo(
                fresh.stream().mapToLong(Long::longValue).toArray(), 0);
        for (int index = 0; index < infos.length; index++) {
            seenSinceCaseStart.put(fresh.get(index), infos[index] == null ? "?" : infos[index].getThreadName());
        }
    }

    private HangDiagnosis.Context context(boolean inCase) {
        Map<Long, Thread> alive = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive()) {
                alive.put(thread.threadId(), thread);
            }
        }
        Set<Long> owned = new HashSet<>();
        alive.forEach((id, thread) -> {
            if (isOwnedByJvmOrJUnit(thread.getName(), thread.getClass().getName())) {
                owned.add(id);
            }
        });
        int started = 0;
        int ended = 0;
        if (inCase) {
            noteNewThreads();
            Map<Long, String> candidates = new LinkedHashMap<>(seenSinceCaseStart);
            alive.forEach((id, thread) -> {
                if (!aliveAtCaseStart.contains(id)) {
                    candidates.putIfAbsent(id, thread.getName());
                }
            });
            long everSeen = candidates.size();
            candidates
                    .entrySet()
                    .removeIf(entry -> owned.contains(entry.getKey())
                            || (!alive.containsKey(entry.getKey()) && isOwnedByJvmOrJUnit(entry.getValue(), "")));
            started = candidates.size();
            ended = (int) candidates.keySet().stream()
                    .filter(id -> !alive.containsKey(id))
                    .count();
            long unseen = threadBean.getTotalStartedThreadCount() - startedCountAtCaseStart - everSeen;
            if (unseen > 0) {
                started += (int) unseen;
                ended += (int) unseen;
            }
        }
        Map<Long, String> lockOwners = new HashMap<>();
        for (ThreadInfo info : threadBean.getThreadInfo(threadBean.getAllThreadIds(), 0)) {
            if (info != null && info.getLockOwnerName() != null) {
                lockOwners.put(info.getThreadId(), info.getLockOwnerName());
            }
        }
        List<String> deadlocked = new ArrayList<>();
        long[] deadlock = threadBean.findDeadlockedThreads();
        if (deadlock != null) {
            for (ThreadInfo info : threadBean.getThreadInfo(deadlock, 0)) {
                if (info != null) {
                    deadlocked.add(info.getThreadName());
                }
            }
        }
        return new HangDiagnosis.Context(Set.copyOf(aliveAtCaseStart), owned, started, ended, lockOwners, deadlocked);
    }

    /**
     * Threads that are not the learner's doing: the JVM's own, JUnit's timeout threads, the
     * virtual-thread scheduler's carriers and this watch (as the harness's LeftoverThreads counts them).
     */
    static boolean isOwnedByJvmOrJUnit(String name, String type) {
        return name.startsWith("ForkJoinPool.commonPool-worker-")
                || type.equals("jdk.internal.misc.CarrierThread")
                || type.equals("java.util.concurrent.DelayScheduler")
                || name.equals("VirtualThread-unblocker")
                || name.equals("VirtualThread-unparker")
                || name.startsWith("junit-timeout-thread")
                || name.startsWith("workshop-")
                || name.equals("Attach Listener")
                || name.equals("process reaper")
                || name.equals("Common-Cleaner")
                || name.equals("Notification Thread")
                || name.equals("Signal Dispatcher")
                || name.equals("Reference Handler")
                || name.equals("Finalizer");
    }

    private static Set<Long> ids(long[] ids) {
        Set<Long> set = new HashSet<>();
        for (long id : ids) {
            set.add(id);
        }
        return set;
    }

    private static Path fresh(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        return file;
    }
}
