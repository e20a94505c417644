package workbook.cluster.lab;

import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import workbook.cluster.ClusterLesson;
import workbook.cluster.ClusterSum;
import workbook.cluster.ClusterSum.Engine;
import workbook.cluster.members.ChunkRuns;
import workbook.cluster.members.Cluster;
import workbook.harness.CommonOptions;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Report;
import workbook.harness.Timeline;
import workbook.harness.TimelineWriter;
import workbook.harness.Timer;
import workbook.harness.WholeNumber;
import workbook.harness.Workload;

/*
 * Lab 06 member-loss: a member that leaves mid-job costs time, never the answer.
 *
 * It starts --members embedded members and runs the executor on one workload, four chunks per
 * member: --repeat calls with every member staying (their median is the yardstick), then one call
 * that loses the last member mid-job. The loss is arranged, not left to chance: as the last member
 * starts a chunk, once it has started --after of them, the lab terminates it (as a crash would: no
 * goodbye, no hand-over) and holds that chunk until the member is gone, so its answer can never
 * arrive (Loss.java). The futures of the chunks it held then fail, and ClusterSum submits those
 * chunks again to the members that are left. The table compares the two kinds of call; --timeline
 * draws the last one: the lost member's row stops, and its chunks reappear, marked as re-runs, on
 * the others' rows.
 */
@Command(
        name = "member-loss",
        header = "a member lost mid-job: its chunks run again on the others, the sum stays exact (and a timeline)",
        description = "Runs the executor on --members embedded members (--workers threads each, four chunks per"
                + " member), --repeat times, then once more, terminating the last member as it starts a chunk once"
                + " it has started --after of them; --timeline FILE.svg, FILE.jsonl or - draws that last call.")
public final class MemberLoss implements Lab {
    private static final ClusterLesson LESSON = new ClusterLesson();

    @Mixin
    CommonOptions options = new CommonOptions(new CommonOptions.Defaults(100_000_000L, 1, 1));

    @Option(
            names = "--members",
            paramLabel = "M",
            converter = WholeNumber.Int.class,
            description = "embedded members, one of them lost (default: ${DEFAULT-VALUE})")
    int members = 3;

    @Option(
            names = "--after",
            paramLabel = "K",
            converter = WholeNumber.Int.class,
            description = "chunks the lost member starts before the one it is lost with (default: ${DEFAULT-VALUE})")
    int after = 1;

    @Option(
            names = "--timeline",
            paramLabel = "FILE",
            description = "draw the call that lost a member: FILE.svg, FILE.jsonl (every piece) or - (a text chart)")
    String timeline;

    @Override
    public void run(LabReport report) throws InterruptedException {
        Workload workload = checked();
        LabTable table = report.add(LabTable.titled("A member lost mid-job")
                .workload(workload)
                .measured(members + " embedded members with " + threads(options.workers()) + " each; the median of "
                        + options.repeat() + " calls with every member, then one call that loses a member; after "
                        + options.warmup() + " warm-up")
                .columns("call", "members at the start", "at the end", "chunks", "chunks run again", "time"));
        try (Cluster cluster = Cluster.embedded(members, options.workers(), false)) {
            ClusterSum executor = new ClusterSum(cluster, Engine.executor, null);
            int before = cluster.dataMembers().size();
            Measurement steady = Timer.measure(
                    "06",
                    "executor",
                    executor,
                    workload,
                    before,
                    options.warmup(),
                    options.repeat(),
                    Timer.Progress.NONE);
            row(table, "every member stays", before, cluster, steady, workload);
            HazelcastInstance lost = cluster.embeddedMembers().getLast();
            report.progress("the member on port "
                    + lost.getCluster().getLocalMember().getAddress().getPort()
                    + " goes as it starts a chunk, once it has started " + after);
            // The call that loses a member is always recorded: only --timeline says whether it is drawn.
            Timeline recording = Timeline.start();
            Measurement lossy;
            try (Loss loss = new Loss(lost, cluster.entry(), after)) {
                ChunkRuns.beforeEachChunk(loss::atChunkStart);
                lossy = Timer.measure(
                        "06", "executor", executor, workload, before, 0, 1, Timer.Progress.NONE, recording);
            } finally {
                ChunkRuns.beforeEachChunk(null);
                recording.stop();
            }
            row(
                    table,
                    "a member lost after it started " + after + (after == 1 ? " chunk" : " chunks"),
                    before,
                    cluster,
                    lossy,
                    workload);
            if (timeline != null) {
                draw(report, recording, workload);
            }
        }
    }

    private Workload checked() {
        Workload workload = options.validate();
        if (members < 2) {
            throw new IllegalArgumentException(
                    "--members must be at least 2 (one is lost, one must stay), was " + members);
        }
        if (after < 0) {
            throw new IllegalArgumentException("--after must not be negative, was " + after);
        }
        // Four chunks per member, round-robin: the last member gets chunks M - 1, 2M - 1, ..., four of them.
        if (after >= 4) {
            throw new IllegalArgumentException("--after must be below the 4 chunks the last member gets, was " + after);
        }
        if (timeline != null) {
            TimelineWriter.checkTarget(timeline);
        }
        return workload;
    }

    /* A row: the members the calls started and ended with, their chunks and re-runs, their median; and the sum. */
    private static void row(
            LabTable table, String what, int before, Cluster cluster, Measurement measured, Workload workload) {
        table.row(
                what,
                before,
                cluster.dataMembers().size(),
                cluster.lastCall().settings().get("tasks"),
                cluster.lastCall().reruns(),
                Report.duration(measured.medianNanos()));
        table.sum(what, workload, measured.sum());
    }

    static String threads(int count) {
        return count + (count == 1 ? " thread" : " threads");
    }

    private void draw(LabReport report, Timeline recording, Workload workload) {
        StringWriter said = new StringWriter();
        try (PrintWriter terminal = new PrintWriter(said)) {
            TimelineWriter.write(
                    recording,
                    timeline,
                    new TimelineWriter.Title(
                            LESSON.module(),
                            "executor, a member lost",
                            workload.n(),
                            members * options.workers(),
                            Machine.availableCores(),
                            LESSON.pieceKinds()),
                    terminal);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the timeline to " + timeline, e);
        }
        said.toString().lines().forEach(report::progress);
    }
}
