package org.bootctl.engine.record;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Trace text as ASCII bytes, appended in place: the rows of a trace chunk are formatted straight
 * into it on the loop and written as they are on the writer (no characters to encode, no copy).
 * Not thread-safe: one thread at a time, handed over with a happens-before.
 */
public final class TraceBytes {

    private byte[] bytes;
    private int length;

    /** @param capacity the bytes held before it grows */
    public TraceBytes(int capacity) {
        bytes = new byte[capacity];
    }

    /** @return the bytes appended so far */
    public int length() {
        return length;
    }

    /** Keeps the first {@code newLength} bytes (at most {@link #length()}). */
    public void setLength(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IndexOutOfBoundsException(newLength);
        }
        length = newLength;
    }

    /** Appends one ASCII character. */
    public TraceBytes append(char ascii) {
        room(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    /** Appends an ASCII string (an enum's name, a word). */
    public TraceBytes append(String ascii) {
        int n = ascii.length();
        room(n);
        for (int i = 0; i < n; i++) {
            bytes[length + i] = (byte) ascii.charAt(i);
        }
        length += n;
        return this;
    }

    /** Appends a whole number in decimal, as {@link Long#toString(long)} writes it. */
    public TraceBytes append(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return append(Long.toString(value));
            }
            append('-');
            value = -value;
        }
        room(19);
        int end = length + digits(value);
        int i = end;
        if (value <= Integer.MAX_VALUE) {
            int v = (int) value; // int division is cheaper, and nearly every number fits
            do {
                bytes[--i] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
        } else {
            do {
                bytes[--i] = (byte) ('0' + value % 10);
                value /= 10;
            } while (value != 0);
        }
        length = end;
        return this;
    }

    /**
     * Appends {@code tenths / 10} with one decimal: {@code 824} gives {@code 82.4}, {@code 3} gives
     * {@code 0.3}. The sign is the caller's.
     *
     * @param tenths at least 0
     */
    public TraceBytes appendTenths(long tenths) {
        if (tenths < 0) {
            throw new IllegalArgumentException("negative tenths: " + tenths);
        }
        if (tenths >= 10_000) {
            return append(tenths / 10).append('.').append((char) ('0' + tenths % 10));
        }
        // below 1000 (every pressure in mmHg): the digits stored directly
        room(5);
        int t = (int) tenths;
        int whole = t / 10;
        byte[] b = bytes;
        int at = length;
        if (whole >= 100) {
            b[at++] = (byte) ('0' + whole / 100);
        }
        if (whole >= 10) {
            b[at++] = (byte) ('0' + whole / 10 % 10);
        }
        b[at++] = (byte) ('0' + whole % 10);
        b[at++] = '.';
        b[at++] = (byte) ('0' + t % 10);
        length = at;
        return this;
    }

    /** Writes the bytes appended so far. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static int digits(long value) {
        int n = 1;
        for (long bound = 10; n < 19 && value >= bound; bound *= 10) {
            n++;
        }
        return n;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, 2 * bytes.length));
        }
    }
}
