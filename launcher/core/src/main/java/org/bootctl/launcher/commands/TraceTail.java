package org.bootctl.launcher.commands;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bootctl.api.session.SessionState;

/** Reads the last row of a trace CSV (docs/TRACE.md: {@code t_ms,state,...}) without reading it all. */
final class TraceTail {

    private static final int TAIL_BYTES = 8192;

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
