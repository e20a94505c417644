package workbook.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A time axis with round ticks (1, 2 or 5 times a power of ten) in the unit that suits the span:
 * microseconds for a call under 2 ms, milliseconds up to 20 s, seconds beyond.
 */
record TimelineScale(long fromNanos, long toNanos, long stepNanos, String unit, double nanosPerUnit) {

    static TimelineScale of(long fromNanos, long toNanos, int wantedTicks) {
        long span = Math.max(1, toNanos - fromNanos);
        double rough = (double) span / Math.max(1, wantedTicks);
        long step = 1;
        while (step < rough) {
            // 1, 2, 5, 10, 20, 50, ...: the next round step.
            long lead = step / (long) Math.pow(10, Math.floor(Math.log10(step)));
            step = lead == 2 ? step / 2 * 5 : step * 2;
        }
        // An axis keeps a unit for longer than a single figure would: ticks of 500 µs read better than 0.5 ms.
        Report.Unit unit = span < 2_000_000L
                ? Report.Unit.MICROSECONDS
                : span < 20_000_000_000L ? Report.Unit.MILLISECONDS : Report.Unit.SECONDS;
        return new TimelineScale(fromNanos, toNanos, step, unit.symbol, unit.nanos);
    }

    /** The tick times, in ns: every multiple of the step from the axis's start to its end. */
    List<Long> ticks() {
        List<Long> ticks = new ArrayList<>();
        long first = Math.floorDiv(fromNanos + stepNanos - 1, stepNanos) * stepNanos;
        for (long tick = first; tick <= toNanos; tick += stepNanos) {
            ticks.add(tick);
        }
        return ticks;
    }

    /** A tick's label in the axis unit, with as many decimals as the step needs: "0.5", "12". */
    String label(long nanos) {
        double stepInUnit = stepNanos / nanosPerUnit;
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(stepInUnit) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", nanos / nanosPerUnit);
    }

    /** The unit without the micro sign, for terminals that only show ASCII. */
    String asciiUnit() {
        return unit.equals("µs") ? "us" : unit;
    }

    /** Where {@code nanos} lies on the axis, from 0 (its start) to 1 (its end). */
    double fraction(long nanos) {
        return (double) (nanos - fromNanos) / Math.max(1, toNanos - fromNanos);
    }
}
