package workbook.cluster.members;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import workbook.harness.Report;

/*
 * The cluster lesson 06 runs its chunks on, and the one Hazelcast handle it submits them through.
 *
 * Two ways to get one:
 *   embedded  members started inside this JVM (the default: nothing to install, nothing to start
 *             by hand), and the first of them is the handle;
 *   join      a Hazelcast client connected to members that run elsewhere (other terminals, other
 *             hosts), started with `./workbook lesson 06 member`.
 *
 * Every member is configured the same (MemberSettings). Whoever starts a cluster closes it: the
 * lesson's descriptor when its run ends, a test or a lab when it is done with it. A ClusterSum
 * only submits to it, so several strategies can share one cluster.
 */
public final class Cluster implements AutoCloseable {
    /* How long a client keeps trying to reach a cluster before it gives up with an error. */
    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

    private final HazelcastInstance entry;
    private final List<HazelcastInstance> embeddedMembers;
    private final long startNanos;
    private final boolean verbose;
    private final LastCall lastCall = new LastCall();

    private Cluster(
            HazelcastInstance entry, List<HazelcastInstance> embeddedMembers, long startNanos, boolean verbose) {
        this.entry = entry;
        this.embeddedMembers = List.copyOf(embeddedMembers);
        this.startNanos = startNanos;
        this.verbose = verbose;
    }

    /*
     * Members in this JVM, each on a port the operating system reports free just before it starts.
     * A fixed port would collide with a member started by hand on 5701 (and, worse, could join it);
     * free ports cannot. Each member looks for the ones started before it: the first forms the
     * cluster at once (told to look for members not started yet, it would wait a second for them),
     * and every later one joins it.
     */
    public static Cluster embedded(int members, int threadsPerMember, boolean verbose) {
        if (members < 1) {
            throw new IllegalArgumentException("--members must be at least 1, was " + members);
        }
        if (threadsPerMember < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, was " + threadsPerMember);
        }
        long start = System.nanoTime();
        List<String> addresses = new ArrayList<>();
        List<HazelcastInstance> started = new ArrayList<>();
        try {
            for (int i = 0; i < members; i++) {
                int port = MemberSettings.freeLoopbackPorts(1).getFirst();
                addresses.add(MemberSettings.LOOPBACK + ":" + port);
                started.add(Hazelcast.newHazelcastInstance(MemberSettings.config(
                        MemberSettings.LOOPBACK, port, List.copyOf(addresses), threadsPerMember, verbose)));
            }
        } catch (RuntimeException failure) {
            started.forEach(member -> member.getLifecycleService().terminate());
            throw failure;
        }
        return new Cluster(started.getFirst(), started, System.nanoTime() - start, verbose);
    }

    /* A client of a cluster that runs elsewhere: it needs one reachable member and finds the rest. */
    public static Cluster join(List<String> addresses, boolean verbose) {
        addresses.forEach(address -> MemberSettings.checkAddress("--join", address));
        ClientConfig config = new ClientConfig();
        config.setClusterName(MemberSettings.CLUSTER_NAME);
        config.setProperty("hazelcast.logging.type", MemberSettings.loggingType(verbose));
        config.getNetworkConfig().setAddresses(new ArrayList<>(addresses));
        config.getConnectionStrategyConfig()
                .getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        long start = System.nanoTime();
        try {
            return new Cluster(
                    HazelcastClient.newHazelcastClient(config), List.of(), System.nanoTime() - start, verbose);
        } catch (IllegalStateException unreachable) {
            throw new IllegalStateException(
                    "no member of a cluster named \"" + MemberSettings.CLUSTER_NAME + "\" answered at " + addresses
                            + " within " + CONNECT_TIMEOUT_MILLIS / 1000
                            + " s; start one with `./workbook lesson 06 member --port "
                            + MemberSettings.DEFAULT_PORT + "`",
                    unreachable);
        }
    }

    /* The member (embedded) or client (joined) this JVM talks to the cluster through. */
    public HazelcastInstance entry() {
        return entry;
    }

    /* Members started in this JVM, in start order; empty for a client. */
    public List<HazelcastInstance> embeddedMembers() {
        return embeddedMembers;
    }

    /*
     * The distributed executor every member runs chunks on, with --workers threads each. A handle
     * whose member or client has shut down refuses new tasks (RejectedExecutionException, or one of
     * Hazelcast's IllegalStateExceptions): that is the cluster gone, not a bug, and the executor
     * handed out here says so in those words.
     */
    public IExecutorService executor() {
        IExecutorService executor;
        try {
            executor = entry.getExecutorService(MemberSettings.EXECUTOR_NAME);
        } catch (RuntimeException failure) {
            throw Failures.isShutDown(failure) ? Failures.clusterGone("no member is left", failure) : failure;
        }
        return Failures.sayingWhenTheClusterIsGone(executor);
    }

    /*
     * The members that run tasks right now (lite members hold no data and are left out). None, or
     * this JVM's own member or client shut down: the cluster is gone, and an error says so.
     */
    public List<Member> dataMembers() {
        if (!entry.getLifecycleService().isRunning()) {
            throw Failures.clusterGone("no member is left to run the job", null);
        }
        List<Member> members;
        try {
            members = entry.getCluster().getMembers().stream()
                    .filter(member -> !member.isLiteMember())
                    .toList();
        } catch (RuntimeException failure) {
            if (Failures.isShutDown(failure)) {
                throw Failures.clusterGone("no member is left to run the job", failure);
            }
            throw failure;
        }
        if (members.isEmpty()) {
            throw Failures.clusterGone("no member is left to run the job", null);
        }
        return members;
    }

    /* What the last call through this handle used (ClusterSum.settings). */
    public LastCall lastCall() {
        return lastCall;
    }

    public boolean verbose() {
        return verbose;
    }

    public long startNanos() {
        return startNanos;
    }

    /* "2 embedded members of cluster "workbook": [[127.0.0.1]:40123, ...], ready in 1.52 s". */
    public String describe() {
        String kind = embeddedMembers.isEmpty() ? "client of" : embeddedMembers.size() + " embedded members of";
        return String.format(
                Locale.ROOT,
                "%s cluster \"%s\": %s, ready in %s",
                kind,
                MemberSettings.CLUSTER_NAME,
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
}
