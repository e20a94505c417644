package workbook.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workbook.harness.ExitCode;
import workbook.harness.Machine;
import workbook.harness.Report;

/**
 * {@code ./workbook measure-docs}: regenerates every measured table in {@code docs/}. A table's
 * place in a page is marked with the command that makes it:
 *
 * <pre>
 * &lt;!-- MEASURE: ./workbook lab 04 threshold-sweep --n 1e9 --workers 2 --&gt;
 * (the output of the last run)
 * &lt;!-- /MEASURE --&gt;
 * </pre>
 *
 * Each command is run, one after another (run this on a quiet machine: nothing else should compete
 * for the cores), and its standard output replaces the block's content, followed by a line naming
 * the command, the date, the machine and the JDK. A command is a {@code ./workbook} command line
 * with plain words (no shell: no pipes, no redirections), so nothing but a JDK is needed. A command
 * that fails leaves its block as it was, and the exit code says so.
 */
@Command(
        name = "measure-docs",
        mixinStandardHelpOptions = true,
        header = "rerun the command of every measured table in docs/ and write its output back",
        description = "Rerun the command of every <!-- MEASURE: ... --> block in docs/*.md and write its output back.")
public final class MeasureDocs implements Callable<Integer> {
    static final Pattern OPEN = Pattern.compile("^<!-- MEASURE: (?<command>.+?) -->\\s*$");
    static final String CLOSE = "<!-- /MEASURE -->";

    private final Path root;

    @Option(names = "--only", paramLabel = "TEXT", description = "only the blocks whose command contains TEXT")
    String only;

    @Option(names = "--list", description = "list the blocks and their commands; run nothing")
    boolean list;

    @Option(
            names = "--check",
            description = "run the commands, write nothing, and list every figure of a table that moved by more than"
                    + " 10 %% from the page (exit 1 if one did)")
    boolean check;

    /** A figure that moves by more than this from the page is listed by --check. */
    static final double MOVED = 0.10;

    @Parameters(paramLabel = "PAGE", arity = "0..*", description = "pages to update (default: every docs/*.md)")
    List<Path> pages = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One measured block: where it is in its page, and the command that fills it. */
    record Block(int openLine, int closeLine, String command) {}

    public MeasureDocs(Path root) {
        this.root = root;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Path workbookRoot = root.toAbsolutePath().normalize();
        List<Path> chosen = pages.isEmpty() ? allPages(workbookRoot.resolve("docs")) : pages;
        int failed = 0;
        int ran = 0;
        int moved = 0;
        for (Path page : chosen) {
            List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
            List<Block> blocks = blocks(lines, page);
            boolean changed = false;
            // From the end, so the line numbers of earlier blocks stay right while later ones change.
            for (Block block : list ? blocks : blocks.reversed()) {
                if (only != null && !block.command().contains(only)) {
                    continue;
                }
                if (list) {
                    spec.commandLine().getOut().println(page + ":" + (block.openLine() + 1) + "  " + block.command());
                    continue;
                }
                ran++;
                err.printf(Locale.ROOT, "measure-docs: %s: %s%n", page.getFileName(), block.command());
                err.flush();
                long start = System.nanoTime();
                Run run = execute(workbookRoot, block.command());
                err.printf(
                        Locale.ROOT,
                        "measure-docs: %s after %s%n",
                        run.exitCode() == 0 ? "done" : "FAILED (exit " + run.exitCode() + ")",
                        Report.duration(System.nanoTime() - start));
                if (run.exitCode() != 0) {
                    failed++;
                    continue;
                }
                List<String> inside = lines.subList(block.openLine() + 1, block.closeLine());
                if (check) {
                    List<String> movedCells =
                            MovedCells.moved(inside, run.output().lines().toList(), MOVED);
                    movedCells.forEach(cell -> spec.commandLine()
                            .getOut()
                            .println(page.getFileName() + ":" + (block.openLine() + 1) + " (" + block.command() + "): "
                                    + cell));
                    moved += movedCells.size();
                    continue;
                }
                List<String> replacement = filled(block.command(), run.output());
                inside.clear();
                inside.addAll(replacement);
                changed = true;
            }
            if (changed) {
                Files.write(page, lines, StandardCharsets.UTF_8);
                err.println("measure-docs: updated " + page);
            }
        }
        if (!list) {
            err.printf(
                    Locale.ROOT,
                    "measure-docs: %d command%s run, %d failed%s%n",
                    ran,
                    ran == 1 ? "" : "s",
                    failed,
                    check ? ", " + moved + " figure" + (moved == 1 ? "" : "s") + " moved by more than 10 %" : "");
        }
        return failed == 0 && moved == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    private static List<Path> allPages(Path docs) throws IOException {
        try (Stream<Path> files = Files.list(docs)) {
            return files.filter(file -> file.toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }

    /** The measured blocks of a page; a block must be closed before the next one opens. */
    static List<Block> blocks(List<String> lines, Path page) {
        List<Block> blocks = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            Matcher open = OPEN.matcher(lines.get(index));
            if (!open.matches()) {
                continue;
            }
            int close = index + 1;
            while (close < lines.size() && !lines.get(close).equals(CLOSE)) {
                if (OPEN.matcher(lines.get(close)).matches()) {
                    throw new IllegalArgumentException(
                            page + ":" + (index + 1) + ": a MEASURE block is not closed before the next one opens");
                }
                close++;
            }
            if (close == lines.size()) {
                throw new IllegalArgumentException(page + ":" + (index + 1) + ": a MEASURE block without " + CLOSE);
            }
            String command = open.group("command").strip();
            checkCommand(command, page, index + 1);
            blocks.add(new Block(index, close, command));
            index = close;
        }
        return blocks;
    }

    static void checkCommand(String command, Path page, int line) {
        if (!command.startsWith("./workbook ")) {
            throw new IllegalArgumentException(
                    page + ":" + line + ": a measured command must be a ./workbook command, was '" + command + "'");
        }
        if (command.matches(".*[|<>;&`$\"'\\\\].*")) {
            throw new IllegalArgumentException(page + ":" + line
                    + ": a measured command is plain words (no pipes, redirections or quotes), was '" + command + "'");
        }
    }

    /** The block's new content: the output (fenced when it is a plain report), then where it came from. */
    static List<String> filled(String command, String output) {
        List<String> lines = new ArrayList<>();
        List<String> printed = output.strip().lines().toList();
        boolean markdown = printed.stream().anyMatch(line -> line.startsWith("|"));
        if (!markdown) {
            lines.add("```");
        }
        lines.addAll(printed);
        if (!markdown) {
            lines.add("```");
        }
        lines.add("");
        lines.add("<sub>Measured with `" + command + "` on " + LocalDate.now() + ": "
                + Machine.current().description() + ".</sub>");
        return lines;
    }

    record Run(int exitCode, String output) {}

    private static Run execute(Path root, String command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of(command.split("\\s+")));
        words.set(0, root.resolve("workbook").toString());
        Process process = new ProcessBuilder(words)
                .directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().close();
        String output;
        try (InputStream stdout = process.getInputStream()) {
            output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Run(process.waitFor(), output);
    }
}
