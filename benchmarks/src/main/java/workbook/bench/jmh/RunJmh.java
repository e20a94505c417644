package workbook.bench.jmh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import workbook.harness.Lesson;
import workbook.harness.Machine;

/**
 * {@code ./workbook jmh [JMH options]}: runs this module's JMH benchmarks with every strategy that
 * {@link Lesson#discover()} finds as {@link StrategyBenchmark}'s {@code strategy} parameter.
 *
 * <p>Takes JMH's own options ({@code -h} lists them), for example a short run:
 * {@code ./workbook jmh -f 1 -wi 1 -i 1 -r 1s -w 1s}, or one benchmark:
 * {@code ./workbook jmh LoopBenchmark}. Forked JVMs inherit this JVM's class path and options.
 * With {@code --markdown} (the workbook's own flag) standard output holds only a Markdown table of
 * the results, for the docs' measured blocks; JMH's progress goes to {@code target/jmh-progress.log}.
 */
public final class RunJmh {
    private RunJmh() {}

    /** Our own flag, not JMH's: print the results as a Markdown table on standard output, JMH's log elsewhere. */
    static final String MARKDOWN = "--markdown";

    public static void main(String[] arguments) throws RunnerException {
        List<String> words = new ArrayList<>(List.of(arguments));
        boolean markdown = words.remove(MARKDOWN);
        String[] args = words.toArray(String[]::new);
        CommandLineOptions given;
        try {
            given = new CommandLineOptions(args);
        } catch (CommandLineOptionException badOption) {
            System.err.println("jmh: " + badOption.getMessage() + " (see -h)");
            System.exit(2);
            return;
        }
        if (given.shouldHelp()
                || given.shouldList()
                || given.shouldListProfilers()
                || given.shouldListResultFormats()) {
            // JMH's own Main answers these; nothing to run.
            try {
                org.openjdk.jmh.Main.main(args);
            } catch (Exception e) {
                System.err.println("jmh: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        OptionsBuilder options = new OptionsBuilder();
        options.parent(given);
        if (given.getIncludes().isEmpty()) {
            options.include(RunJmh.class.getPackageName() + "\\.");
        }
        if (!given.getParameter("strategy").hasValue()) {
            List<String> strategies = Lesson.discover().stream()
                    .flatMap(
                            lesson -> lesson.strategies().stream().map(strategy -> lesson.id() + "/" + strategy.name()))
                    .toList();
            if (strategies.isEmpty()) {
                System.err.println("jmh: no lesson on the class path; run through ./workbook jmh");
                System.exit(2);
            }
            options.param("strategy", strategies.toArray(String[]::new));
        }
        if (markdown && !given.getOutput().hasValue()) {
            // JMH's progress goes to a log file, so standard output holds only the table.
            Path log = Path.of("target", "jmh-progress.log").toAbsolutePath();
            System.err.println("jmh: progress in " + log);
            options.output(log.toString());
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (markdown) {
            System.out.print(markdownTable(results));
        }
    }

    /** The results as a Markdown table with a caption naming the machine and the JMH settings. */
    static String markdownTable(Collection<RunResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("**JMH.** Machine: ")
                .append(Machine.current().description())
                .append(
                        ". Score: average time per number (lower is better), with JMH's 99.9 % confidence interval.\n\n");
        out.append("| benchmark | parameters | score | ± error | unit | forks × iterations |\n");
        out.append("|---|---|---:|---:|---|---:|\n");
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            Result<?> primary = result.getPrimaryResult();
            String parameters = String.join(
                    ", ",
                    params.getParamsKeys().stream()
                            .map(key -> key + "=" + params.getParam(key))
                            .toList());
            String benchmark = params.getBenchmark();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.3f | %s | %s | %d × %d |%n",
                    benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
                    parameters.isEmpty() ? "-" : parameters,
                    primary.getScore(),
                    Double.isNaN(primary.getScoreError())
                            ? "-"
                            : String.format(Locale.ROOT, "%.3f", primary.getScoreError()),
                    primary.getScoreUnit(),
                    params.getForks(),
                    params.getMeasurement().getCount()));
        }
        return out.toString();
    }
}
