package workbook.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import workbook.harness.Workload;

/*
 * Members on separate hosts, as near as one machine gets to it: every member in a network
 * namespace of its own (its own interfaces, addresses and ports, as a host has), the namespaces
 * wired to one bridge, which lives in a namespace of its own like a switch, with addresses from
 * 198.18.0.0/15 (set aside for network tests, RFC 2544) and no route to anything else. Each member
 * is a JVM started as `./workbook lesson 06 member --bind ADDR` inside its namespace, the second
 * and third with `--join OTHERS`; the lesson runs as a client from a fourth one (its three runs in
 * one JVM, LessonRuns). Nothing is bound to loopback: had a member listened only on 127.0.0.1,
 * nobody could reach it.
 *
 * It checks the oracle's exact sum on both engines, then kills one member (SIGKILL, a crash) while
 * it holds a chunk, and checks the sum again. Everything it makes (namespaces, with the links and
 * the bridge inside them, and processes) carries this run's own names and is removed in a finally
 * and, should the JVM end first, by a shutdown hook.
 *
 * It needs root and iproute2's `ip netns` (CI has both). Elsewhere it says so in one line and is
 * skipped; the rest of the suite runs.
 *
 *   ./mvnw -B -ntp -pl 06-cluster -am verify -Dtest=AcrossHostsTest -Dsurefire.failIfNoSpecifiedTests=false
 */
@Tag("separate-jvms") // starts JVMs of its own: worth leaving out of a quick check
class AcrossHostsTest {
    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final int PORT = 5701;
    private static final Workload WORKLOAD = new Workload(1_000_003, 20261126, -3, 17);

    @Test
    void membersOnThreeHostsGiveTheOracleSumAndSurviveACrash() throws Exception {
        String run = "wb06-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        String cannot = Network.whyNamespacesCannotBeMade(run);
        if (cannot != null) {
            System.err.println("AcrossHostsTest: skipped, network namespaces cannot be made here (" + cannot + ")");
        }
        assumeTrue(cannot == null, "network namespaces cannot be made here: " + cannot);

        List<ChildJvm> processes = new ArrayList<>();
        try (Network network = Network.create(run)) {
            // The lesson, as a client on the fourth host: its three runs in one JVM, started now so
            // that it is ready by the time the cluster is.
            ChildJvm client = ChildJvm.start(
                    "lesson runs",
                    network.exec("client"),
                    List.of(),
                    System.getProperty("java.class.path"),
                    LessonRuns.class.getName(),
                    List.of());
            processes.add(client);
            List<String> members = List.of("198.18.0.1", "198.18.0.2", "198.18.0.3");
            List<ChildJvm> memberJvms = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                String bind = members.get(i);
                List<String> args = new ArrayList<>();
                // As in the lesson's recipe, the first member starts a new cluster (with --join it
                // would first wait for members not started yet), and the others join it: their JVMs
                // start now, their members once the first is up.
                if (i > 0) {
                    args.add(HeldMember.WAIT_TO_START);
                }
                args.addAll(List.of("--bind", bind, "--port", Integer.toString(PORT), "--threads", "1"));
                if (i > 0) {
                    args.addAll(List.of(
                            "--join",
                            String.join(
                                    ",",
                                    members.stream()
                                            .filter(address -> !address.equals(bind))
                                            .map(address -> address + ":" + PORT)
                                            .toList())));
                }
                ChildJvm member = ChildJvm.start(
                        "member " + bind,
                        network.exec("m" + (i + 1)),
                        List.of(),
                        System.getProperty("java.class.path"),
                        HeldMember.class.getName(),
                        args);
                processes.add(member);
                memberJvms.add(member);
            }
            // The first member forms the cluster; the others then join it rather than form their own.
            memberJvms.getFirst().awaitOutput("is up", LIMIT);
            memberJvms.subList(1, 3).forEach(member -> member.send("start"));
            memberJvms.getFirst().awaitOutput("now 3 members", LIMIT);

            List<String> engines = List.of("executor", "jet");
            engines.forEach(engine -> client.send(lessonArgs(engine)));
            for (int i = 0; i < engines.size(); i++) {
                String output = outputOfRun(client, i);
                JoinedRun.assertOracleSum(output, WORKLOAD);
                assertTrue(output.contains("\"strategy\":\"" + engines.get(i) + "\","), output);
                assertTrue(
                        output.contains("\"members\":3,"),
                        () -> "the JSON line reports the three members that ran, not --members:\n" + output);
            }

            // Every member holds the chunks it starts; the third is killed while it holds one.
            for (ChildJvm member : memberJvms) {
                member.send("hold");
                member.awaitOutput(HeldMember.HOLDING_FROM_NOW_ON, LIMIT);
            }
            client.send(lessonArgs("executor"));
            ChildJvm crashing = memberJvms.get(2);
            crashing.awaitOutput("holding chunk", LIMIT);
            crashing.kill();
            memberJvms.subList(0, 2).forEach(member -> member.send("release"));
            String output = outputOfRun(client, 2);
            JoinedRun.assertOracleSum(output, WORKLOAD);
            assertTrue(
                    output.contains("runs again, its member is gone"),
                    "the crashed member's chunks must have run again:\n" + output);
        } finally {
            for (ChildJvm process : processes) {
                process.close();
            }
        }
        assertEquals(List.of(), Network.namespacesOf(run), "namespaces left behind");
    }

    /* The lesson's arguments for one run as a client of the cluster, timed once with --json and --verify. */
    private static String lessonArgs(String engine) {
        return String.join(" ", JoinedRun.args("198.18.0.1:" + PORT, engine, WORKLOAD, "--tasks", "12"));
    }

    /* What run number {@code run} of the client's JVM printed, once it has ended; it must have ended with exit 0. */
    private static String outputOfRun(ChildJvm client, int run) throws InterruptedException {
        client.awaitOutput(LessonRuns.ENDED + run + " ended", LIMIT);
        String output = client.output();
        assertTrue(output.contains(LessonRuns.ENDED + run + " ended: exit 0"), output);
        return LessonRuns.outputOf(output, run);
    }

    /*
     * The namespaces of one run: "RUN-hub" holds the bridge br0 (the switch); each host ("RUN-m1",
     * "RUN-m2", "RUN-m3", "RUN-client") has eth0, one end of a veth pair whose other end is plugged
     * into the bridge. Deleting a namespace deletes the interfaces in it, and a veth pair goes with
     * either end, so deleting the namespaces removes every link too.
     */
    static final class Network implements AutoCloseable {
        private static final List<String> HOSTS = List.of("m1", "m2", "m3", "client");
        private static final List<String> ADDRESSES = List.of("198.18.0.1", "198.18.0.2", "198.18.0.3", "198.18.0.10");

        private final String run;
        private final List<String> made = new ArrayList<>();
        private final AtomicBoolean removed = new AtomicBoolean();
        private final Thread removeAtExit;

        private Network(String run) {
            this.run = run;
            this.removeAtExit = new Thread(this::remove, "remove " + run);
            Runtime.getRuntime().addShutdownHook(removeAtExit);
        }

        /* Null if a namespace can be made and removed here; otherwise why not. */
        static String whyNamespacesCannotBeMade(String run) {
            String probe = run + "-probe";
            try {
                ip("netns", "add", probe);
                ip("netns", "del", probe);
                return null;
            } catch (IOException | RuntimeException failed) {
                return failed.getMessage() + "; it needs root and iproute2's ip";
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        static Network create(String run) throws IOException, InterruptedException {
            Network network = new Network(run);
            try {
                String hub = network.add("hub");
                ip("-n", hub, "link", "add", "br0", "type", "bridge");
                ip("-n", hub, "link", "set", "br0", "up");
                for (int i = 0; i < HOSTS.size(); i++) {
                    String host = HOSTS.get(i);
                    String namespace = network.add(host);
                    ip("-n", hub, "link", "add", host, "type", "veth", "peer", "name", "eth0", "netns", namespace);
                    ip("-n", hub, "link", "set", host, "master", "br0");
                    ip("-n", hub, "link", "set", host, "up");
                    ip("-n", namespace, "addr", "add", ADDRESSES.get(i) + "/24", "dev", "eth0");
                    ip("-n", namespace, "link", "set", "eth0", "up");
                    ip("-n", namespace, "link", "set", "lo", "up");
                }
                return network;
            } catch (IOException | InterruptedException | RuntimeException failed) {
                network.close();
                throw failed;
            }
        }

        private String add(String host) throws IOException, InterruptedException {
            String namespace = run + "-" + host;
            made.add(namespace);
            ip("netns", "add", namespace);
            return namespace;
        }

        /* The prefix that runs a command inside a host's namespace. */
        List<String> exec(String host) {
            return List.of("ip", "netns", "exec", run + "-" + host);
        }

        /* The namespaces whose names start with this run's name. */
        static List<String> namespacesOf(String run) throws IOException, InterruptedException {
            return ip("netns", "list")
                    .lines()
                    .map(line -> line.split(" ")[0])
                    .filter(name -> name.startsWith(run + "-"))
                    .toList();
        }

        @Override
        public void close() {
            remove();
            Runtime.getRuntime().removeShutdownHook(removeAtExit);
        }

        /* Kills what still runs in each namespace, then deletes it; once, and carrying on past errors. */
        private void remove() {
            if (!removed.compareAndSet(false, true)) {
                return;
            }
            for (String namespace : made.reversed()) {
                try {
                    for (String pid : ip("netns", "pids", namespace).strip().split("\\s+")) {
                        if (!pid.isEmpty()) {
                            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                        }
                    }
                    ip("netns", "del", namespace);
                } catch (IOException | InterruptedException | RuntimeException failed) {
                    System.err.println(
                            "AcrossHostsTest: could not remove namespace " + namespace + ": " + failed.getMessage());
                }
            }
        }

        /* Runs `ip ARGS` and returns its output; a failure is an exception with ip's own message. */
        static String ip(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("ip"));
            command.addAll(List.of(args));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
            return output;
        }
    }
}
