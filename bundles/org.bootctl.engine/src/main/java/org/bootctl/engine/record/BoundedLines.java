package org.bootctl.engine.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The lines of a file of the engine's own (history, traces) read one at a time, each at most
 * {@link #MAX_LINE_BYTES}: a longer one is damage (a record is a few KiB), skipped without being
 * held, so a damaged file costs a bounded amount of memory (a line of hundreds of MiB, read whole,
 * ended the command or the server that read it with an OutOfMemoryError). Bytes that are not UTF-8
 * are replaced, as a reader does; a last line without its newline (torn) is given too.
 */
final class BoundedLines {

    static final int MAX_LINE_BYTES = 1024 * 1024;

    private BoundedLines() {
    }

    /** Calls {@code line} with each line of {@code file} up to {@code maxBytes} long, in order; longer ones are skipped. */
    static void forEach(Path file, int maxBytes, Consumer<String> line) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[64 * 1024];
            byte[] current = new byte[1024];
            int length = 0;
            boolean tooLong = false;
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        if (!tooLong && length + (i - from) <= maxBytes) {
                            current = append(current, length, chunk, from, i - from);
                            length += i - from;
                            line.accept(new String(current, 0, length, StandardCharsets.UTF_8));
                        }
                        length = 0;
                        tooLong = false;
                        from = i + 1;
                    }
                }
                int rest = n - from;
                if (!tooLong && length + rest > maxBytes) {
                    tooLong = true; // skipped to its end, never held
                    length = 0;
                } else if (!tooLong) {
                    current = append(current, length, chunk, from, rest);
                    length += rest;
                }
            }
            if (!tooLong && length > 0) {
                line.accept(new String(current, 0, length, StandardCharsets.UTF_8));
            }
        }
    }

    private static byte[] append(byte[] to, int length, byte[] from, int offset, int count) {
        byte[] into = length + count <= to.length ? to : Arrays.copyOf(to, Math.max(to.length * 2, length + count));
        System.arraycopy(from, offset, into, length, count);
        return into;
    }
}
