package org.bootctl.engine.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The {@code traces/} folder: one CSV per session, the newest {@link #KEEP} kept. */
public final class TraceFiles {

    public static final int KEEP = 50;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final Path dir;

    public TraceFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Where a session's trace goes; empty for an id that is no plain file name. */
    public Optional<Path> path(String sessionId) {
        return sessionId != null && SAFE_ID.matcher(sessionId).matches() && !sessionId.startsWith(".")
                ? Optional.of(dir.resolve(sessionId + ".csv"))
                : Optional.empty();
    }

    /** The trace of a session, while it is kept. */
    public Optional<Path> existing(String sessionId) {
        return path(sessionId).filter(Files::isRegularFile);
    }

    /**
     * Deletes the oldest traces beyond {@link #KEEP}, by session id (ids begin with their start
     * time), sparing the ones still being written.
     */
    public void prune(Set<String> open) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> traces;
        try (Stream<Path> files = Files.list(dir)) {
            traces = files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        int excess = traces.size() - KEEP;
        for (int i = 0; i < traces.size() && excess > 0; i++) {
            String name = traces.get(i).getFileName().toString();
            if (!open.contains(name.substring(0, name.length() - 4))) {
                Files.deleteIfExists(traces.get(i));
                excess--;
            }
        }
    }

    /** What a trace tells of a session cut off by a crash. */
    public record Summary(int cycles, Map<String, Double> peakMmHg, String highestChannel, double highestLastMmHg) {
    }

    /** Reads a trace back: cycles begun, peak per channel, the highest pressure of its last whole row. */
    public static Optional<Summary> summarize(Path trace) {
        try {
            Reading reading = new Reading();
            BoundedLines.forEach(trace, BoundedLines.MAX_LINE_BYTES, reading::line); // a damaged trace costs no memory
            return reading.summary();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A trace's rows as they are read. */
    private static final class Reading {
        private String[] columns;
        private int channels;
        private double[] peaks;
        private double[] last;
        private int cycles;

        void line(String line) {
            if (columns == null) {
                columns = line.split(",", -1);
                while (5 + channels < columns.length && columns[5 + channels].endsWith("_p")) {
                    channels++;
                }
                peaks = new double[channels];
                java.util.Arrays.fill(peaks, Double.NEGATIVE_INFINITY);
                return;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != columns.length) {
                return; // torn last row
            }
            try {
                cycles = Math.max(cycles, Integer.parseInt(cells[2]));
                double[] row = new double[channels];
                for (int c = 0; c < channels; c++) {
                    row[c] = Double.parseDouble(cells[5 + c]);
                    peaks[c] = Math.max(peaks[c], row[c]);
                }
                last = row;
            } catch (NumberFormatException e) {
                // a damaged row tells nothing
            }
        }

        Optional<Summary> summary() {
            if (columns == null) {
                return Optional.empty();
            }
            Map<String, Double> peakMmHg = new LinkedHashMap<>();
            String highest = null;
            double highestLast = 0;
            for (int c = 0; c < channels; c++) {
                String id = columns[5 + c].substring(0, columns[5 + c].length() - 2);
                if (peaks[c] != Double.NEGATIVE_INFINITY) {
                    peakMmHg.put(id, peaks[c]);
                }
                if (last != null && (highest == null || last[c] > highestLast)) {
                    highest = id;
                    highestLast = last[c];
                }
            }
            return Optional.of(new Summary(cycles, peakMmHg, highest, highestLast));
        }
    }
}
