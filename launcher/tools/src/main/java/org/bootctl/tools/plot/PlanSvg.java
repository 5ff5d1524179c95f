package org.bootctl.tools.plot;

import java.util.List;
import java.util.Locale;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.tools.plot.PlanTimeline.Point;

/**
 * Draws one cycle of a plan as a standalone SVG chart: one lane per zone, the most proximal at
 * the top and zone 1 (foot or hand) at the bottom, as on the body; each lane shows the zone's
 * target pressure over nominal time ({@link PlanTimeline}) as a filled step line, with the
 * session cap dashed. Title, units and axes with ticks; no scripts, no external resources.
 * Lanes are {@code <g class="lane" data-zone="N">}; the axes {@code <g class="axis ...">}.
 */
public final class PlanSvg {

    static final int WIDTH = 960;
    static final int LEFT = 150;
    static final int RIGHT = 28;
    static final int TOP = 84;
    static final int LANE = 54;
    static final int GAP = 12;
    static final int BOTTOM = 78;

    private static final String FONT = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";
    private static final String INK = "#222";
    private static final String MUTED = "#666";

    private final StringBuilder svg = new StringBuilder();
    private final PlanTimeline timeline;
    private final double scaleMmHg;
    private final double seconds;
    private final int zones;

    private PlanSvg(PlanTimeline timeline, double capMmHg, int zones) {
        this.timeline = timeline;
        this.scaleMmHg = niceCeiling(Math.max(capMmHg, timeline.highest()));
        this.seconds = timeline.cycleSeconds() > 0 ? timeline.cycleSeconds() : 1;
        this.zones = zones;
    }

    /**
     * @param plan     one cycle, compiled for the garment and the settings
     * @param info     the program, for the title
     * @param garment  its zones' names, zone 1 first
     * @param model    the model's id, for the title
     * @param settings the level or cap it was compiled with
     */
    public static String render(Plan plan, ProgramInfo info, Garment garment, String model, Settings settings) {
        if (plan.zones() != garment.zones()) {
            throw new IllegalArgumentException("the plan has " + plan.zones() + " zones, the garment "
                    + garment.zones());
        }
        PlanTimeline timeline = PlanTimeline.of(plan);
        return new PlanSvg(timeline, settings.cap(), plan.zones()).draw(plan, info, garment, model, settings);
    }

    private String draw(Plan plan, ProgramInfo info, Garment garment, String model, Settings settings) {
        int height = TOP + zones * (LANE + GAP) - GAP + BOTTOM;
        String level = settings.level() != 0
                ? "level " + settings.level() + ", cap " + number(settings.cap()) + " mmHg"
                : "cap " + number(settings.cap()) + " mmHg";
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" ")
                .append(FONT).append(">\n");
        svg.append("<title>").append(escape(info.name() + " on " + model + ", " + level + ": one cycle"))
                .append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        text(LEFT, 30, 20, "start", INK, "font-weight=\"bold\" class=\"title\"",
                info.name() + " on " + model + ": one cycle");
        String length = plan.steps().size() + " steps in " + number(round1(timeline.stepsSeconds())) + " s"
                + (timeline.stepsSeconds() < timeline.cycleSeconds()
                ? ", resting to the " + number(round1(seconds)) + " s minimum cycle" : "");
        text(LEFT, 52, 13, "start", MUTED, "class=\"subtitle\"", info.id() + " " + info.version() + " \u00b7 "
                + level + " \u00b7 " + length + " (nominal time)");
        text(LEFT, 70, 12, "start", MUTED, "class=\"legend\"",
                "filled: each zone's target pressure, mmHg \u00b7 dashed red: the session cap \u00b7 dotted: where a step begins");
        for (int zone = zones; zone >= 1; zone--) {
            lane(zone, garment.zoneNames().get(zone - 1), settings.limit(zone), plan.maxTarget(zone));
        }
        steps();
        yAxis(settings.cap());
        xAxis(height);
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Top of the lane of {@code zone}: the most proximal zone first. */
    private int laneTop(int zone) {
        return TOP + (zones - zone) * (LANE + GAP);
    }

    private double x(double t) {
        return LEFT + t / seconds * (WIDTH - LEFT - RIGHT);
    }

    private double y(int zone, double mmHg) {
        return laneTop(zone) + LANE - mmHg / scaleMmHg * LANE;
    }

    private void lane(int zone, String name, double limitMmHg, double highestMmHg) {
        int top = laneTop(zone);
        List<Point> points = timeline.zones().get(zone - 1);
        svg.append("<g class=\"lane\" data-zone=\"").append(zone).append("\">\n");
        svg.append("  <rect x=\"").append(LEFT).append("\" y=\"").append(top).append("\" width=\"")
                .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(LANE).append("\" fill=\"#f3f5f8\"/>\n");
        StringBuilder line = new StringBuilder();
        for (Point p : points) {
            line.append(line.length() == 0 ? "M" : " L").append(f(x(p.seconds()))).append(',')
                    .append(f(y(zone, p.mmHg())));
        }
        String base = f(y(zone, 0));
        svg.append("  <path class=\"area\" d=\"").append(line).append(" L").append(f(x(seconds))).append(',')
                .append(base).append(" L").append(f(x(0))).append(',').append(base)
                .append(" Z\" fill=\"#9cc3ea\" fill-opacity=\"0.75\" stroke=\"none\"/>\n");
        svg.append("  <path class=\"target\" d=\"").append(line)
                .append("\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>\n");
        svg.append("  <line class=\"cap\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(f(y(zone, limitMmHg))).append("\" y2=\"").append(f(y(zone, limitMmHg)))
                .append("\" stroke=\"#c0392b\" stroke-width=\"1\" stroke-dasharray=\"5 4\"/>\n");
        svg.append("  ");
        text(14, top + 16, 14, "start", INK, "font-weight=\"bold\" class=\"zone\"", "zone " + zone);
        svg.append("  ");
        text(14, top + 32, 12, "start", MUTED, "class=\"zone-name\"", name);
        svg.append("  ");
        text(14, top + 47, 11, "start", MUTED, "class=\"zone-peak\"", highestMmHg > 0
                ? "up to " + number(highestMmHg) + " mmHg" : "stays vented");
        svg.append("</g>\n");
    }

    /** A faint dotted line where each step begins, across every lane. */
    private void steps() {
        svg.append("<g class=\"steps\" stroke=\"#7d8793\" stroke-opacity=\"0.45\" stroke-width=\"1\""
                + " stroke-dasharray=\"2 3\">\n");
        int bottom = laneTop(1) + LANE;
        for (double start : timeline.stepStarts()) {
            if (start > 0) {
                svg.append("  <line x1=\"").append(f(x(start))).append("\" x2=\"").append(f(x(start)))
                        .append("\" y1=\"").append(TOP).append("\" y2=\"").append(bottom).append("\"/>\n");
            }
        }
        svg.append("</g>\n");
    }

    /** Per lane: ticks at 0 and at the cap (labelled) and at the top of the scale, in mmHg. */
    private void yAxis(double capMmHg) {
        svg.append("<g class=\"axis y-axis\">\n");
        for (int zone = 1; zone <= zones; zone++) {
            for (double mmHg : new double[] {0, capMmHg, scaleMmHg}) {
                double y = y(zone, mmHg);
                svg.append("  <line x1=\"").append(LEFT - 5).append("\" x2=\"").append(LEFT).append("\" y1=\"")
                        .append(f(y)).append("\" y2=\"").append(f(y)).append("\" stroke=\"").append(MUTED).append("\"/>\n");
                if (mmHg != scaleMmHg || capMmHg == scaleMmHg) {
                    svg.append("  ");
                    text(LEFT - 8, y + 4, 11, "end", MUTED, "class=\"tick\"", number(mmHg));
                }
            }
            svg.append("  <line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"")
                    .append(laneTop(zone)).append("\" y2=\"").append(laneTop(zone) + LANE).append("\" stroke=\"")
                    .append(MUTED).append("\"/>\n");
        }
        svg.append("  ");
        text(LEFT - 8, TOP - 6, 11, "end", MUTED, "class=\"unit\"", "mmHg");
        svg.append("</g>\n");
    }

    /** Time ticks under the lowest lane, in seconds from the cycle's start. */
    private void xAxis(int height) {
        int axisY = laneTop(1) + LANE + 6;
        double tick = niceStep(seconds);
        svg.append("<g class=\"axis x-axis\">\n");
        svg.append("  <line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                .append(axisY).append("\" y2=\"").append(axisY).append("\" stroke=\"").append(MUTED).append("\"/>\n");
        for (double t = 0; t <= seconds + 1e-9; t += tick) {
            svg.append("  <line x1=\"").append(f(x(t))).append("\" x2=\"").append(f(x(t))).append("\" y1=\"")
                    .append(axisY).append("\" y2=\"").append(axisY + 5).append("\" stroke=\"").append(MUTED).append("\"/>\n");
            svg.append("  ");
            text(x(t), axisY + 18, 11, "middle", MUTED, "class=\"tick\"", number(round1(t)));
        }
        svg.append("  ");
        text(LEFT + (WIDTH - LEFT - RIGHT) / 2.0, axisY + 38, 12, "middle", INK, "class=\"unit\"",
                "time in the cycle, s (nominal)");
        svg.append("  ");
        text(LEFT, height - 8, 11, "start", MUTED, "class=\"note\"", "Nominal time: fills drawn at "
                + number(PlanTimeline.FILL_MMHG_PER_S) + " mmHg/s and vents at once; a real fill lasts as long as"
                + " the garment needs, and a step waits for its slowest fill.");
        svg.append("</g>\n");
    }

    private void text(double x, double y, int size, String anchor, String color, String extra, String content) {
        svg.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" font-size=\"").append(size)
                .append("\" fill=\"").append(color).append("\" text-anchor=\"").append(anchor).append("\" ")
                .append(extra).append('>').append(escape(content)).append("</text>\n");
    }

    /** The scale's top: the next multiple of 20 mmHg (10 below 40) at or above the highest value. */
    static double niceCeiling(double mmHg) {
        double unit = mmHg <= 40 ? 10 : 20;
        return Math.max(unit, Math.ceil(mmHg / unit) * unit);
    }

    /** A tick interval of 1, 2, 5, 10, 15, 30, 60... seconds giving at most 12 ticks. */
    static double niceStep(double seconds) {
        double[] steps = {1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600};
        for (double step : steps) {
            if (seconds / step <= 12) {
                return step;
            }
        }
        return Math.ceil(seconds / 12 / 3600) * 3600;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** {@code 70}, {@code 82.5}. */
    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Coordinates to two decimals, whatever the locale. */
    private static String f(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceFirst("\\.?0+$", "");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
            }
        }
        return escaped.toString();
    }
}
