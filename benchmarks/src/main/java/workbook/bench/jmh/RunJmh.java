package workbook.bench.jmh;

import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import workbook.harness.Lesson;

/**
 * {@code ./workbook jmh [JMH options]}: runs this module's JMH benchmarks with every strategy that
 * {@link Lesson#discover()} finds as {@link StrategyBenchmark}'s {@code strategy} parameter.
 *
 * <p>Takes JMH's own options ({@code -h} lists them), for example a short run:
 * {@code ./workbook jmh -f 1 -wi 1 -i 1 -r 1s -w 1s}, or one benchmark:
 * {@code ./workbook jmh LoopBenchmark}. Forked JVMs inherit this JVM's class path and options.
 */
public final class RunJmh {
    private RunJmh() {}

    public static void main(String[] args) throws RunnerException {
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
        new Runner(options.build()).run();
    }
}
