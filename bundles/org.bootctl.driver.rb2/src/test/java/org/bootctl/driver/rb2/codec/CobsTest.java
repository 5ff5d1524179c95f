package org.bootctl.driver.rb2.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The published examples of COBS, the edge runs of 254 and 255 bytes, and round trips. */
class CobsTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] run(int from, int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static void roundTrip(byte[] data, byte[] encoded) {
        assertArrayEquals(encoded, Cobs.encode(data));
        assertArrayEquals(data, Cobs.decode(encoded, 0, encoded.length));
    }

    @Test
    void empty() {
        roundTrip(new byte[0], bytes(0x01));
    }

    @Test
    void zeros() {
        roundTrip(bytes(0x00), bytes(0x01, 0x01));
        roundTrip(bytes(0x00, 0x00), bytes(0x01, 0x01, 0x01));
        roundTrip(bytes(0x11, 0x00, 0x00, 0x00), bytes(0x02, 0x11, 0x01, 0x01, 0x01));
    }

    @Test
    void mixed() {
        roundTrip(bytes(0x00, 0x11, 0x00), bytes(0x01, 0x02, 0x11, 0x01));
        roundTrip(bytes(0x11, 0x22, 0x00, 0x33), bytes(0x03, 0x11, 0x22, 0x02, 0x33));
        roundTrip(bytes(0x11, 0x22, 0x33, 0x44), bytes(0x05, 0x11, 0x22, 0x33, 0x44));
    }

    @Test
    void aRunOf254IsOneFullBlockWithNothingAfterIt() {
        byte[] data = run(1, 254);
        byte[] encoded = new byte[255];
        encoded[0] = (byte) 0xFF;
        System.arraycopy(data, 0, encoded, 1, 254);
        roundTrip(data, encoded);
    }

    @Test
    void aZeroThen254() {
        byte[] data = new byte[255];
        System.arraycopy(run(1, 254), 0, data, 1, 254);
        byte[] encoded = new byte[256];
        encoded[0] = 0x01;
        encoded[1] = (byte) 0xFF;
        System.arraycopy(run(1, 254), 0, encoded, 2, 254);
        roundTrip(data, encoded);
    }

    @Test
    void aRunOf255SpillsIntoASecondBlock() {
        byte[] data = run(1, 255); // 0x01..0xFF
        byte[] encoded = new byte[257];
        encoded[0] = (byte) 0xFF;
        System.arraycopy(data, 0, encoded, 1, 254);
        encoded[255] = 0x02;
        encoded[256] = (byte) 0xFF;
        roundTrip(data, encoded);
    }

    @Test
    void aRunOf254ThenAZero() {
        byte[] data = new byte[255];
        System.arraycopy(run(1, 254), 0, data, 0, 254);
        byte[] encoded = Cobs.encode(data);
        assertEquals(257, encoded.length);
        assertEquals((byte) 0xFF, encoded[0]);
        assertEquals(0x01, encoded[255]);
        assertEquals(0x01, encoded[256]);
        assertArrayEquals(data, Cobs.decode(encoded, 0, encoded.length));
    }

    @Test
    void theTrailingCodeOfTheOtherVariantIsAcceptedToo() {
        byte[] data = run(1, 254);
        byte[] encoded = new byte[256];
        encoded[0] = (byte) 0xFF;
        System.arraycopy(data, 0, encoded, 1, 254);
        encoded[255] = 0x01;
        assertArrayEquals(data, Cobs.decode(encoded, 0, encoded.length));
    }

    @Test
    void invalidEncodingsAreRefused() {
        assertNull(Cobs.decode(bytes(0x05, 0x11, 0x22), 0, 3), "a run cut short");
        assertNull(Cobs.decode(bytes(0x03, 0x11, 0x00), 0, 3), "a zero inside");
        assertNull(Cobs.decode(bytes(0x00), 0, 1), "code zero");
    }

    @Test
    void randomDataRoundTripsAndTheEncodingHasNoZero() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 2000; n++) {
            byte[] data = new byte[random.nextInt(600)];
            for (int i = 0; i < data.length; i++) {
                // many zeros and long non-zero runs
                data[i] = (byte) (random.nextInt(4) == 0 ? 0 : random.nextInt(1, 256));
                if (n % 3 == 0) {
                    data[i] = (byte) random.nextInt(1, 256);
                }
            }
            byte[] encoded = Cobs.encode(data);
            for (byte b : encoded) {
                assertTrue(b != 0);
            }
            assertTrue(encoded.length <= data.length + data.length / 254 + 1);
            assertArrayEquals(data, Cobs.decode(encoded, 0, encoded.length));
        }
    }
}
