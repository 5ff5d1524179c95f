package org.bootctl.web;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file of lines that may still be growing (a running session's trace) sent as it is at one
 * moment: its complete lines up to the length measured then, exactly that many bytes, so the answer
 * always matches its Content-Length however much is appended meanwhile.
 */
final class GrowingFile {

    /** How far back from the end a line end is looked for (a trace line is under 200 bytes). */
    private static final int TAIL = 8192;

    private GrowingFile() {
    }

    /** The file's length now, up to the end of its last complete line (all of it when no line end is near its end). */
    static long completeLength(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            int window = (int) Math.min(size, TAIL);
            ByteBuffer tail = ByteBuffer.allocate(window);
            channel.position(size - window);
            while (tail.hasRemaining() && channel.read(tail) >= 0) {
                // reads until the window is full
            }
            for (int i = tail.position() - 1; i >= 0; i--) {
                if (tail.get(i) == '\n') {
                    return size - window + i + 1;
                }
            }
            return size;
        }
    }

    /** Copies exactly the first {@code length} bytes of the file, whatever was appended since it was measured. */
    static void copy(Path file, long length, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException(file.getFileName() + " is shorter than the " + length + " bytes measured");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
