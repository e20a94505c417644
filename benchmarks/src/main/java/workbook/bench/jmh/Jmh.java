package workbook.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workbook.harness.ExitCode;

/**
 * {@code ./workbook jmh [--markdown] [JMH options]}: the JMH cross-check ({@link RunJmh}). JMH reads
 * its own options (its {@code -h} lists them); this command only adds {@code --markdown}.
 */
@Command(
        name = "jmh",
        mixinStandardHelpOptions = true,
        header = "the JMH cross-check of the cost per number (LoopBenchmark, StrategyBenchmark)",
        description = {
            "Runs the JMH benchmarks with every lesson's strategies; JMH's own options follow, for example a short",
            "run: ./workbook jmh -f 1 -wi 1 -i 1 -r 1s -w 1s, or one benchmark: ./workbook jmh LoopBenchmark.",
            "./workbook jmh -- -h lists JMH's options."
        })
public final class Jmh implements Callable<Integer> {
    @Option(
            names = "--markdown",
            description = "standard output holds only a Markdown table of the results; JMH's log goes to a file")
    boolean markdown;

    @Parameters(paramLabel = "JMH_OPTIONS", arity = "0..*", description = "JMH's own options and benchmarks")
    List<String> jmhArgs = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return RunJmh.run(
                        jmhArgs,
                        markdown,
                        spec.commandLine().getOut(),
                        spec.commandLine().getErr())
                ? ExitCode.OK
                : ExitCode.FAILED;
    }
}
