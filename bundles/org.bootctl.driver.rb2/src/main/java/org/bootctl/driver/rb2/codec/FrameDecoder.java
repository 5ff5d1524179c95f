package org.bootctl.driver.rb2.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a byte stream, fed in chunks of any size, into frames. The bytes up to each 0x00 are one
 * candidate; a candidate longer than {@value #MAX_CANDIDATE} bytes, one that fails COBS decoding,
 * one shorter than 4 bytes once decoded, or one with a wrong CRC is dropped silently and counted.
 * Never throws on any input; after garbage it is back in sync at the next 0x00.
 * For one thread at a time; the counters may be read from any thread.
 */
public final class FrameDecoder {

    /** A receiver drops anything longer than this between two zeros without decoding it. */
    public static final int MAX_CANDIDATE = 256;

    private final byte[] candidate = new byte[MAX_CANDIDATE];
    private int length;
    private boolean overflowed;

    private volatile long frames;
    private volatile long oversize;
    private volatile long badCobs;
    private volatile long tooShort;
    private volatile long badCrc;

    /** What was dropped so far, by cause. */
    public record Stats(long frames, long oversize, long badCobs, long tooShort, long badCrc) {
        public long dropped() {
            return oversize + badCobs + tooShort + badCrc;
        }
    }

    /** Feeds bytes; returns the frames they completed, in order (often none). */
    public List<Frame> feed(byte[] bytes, int offset, int count) {
        List<Frame> out = List.of();
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (b != 0) {
                if (length < MAX_CANDIDATE) {
                    candidate[length++] = b;
                } else {
                    overflowed = true;
                }
                continue;
            }
            Frame frame = endOfCandidate();
            if (frame != null) {
                if (out.isEmpty()) {
                    out = new ArrayList<>(2);
                }
                out.add(frame);
            }
        }
        return out;
    }

    public List<Frame> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    public Stats stats() {
        return new Stats(frames, oversize, badCobs, tooShort, badCrc);
    }

    private Frame endOfCandidate() {
        int n = length;
        boolean tooLong = overflowed;
        length = 0;
        overflowed = false;
        if (tooLong) {
            oversize++;
            return null;
        }
        if (n == 0) {
            return null; // a lone 0x00: ends whatever came before, ignored
        }
        byte[] body = Cobs.decode(candidate, 0, n);
        if (body == null) {
            badCobs++;
            return null;
        }
        if (body.length < 4) {
            tooShort++;
            return null;
        }
        int crc = (body[body.length - 2] & 0xFF) | (body[body.length - 1] & 0xFF) << 8;
        if (crc != Crc16.of(body, 0, body.length - 2)) {
            badCrc++;
            return null;
        }
        byte[] payload = new byte[body.length - 4];
        System.arraycopy(body, 2, payload, 0, payload.length);
        if (payload.length + 4 > Frame.MAX_BODY) {
            oversize++; // decodes, but is longer than any sender may send
            return null;
        }
        frames++;
        return new Frame(body[0] & 0xFF, body[1] & 0xFF, payload);
    }
}
