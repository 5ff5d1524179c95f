package org.bootctl.driver.rb2.codec;

import java.util.Arrays;

/**
 * One BCP/2 frame: {@code type | seq | payload}, sent as {@code COBS(type seq payload crc16le) 0x00}.
 *
 * @param type    message type, 0..255
 * @param seq     sequence number, 0..255 (0xFF: sent by the device on its own)
 * @param payload the message's bytes (copied)
 */
public record Frame(int type, int seq, byte[] payload) {

    /** The largest body (type, seq, payload and CRC) before encoding. */
    public static final int MAX_BODY = 254;
    /** The seq of frames a device sends on its own. */
    public static final int UNSOLICITED = 0xFF;

    public Frame {
        if (type < 0 || type > 0xFF || seq < 0 || seq > 0xFF) {
            throw new IllegalArgumentException("type and seq are bytes: " + type + ", " + seq);
        }
        payload = payload.clone();
        if (payload.length + 4 > MAX_BODY) {
            throw new IllegalArgumentException("a frame body is at most " + MAX_BODY + " bytes, payload " + payload.length);
        }
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    /** The body: type, seq, payload, CRC (little-endian). */
    public byte[] body() {
        return body(false);
    }

    /** The bytes on the wire: COBS of the body, then 0x00. */
    public byte[] encode() {
        return wire(body(false));
    }

    /** As {@link #encode()} but with a CRC that does not match: for fault injection. */
    public byte[] encodeWithBadCrc() {
        return wire(body(true));
    }

    private byte[] body(boolean badCrc) {
        byte[] body = new byte[payload.length + 4];
        body[0] = (byte) type;
        body[1] = (byte) seq;
        System.arraycopy(payload, 0, body, 2, payload.length);
        int crc = Crc16.of(body, 0, body.length - 2) ^ (badCrc ? 0x5A5A : 0);
        body[body.length - 2] = (byte) crc;
        body[body.length - 1] = (byte) (crc >>> 8);
        return body;
    }

    private static byte[] wire(byte[] body) {
        byte[] cobs = Cobs.encode(body);
        return Arrays.copyOf(cobs, cobs.length + 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && f.type == type && f.seq == seq && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + seq) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return String.format("Frame[type=0x%02X, seq=%d, %d payload bytes]", type, seq, payload.length);
    }
}
