package workbook.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workbook.harness.Commands;
import workbook.harness.CommonOptions;
import workbook.harness.ExitCode;
import workbook.harness.Lesson;
import workbook.harness.Machine;
import workbook.harness.WholeNumber;

/**
 * {@code ./workbook bench}: sweeps n over decades for every lesson on the class path, then writes
 * docs/results.md and its two pictures (or, with {@code --markdown}, prints the tables).
 *
 * <p>Lessons are found by {@link Lesson#discover()}; this module does not depend on any of them,
 * so a lesson added later is measured without a change here.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "sweep n from 1e3 to 1e9 over every lesson; write docs/results.md and its pictures",
        description = {
            "Sweeps n over decades (1e3 to 1e9) for every lesson on the class path, at workers = cores and 4,",
            "each size of each strategy in fresh JVMs of its own, their timed runs in interleaved rounds: the median",
            "of at least 5 runs after warm-up, every sum checked against the oracle. Fits t(n) = a + b*n per strategy and writes docs/results.md",
            "with docs/img/time-vs-n.png and docs/img/speedup-vs-n.png (--markdown: one table; --json: one line",
            "per strategy, workers and n). --quick is a smoke run of a few seconds.",
            ""
        })
public final class Bench implements Callable<Integer> {

    @Option(
            names = "--max-n",
            converter = WholeNumber.class,
            paramLabel = "N",
            description = "largest n (default: 1e9; 1e6 with --quick)")
    Long maxN;

    @Option(
            names = "--min-n",
            converter = WholeNumber.class,
            paramLabel = "N",
            description = "smallest n (default: ${DEFAULT-VALUE})")
    long minN = 1_000;

    @Option(
            names = "--quick",
            description =
                    "a smoke run: n up to 1e6 and tiny time budgets (checks that everything runs; not a measurement)")
    boolean quick;

    @Option(
            names = "--lesson",
            paramLabel = "NN",
            split = ",",
            description = "only these lessons, for example 01,04 (the baseline is always measured)")
    List<String> onlyLessons = List.of();

    @Option(
            names = "--workers",
            converter = WholeNumber.Int.class,
            paramLabel = "N",
            split = ",",
            description =
                    "worker counts for every strategy that takes workers (default: the number of cores, then 4 as in the tutorial)")
    List<Integer> workerCounts;

    @Option(
            names = "--seed",
            converter = WholeNumber.class,
            paramLabel = "SEED",
            description = "the workload's seed (default: ${DEFAULT-VALUE})")
    long seed = CommonOptions.DEFAULT_SEED;

    @Option(
            names = "--forks",
            converter = WholeNumber.Int.class,
            paramLabel = "F",
            description = "JVMs per strategy and size, sharing its time budget; their medians' spread is reported"
                    + " (default: ${DEFAULT-VALUE})")
    int forks = 2;

    @Option(
            names = "--json",
            description = "print one JSON object per strategy, workers and n instead of writing files")
    boolean json;

    @Option(
            names = "--markdown",
            description = "print the n-sweep table in Markdown to stdout (for a lesson page) instead of writing files")
    boolean markdown;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "where results.md and img/ are written (default: the project's docs/)")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where lessons come from; the tests hand in their own list. */
    private final Supplier<List<Lesson>> lessons;

    /** How the command was typed, for the page. */
    private final String invocation;

    private final boolean showProgress;

    /** The command for the project whose root is {@code root}: its results page goes to root/docs. */
    public Bench(Path root) {
        this(Lesson::discover, "./workbook bench", true);
        this.out = root.resolve("docs");
    }

    Bench(Supplier<List<Lesson>> lessons, String invocation, boolean showProgress) {
        this.lessons = lessons;
        this.invocation = invocation;
        this.showProgress = showProgress;
    }

    @Override
    public Integer call() throws IOException {
        Sweep.Settings settings = Commands.input(spec, this::settings);
        List<Lesson> selected = Commands.input(spec, this::selectedLessons);
        boolean files = !markdown && !json;
        if (files) {
            Charts.headless();
        }
        Sweep.Result result;
        try (ProgressDisplay progress = showProgress ? ProgressDisplay.forConsole() : null) {
            Sweep.Listener listener = progress == null ? Sweep.Listener.NONE : progress;
            result = new Sweep(settings, listener).run(selected);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        String command = command();
        if (json) {
            ResultsPage.jsonLines(result).forEach(stdout::println);
        } else if (markdown) {
            List<Sweep.Series> columns = result.series().stream()
                    .filter(s -> s.config().role() != Sweep.Role.TIGHT_LOOP)
                    .toList();
            stdout.print(ResultsPage.sweepTable(result, columns));
            stdout.println();
            stdout.print(ResultsPage.caption(result, command));
        } else {
            Path page = out.resolve("results.md");
            Files.createDirectories(out);
            Files.writeString(page, ResultsPage.render(result, command, quick), StandardCharsets.UTF_8);
            List<Path> pictures = Charts.write(result, out);
            stdout.println("bench: wrote " + page + ", " + pictures.get(0) + " and " + pictures.get(1));
        }
        stdout.flush();
        if (!result.complete()) {
            spec.commandLine()
                    .getErr()
                    .println("bench: not every strategy was measured at every size, or a sum was wrong; "
                            + (files ? "see the Failures section of the page" : "see the output"));
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }

    Sweep.Settings settings() {
        long largest = maxN != null ? maxN : quick ? 1_000_000 : 1_000_000_000;
        List<Integer> workers = workerCounts != null ? workerCounts : List.of(Machine.availableCores(), 4);
        for (int count : workers) {
            if (count < 1) {
                throw new IllegalArgumentException("--workers must be at least 1, was " + count);
            }
        }
        return new Sweep.Settings(
                Sizes.decades(minN, largest),
                workers,
                seed,
                quick ? Sweep.Budget.QUICK : Sweep.Budget.FULL,
                !markdown && !json,
                forks);
    }

    /** The lessons asked for, and the baseline in any case: every speedup is measured against it. */
    List<Lesson> selectedLessons() {
        List<Lesson> all = lessons.get();
        if (onlyLessons.isEmpty()) {
            return all;
        }
        List<Lesson> wanted = new ArrayList<>();
        Lesson.baseline(all).ifPresent(wanted::add);
        onlyLessons.forEach(name -> wanted.add(Lesson.find(all, name)));
        return all.stream().filter(wanted::contains).toList();
    }

    /* How the command was typed: the invocation, then this command's own arguments (under ./workbook, picocli's original arguments start with the subcommand's name, which the invocation already says). */
    private String command() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        if (spec.parent() != null && args.contains(spec.name())) {
            args = args.subList(args.indexOf(spec.name()) + 1, args.size());
        }
        List<String> words = new ArrayList<>(List.of(invocation));
        words.addAll(args);
        return String.join(" ", words);
    }
}
