package workbook.workshop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the workshop says after a DONE when a learner's correct code loses the lesson's point:
 * the likely cause, lesson by lesson, and where the lesson page explains it. Two signs bring it:
 * a parallelism case that fails (tagged {@value LessonTests#PARALLELISM}: the work did not run on
 * several threads at once; see {@link ParallelismAdvice}) and the clock (the speed debrief, see
 * {@link SpeedDebrief}). Every cause named here is one the learner can read about where the advice
 * points (the lesson page's pitfalls, or the comments of the exercise file), and one that can
 * show in what is measured: a slip the lesson's tests already refuse never reaches the debrief,
 * and one that costs nothing measurable is not worth naming.
 */
final class SpeedAdvice {

    /** Slower than the solution by this factor or more, and the debrief names a likely cause. */
    static final double SLOW_RATIO = 1.3;

    /*
     * Causes the clock can show: each one a slip that reaches DONE and was seen to cost 1.3 times
     * the solution's time or more (docs/workshop.md, "The speed debrief", has the figures). Not
     * named, and why:
     * - 01's boxed total (Long instead of long): the JIT removes the boxing, no slower;
     * - 02's threads, and 03's tasks, started and waited for one at a time, and 05's fixed pool
     *   or chunks waited for one at a time: the lessons' tests wait for all workers (all chunks)
     *   to run, or wait, at the same moment, so these hang in the verdict's run and never reach
     *   the debrief; nothing else in those learners' parts slows a CPU-bound sum;
     * - 04's both halves forked: a few dozen more tasks at the debrief's n, nothing a clock sees;
     * - 07's one accumulator (the learner's kernel has one by design, and the debrief times one on
     *   both sides), its tail through the scalar loop (a dozen numbers per slice of four million)
     *   and a masked step (1.09 times the solution's time): none of them shows; a species passed
     *   as a parameter fails the lesson's test that the kernel is compiled by C2.
     */
    private static final Map<String, String> LIKELY_CAUSE = Map.of(
            "01",
            "a stream that boxes every number (a Stream<Long>, or a List of them, between the numbers and"
                    + " the sum): an object per number",
            "04",
            "join before compute, in RangeSum.compute() (left.join() before right.compute()) or in the"
                    + " caller's walk (the offered half claimed back before the other half is summed): the"
                    + " halves run one after the other, and with three or more workers the clock shows it",
            "07",
            "a horizontal add in every step (reduceLanes inside the loop) instead of one per range: adding"
                    + " across lanes is the slow direction");

    /*
     * Causes a failing parallelism case points at: the slip that keeps the sum right and runs its
     * pieces one after another. A lesson without an entry falls back on LIKELY_CAUSE.
     */
    private static final Map<String, String> PARALLELISM_CAUSE = Map.of(
            "04",
            "join before compute: left.join() before right.compute() in RangeSum, or, in the caller's walk,"
                    + " the offered half claimed back before the other half is summed; either way the two"
                    + " halves run one after the other, on one thread");

    /**
     * Lessons whose strategy the debrief does not time, and why: on one machine their point is the
     * cost, which the lesson's own tables show.
     */
    private static final Map<String, String> NOT_TIMED = Map.of(
            "06",
            "the cluster pays for serialising every chunk to other JVMs, which on one machine only costs"
                    + " time; its cost tables are in docs/06-cluster.md");

    private SpeedAdvice() {}

    static Optional<String> likelyCause(String lessonId) {
        return Optional.ofNullable(LIKELY_CAUSE.get(lessonId));
    }

    /** The likely cause of a failing parallelism case: the lesson's own, else its speed cause. */
    static Optional<String> parallelismCause(String lessonId) {
        return Optional.ofNullable(PARALLELISM_CAUSE.get(lessonId)).or(() -> likelyCause(lessonId));
    }

    /**
     * How the debrief builds "your code" and the solution when the lesson's strategy does not run
     * all of what the learner wrote: the strategy's class and the int arguments after the worker
     * count, and what that means, in a few words. Lesson 07's strategy runs two accumulators
     * (UnrolledKernels, given), the learner writes the one-accumulator kernel: both sides are
     * timed with {@code --accumulators 1}, so the learner's whole loop is on the clock.
     */
    record TimedAs(String className, List<Integer> argumentsAfterWorkers, String description) {}

    private static final Map<String, TimedAs> TIMED_AS =
            Map.of("07", new TimedAs("workbook.simd.SimdSum", List.of(1), "--accumulators 1: the kernel you wrote"));

    static Optional<TimedAs> timedAs(String lessonId) {
        return Optional.ofNullable(TIMED_AS.get(lessonId));
    }

    static Optional<String> notTimed(String lessonId) {
        return Optional.ofNullable(NOT_TIMED.get(lessonId));
    }

    /**
     * The link to the lesson page's pitfalls: "docs/04-forkjoin.md#pitfalls" for a "## Pitfalls"
     * heading; otherwise the first heading that speaks of pitfalls; otherwise the page itself.
     */
    static String pitfallsLink(Path docsFolder, String lessonName) {
        String page = "docs/" + lessonName + ".md";
        Path file = docsFolder.resolve(lessonName + ".md");
        if (!Files.isRegularFile(file)) {
            return page;
        }
        List<String> headings;
        try {
            headings = Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith("## "))
                    .map(line -> line.substring(3).strip())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return headings.stream()
                .filter(heading -> heading.equalsIgnoreCase("Pitfalls"))
                .findFirst()
                .or(() -> headings.stream()
                        .filter(heading -> heading.toLowerCase(Locale.ROOT).contains("pitfalls"))
                        .findFirst())
                .or(() -> headings.stream()
                        .filter(heading -> heading.toLowerCase(Locale.ROOT).contains("pitfall"))
                        .findFirst())
                .map(heading -> page + "#" + anchor(heading))
                .orElse(page);
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }
}
