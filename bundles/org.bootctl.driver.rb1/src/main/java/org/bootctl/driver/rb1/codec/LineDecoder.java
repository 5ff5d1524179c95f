package org.bootctl.driver.rb1.codec;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Cuts a byte stream, fed in chunks of any size, into RB1 line bodies. Never throws: a line with
 * a missing or wrong checksum, an overlong line, or bytes that cannot be part of a line are
 * dropped, counted and reported, and decoding resynchronises at the next {@code $}.
 * Accepts CR LF or LF (or a lone CR) as the line end. Not thread-safe: one reader feeds it.
 */
public final class LineDecoder {

    /** Why a line was dropped. */
    public enum Reject {
        /** A whole line whose {@code *HH} is missing, malformed or wrong: a device answers it with ERR,CHK. */
        CHECKSUM,
        /** More than 80 characters before the line end. */
        OVERLONG,
        /** A byte no line can hold (control or non-ASCII), or a line cut short by the next {@code $}. */
        GARBAGE
    }

    /** Where decoded lines go. Called on the feeding thread. */
    public interface Sink {
        void line(String body);

        default void rejected(Reject reason, String text) {
        }
    }

    private final byte[] buffer = new byte[LineCodec.MAX_LINE];
    private int length;
    /** Inside a line that started with {@code $}. */
    private boolean inLine;
    private final Map<Reject, Long> rejected = new EnumMap<>(Reject.class);
    private long garbageBytes;
    private long lines;

    public void feed(byte[] data, int offset, int count, Sink sink) {
        for (int i = offset; i < offset + count; i++) {
            accept(data[i] & 0xFF, sink);
        }
    }

    public void feed(byte[] data, Sink sink) {
        feed(data, 0, data.length, sink);
    }

    private void accept(int b, Sink sink) {
        if (b == '$') {
            if (inLine) {
                reject(Reject.GARBAGE, sink);
            }
            inLine = true;
            buffer[0] = '$';
            length = 1;
        } else if (b == '\r' || b == '\n') {
            if (inLine) {
                finish(sink);
            }
        } else if (!inLine) {
            garbageBytes++; // between lines: noise, or the rest of a dropped line
        } else if (!(LineCodec.isBodyChar(b) || b == '*')) {
            garbageBytes++;
            reject(Reject.GARBAGE, sink);
        } else if (length == LineCodec.MAX_LINE) {
            reject(Reject.OVERLONG, sink);
        } else {
            buffer[length++] = (byte) b;
        }
    }

    private void finish(Sink sink) {
        int star = length - 3;
        boolean framed = star >= 2 && buffer[star] == '*'
                && LineCodec.hexValue(buffer[star + 1]) >= 0 && LineCodec.hexValue(buffer[star + 2]) >= 0;
        if (!framed) {
            reject(Reject.CHECKSUM, sink);
            return;
        }
        int sum = 0;
        for (int i = 1; i < star; i++) {
            if (buffer[i] == '*') {
                reject(Reject.CHECKSUM, sink);
                return;
            }
            sum ^= buffer[i];
        }
        int given = LineCodec.hexValue(buffer[star + 1]) << 4 | LineCodec.hexValue(buffer[star + 2]);
        if (given != (sum & 0xFF)) {
            reject(Reject.CHECKSUM, sink);
            return;
        }
        String body = new String(buffer, 1, star - 1, StandardCharsets.US_ASCII);
        inLine = false;
        length = 0;
        lines++;
        sink.line(body);
    }

    private void reject(Reject reason, Sink sink) {
        String text = new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        inLine = false;
        length = 0;
        rejected.merge(reason, 1L, Long::sum);
        sink.rejected(reason, text);
    }

    /** Lines dropped for this reason so far. */
    public long rejected(Reject reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    /** Every line dropped so far. */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bytes that could not be part of any line. */
    public long garbageBytes() {
        return garbageBytes;
    }

    /** Good lines decoded so far. */
    public long lines() {
        return lines;
    }
}
