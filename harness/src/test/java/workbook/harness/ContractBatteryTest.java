package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The battery itself must catch broken strategies, or it proves nothing. */
class ContractBatteryTest {

    /** A correct reference: the harness's own loop, split over threads like lesson 02. */
    static long sumWithThreads(Workload workload, int workers) throws InterruptedException {
        List<Chunk> chunks = Chunk.split(workload.n(), workers);
        long[] partials = new long[workers];
        Throwable[] failures = new Throwable[workers];
        List<Thread> threads = new ArrayList<>();
        for (Chunk chunk : chunks) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    partials[chunk.index()] = chunk.sum(workload);
                } catch (Throwable failure) {
                    failures[chunk.index()] = failure;
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (Throwable failure : failures) {
            if (failure != null) {
                throw new IllegalStateException("a worker failed", failure);
            }
        }
        long total = 0;
        for (long partial : partials) {
            total += partial;
        }
        return total;
    }

    @TestFactory
    Stream<DynamicNode> aCorrectStrategyPassesTheWholeBattery() {
        return ContractBattery.of(workers -> workload -> sumWithThreads(workload, workers))
                .workers(1, 3)
                .tests();
    }

    @Test
    void droppingTheRemainderIsCaughtAndNamed() {
        List<String> failures = failuresOf(ContractBattery.of(workers -> workload -> {
                    long chunkSize = workload.n() / workers; // the tutorial's N/4
                    long total = 0;
                    for (int w = 0; w < workers; w++) {
                        total += workload.sumRange(w * chunkSize, (w + 1) * chunkSize);
                    }
                    return total;
                })
                .workers(4));
        assertTrue(failures.stream().anyMatch(message -> message.contains("n % workers")), String.join("\n", failures));
    }

    @Test
    void swallowingAFailureIsCaught() {
        List<String> failures = failuresOf(ContractBattery.of(workers -> workload -> {
                    try {
                        return workload.sumAll();
                    } catch (Workload.InjectedFault ignored) {
                        return 0;
                    }
                })
                .workers(1));
        assertEquals(ContractBattery.faultCases(1).size(), failures.size(), String.join("\n", failures));
        assertTrue(failures.getFirst().contains("partial sum"), failures.getFirst());
    }

    @Test
    void waitingForeverForAFailedWorkerIsCaught() {
        List<String> failures = failuresOf(ContractBattery.of(workers -> workload -> {
                    if (workload.faultAt() >= 0) {
                        new CountDownLatch(1).await(); // a result that never comes
                    }
                    return workload.sumAll();
                })
                .workers(1)
                .hangLimit(Duration.ofMillis(300)));
        assertEquals(ContractBattery.faultCases(1).size(), failures.size(), String.join("\n", failures));
        assertTrue(failures.getFirst().contains("must not leave the main thread blocked"), failures.getFirst());
    }

    @Test
    void aThreadLeftRunningIsCaught() {
        List<String> failures = failuresOf(ContractBattery.of(workers -> workload -> {
                    if (workload.n() == 97) {
                        Thread.ofPlatform().name("forgotten-worker").start(() -> {
                            try {
                                Thread.sleep(2_000);
                            } catch (InterruptedException ignored) {
                                Thread.currentThread().interrupt();
                            }
                        });
                    }
                    return workload.sumAll();
                })
                .workers(1)
                .threadExitGrace(Duration.ofMillis(200)));
        assertEquals(1, failures.size(), String.join("\n", failures));
        assertTrue(failures.getFirst().contains("forgotten-worker"), failures.getFirst());
    }

    @Test
    void virtualThreadsAndTheirSchedulerAreNotLeftovers() throws InterruptedException {
        java.util.Set<Thread> before = LeftoverThreads.snapshot();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                executor.submit(() -> {
                    Thread.sleep(5); // parks: makes the scheduler start its helper threads
                    return null;
                });
            }
        }
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ofMillis(200)));
    }

    @Test
    void checkingOnlyTheMiddleOfAPieceIsCaughtAtItsEdges() {
        // A strategy that sums each chunk but lets a fault at a chunk's first or last number pass.
        List<String> failures = failuresOf(ContractBattery.of(workers -> workload -> {
                    long total = 0;
                    for (Chunk chunk : Chunk.split(workload.n(), workers)) {
                        long fault = workload.faultAt();
                        boolean atAnEdge = fault == chunk.from() || fault == chunk.to() - 1;
                        total += atAnEdge
                                ? Workload.of(workload.n(), workload.seed()).sumRange(chunk.from(), chunk.to())
                                : chunk.sum(workload);
                    }
                    return total;
                })
                .workers(2));
        assertEquals(4, failures.size(), () -> "first and last number of both chunks:\n" + String.join("\n", failures));
    }

    @Test
    void faultCasesCoverTheFirstMiddleAndLastNumberOfTheFirstAndLastChunk() {
        List<ContractBattery.FaultCase> cases = ContractBattery.faultCases(3);
        List<Long> indexes =
                cases.stream().map(fault -> fault.workload().faultAt()).toList();
        // Chunk.split(100_003, 3): [0, 33335), [33335, 66669), [66669, 100003).
        assertEquals(List.of(0L, 16_667L, 33_334L, 66_669L, 83_336L, 100_002L), indexes);
    }

    @Test
    void batteryCoversTheCasesTheDesignNames() {
        List<Workload> workloads =
                ContractBattery.of(workers -> Workload::sumAll).workloadsFor(8);
        assertTrue(workloads.stream().anyMatch(w -> w.n() == 0));
        assertTrue(workloads.stream().anyMatch(w -> w.n() == 1));
        assertTrue(workloads.stream().anyMatch(w -> w.n() > 0 && w.n() < 8), "n smaller than the workers");
        assertTrue(workloads.stream().anyMatch(w -> w.n() % 8 == 7), "n not divisible by the workers");
        assertTrue(workloads.stream().anyMatch(w -> w.n() >= 10_000_000), "a large n");
        assertTrue(workloads.stream().anyMatch(w -> w.lo() == w.hi()));
        assertTrue(workloads.stream().anyMatch(w -> w.hi() < 0), "a negative range");
        assertTrue(workloads.stream().anyMatch(w -> w.lo() == Integer.MIN_VALUE && w.hi() == Integer.MAX_VALUE));
        assertTrue(workloads.stream().map(Workload::seed).distinct().count() >= 5, "several seeds");
    }

    /** Runs every case of the battery and returns "name: message" for each that failed. */
    static List<String> failuresOf(ContractBattery battery) {
        List<String> failures = new ArrayList<>();
        battery.tests().forEach(node -> collect(node, failures));
        return failures;
    }

    private static void collect(DynamicNode node, List<String> failures) {
        if (node instanceof DynamicContainer container) {
            container.getChildren().forEach(child -> collect(child, failures));
        } else if (node instanceof DynamicTest test) {
            try {
                test.getExecutable().execute();
            } catch (Throwable failure) {
                failures.add(test.getDisplayName() + ": " + failure.getMessage());
            }
        }
    }
}
