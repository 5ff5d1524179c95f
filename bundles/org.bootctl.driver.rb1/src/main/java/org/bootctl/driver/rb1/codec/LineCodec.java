package org.bootctl.driver.rb1.codec;

import java.nio.charset.StandardCharsets;

/**
 * The RB1 line format, {@code $BODY*HH}: HH is the XOR of every byte of BODY as two upper-case
 * hex digits (NMEA style); at most 80 characters counting {@code $} and {@code *HH}.
 */
public final class LineCodec {

    /** Longest line, counting {@code $} and {@code *HH}, not counting the line end. */
    public static final int MAX_LINE = 80;
    /** {@code $}, {@code *} and two hex digits around the body. */
    public static final int FRAMING = 4;
    public static final int MAX_BODY = MAX_LINE - FRAMING;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LineCodec() {
    }

    /** The XOR of every byte of {@code body}. */
    public static int checksum(CharSequence body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum ^= body.charAt(i);
        }
        return sum & 0xFF;
    }

    /** Two upper-case hex digits. */
    public static String hex(int value) {
        return new String(new char[] {HEX[(value >> 4) & 0xF], HEX[value & 0xF]});
    }

    /** {@code $BODY*HH}, without a line end. */
    public static String frame(String body) {
        if (!isBody(body)) {
            throw new IllegalArgumentException("not an RB1 line body: " + body);
        }
        return "$" + body + "*" + hex(checksum(body));
    }

    /** The bytes of one line as both sides send it: framed and ended with CR LF. */
    public static byte[] encode(String body) {
        return (frame(body) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A body is 1..76 printable ASCII characters without spaces, {@code $} or {@code *}. */
    public static boolean isBody(CharSequence body) {
        if (body.isEmpty() || body.length() > MAX_BODY) {
            return false;
        }
        for (int i = 0; i < body.length(); i++) {
            if (!isBodyChar(body.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static boolean isBodyChar(int c) {
        return c > 0x20 && c < 0x7F && c != '$' && c != '*';
    }

    public static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1; // lower case is not the format
    }
}
