package workbook.bench.jmh;

import java.io.PrintWriter;
import java.nio.file.Path;
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
import workbook.harness.Table;

/**
 * {@code ./workbook jmh [JMH options]} ({@link Jmh}): runs this module's JMH benchmarks with every strategy that
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

    /**
     * Runs JMH with {@code args} (JMH's own options); with {@code markdown}, standard output gets
     * only a table of the results. JMH's own help, lists and option errors are answered here: a
     * bad option is one line and an IllegalArgumentException (bad input). Returns false when JMH
     * could not run.
     */
    static boolean run(List<String> arguments, boolean markdown, PrintWriter out, PrintWriter err)
            throws RunnerException {
        String[] args = arguments.toArray(String[]::new);
        CommandLineOptions given;
        try {
            given = new CommandLineOptions(args);
        } catch (CommandLineOptionException badOption) {
            throw new IllegalArgumentException(badOption.getMessage(), badOption);
        }
        if (given.shouldHelp()
                || given.shouldList()
                || given.shouldListProfilers()
                || given.shouldListResultFormats()) {
            // JMH's own Main answers these; nothing to run.
            try {
                org.openjdk.jmh.Main.main(args);
            } catch (Exception e) {
                err.println("jmh: " + e.getMessage());
                return false;
            }
            return true;
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
                err.println("jmh: no lesson on the class path; run through ./workbook jmh");
                return false;
            }
            options.param("strategy", strategies.toArray(String[]::new));
        }
        if (markdown && !given.getOutput().hasValue()) {
            // JMH's progress goes to a log file, so standard output holds only the table.
            Path log = Path.of("target", "jmh-progress.log").toAbsolutePath();
            err.println("jmh: progress in " + log);
            err.flush();
            options.output(log.toString());
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (markdown) {
            out.print(markdownTable(results));
            out.flush();
        }
        return true;
    }

    /** The results as a Markdown table with a caption naming the machine and the JMH settings. */
    static String markdownTable(Collection<RunResult> results) {
        Table table = Table.of("benchmark", "parameters", "score", "± error", "unit", "forks × iterations")
                .align(1, Table.Align.LEFT)
                .align(4, Table.Align.LEFT);
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            Result<?> primary = result.getPrimaryResult();
            String parameters = String.join(
                    ", ",
                    params.getParamsKeys().stream()
                            .map(key -> key + "=" + params.getParam(key))
                            .toList());
            String benchmark = params.getBenchmark();
            table.row(
                    benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
                    parameters.isEmpty() ? "-" : parameters,
                    String.format(Locale.ROOT, "%.3f", primary.getScore()),
                    Double.isNaN(primary.getScoreError())
                            ? "-"
                            : String.format(Locale.ROOT, "%.3f", primary.getScoreError()),
                    primary.getScoreUnit(),
                    params.getForks() + " × " + params.getMeasurement().getCount());
        }
        return "**JMH.** Machine: " + Machine.current().description()
                + ". Score: average time per number (lower is better), with JMH's 99.9 % confidence interval.\n\n"
                + table.markdown();
    }
}
