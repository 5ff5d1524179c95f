package org.bootctl.driver.rb2.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final Frame PING = new Frame(Message.PING, 7, new byte[0]);
    private static final Frame ACTUATE = new Frame(Message.ACTUATE, 8, new byte[] {(byte) 200, 1, 0, 2, 0, 0, 0, 0, 0, 0, 2});

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void aFrameOnTheWireIsCobsOfTheBodyWithALittleEndianCrcThenZero() {
        byte[] wire = PING.encode();
        assertEquals(0, wire[wire.length - 1]);
        byte[] body = Cobs.decode(wire, 0, wire.length - 1);
        int crc = Crc16.of(new byte[] {Message.PING, 7});
        assertArrayEquals(new byte[] {Message.PING, 7, (byte) crc, (byte) (crc >>> 8)}, body);
    }

    @Test
    void framesComeOutWhateverTheChunking() {
        byte[] stream = concat(new byte[] {0}, PING.encode(), ACTUATE.encode(), PING.encode());
        for (int chunk = 1; chunk <= stream.length; chunk++) {
            FrameDecoder decoder = new FrameDecoder();
            List<Frame> frames = new ArrayList<>();
            for (int at = 0; at < stream.length; at += chunk) {
                frames.addAll(decoder.feed(stream, at, Math.min(chunk, stream.length - at)));
            }
            assertEquals(List.of(PING, ACTUATE, PING), frames, "chunks of " + chunk);
            assertEquals(0, decoder.stats().dropped());
        }
    }

    @Test
    void aLoneZeroIsIgnoredAndNotCounted() {
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(), decoder.feed(new byte[] {0, 0, 0}));
        assertEquals(0, decoder.stats().dropped());
    }

    @Test
    void aBadCrcIsDroppedAndCounted() {
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(PING), decoder.feed(concat(PING.encodeWithBadCrc(), PING.encode())));
        assertEquals(1, decoder.stats().badCrc());
    }

    @Test
    void shortBodiesAreDroppedAndCounted() {
        FrameDecoder decoder = new FrameDecoder();
        byte[] threeBytes = concat(Cobs.encode(new byte[] {1, 2, 3}), new byte[] {0});
        assertEquals(List.of(), decoder.feed(concat(threeBytes, new byte[] {0x01, 0})));
        assertEquals(2, decoder.stats().tooShort()); // three bytes, and the empty body of a lone 0x01
    }

    @Test
    void badCobsIsDroppedAndCounted() {
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(PING), decoder.feed(concat(new byte[] {0x09, 1, 2, 0}, PING.encode())));
        assertEquals(1, decoder.stats().badCobs());
    }

    @Test
    void moreThan256BytesBetweenZerosAreDroppedUndecoded() {
        FrameDecoder decoder = new FrameDecoder();
        byte[] longRun = new byte[257];
        java.util.Arrays.fill(longRun, (byte) 0x42);
        assertEquals(List.of(PING), decoder.feed(concat(longRun, new byte[] {0}, PING.encode())));
        assertEquals(1, decoder.stats().oversize());
    }

    @Test
    void theLargestBodyGoesThrough() {
        byte[] payload = new byte[Frame.MAX_BODY - 4];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i % 7 == 0 ? 0 : i);
        }
        Frame largest = new Frame(Message.TELEMETRY, 0xFF, payload);
        byte[] wire = largest.encode();
        assertTrue(wire.length - 1 <= FrameDecoder.MAX_CANDIDATE);
        assertEquals(List.of(largest), new FrameDecoder().feed(wire));
    }

    @Test
    void aFrameCutInHalfWhenThePortOpensIsDropped() {
        byte[] wire = ACTUATE.encode();
        byte[] tail = java.util.Arrays.copyOfRange(wire, wire.length / 2, wire.length);
        FrameDecoder decoder = new FrameDecoder();
        assertEquals(List.of(PING), decoder.feed(concat(tail, PING.encode())));
        assertEquals(1, decoder.stats().dropped());
    }

    /**
     * Random and mutated streams, seeded: the decoder never throws, never hands out a frame that
     * was not sent whole, and is back in sync at the next zero (a clean frame after any garbage
     * and a zero always comes through).
     */
    @Test
    void fuzzNeverThrowsNeverAcceptsACorruptedFrameAndResyncs() {
        SplittableRandom random = new SplittableRandom(20240611);
        List<Frame> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] payload = new byte[random.nextInt(0, 60)];
            for (int j = 0; j < payload.length; j++) {
                payload[j] = (byte) (random.nextInt(3) == 0 ? 0 : random.nextInt(256));
            }
            sent.add(new Frame(random.nextInt(256), random.nextInt(256), payload));
        }
        Set<Frame> genuine = new HashSet<>(sent);
        long accepted = 0;
        for (int round = 0; round < 3000; round++) {
            FrameDecoder decoder = new FrameDecoder();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            int mode = random.nextInt(4);
            for (int k = 0; k < 5; k++) {
                byte[] wire = sent.get(random.nextInt(sent.size())).encode();
                switch (mode) {
                    case 0 -> { // pure noise
                        wire = new byte[random.nextInt(1, 300)];
                        for (int j = 0; j < wire.length; j++) {
                            wire[j] = (byte) random.nextInt(256);
                        }
                    }
                    case 1 -> { // one byte changed
                        int at = random.nextInt(wire.length);
                        wire[at] = (byte) (wire[at] + random.nextInt(1, 256));
                    }
                    case 2 -> { // bytes lost
                        int from = random.nextInt(wire.length);
                        int to = Math.min(wire.length, from + random.nextInt(1, 8));
                        byte[] shorter = new byte[wire.length - (to - from)];
                        System.arraycopy(wire, 0, shorter, 0, from);
                        System.arraycopy(wire, to, shorter, from, wire.length - to);
                        wire = shorter;
                    }
                    default -> { // a burst of noise inserted
                        byte[] noise = new byte[random.nextInt(1, 40)];
                        for (int j = 0; j < noise.length; j++) {
                            noise[j] = (byte) random.nextInt(256);
                        }
                        int at = random.nextInt(wire.length);
                        wire = concat(java.util.Arrays.copyOfRange(wire, 0, at), noise,
                                java.util.Arrays.copyOfRange(wire, at, wire.length));
                    }
                }
                stream.writeBytes(wire);
            }
            Frame marker = sent.get(round % sent.size());
            stream.writeBytes(new byte[] {0});
            stream.writeBytes(marker.encode());
            byte[] bytes = stream.toByteArray();
            List<Frame> out = new ArrayList<>();
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(bytes.length - at, random.nextInt(1, 64));
                out.addAll(decoder.feed(bytes, at, n));
                at += n;
            }
            assertTrue(!out.isEmpty() && out.get(out.size() - 1).equals(marker), "back in sync in round " + round);
            for (Frame frame : out) {
                assertTrue(genuine.contains(frame), "round " + round + " accepted a frame never sent: " + frame);
            }
            accepted += out.size() - 1;
        }
        assertTrue(accepted > 0, "some mutated streams still carry whole frames");
    }
}
