package org.bootctl.driver.rb2.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc16Test {

    @Test
    void checkValueOfTheStandardString() {
        assertEquals(0x29B1, Crc16.of("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyInputIsTheInitialValue() {
        assertEquals(0xFFFF, Crc16.of(new byte[0]));
    }

    @Test
    void aRangeIsTheCrcOfThoseBytesOnly() {
        byte[] padded = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x29B1, Crc16.of(padded, 2, 9));
    }

    @Test
    void everySingleBitFlipChangesIt() {
        byte[] data = "bootctl BCP/2".getBytes(StandardCharsets.US_ASCII);
        int crc = Crc16.of(data);
        for (int i = 0; i < data.length * 8; i++) {
            data[i / 8] ^= (byte) (1 << (i % 8));
            assertNotEquals(crc, Crc16.of(data), "bit " + i);
            data[i / 8] ^= (byte) (1 << (i % 8));
        }
    }
}
