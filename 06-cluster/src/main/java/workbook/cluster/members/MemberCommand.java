package workbook.cluster.members;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workbook.harness.Commands;
import workbook.harness.ExitCode;
import workbook.harness.Machine;
import workbook.harness.WholeNumber;

/*
 * `./workbook lesson 06 member ...`: one standalone member in this terminal, until Ctrl-C. It says
 * when it is up and whenever a member joins or leaves.
 */
@Command(
        name = "06-cluster member",
        sortOptions = false,
        description = {
            "Start one Hazelcast member of the cluster \"" + MemberSettings.CLUSTER_NAME
                    + "\" in this terminal; Ctrl-C stops it.",
            "Then submit jobs to it from another terminal: ./workbook lesson 06 --join 127.0.0.1:5701 --n 1e9"
        })
public final class MemberCommand implements Callable<Integer> {
    @Option(
            names = "--port",
            paramLabel = "PORT",
            converter = WholeNumber.Int.class,
            description = "the port this member listens on (default: ${DEFAULT-VALUE})")
    int port = MemberSettings.DEFAULT_PORT;

    @Option(
            names = "--join",
            paramLabel = "HOST:PORT",
            split = ",",
            description =
                    "members to join, for example 127.0.0.1:5701,127.0.0.1:5702 (default: none, start a new cluster)")
    List<String> join = List.of();

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            description = "the IP address to listen on (default: ${DEFAULT-VALUE}, this machine only;"
                    + " give a LAN address to let other hosts in)")
    String bind = MemberSettings.LOOPBACK;

    @Option(
            names = "--threads",
            paramLabel = "N",
            converter = WholeNumber.Int.class,
            description =
                    "threads that sum chunks on this member (default: the number of cores, ${DEFAULT-VALUE} here)")
    int threads = Machine.availableCores();

    @Option(names = "--verbose", description = "show Hazelcast's own log")
    boolean verbose;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /* Parses {@code args}, runs the member until it is stopped, and returns the exit code (2: bad input). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = Commands.wire(new CommandLine(new MemberCommand()));
        commandLine.setOut(out);
        commandLine.setErr(err);
        // The process may exit right after: what the command said must reach the terminal.
        return Commands.execute(commandLine, args);
    }

    @Override
    public Integer call() throws InterruptedException {
        Config config = checkedConfig();
        // Ctrl-C leaves gracefully: this member's data moves to the others before it goes.
        config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        CountDownLatch stopped = new CountDownLatch(1);
        member.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        member.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                say(
                        out,
                        "joined: %s, now %d members",
                        event.getMember().getAddress(),
                        event.getMembers().size());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                say(
                        out,
                        "left:   %s, now %d members",
                        event.getMember().getAddress(),
                        event.getMembers().size());
            }
        });
        say(
                out,
                "member %s of cluster \"%s\" is up, %d threads; members now: %s. Ctrl-C stops it.",
                member.getCluster().getLocalMember().getAddress(),
                MemberSettings.CLUSTER_NAME,
                threads,
                member.getCluster().getMembers().stream()
                        .map(m -> m.getAddress().toString())
                        .toList());
        stopped.await();
        return ExitCode.OK;
    }

    /* The member's configuration, once every option has been checked (bad input: one line, exit 2). */
    private Config checkedConfig() {
        if (port < 1 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be from 1 to 65535, was " + port);
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--threads must be at least 1, was " + threads);
        }
        List<String> addresses = new ArrayList<>(join);
        try {
            addresses.forEach(address -> MemberSettings.checkAddress("--join", address));
        } catch (IllegalArgumentException bad) {
            throw new CommandLine.ParameterException(spec.commandLine(), bad.getMessage());
        }
        addresses.add(bind + ":" + port);
        return MemberSettings.config(bind, port, addresses, threads, verbose);
    }

    private static void say(PrintWriter out, String format, Object... values) {
        out.printf(Locale.ROOT, format + "%n", values);
        out.flush();
    }
}
