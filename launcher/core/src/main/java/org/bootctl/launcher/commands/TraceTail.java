package org.bootctl.launcher.commands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bootctl.api.session.SessionState;

/** Reads the last row of a trace CSV (docs/TRACE.md: {@code t_ms,state,...}) without reading it all. */
final class TraceTail {

    private static final int TAIL_BYTES = 8192;
    /** Enough for 10 s of rows of the widest device at 100 ticks a second (rows of ~1 KB). */
    private static final int VENT_TAIL_BYTES = 1 << 20;
    /** docs/TRACE.md: the vent after a fault is traced until every channel is under 5 mmHg, or for 10 s. */
    private static final double VENTED_MMHG = 5;
    private static final long VENT_LIMIT_MS = 10_000;
    /** Rows carry whole milliseconds of a tick's time: a 10 s tail may read a few ms short. */
    private static final long TICK_SLACK_MS = 20;

    private TraceTail() {
    }

    /** Whether the trace's last row has a final state: COMPLETED, STOPPED or FAULT. */
    static boolean endsFinal(Path trace) {
        String[] fields = lastRow(trace).split(",", 3);
        if (fields.length < 2) {
            return false;
        }
        try {
            return SessionState.valueOf(fields[1]).isFinal();
        } catch (IllegalArgumentException header) {
            return false;
        }
    }

    /**
     * Watches a trace until the engine has written it to its end (docs/TRACE.md, Extent): its last
     * row has a final state and, where the engine traces the vent on after the end (a fault or an
     * emergency stop), every channel of that row reads under 5 mmHg or 10 s of rows in the final
     * state have passed. Reads the file's last rows only, and the start of the final rows once.
     */
    static final class Completion {

        private final boolean ventTraced;
        private int channels = -1;
        private long firstFinalMs = -1;

        /** @param ventTraced whether the session ended latched (FAULT, or STOPPED by an emergency stop) */
        Completion(boolean ventTraced) {
            this.ventTraced = ventTraced;
        }

        boolean reached(Path trace) {
            if (!endsFinal(trace)) {
                return false;
            }
            if (!ventTraced) {
                return true;
            }
            if (channels < 0) {
                String[] header = firstRow(trace).split(",", -1);
                channels = 0;
                while (5 + channels < header.length && header[5 + channels].endsWith("_p")) {
                    channels++;
                }
            }
            String[] last = lastRow(trace).split(",", -1);
            if (channels == 0 || last.length < 5 + channels) {
                return channels == 0; // not a trace this reads: nothing to wait for; else a row half written
            }
            boolean vented = true;
            for (int c = 0; c < channels; c++) {
                vented &= under(last[5 + c], VENTED_MMHG);
            }
            if (vented) {
                return true;
            }
            if (firstFinalMs < 0) {
                firstFinalMs = firstFinalMs(trace, time(last));
            }
            return time(last) - firstFinalMs >= VENT_LIMIT_MS - TICK_SLACK_MS;
        }

        /** The time of the first row of the final rows that end the file. */
        private static long firstFinalMs(Path trace, long lastMs) {
            List<String> rows = tailRows(trace, VENT_TAIL_BYTES);
            long first = lastMs;
            for (int i = rows.size() - 1; i >= 0; i--) {
                String[] row = rows.get(i).split(",", 3);
                if (row.length < 2 || !isFinal(row[1])) {
                    break;
                }
                first = time(row);
            }
            return first;
        }
    }

    private static boolean under(String cell, double mmHg) {
        try {
            return Double.parseDouble(cell) < mmHg;
        } catch (NumberFormatException e) {
            return false; // "NaN": the 10 s end says when the trace is done
        }
    }

    private static long time(String[] row) {
        try {
            return Long.parseLong(row[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isFinal(String state) {
        try {
            return SessionState.valueOf(state).isFinal();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String firstRow(Path trace) {
        try (BufferedReader reader = Files.newBufferedReader(trace, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            return "";
        }
    }

    /** The whole rows in the last {@code bytes} of the file (the first, maybe cut, left out unless it is the file's start). */
    private static List<String> tailRows(Path trace, int bytes) {
        try (RandomAccessFile file = new RandomAccessFile(trace.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, bytes);
            byte[] tail = new byte[size];
            file.seek(length - size);
            file.readFully(tail);
            List<String> rows = new ArrayList<>(new String(tail, StandardCharsets.UTF_8).stripTrailing().lines().toList());
            if (size < length && !rows.isEmpty()) {
                rows.remove(0);
            }
            if (size == length && !rows.isEmpty()) {
                rows.remove(0); // the header
            }
            return rows;
        } catch (IOException e) {
            return List.of();
        }
    }

    static String lastRow(Path trace) {
        try (RandomAccessFile file = new RandomAccessFile(trace.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, TAIL_BYTES);
            byte[] tail = new byte[size];
            file.seek(length - size);
            file.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8).stripTrailing();
            return text.substring(text.lastIndexOf('\n') + 1);
        } catch (IOException e) {
            return "";
        }
    }
}
