package org.bootctl.driver.rb2.codec;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The layer above {@link FrameDecoderTest}'s fuzz (issue 9): a frame whose CRC is good can still
 * carry any type and any payload. Decoding it gives a message or a {@link MessageFormatException}
 * with a reason to NACK — never another exception out of the reader. Seeded; a failure names its round.
 */
class MessageFuzzTest {

    private static final long SEED = 20261126L;

    @Test
    void anyTypeAndPayloadDecodesOrIsRefusedWithAReason() {
        SplittableRandom random = new SplittableRandom(SEED);
        int decoded = 0;
        for (int round = 0; round < 40_000; round++) {
            int type = round < 256 * 20 ? round % 256 : random.nextInt(256);
            int length = random.nextInt(4) == 0 ? random.nextInt(Frame.MAX_BODY - 3) : random.nextInt(24);
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++) {
                payload[i] = (byte) (random.nextInt(5) == 0 ? random.nextInt(3) * 0x7F : random.nextInt(256));
            }
            Frame frame = new Frame(type, random.nextInt(256), payload);
            try {
                Message message = Message.decode(frame);
                assertNotNull(message, "seed " + SEED + " round " + round);
                decoded++;
            } catch (MessageFormatException e) {
                assertNotNull(e.getMessage(), "seed " + SEED + " round " + round + ": a refusal says why");
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + SEED + " round " + round + ": type " + type + " with " + length
                        + " payload bytes threw " + e, e);
            }
        }
        assertTrue(decoded > 100, "some random frames are well-formed messages: " + decoded);
    }
}
