package workbook.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import workbook.bench.Sweep.Result;
import workbook.bench.Sweep.Series;

/**
 * The two pictures of the results page, drawn by XChart into PNG files. Rendering needs no
 * display: the JVM runs headless ({@link #headless()} is called before any AWT class loads).
 */
public final class Charts {
    private Charts() {}

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 620;

    /**
     * Distinct hues for the strategies after lesson 01 (Okabe and Ito's colour-blind-safe set,
     * with a wine red in place of its yellow, which vanishes on white).
     */
    private static final Color[] PALETTE = {
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x009E73), new Color(0xD55E00),
        new Color(0x0072B2), new Color(0xCC79A7), new Color(0x882255), new Color(0x999999),
    };

    /** Charts draw with AWT; on a server there is no display, and none is needed for a PNG. */
    public static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Writes both pictures under {@code pageDirectory} at the paths the page links to. */
    public static List<Path> write(Result result, Path pageDirectory) throws IOException {
        headless();
        Path timePicture = pageDirectory.resolve(ResultsPage.TIME_PICTURE);
        Path speedupPicture = pageDirectory.resolve(ResultsPage.SPEEDUP_PICTURE);
        Files.createDirectories(timePicture.getParent());
        BitmapEncoder.saveBitmap(timeChart(result), timePicture.toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(speedupChart(result), speedupPicture.toString(), BitmapEncoder.BitmapFormat.PNG);
        return List.of(timePicture, speedupPicture);
    }

    /** Median time against n, log-log: lesson 01 in black, every strategy at the primary worker count. */
    static XYChart timeChart(Result result) {
        XYChart chart = styled(new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Median time of one sum against n (" + result.machine().summary() + ")")
                .xAxisTitle("n, numbers summed")
                .yAxisTitle("median time per call (ms)")
                .build());
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("#,##0.####");
        // Times grow with n, so the lower right corner stays empty.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        Series baseline = result.baseline();
        addLine(chart, baseline, Color.BLACK, true);
        int colour = 0;
        for (Series series : pictured(result)) {
            addLine(chart, series, PALETTE[colour++ % PALETTE.length], false);
        }
        return chart;
    }

    /** Speedup against lesson 01 as n grows, with the break-even line at 1 and the core count above. */
    static XYChart speedupChart(Result result) {
        int cores = result.machine().cores();
        XYChart chart = styled(new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Speedup against lesson 01 (" + result.machine().summary() + ")")
                .xAxisTitle("n, numbers summed")
                .yAxisTitle("speedup (lesson 01's time / the strategy's)")
                .build());
        chart.getStyler().setYAxisMin(0.0);
        // Speedups start low at small n, so the upper left corner stays empty.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        double[] ends = {result.settings().sizes().getFirst(), result.largestN()};
        reference(chart, "break-even: 1x", ends, 1, new Color(0x555555));
        reference(chart, "ideal: " + cores + "x (cores)", ends, cores, new Color(0xAAAAAA));
        Series baseline = result.baseline();
        int colour = 0;
        for (Series series : pictured(result)) {
            List<Double> sizes = new ArrayList<>();
            List<Double> speedups = new ArrayList<>();
            for (Sweep.Point point : series.points()) {
                OptionalDouble speedup = Analysis.speedup(baseline, series, point.n());
                if (speedup.isPresent()) {
                    sizes.add((double) point.n());
                    speedups.add(speedup.getAsDouble());
                }
            }
            Color color = PALETTE[colour++ % PALETTE.length];
            if (sizes.isEmpty()) {
                continue;
            }
            XYSeries line = chart.addSeries(series.config().label(), sizes, speedups);
            line.setLineColor(color);
            line.setMarkerColor(color);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineStyle(new BasicStroke(2f));
        }
        return chart;
    }

    /** The strategies drawn: every parallel one at the primary worker count (or with no worker knob). */
    private static List<Series> pictured(Result result) {
        int primary = result.settings().primaryWorkers();
        return result.parallel().stream()
                .filter(series ->
                        !series.config().usesWorkers() || series.config().workers() == primary)
                .filter(series -> !series.points().isEmpty())
                .toList();
    }

    private static void addLine(XYChart chart, Series series, Color color, boolean bold) {
        if (series.points().isEmpty()) {
            return;
        }
        List<Double> sizes = new ArrayList<>();
        List<Double> millis = new ArrayList<>();
        for (Sweep.Point point : series.points()) {
            sizes.add((double) point.n());
            millis.add(point.medianNanos() / 1e6);
        }
        XYSeries line = chart.addSeries(series.config().label(), sizes, millis);
        line.setLineColor(color);
        line.setMarkerColor(color);
        line.setMarker(bold ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
        line.setLineStyle(new BasicStroke(bold ? 3.5f : 2f));
    }

    private static void reference(XYChart chart, String name, double[] ends, double level, Color color) {
        XYSeries line = chart.addSeries(name, ends, new double[] {level, level});
        line.setLineColor(color);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineStyle(SeriesLines.DASH_DASH);
    }

    private static XYChart styled(XYChart chart) {
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setMarkerSize(7);
        styler.setAntiAlias(true);
        styler.setXAxisLogarithmic(true);
        styler.setXAxisDecimalPattern("0E0");
        return chart;
    }
}
