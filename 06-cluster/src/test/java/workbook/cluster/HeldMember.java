package workbook.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import workbook.cluster.members.ChunkRuns;

/*
 * `./workbook lesson 06 member ARGS`, run by AcrossHostsTest in a JVM (and a network namespace) of
 * its own, with two additions, both by lines on its standard input: a test can hold the chunks
 * this member starts, and can start the JVM before the member.
 *
 *   start     with WAIT_TO_START before ARGS, the member starts on this line, not before: its JVM
 *             can start while the cluster's first member does, and the member then joins that one
 *   hold      every chunk that starts from now on prints "holding chunk N [from, to)" and waits;
 *             the member says HOLDING_FROM_NOW_ON once that is so
 *   release   the waiting chunks go on, and later ones run at once
 */
final class HeldMember {
    static final String WAIT_TO_START = "--wait-to-start";
    static final String HOLDING_FROM_NOW_ON = "will hold every chunk that starts from now on";
    private static final CountDownLatch START = new CountDownLatch(1);

    private static volatile CountDownLatch gate;

    private HeldMember() {}

    public static void main(String[] args) throws InterruptedException {
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
        boolean waits = args.length > 0 && args[0].equals(WAIT_TO_START);
        if (waits) {
            START.await();
        }
        Stream<String> memberArgs = Arrays.stream(args).skip(waits ? 1 : 0);
        System.exit(new ClusterLesson()
                .commandLine(Stream.concat(Stream.of("member"), memberArgs).toArray(String[]::new)));
    }

    private static void readCommands() {
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                switch (command.strip()) {
                    case "start" -> START.countDown();
                    case "hold" -> {
                        gate = new CountDownLatch(1);
                        System.out.println(HOLDING_FROM_NOW_ON);
                        System.out.flush();
                    }
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
