package workbook.virtual.lab;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Report;
import workbook.harness.WholeNumber;

/*
 * Lab 05 thread-cost: what a virtual thread saves, measured. The waiting lab shows that a platform
 * thread per chunk waits about as fast as a virtual thread per chunk; the difference is in what
 * each thread costs to keep and to start, and in how many operating-system threads carry them.
 *
 * For each kind of thread the lab parks --threads of them at once (each blocks on a latch until
 * the lab releases it) and reads, while they are parked and after a full collection:
 *   - the heap in use (a virtual thread's frames live on the heap while it is unmounted);
 *   - the process's resident memory, VmRSS in /proc/self/status: the pages it has touched, which
 *     include a platform thread's stack as far as it has been used (the kernel's own memory per
 *     thread is not in it);
 *   - its address space, VmSize: a platform thread reserves a whole stack (-Xss, 1 MB by default on
 *     Linux x64), though it touches only its top pages;
 *   - the operating-system threads in the process (Threads in /proc/self/status), and for virtual
 *     threads the carriers they were mounted on (a virtual thread's toString names its carrier).
 * Each figure is the difference from the moment before the threads started, divided by --threads.
 * It also times two ways of starting threads, per thread: until all --threads are parked at once
 * (so the last start happens beside thousands of live threads, as in the waiting lab), and
 * starting and joining --threads threads that do nothing (few are ever alive at once).
 *
 * The memory columns need Linux's /proc; elsewhere they read "-". The threads park a few frames
 * deep; a server's threads park deeper, which costs a virtual thread more heap.
 */
@Command(
        name = "thread-cost",
        header = "what a thread costs to keep and to start: --threads parked virtual threads against platform ones",
        description = "Parks --threads virtual threads, then as many platform threads, and reports per thread the"
                + " heap, resident memory and address space they hold, the OS threads and carriers behind them,"
                + " and what starting and joining one costs.")
public final class ThreadCost implements Lab {
    private static final Path STATUS = Path.of("/proc/self/status");

    @Option(
            names = "--threads",
            paramLabel = "COUNT",
            converter = WholeNumber.Int.class,
            description = "how many threads to park at once, 1 to 50000 (default: ${DEFAULT-VALUE})")
    int threads = 10_000;

    @Option(
            names = "--repeat",
            paramLabel = "RUNS",
            converter = WholeNumber.Int.class,
            description = "measured rounds per kind of thread (default: ${DEFAULT-VALUE})")
    int repeat = 5;

    @Option(
            names = "--warmup",
            paramLabel = "RUNS",
            converter = WholeNumber.Int.class,
            description = "rounds per kind run first and not counted (default: ${DEFAULT-VALUE})")
    int warmup = 2;

    /** The two kinds of thread, and how to build one. */
    enum Kind {
        VIRTUAL("virtual"),
        PLATFORM("platform");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        Thread.Builder builder() {
            return this == VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform();
        }
    }

    /** What the process held while {@code threads} threads were parked, against just before. */
    record Parked(
            int threads,
            double startNanosPerThread,
            long heapBytes,
            OptionalLong residentBytes,
            OptionalLong addressBytes,
            OptionalLong osThreads,
            int carriers) {}

    @Override
    public void run(LabReport report) throws InterruptedException {
        if (threads < 1 || threads > 50_000) {
            throw new IllegalArgumentException("--threads must be from 1 to 50000, was " + threads);
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, was " + repeat);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative, was " + warmup);
        }
        LabTable table = report.add(LabTable.titled(
                        "What " + Report.grouped(threads) + " parked threads hold, and what starting one costs")
                .measured("memory per thread: median over " + repeat + " rounds of parking them all at once, each"
                        + " after a full GC, against just before; start and join: median of " + repeat
                        + " rounds after " + warmup + " warm-up")
                .columns(
                        "threads",
                        "OS threads in the JVM, parked",
                        "carriers used",
                        "heap per thread",
                        "resident memory per thread",
                        "address space per thread",
                        "start, all kept alive, per thread",
                        "start and join, per thread"));
        for (Kind kind : Kind.values()) {
            report.progress(Report.grouped(threads) + " " + kind.label + " threads: " + (warmup + repeat)
                    + " rounds of parking, then of starting and joining");
            List<Parked> rounds = new ArrayList<>();
            for (int round = 0; round < warmup + repeat; round++) {
                Parked parked = park(kind, threads);
                if (round >= warmup) {
                    rounds.add(parked);
                }
            }
            double[] startNanos = new double[repeat];
            for (int round = 0; round < warmup + repeat; round++) {
                double perThread = startAndJoin(kind, threads);
                if (round >= warmup) {
                    startNanos[round - warmup] = perThread;
                }
            }
            Parked typical = rounds.get(rounds.size() / 2);
            table.row(
                    Report.grouped(threads) + " " + kind.label,
                    typical.osThreads().isPresent()
                            ? Report.grouped(typical.osThreads().getAsLong())
                            : "-",
                    kind == Kind.VIRTUAL ? String.valueOf(typical.carriers()) : "(each its own)",
                    bytes(median(rounds.stream().mapToDouble(Parked::heapBytes).toArray()) / threads),
                    perThread(rounds.stream().map(Parked::residentBytes).toList(), threads),
                    perThread(rounds.stream().map(Parked::addressBytes).toList(), threads),
                    Report.micros(median(rounds.stream()
                            .mapToDouble(Parked::startNanosPerThread)
                            .toArray())),
                    Report.micros(median(startNanos)));
        }
        table.note("OS threads: the process's own (GC, compiler, the lab's main thread ...) plus those the parked"
                + " threads need. Resident memory and address space come from /proc/self/status (VmRSS, VmSize).");
    }

    /*
     * Parks `count` threads at once and reads what the process holds, against the moment before
     * they started. Every thread records the carrier it is mounted on, counts down `parked`, and
     * waits for `release`; the figures are read after a full GC, while all of them wait.
     */
    static Parked park(Kind kind, int count) throws InterruptedException {
        Status before = settled();
        long heapBefore = heapAfterGc();
        CountDownLatch parked = new CountDownLatch(count);
        CountDownLatch release = new CountDownLatch(1);
        Set<String> carriers = ConcurrentHashMap.newKeySet();
        Runnable waitForRelease = () -> {
            String text = Thread.currentThread().toString();
            int at = text.lastIndexOf('@');
            if (Thread.currentThread().isVirtual() && at >= 0) {
                carriers.add(text.substring(at + 1));
            }
            parked.countDown();
            awaitUninterruptibly(release);
        };
        Thread.Builder builder = kind.builder();
        List<Thread> started = new ArrayList<>(count);
        try {
            long begin = System.nanoTime();
            for (int i = 0; i < count; i++) {
                started.add(builder.start(waitForRelease));
            }
            parked.await();
            double startNanosPerThread = (System.nanoTime() - begin) / (double) count;
            long heapParked = heapAfterGc();
            Status during = Status.read();
            return new Parked(
                    count,
                    startNanosPerThread,
                    heapParked - heapBefore,
                    difference(before.residentBytes(), during.residentBytes()),
                    difference(before.addressBytes(), during.addressBytes()),
                    during.threads(),
                    carriers.size());
        } finally {
            release.countDown();
            for (Thread thread : started) {
                thread.join();
            }
        }
    }

    /* Starts `count` threads that do nothing, joins them all, and returns the time per thread. */
    static double startAndJoin(Kind kind, int count) throws InterruptedException {
        Thread.Builder builder = kind.builder();
        Thread[] started = new Thread[count];
        Runnable nothing = () -> {};
        long begin = System.nanoTime();
        for (int i = 0; i < count; i++) {
            started[i] = builder.start(nothing);
        }
        for (Thread thread : started) {
            thread.join();
        }
        return (System.nanoTime() - begin) / (double) count;
    }

    /** The lines of /proc/self/status the lab reads; each empty where the file is missing. */
    record Status(OptionalLong residentBytes, OptionalLong addressBytes, OptionalLong threads) {
        static Status read() {
            try {
                return parse(Files.readString(STATUS));
            } catch (java.io.IOException | UnsupportedOperationException notLinux) {
                return new Status(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
            }
        }

        /* "VmRSS:     123456 kB" and the like; kB are 1024 bytes there. */
        static Status parse(String status) {
            return new Status(
                    field(status, "VmRSS:").stream().map(kb -> kb * 1024).findFirst(),
                    field(status, "VmSize:").stream().map(kb -> kb * 1024).findFirst(),
                    field(status, "Threads:"));
        }

        private static OptionalLong field(String status, String name) {
            return status.lines()
                    .filter(line -> line.startsWith(name))
                    .map(line -> line.substring(name.length()).trim().split("\\s+")[0])
                    .mapToLong(Long::parseLong)
                    .findFirst();
        }
    }

    /*
     * The process's status once its thread count has stopped changing. join() returns when a Java
     * thread has ended, but its operating-system thread may still be on its way out, holding its
     * stack: read too early, "before" would count the last round's threads and shrink every
     * difference. Waits until 5 readings 20 ms apart agree, at most 10 s.
     */
    private static Status settled() throws InterruptedException {
        Status last = Status.read();
        int unchanged = 0;
        for (int reading = 0; reading < 500 && unchanged < 5; reading++) {
            Thread.sleep(20);
            Status now = Status.read();
            unchanged = now.threads().equals(last.threads()) ? unchanged + 1 : 0;
            last = now;
        }
        return last;
    }

    private static OptionalLong difference(OptionalLong before, OptionalLong after) {
        return before.isPresent() && after.isPresent()
                ? OptionalLong.of(after.getAsLong() - before.getAsLong())
                : OptionalLong.empty();
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String perThread(List<OptionalLong> rounds, int threads) {
        if (rounds.stream().anyMatch(OptionalLong::isEmpty)) {
            return "-";
        }
        return bytes(median(rounds.stream().mapToDouble(OptionalLong::getAsLong).toArray()) / threads);
    }

    /* Bytes as "312 B", "1.3 KB" or "1,028 KB" (KB of 1024 bytes, as /proc reports them). */
    static String bytes(double bytes) {
        if (Math.abs(bytes) < 1024) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        double kb = bytes / 1024;
        return String.format(Locale.ROOT, Math.abs(kb) < 100 ? "%.1f KB" : "%,.0f KB", kb);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
