package workbook.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.jet.JetException;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.pipeline.Pipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workbook.harness.LessonCli;
import workbook.harness.Machine;
import workbook.harness.Report;
import workbook.harness.WholeNumber;

/*
 * The cluster lesson 06 runs its chunks on, and the one Hazelcast handle it submits them through.
 *
 * Two ways to get one:
 *   embedded  members started inside this JVM (the default: nothing to install, nothing to start
 *             by hand), and the first of them is the handle;
 *   join      a Hazelcast client connected to members that run elsewhere (other terminals, other
 *             hosts), started with `./workbook lesson 06 member`.
 *
 * Every member is configured the same, on purpose conservative: cluster name "workbook", bound to
 * one address (loopback unless --bind says otherwise), found through an explicit TCP-IP member
 * list, with multicast, cloud auto-detection and phone-home switched off. A lesson must not shout
 * on the local network, look for cloud metadata servers or report to a vendor.
 */
final class ClusterConnection implements AutoCloseable {
    static final String CLUSTER_NAME = "workbook";
    static final String EXECUTOR_NAME = "workbook-sum";
    /* Where a failed call tells the members to skip its chunks: not behind those chunks in their queues. */
    static final String CONTROL_EXECUTOR_NAME = "workbook-control";
    /* Each member says how many threads it sums with, so a client can report what ran. */
    static final String THREADS_ATTRIBUTE = "workbook.threads";
    static final String LOOPBACK = "127.0.0.1";
    static final int DEFAULT_PORT = 5701;
    /* How long a client keeps trying to reach a cluster before it gives up with an error. */
    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

    private final HazelcastInstance entry;
    private final List<HazelcastInstance> embeddedMembers;
    private final long startNanos;
    private final boolean verbose;

    private ClusterConnection(
            HazelcastInstance entry, List<HazelcastInstance> embeddedMembers, long startNanos, boolean verbose) {
        this.entry = entry;
        this.embeddedMembers = List.copyOf(embeddedMembers);
        this.startNanos = startNanos;
        this.verbose = verbose;
    }

    /*
     * Members in this JVM on ports the operating system reports free right now. A fixed port would
     * collide with a member started by hand on 5701 (and, worse, could join it); free ports cannot.
     */
    static ClusterConnection embedded(int members, int threadsPerMember, boolean verbose) {
        if (members < 1) {
            throw new IllegalArgumentException("--members must be at least 1, was " + members);
        }
        if (threadsPerMember < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, was " + threadsPerMember);
        }
        List<Integer> ports = freeLoopbackPorts(members);
        List<String> addresses =
                ports.stream().map(port -> LOOPBACK + ":" + port).toList();
        long start = System.nanoTime();
        List<HazelcastInstance> started = new ArrayList<>();
        try {
            for (int port : ports) {
                started.add(Hazelcast.newHazelcastInstance(
                        memberConfig(LOOPBACK, port, addresses, threadsPerMember, verbose)));
            }
        } catch (RuntimeException failure) {
            started.forEach(member -> member.getLifecycleService().terminate());
            throw failure;
        }
        return new ClusterConnection(started.getFirst(), started, System.nanoTime() - start, verbose);
    }

    /* A client of a cluster that runs elsewhere: it needs one reachable member and finds the rest. */
    static ClusterConnection join(List<String> addresses, boolean verbose) {
        addresses.forEach(ClusterConnection::checkAddress);
        ClientConfig config = new ClientConfig();
        config.setClusterName(CLUSTER_NAME);
        config.setProperty("hazelcast.logging.type", loggingType(verbose));
        config.getNetworkConfig().setAddresses(new ArrayList<>(addresses));
        config.getConnectionStrategyConfig()
                .getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        long start = System.nanoTime();
        try {
            return new ClusterConnection(
                    HazelcastClient.newHazelcastClient(config), List.of(), System.nanoTime() - start, verbose);
        } catch (IllegalStateException unreachable) {
            throw new IllegalStateException(
                    "no member of a cluster named \"" + CLUSTER_NAME + "\" answered at " + addresses
                            + " within " + CONNECT_TIMEOUT_MILLIS / 1000
                            + " s; start one with `./workbook lesson 06 member --port "
                            + DEFAULT_PORT + "`",
                    unreachable);
        }
    }

    static Config memberConfig(
            String bindAddress, int port, List<String> memberAddresses, int threads, boolean verbose) {
        Config config = new Config();
        config.setClusterName(CLUSTER_NAME);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", loggingType(verbose));
        // A member that finds nobody at the listed addresses forms a cluster of one at once,
        // instead of waiting 5 s for company; later members join it.
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        // Listen on the chosen address only, not on every interface of the host.
        config.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(bindAddress);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        TcpIpConfig tcpIp = join.getTcpIpConfig().setEnabled(true);
        for (String address : memberAddresses) {
            tcpIp.addMember(address); // one address each: this list does not accept port ranges
        }
        // The executor's pool is the member's share of workers (C in the cost model); Jet gets the same.
        config.addExecutorConfig(new ExecutorConfig(EXECUTOR_NAME).setPoolSize(threads));
        config.getMemberAttributeConfig().setAttribute(THREADS_ATTRIBUTE, Integer.toString(threads));
        // Jet jobs bring their own classes (as they must to a cluster started from a plain Hazelcast);
        // this lets any client that reaches the member run code on it, so keep it on a trusted network.
        config.getJetConfig()
                .setEnabled(true)
                .setCooperativeThreadCount(threads)
                .setResourceUploadEnabled(true);
        return config;
    }

    /*
     * Hazelcast logs through java.util.logging when asked ("jdk"), otherwise not at all. The system
     * property covers the few messages logged before any configuration is read; a value the user
     * set with -D wins.
     */
    private static String loggingType(boolean verbose) {
        String type = verbose ? "jdk" : "none";
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", type);
        }
        return type;
    }

    HazelcastInstance entry() {
        return entry;
    }

    /* Members started in this JVM, in start order; empty for a client. */
    List<HazelcastInstance> embeddedMembers() {
        return embeddedMembers;
    }

    /* The members that run tasks right now (lite members hold no data and are left out). */
    List<Member> dataMembers() {
        List<Member> members;
        try {
            members = entry.getCluster().getMembers().stream()
                    .filter(member -> !member.isLiteMember())
                    .toList();
        } catch (RuntimeException failure) {
            if (isShutDown(failure)) {
                throw clusterGone("no member is left to run the job", failure);
            }
            throw failure;
        }
        if (members.isEmpty()) {
            throw clusterGone("no member is left to run the job", null);
        }
        return members;
    }

    /* The member or client this JVM talks through has shut down (or, for a client, lost every member). */
    static boolean isShutDown(Throwable failure) {
        return failure instanceof HazelcastInstanceNotActiveException
                || failure instanceof HazelcastClientNotActiveException
                || failure instanceof HazelcastClientOfflineException;
    }

    /* The threads a member says it sums with; null if it does not say (a member from a plain Hazelcast). */
    static Integer threadsOf(Member member) {
        String threads = member.getAttribute(THREADS_ATTRIBUTE);
        return threads == null ? null : Integer.valueOf(threads);
    }

    /*
     * A member could not read a task: a class of the workbook is missing on it. The executor sends
     * objects, never their classes, so members started from a plain Hazelcast (or another build)
     * cannot run its tasks.
     */
    static boolean lacksWorkbookClasses(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClassNotFoundException
                    && String.valueOf(cause.getMessage()).contains("workbook.")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /*
     * Submits a Jet job. A cluster whose members do not allow job resources refuses a job that
     * brings classes, with a page of advice; this says it in one line (the page with --verbose).
     */
    Job newJob(Pipeline pipeline, JobConfig config) {
        try {
            return entry.getJet().newJob(pipeline, config);
        } catch (JetException refused) {
            if (!String.valueOf(refused.getMessage()).contains("upload resources")) {
                throw refused;
            }
            if (verbose) {
                refused.printStackTrace();
            }
            throw new IllegalStateException(
                    "the cluster does not let a Jet job bring the workbook's classes; start its members with"
                            + " `jet: resource-upload-enabled: true` (06-cluster/stock-member.yaml) or with"
                            + " `./workbook lesson 06 member`");
        }
    }

    /* One line that says what to do; Hazelcast's own account of it only with --verbose. */
    IllegalStateException membersLackWorkbookClasses(Throwable failure) {
        if (verbose) {
            failure.printStackTrace();
        }
        return new IllegalStateException(
                "the members lack the workbook's classes; start them with `./workbook lesson 06 member`,"
                        + " or use `--engine jet`");
    }

    static IllegalStateException clusterGone(String what, Throwable cause) {
        return new IllegalStateException(
                "the cluster is gone: " + what
                        + " (every member has left, or this JVM's own member or client has shut down), so there is no sum",
                cause);
    }

    long startNanos() {
        return startNanos;
    }

    String describe() {
        String kind = embeddedMembers.isEmpty() ? "client of" : embeddedMembers.size() + " embedded members of";
        return String.format(
                Locale.ROOT,
                "%s cluster \"%s\": %s, ready in %s",
                kind,
                CLUSTER_NAME,
                entry.getCluster().getMembers().stream()
                        .map(member -> member.getAddress().toString())
                        .toList(),
                Report.duration(startNanos));
    }

    /*
     * The embedded members are terminated, not shut down gracefully: a graceful shutdown moves each
     * leaving member's data to the survivors (seconds of work), pointless when all of them go.
     */
    @Override
    public void close() {
        if (embeddedMembers.isEmpty()) {
            entry.shutdown();
        }
        for (HazelcastInstance member : embeddedMembers.reversed()) {
            member.getLifecycleService().terminate();
        }
    }

    /* Ports on loopback that are free right now (a test's members and stock member take them too). */
    static List<Integer> freeLoopbackPorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK)));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on " + LOOPBACK, e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // it was only borrowed to learn a free port number
                }
            }
        }
    }

    private static void checkAddress(String address) {
        int colon = address.lastIndexOf(':');
        String port = colon > 0 ? address.substring(colon + 1) : "";
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(
                    "--join wants host:port addresses separated by commas, was '" + address + "'");
        }
    }

    /* `./workbook lesson 06 member ...`: one standalone member in this terminal, until Ctrl-C. */
    static int member(String... args) {
        CommandLine commandLine = new CommandLine(new MemberCommand());
        commandLine.setParameterExceptionHandler((ex, ignoredArgs) -> {
            ex.getCommandLine().getErr().println("06-cluster member: " + ex.getMessage() + " (see --help)");
            return LessonCli.BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("06-cluster member: failed: " + ex.getMessage());
            return LessonCli.FAILED;
        });
        return commandLine.execute(args);
    }

    @Command(
            name = "member",
            sortOptions = false,
            description = {
                "Start one Hazelcast member of the cluster \"" + CLUSTER_NAME + "\" in this terminal; Ctrl-C stops it.",
                "Then submit jobs to it from another terminal: ./workbook lesson 06 --join 127.0.0.1:5701 --n 1e9"
            })
    static final class MemberCommand implements Callable<Integer> {
        @Option(
                names = "--port",
                paramLabel = "PORT",
                converter = WholeNumber.Int.class,
                description = "the port this member listens on (default: ${DEFAULT-VALUE})")
        int port = DEFAULT_PORT;

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
                description =
                        "the IP address to listen on (default: ${DEFAULT-VALUE}, this machine only; give a LAN address to let other hosts in)")
        String bind = LOOPBACK;

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

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (port < 1 || port > 65535) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--port must be from 1 to 65535, was " + port);
            }
            if (threads < 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--threads must be at least 1, was " + threads);
            }
            List<String> addresses = new ArrayList<>(join);
            try {
                addresses.forEach(ClusterConnection::checkAddress);
            } catch (IllegalArgumentException bad) {
                throw new CommandLine.ParameterException(spec.commandLine(), bad.getMessage());
            }
            addresses.add(bind + ":" + port);
            Config config = memberConfig(bind, port, addresses, threads, verbose);
            // Ctrl-C leaves gracefully: this member's data moves to the others before it goes.
            config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
            HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
            CountDownLatch stopped = new CountDownLatch(1);
            member.getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleState.SHUTDOWN) {
                    stopped.countDown();
                }
            });
            member.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {
                    out.printf(
                            Locale.ROOT,
                            "joined: %s, now %d members%n",
                            event.getMember().getAddress(),
                            event.getMembers().size());
                }

                @Override
                public void memberRemoved(MembershipEvent event) {
                    out.printf(
                            Locale.ROOT,
                            "left:   %s, now %d members%n",
                            event.getMember().getAddress(),
                            event.getMembers().size());
                }
            });
            out.printf(
                    Locale.ROOT,
                    "member %s of cluster \"%s\" is up, %d threads; members now: %s. Ctrl-C stops it.%n",
                    member.getCluster().getLocalMember().getAddress(),
                    CLUSTER_NAME,
                    threads,
                    member.getCluster().getMembers().stream()
                            .map(m -> m.getAddress().toString())
                            .toList());
            out.flush();
            stopped.await();
            return LessonCli.OK;
        }
    }
}
