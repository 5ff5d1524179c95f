package org.bootctl.driver.rb2.codec;

import java.io.ByteArrayOutputStream;

/**
 * Consistent Overhead Byte Stuffing as first published (Cheshire and Baker): code byte n is
 * followed by n-1 data bytes and, when n &lt; 255 and more follows, an implied zero; a full run
 * of 254 non-zero bytes is coded 0xFF with no implied zero. The encoding contains no 0x00.
 */
public final class Cobs {

    private Cobs() {
    }

    /** The encoded bytes, without the 0x00 that ends a frame on the wire. */
    public static byte[] encode(byte[] data) {
        byte[] out = new byte[data.length + data.length / 254 + 2];
        int codeAt = 0;
        int length = 1;
        int code = 1;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                out[codeAt] = (byte) code;
                codeAt = length++;
                code = 1;
            } else {
                out[length++] = data[i];
                code++;
                // a full run ends its block; a new one starts only if more data follows
                if (code == 0xFF && i < data.length - 1) {
                    out[codeAt] = (byte) code;
                    codeAt = length++;
                    code = 1;
                }
            }
        }
        out[codeAt] = (byte) code;
        return java.util.Arrays.copyOf(out, length);
    }

    /**
     * Decodes {@code length} bytes (which must hold no 0x00).
     *
     * @return the data, or null when the bytes are not a valid encoding (a run cut short, a zero inside)
     */
    public static byte[] decode(byte[] in, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int code = in[i] & 0xFF;
            if (code == 0 || i + code > end) {
                return null;
            }
            for (int j = i + 1; j < i + code; j++) {
                if (in[j] == 0) {
                    return null;
                }
                out.write(in[j]);
            }
            i += code;
            if (code < 0xFF && i < end) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }
}
