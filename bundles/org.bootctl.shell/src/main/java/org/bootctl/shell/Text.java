package org.bootctl.shell;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.SessionInfo;

/** How the shell writes values and tables: the one place that decides what output looks like. */
final class Text {

    /** Shown in a cell that has no value. */
    static final String NONE = "-";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Text() {
    }

    /** {@code 4:07} or {@code 1:04:07}. */
    static String duration(long ms) {
        long s = Math.max(0, ms) / 1000;
        long h = s / 3600;
        long m = s / 60 % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", m, s % 60);
    }

    /**
     * One decimal: {@code 45.2}; a reading that is no number says so ({@code NaN}, {@code Infinity}):
     * a dead sensor must not read as an empty zone ({@code 0.0}).
     */
    static String mmHg(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        double tenths = Math.round(value * 10) / 10.0;
        return String.format(Locale.ROOT, "%.1f", tenths == 0 ? 0.0 : tenths); // never -0.0
    }

    /** A number without a needless {@code .0}: {@code 70}, {@code 39.9}, {@code 0.5}. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A wall-clock time in the given zone, or {@link #NONE}. */
    static String time(Instant instant, ZoneId zone) {
        return instant == null ? NONE : TIME.format(instant.atZone(zone));
    }

    /** 1-based for people; {@link #NONE} outside a cycle (index -1). */
    static String step(int index) {
        return index < 0 ? NONE : Integer.toString(index + 1);
    }

    static String cycle(int cycle) {
        return cycle <= 0 ? NONE : Integer.toString(cycle);
    }

    static String orNone(Object value) {
        return value == null || value.toString().isBlank() ? NONE : value.toString();
    }

    /** {@code level 4 (70 mmHg), 20 min, boost 1,3, no ramp-in, no fit check}. */
    static String settings(Settings s) {
        if (s == null) {
            return NONE;
        }
        List<String> parts = new ArrayList<>();
        parts.add(s.level() != 0 ? "level " + s.level() + " (" + number(s.cap()) + " mmHg)" : number(s.cap()) + " mmHg");
        parts.add(s.continuous() ? "until stopped" : number(s.minutes()) + " min");
        if (!s.boostZones().isEmpty()) {
            parts.add("boost " + s.boostZones().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
        }
        parts.add(s.rampIn() ? "ramp-in" : "no ramp-in");
        parts.add(s.fitCheck() ? "fit check" : "no fit check");
        if (s.client() != null) {
            parts.add("client " + s.client());
        }
        return String.join(", ", parts);
    }

    /** {@code , 12:30 left} while a session has time left to run; nothing once it ended. */
    static String remainingOf(SessionInfo s) {
        return s.state().isFinal() ? "" : ", " + duration(s.remainingMs()) + " left";
    }

    /** Name-value lines, the values aligned: {@code fields(out, "state", "RUNNING", "cycle", 2)}. */
    static void fields(PrintStream out, Object... namesAndValues) {
        int width = 0;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            width = Math.max(width, namesAndValues[i].toString().length());
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.println(pad(namesAndValues[i].toString(), width + 2) + orNone(namesAndValues[i + 1]));
        }
    }

    /** A plain text table: a header row, then rows, columns left-aligned two spaces apart. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... headers) {
            rows.add(headers.clone());
        }

        Table row(Object... cells) {
            if (cells.length != rows.get(0).length) {
                throw new IllegalArgumentException("a row needs " + rows.get(0).length + " cells, not " + cells.length);
            }
            rows.add(Arrays.stream(cells).map(Text::orNone).toArray(String[]::new));
            return this;
        }

        void print(PrintStream out) {
            int columns = rows.get(0).length;
            int[] width = new int[columns];
            for (String[] row : rows) {
                for (int c = 0; c < columns; c++) {
                    width[c] = Math.max(width[c], row[c].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    line.append(c == columns - 1 ? row[c] : pad(row[c], width[c] + 2));
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }

    /** {@code text} left-aligned in {@code width} characters (never cut). */
    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** {@code text} right-aligned in {@code width} characters (never cut). */
    static String padLeft(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
