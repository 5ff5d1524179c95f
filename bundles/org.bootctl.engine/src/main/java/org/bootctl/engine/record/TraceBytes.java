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

    /** The longest {@link #putLong}: {@code -9223372036854775808}. */
    static final int MAX_LONG = 20;
    /** The longest {@link #putTenths}: 19 digits, the point and one more. */
    static final int MAX_TENTHS = 21;

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
        room(ascii.length());
        length = putAscii(bytes, length, ascii);
        return this;
    }

    /** Appends a whole number in decimal, as {@link Long#toString(long)} writes it. */
    public TraceBytes append(long value) {
        room(MAX_LONG);
        length = putLong(bytes, length, value);
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
        room(MAX_TENTHS);
        length = putTenths(bytes, length, tenths);
        return this;
    }

    /**
     * Room for {@code more} bytes after {@link #length()}: a formatter that knows its longest
     * output stores into the array from {@code length()} on, then calls {@link #end(int)}.
     */
    byte[] reserve(int more) {
        room(more);
        return bytes;
    }

    /** The bytes stored after a {@link #reserve(int)} end at {@code end}. */
    void end(int end) {
        if (end < length || end > bytes.length) {
            throw new IndexOutOfBoundsException(end);
        }
        length = end;
    }

    /** Stores {@code value} in decimal at {@code at}; returns where it ends. */
    static int putLong(byte[] b, int at, long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return putAscii(b, at, "-9223372036854775808");
            }
            b[at++] = '-';
            value = -value;
        }
        int end = at + digits(value);
        int i = end;
        if (value <= Integer.MAX_VALUE) {
            int v = (int) value; // int division is cheaper, and nearly every number fits
            do {
                b[--i] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
        } else {
            do {
                b[--i] = (byte) ('0' + value % 10);
                value /= 10;
            } while (value != 0);
        }
        return end;
    }

    /** Stores {@code tenths / 10} with one decimal at {@code at} ({@code tenths} at least 0); returns where it ends. */
    static int putTenths(byte[] b, int at, long tenths) {
        if (tenths >= 10_000) {
            at = putLong(b, at, tenths / 10);
            b[at++] = '.';
            b[at++] = (byte) ('0' + tenths % 10);
            return at;
        }
        // below 1000 (every pressure in mmHg): the digits stored directly
        int t = (int) tenths;
        int whole = t / 10;
        if (whole >= 100) {
            b[at++] = (byte) ('0' + whole / 100);
        }
        if (whole >= 10) {
            b[at++] = (byte) ('0' + whole / 10 % 10);
        }
        b[at++] = (byte) ('0' + whole % 10);
        b[at++] = '.';
        b[at++] = (byte) ('0' + t % 10);
        return at;
    }

    /** Stores an ASCII string at {@code at}; returns where it ends. */
    static int putAscii(byte[] b, int at, String ascii) {
        int n = ascii.length();
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) ascii.charAt(i);
        }
        return at + n;
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
