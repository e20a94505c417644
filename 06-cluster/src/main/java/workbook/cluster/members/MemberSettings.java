package workbook.cluster.members;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.TcpIpConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/*
 * How every member of lesson 06 is configured, whether it runs inside the lesson's JVM (embedded)
 * or in a terminal of its own (`./workbook lesson 06 member`).
 *
 * On purpose conservative: cluster name "workbook", bound to one address (loopback unless --bind
 * says otherwise), found through an explicit TCP-IP member list, with multicast, cloud
 * auto-detection and phone-home switched off. A lesson must not shout on the local network, look
 * for cloud metadata servers or report to a vendor.
 */
public final class MemberSettings {
    public static final String CLUSTER_NAME = "workbook";
    /* The distributed executor the chunks are submitted to. */
    public static final String EXECUTOR_NAME = "workbook-sum";
    /* Where a failed call tells the members to skip its chunks: not behind those chunks in their queues. */
    public static final String CONTROL_EXECUTOR_NAME = "workbook-control";
    /* Each member says how many threads it sums with, so a client can report what ran. */
    public static final String THREADS_ATTRIBUTE = "workbook.threads";
    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_PORT = 5701;

    private MemberSettings() {}

    /* A member listening on bindAddress:port, looking for the others at memberAddresses, summing on threads threads. */
    public static Config config(
            String bindAddress, int port, List<String> memberAddresses, int threads, boolean verbose) {
        Config config = new Config();
        config.setClusterName(CLUSTER_NAME);
        // Its threads are named hz.member-PORT.*, so a timeline's rows say which member they belong to.
        config.setInstanceName("member-" + port);
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
    static String loggingType(boolean verbose) {
        String type = verbose ? "jdk" : "none";
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", type);
        }
        return type;
    }

    /* Ports on loopback that are free right now (a test's members and stock member take them too). */
    public static List<Integer> freeLoopbackPorts(int count) {
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

    /* host:port with a port from 1 to 65535, or an IllegalArgumentException naming the option's value. */
    public static void checkAddress(String option, String address) {
        int colon = address.lastIndexOf(':');
        String port = colon > 0 ? address.substring(colon + 1) : "";
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(
                    option + " wants host:port addresses separated by commas, was '" + address + "'");
        }
    }
}
