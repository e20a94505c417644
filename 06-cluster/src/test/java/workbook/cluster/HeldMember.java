package workbook.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import workbook.cluster.members.ChunkRuns;

/*
 * `./workbook lesson 06 member ARGS`, run by AcrossHostsTest in a JVM (and a network namespace) of
 * its own, with one addition: a test can hold the chunks this member starts, by lines on its
 * standard input.
 *
 *   hold      every chunk that starts from now on prints "holding chunk N [from, to)" and waits
 *   release   the waiting chunks go on, and later ones run at once
 */
final class HeldMember {
    private static volatile CountDownLatch gate;

    private HeldMember() {}

    public static void main(String[] args) {
        ChunkRuns.beforeEachChunk(chunk -> {
            CountDownLatch closed = gate;
            if (closed != null) {
                System.out.println("holding " + chunk);
                System.out.flush();
                try {
                    closed.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Thread.ofPlatform().daemon().name("test commands").start(HeldMember::readCommands);
        System.exit(new ClusterLesson()
                .commandLine(Stream.concat(Stream.of("member"), Stream.of(args)).toArray(String[]::new)));
    }

    private static void readCommands() {
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                switch (command.strip()) {
                    case "hold" -> gate = new CountDownLatch(1);
                    case "release" -> {
                        CountDownLatch closed = gate;
                        gate = null;
                        if (closed != null) {
                            closed.countDown();
                        }
                    }
                    default -> System.out.println("unknown command: " + command);
                }
            }
        } catch (IOException standardInputGone) {
            // the test has ended; the member is killed next
        }
    }
}
