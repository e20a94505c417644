package workbook.harness;

import picocli.CommandLine.Option;

/**
 * The option of every command that times strategies side by side in JVMs of their own
 * ({@link Forks}): how many fresh sets of JVMs to measure in. Added to a command as a picocli mixin
 * beside {@link CommonOptions}, whose --repeat and --warmup it uses.
 */
public final class ForkOptions {
    @Option(
            names = "--forks",
            paramLabel = "F",
            converter = WholeNumber.Int.class,
            description = "measure in F fresh sets of JVMs, one JVM per strategy in each; the spread between them is"
                    + " reported (default: ${DEFAULT-VALUE})")
    int forks;

    public ForkOptions(int forks) {
        this.forks = forks;
    }

    public int forks() {
        return forks;
    }

    /** The plan for {@link Forks#measure}: these forks, the common options' warm-up and rounds. */
    public Forks.Plan plan(CommonOptions common) {
        return new Forks.Plan(forks, common.warmup(), common.repeat(), Forks.Plan.PATIENT);
    }
}
