package org.bootctl.driver.rb2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Function;
import org.bootctl.driver.rb2.codec.Frame;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.driver.rb2.codec.NackReason;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit that answers HELLO, but not with an INFO the driver can use: the reason a person read was
 * "no INFO in answer to HELLO within 1000 ms (2 tries): is an RB2 boot on this port?", the words for
 * a port with nothing on it, when an RB2 had refused the protocol's version or every answer was garbled.
 */
@Tag("realtime")
@Tag("serial")
class HelloRefusedIT {

    @TempDir
    Path dir;

    @Test
    void aUnitThatRefusesHelloIsToldFromAnEmptyPort() throws Exception {
        String reason = refusal(hello -> new Message.Nack(NackReason.BAD_VALUE.code()).frame(hello.seq()).encode());
        assertTrue(reason.contains("refused HELLO for BCP version 2 (BAD_VALUE)")
                && reason.contains("speaks another version"), reason);
    }

    @Test
    void answersThatCannotBeReadAreNamedAsSuch() throws Exception {
        String reason = refusal(hello -> new Message.Info(Message.VERSION, 2, 5, 130, 300, 50, "RB2-L5", "SN1", "fw")
                .frame(hello.seq()).encodeWithBadCrc());
        assertTrue(reason.contains("no INFO in answer to HELLO") && reason.contains("frames came that could not be read"),
                reason);
    }

    /** The reason the driver gives for a unit answering each HELLO with {@code answer}'s bytes. */
    private String refusal(Function<Frame, byte[]> answer) throws Exception {
        try (FakeRb2Unit unit = FakeRb2Unit.start(dir, f -> f.type() == Message.HELLO ? answer.apply(f) : null, null)) {
            TestRegistrar registrar = new TestRegistrar();
            Rb2Link link = unit.connect(registrar);
            Waits.until("refused", 10_000, () -> link.lastError() != null);
            assertEquals(0, registrar.registrations.get(), "never registered");
            String reason = link.lastError();
            assertTrue(reason.startsWith("port " + unit.host() + ": "), reason);
            return reason;
        }
    }
}
