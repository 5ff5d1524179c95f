package org.bootctl.driver.rb1.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The line format and the streaming decoder: the spec's example, chunking, every way a line is dropped, fuzz. */
class LineDecoderTest {

    private final List<String> lines = new ArrayList<>();
    private final List<LineDecoder.Reject> rejects = new ArrayList<>();
    private final LineDecoder decoder = new LineDecoder();
    private final LineDecoder.Sink sink = new LineDecoder.Sink() {
        @Override
        public void line(String body) {
            lines.add(body);
        }

        @Override
        public void rejected(LineDecoder.Reject reason, String text) {
            rejects.add(reason);
        }
    };

    private void feed(String text) {
        decoder.feed(text.getBytes(StandardCharsets.ISO_8859_1), sink);
    }

    @Test
    void encodesTheSpecExample() {
        assertEquals(0x32, LineCodec.checksum("ID?"));
        assertEquals("$ID?*32", LineCodec.frame("ID?"));
        assertEquals("$ID?*32\r\n", new String(LineCodec.encode("ID?"), StandardCharsets.US_ASCII));
        assertEquals("0A", LineCodec.hex(10), "two upper-case digits");
    }

    @Test
    void refusesToEncodeWhatIsNoBody() {
        assertThrows(IllegalArgumentException.class, () -> LineCodec.frame(""));
        assertThrows(IllegalArgumentException.class, () -> LineCodec.frame("SET, 1,20"));
        assertThrows(IllegalArgumentException.class, () -> LineCodec.frame("A*B"));
        assertThrows(IllegalArgumentException.class, () -> LineCodec.frame("X".repeat(77)));
        assertEquals(80, LineCodec.frame("X".repeat(76)).length(), "76 body characters make the longest line");
    }

    @Test
    void decodesCrLfAndLfAndAnyChunking() {
        String stream = "$ID?*32\r\n" + LineCodec.frame("ALL,10,20,30,40") + "\n" + LineCodec.frame("S,1200,1.5,-0.3,0.0,99.9") + "\r\n";
        byte[] bytes = stream.getBytes(StandardCharsets.US_ASCII);
        for (int chunk = 1; chunk <= bytes.length; chunk++) {
            lines.clear();
            LineDecoder fresh = new LineDecoder();
            for (int i = 0; i < bytes.length; i += chunk) {
                fresh.feed(bytes, i, Math.min(chunk, bytes.length - i), sink);
            }
            assertEquals(List.of("ID?", "ALL,10,20,30,40", "S,1200,1.5,-0.3,0.0,99.9"), lines, "chunks of " + chunk);
        }
    }

    @Test
    void dropsBadChecksumsAndCountsThem() {
        feed("$ID?*33\r\n$ID?*3\r\n$ID?\r\n$ID?*32\r\n$IX?*33\r\n$ID?*3a\r\n$*00\r\n");
        assertEquals(List.of("ID?"), lines);
        assertEquals(6, decoder.rejected(LineDecoder.Reject.CHECKSUM));
        assertEquals(List.of(LineDecoder.Reject.CHECKSUM), rejects.stream().distinct().toList());
    }

    @Test
    void dropsOverlongLinesAndResyncs() {
        String longest = LineCodec.frame("X".repeat(76));
        String tooLong = "$" + "X".repeat(77) + "*" + LineCodec.hex(LineCodec.checksum("X".repeat(77)));
        feed(tooLong + "\r\n" + longest + "\r\n" + "$" + "Y".repeat(500) + LineCodec.frame("OK") + "\r\n");
        assertEquals(List.of("X".repeat(76), "OK"), lines);
        assertEquals(2, decoder.rejected(LineDecoder.Reject.OVERLONG));
    }

    @Test
    void dropsGarbageAndResyncsAtTheNextDollar() {
        feed("\u0000\u00ff noise \r\n$ST\u0001?*00\r\n$OK*4F$P?*6F\r\n junk $ID?*32\r\n");
        assertEquals(List.of("P?", "ID?"), lines);
        assertEquals(2, decoder.rejected(LineDecoder.Reject.GARBAGE), "a control byte inside a line; a line cut by $");
        assertTrue(decoder.garbageBytes() > 8);
    }

    /**
     * Random streams, and good streams with bytes flipped, dropped, doubled and inserted: the
     * decoder never throws, never accepts a line that fails its checksum or length, and is in
     * step again for the good lines that follow the damage.
     */
    @Test
    void fuzzNeverThrowsNeverAcceptsABadLineAndResyncs() {
        Random random = new Random(20261126L);
        List<String> bodies = List.of("ID?", "ST?", "OK", "VENT", "S,123456,82.4,-0.3,0.0,120.0",
                "ID,RB1-L4,E1234,1.4.2,4,120", "ERR,CHK", "ALL,10,20,30,40", "FLT,OVERPRESSURE");
        for (int round = 0; round < 400; round++) {
            ByteArrayOutputStream damaged = new ByteArrayOutputStream();
            if (round % 2 == 0) {
                byte[] noise = new byte[random.nextInt(400)];
                random.nextBytes(noise);
                damaged.writeBytes(noise);
            } else {
                for (int i = 0; i < 20; i++) {
                    byte[] line = LineCodec.encode(bodies.get(random.nextInt(bodies.size())));
                    for (byte b : line) {
                        int dice = random.nextInt(60);
                        if (dice == 0) {
                            damaged.write(b ^ (1 << random.nextInt(8)));
                        } else if (dice == 1) {
                            continue;
                        } else if (dice == 2) {
                            damaged.write(b);
                            damaged.write(b);
                        } else if (dice == 3) {
                            damaged.write(random.nextInt(256));
                            damaged.write(b);
                        } else {
                            damaged.write(b);
                        }
                    }
                }
            }
            List<String> tail = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tail.add(bodies.get(random.nextInt(bodies.size())));
            }
            ByteArrayOutputStream good = new ByteArrayOutputStream();
            tail.forEach(body -> good.writeBytes(LineCodec.encode(body)));

            lines.clear();
            LineDecoder fresh = new LineDecoder();
            byte[] all = concat(damaged.toByteArray(), good.toByteArray());
            for (int i = 0; i < all.length; ) {
                int n = Math.min(1 + random.nextInt(64), all.length - i);
                fresh.feed(all, i, n, sink);
                i += n;
            }
            String fed = new String(all, StandardCharsets.ISO_8859_1);
            for (String body : lines) {
                assertTrue(LineCodec.isBody(body), "round " + round + " accepted a body no line can hold: " + body);
                assertTrue(fed.contains(LineCodec.frame(body)), "round " + round + " accepted " + body
                        + " without its checksum on the line");
            }
            assertTrue(lines.size() >= tail.size(), "round " + round);
            assertEquals(tail, lines.subList(lines.size() - tail.size(), lines.size()), "round " + round + ": back in step");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
