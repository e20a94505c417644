package workbook.cluster.members;

import com.hazelcast.collection.IList;
import com.hazelcast.jet.JetException;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.pipeline.BatchStage;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.map.IMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import workbook.harness.Chunk;
import workbook.harness.Timeline;

/*
 * One Jet job of lesson 06, around the pipeline that ClusterSum.java builds: where its result goes
 * (a key of its own in a cluster map), the classes it brings to a cluster started elsewhere, the
 * wait for it (cancelled if the caller is interrupted), and its pieces for the timeline.
 */
public final class JetRun {
    /* The cluster map every job writes its one result to, under its own key. */
    public static final String RESULTS_MAP = "workbook-results";

    private final Cluster cluster;
    private final String resultKey = UUID.randomUUID().toString();
    private final String piecesList = "workbook-pieces-" + resultKey;
    private boolean keepsPieces;

    public JetRun(Cluster cluster) {
        this.cluster = cluster;
    }

    /* Where the job writes its total in RESULTS_MAP. */
    public String resultKey() {
        return resultKey;
    }

    /* While this JVM records a timeline, the partial sums also go, as they are, to a list read back after the job. */
    public void keepPieces(BatchStage<PartialSum> partials) {
        if (Timeline.isRecording()) {
            partials.writeTo(Sinks.list(piecesList));
            keepsPieces = true;
        }
    }

    /*
     * Runs the job and returns its total. Unlike the executor's task, a Jet job can carry its code:
     * joined to a cluster started elsewhere, which may lack the workbook's classes (members started
     * from a plain Hazelcast), the job attaches the classes of the lesson's package and of the
     * harness, and the members load what its lambdas and items need from the job; the cluster must
     * allow that (resource-upload-enabled). A member that has the classes uses its own; embedded
     * members share this JVM's. If a member leaves, Jet restarts the job on the members that are
     * left, from the start of its source: slower, still exact.
     */
    public long sum(Pipeline pipeline) throws InterruptedException {
        return sum(pipeline, false);
    }

    private long sum(Pipeline pipeline, boolean secondRun) throws InterruptedException {
        JobConfig config = new JobConfig();
        if (cluster.embeddedMembers().isEmpty()) {
            String members = JetRun.class.getPackageName();
            config.addPackage(members.substring(0, members.lastIndexOf('.')), Chunk.class.getPackageName());
        }
        long submitted = System.nanoTime();
        Job job = newJob(pipeline, config);
        try {
            job.getFuture().get();
        } catch (InterruptedException interrupted) {
            cancelAndAwait(job); // an interrupted call leaves no job running on the cluster
            throw interrupted;
        } catch (ExecutionException failure) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            if (Failures.isShutDown(cause)) {
                throw Failures.clusterGone("the Jet job lost its cluster", cause);
            }
            if (Failures.lostItsCause(cause) && !secondRun) {
                /* Nothing was summed: run the job once more, to fail again, this time with its reason. */
                if (keepsPieces) {
                    cluster.entry().getList(piecesList).clear();
                }
                return sum(pipeline, true);
            }
            throw new IllegalStateException("the Jet job failed", cause);
        }
        long done = System.nanoTime();
        IMap<String, Long> results = cluster.entry().getMap(RESULTS_MAP);
        Long total = results.remove(resultKey);
        if (total == null) {
            throw new IllegalStateException("the Jet job finished without writing its sum to " + RESULTS_MAP);
        }
        if (keepsPieces) {
            IList<PartialSum> pieces = cluster.entry().getList(piecesList);
            List<PartialSum> answers = List.copyOf(pieces);
            pieces.destroy();
            Pieces.record(answers.stream()
                    .map(answer -> new Pieces.Arrival(answer, submitted, done, false))
                    .toList());
        }
        return total;
    }

    /*
     * Submits the job. A cluster whose members do not allow job resources refuses a job that
     * brings classes, with a page of advice; this says it in one line (the page with --verbose).
     */
    private Job newJob(Pipeline pipeline, JobConfig config) {
        try {
            return cluster.entry().getJet().newJob(pipeline, config);
        } catch (JetException refused) {
            if (!String.valueOf(refused.getMessage()).contains("upload resources")) {
                throw refused;
            }
            if (cluster.verbose()) {
                refused.printStackTrace();
            }
            throw new IllegalStateException(
                    "the cluster does not let a Jet job bring the workbook's classes; start its members with"
                            + " `jet: resource-upload-enabled: true` (06-cluster/stock-member.yaml) or with"
                            + " `./workbook lesson 06 member`");
        }
    }

    /* A cancelled job ends once every member has stopped its part (a map call under way finishes first). */
    private static void cancelAndAwait(Job job) {
        try {
            job.cancel();
        } catch (RuntimeException alreadyEndedOrClusterGone) {
            // nothing left to cancel
        }
        try {
            job.getFuture().join();
        } catch (RuntimeException ended) {
            // cancelled (what was asked), failed, or its cluster is gone: it runs no more
        }
    }
}
