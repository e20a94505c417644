package workbook.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a measurement ran on: printed next to every time and speedup. */
public record Machine(int cores, String java, String cpu, String os) {

    public static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                Runtime.version().toString() + " (" + System.getProperty("java.vm.vendor", "?") + ")",
                cpuModel(Path.of("/proc/cpuinfo")),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    public static int availableCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The first "model name" of a Linux /proc/cpuinfo; elsewhere the architecture. */
    static String cpuModel(Path cpuinfo) {
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                return lines.filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).trim())
                        .findFirst()
                        .orElse("unknown CPU");
            } catch (IOException | RuntimeException e) {
                return "unknown CPU";
            }
        }
        return System.getProperty("os.arch", "unknown CPU");
    }

    /** "2 cores (AMD EPYC 7B13), Java 25.0.3+9-LTS (Eclipse Adoptium)": a lab table's caption. */
    public String description() {
        return cores + (cores == 1 ? " core" : " cores") + " (" + cpu + "), Java " + java;
    }

    /** "2 cores, Java 25.0.3+9-LTS (Eclipse Adoptium)". */
    public String summary() {
        return cores + (cores == 1 ? " core" : " cores") + ", Java " + java;
    }
}
