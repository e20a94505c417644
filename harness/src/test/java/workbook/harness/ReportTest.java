package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

/** What people and programs read: durations, the report, the JSON line, the machine; every field checked. */
class ReportTest {

    /* Three runs of 3, 1 and 2 ms: median 2 ms, min 1, max 3; on 1,000 numbers, 2,000 ns each. */
    private static final Measurement MEASURED = new Measurement(
            "02-threads-queue", "threads", new Workload(1000, 7, -3, 17), 4, 12_345, 2, new double[] {3e6, 1e6, 2e6});

    private static final Machine TWO_CORES = new Machine(2, "25.0.1+8", "Some CPU", "Linux amd64");

    @ParameterizedTest(name = "{0} ns: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0          | 0 ns",
                "999        | 999 ns",
                "999.4      | 999 ns",
                "1000       | 1.0 µs",
                "1540       | 1.5 µs",
                "999000     | 999.0 µs",
                "1000000    | 1.0 ms",
                "2500000    | 2.5 ms",
                "999000000  | 999.0 ms",
                "1000000000 | 1.00 s",
                "1430000000 | 1.43 s",
                "7.2e11     | 720.00 s"
            })
    void aDurationKeepsThreeOrFourDigitsInTheUnitThatSuitsIt(double nanos, String expected) {
        assertEquals(expected, Report.duration(nanos));
    }

    @Test
    void aDurationThatIsNotANumberIsADash() {
        assertEquals("-", Report.duration(Double.NaN));
    }

    @Test
    void longNumbersAreGroupedInThousands() {
        assertEquals("1,000,003", Report.grouped(1_000_003));
        assertEquals("-120,473,234,881", Report.grouped(-120_473_234_881L));
        assertEquals("7", Report.grouped(7));
    }

    @Test
    void theReportShowsEveryLineWithTheStrategysOwnSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("workers", 3);
        settings.put("threshold", 4096);
        settings.put("leaf_count", 16);
        assertEquals("""
                02-threads-queue · threads
                  numbers      1,000 in [-3, 17], seed 7
                  workers      3 on 2 cores
                  settings     threshold 4096, leaf count 16
                  sum          12,345   (n*(lo+hi)/2 = 7000: about right)
                  oracle       agrees (JDK SplittableRandom, one thread)
                  median time  2.0 ms   (min 1.0 ms, max 3.0 ms; 3 runs after 2 warm-up)
                  per number   2000.00 ns
                  machine      2 cores, Java 25.0.1+8
                """, Report.human(MEASURED, TWO_CORES, true, settings, true));
    }

    @Test
    void withoutSettingsThereIsNoSettingsLineAndTheWorkersAreTheOnesAskedFor() {
        String report = Report.human(MEASURED, TWO_CORES, true, null);
        assertTrue(report.contains("\n  workers      4 on 2 cores\n"), report);
        assertTrue(!report.contains("settings") && !report.contains("oracle"), "nothing claimed: " + report);
        String onlyWorkers = Report.human(MEASURED, TWO_CORES, true, Map.of("workers", 5), false);
        assertTrue(onlyWorkers.contains("\n  workers      5 on 2 cores\n"), onlyWorkers);
        assertTrue(!onlyWorkers.contains("settings"), "workers alone need no settings line: " + onlyWorkers);
        assertTrue(onlyWorkers.contains("\n  oracle       DISAGREES\n"), onlyWorkers);
    }

    @Test
    void aOneThreadLessonSaysSoInsteadOfAWorkerCount() {
        String report = Report.human(MEASURED, new Machine(1, "25", "cpu", "os"), false, null);
        assertTrue(report.contains("\n  workers      1 (this lesson runs on one thread)\n"), report);
        assertTrue(report.contains("\n  machine      1 core, Java 25\n"), report);
    }

    @Test
    void theJsonLineHoldsEveryFieldWithTheSettingsInPlaceOfTheWorkersAsked() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("workers", 3);
        settings.put("threshold", 4096);
        assertEquals(
                "{\"lesson\":\"02-threads-queue\",\"strategy\":\"threads\",\"n\":1000,\"seed\":7,\"lo\":-3,\"hi\":17,"
                        + "\"workers\":3,\"threshold\":4096,\"sum\":12345,\"oracle_agrees\":false,\"median_ms\":2.0,"
                        + "\"min_ms\":1.0,\"max_ms\":3.0,\"ns_per_number\":2000.0,\"runs\":3,\"warmup\":2,\"cores\":2,"
                        + "\"java\":\"" + Runtime.version() + "\"}",
                Report.json(MEASURED, TWO_CORES, settings, false).toString());
        String unchecked = Report.json(MEASURED, TWO_CORES, Map.of(), null).toString();
        assertTrue(unchecked.contains("\"workers\":4,\"sum\":12345,\"oracle_agrees\":null,"), unchecked);
    }

    @Test
    void jsonWritesNumbersBooleansNullAndEscapedStrings() {
        Json json = new Json()
                .put("text", "a\"b\\c\nd\re\tf\u0001g h\u001f~")
                .put("long", -5L)
                .put("double", 1.5)
                .put("float", 2.5f)
                .put("yes", true)
                .put("nothing", null)
                .put("nan", Double.NaN)
                .put("infinite", Double.NEGATIVE_INFINITY)
                .put("float-nan", Float.NaN)
                .put("float-infinite", Float.POSITIVE_INFINITY)
                .put("list", java.util.List.of(1, "a"))
                .put("other", java.time.Duration.ofSeconds(1));
        assertEquals(
                "{\"text\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g h\\u001f~\",\"long\":-5,\"double\":1.5,\"float\":2.5,"
                        + "\"yes\":true,\"nothing\":null,\"nan\":null,\"infinite\":null,\"float-nan\":null,"
                        + "\"float-infinite\":null,\"list\":[1,\"a\"],\"other\":\"PT1S\"}",
                json.toString());
        assertEquals("{}", new Json().toString());
    }

    @Test
    void aMeasurementKeepsItsOwnCopyOfTheRunsAndNeedsOne() {
        double[] runs = {5, 1, 3};
        Measurement m = new Measurement("01", "s", Workload.of(0, 1), 1, 0, 0, runs);
        runs[0] = 100;
        m.runNanos()[1] = 100;
        assertEquals(3.0, m.medianNanos());
        assertEquals(5.0, m.maxNanos());
        assertTrue(Double.isNaN(m.nsPerNumber()), "n = 0 has no time per number");
        assertEquals("01/s Workload[n=0, seed=1, lo=0, hi=10] workers=1 sum=0 runs(ns)=[5.0, 1.0, 3.0]", m.toString());
        assertThrows(
                IllegalArgumentException.class,
                () -> new Measurement("01", "s", Workload.of(1, 1), 1, 0, 0, new double[0]));
    }

    @Test
    void theMachineSaysCoreOrCoresAndNamesItsCpuInTheCaption() {
        assertEquals("2 cores (Some CPU), Java 25.0.1+8", TWO_CORES.description());
        assertEquals("2 cores, Java 25.0.1+8", TWO_CORES.summary());
        Machine one = new Machine(1, "25", "Tiny", "os");
        assertEquals("1 core (Tiny), Java 25", one.description());
        assertEquals("1 core, Java 25", one.summary());
    }

    @Test
    void theCurrentMachineIsThisJvmsAndThisProcessors(@TempDir Path folder) throws IOException {
        Machine here = Machine.current();
        assertEquals(Runtime.getRuntime().availableProcessors(), here.cores());
        assertEquals(Runtime.getRuntime().availableProcessors(), Machine.availableCores());
        assertEquals(Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")", here.java());
        assertEquals(System.getProperty("os.name") + " " + System.getProperty("os.arch"), here.os());
        assertEquals(Machine.cpuModel(Path.of("/proc/cpuinfo")), here.cpu());
        assertTrue(!here.cpu().isBlank() && !here.cpu().startsWith(":"), here.cpu());
    }

    @Test
    void theCpuIsTheFirstModelNameOfCpuinfo(@TempDir Path folder) throws IOException {
        Path cpuinfo = Files.writeString(
                folder.resolve("cpuinfo"),
                "processor\t: 0\nvendor_id\t: Acme\nmodel name\t: Acme Rocket 9000 @ 3.0GHz\n"
                        + "processor\t: 1\nmodel name\t: Another one\n");
        assertEquals("Acme Rocket 9000 @ 3.0GHz", Machine.cpuModel(cpuinfo));
        Path noModel = Files.writeString(folder.resolve("arm"), "processor\t: 0\nBogoMIPS\t: 48.00\n");
        assertEquals("unknown CPU", Machine.cpuModel(noModel));
        assertEquals("unknown CPU", Machine.cpuModel(folder), "a folder cannot be read as lines");
        assertEquals(System.getProperty("os.arch"), Machine.cpuModel(folder.resolve("absent")), "not Linux");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2147483647, 2147483647", "-2147483648, -2147483648", "2_147_483_647, 2147483647"})
    void intOptionsTakeEveryInt(String text, int expected) {
        assertEquals(expected, new WholeNumber.Int().convert(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2147483648", "-2147483649"})
    void intOptionsRefuseTheFirstValueBeyondAnInt(String text) {
        TypeConversionException refused =
                assertThrows(TypeConversionException.class, () -> new WholeNumber.Int().convert(text));
        assertEquals("'" + text + "' does not fit in an int (from -2147483648 to 2147483647)", refused.getMessage());
    }
}
