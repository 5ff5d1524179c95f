package org.bootctl.driver.rb2.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.bootctl.api.device.Valve;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static Message roundTrip(Message message) throws MessageFormatException {
        Frame frame = message.frame(42);
        List<Frame> decoded = new FrameDecoder().feed(frame.encode());
        assertEquals(List.of(frame), decoded);
        return Message.decode(decoded.get(0));
    }

    @Test
    void everyMessageSurvivesTheWire() throws MessageFormatException {
        List<Message> messages = List.of(
                new Message.Hello(2),
                Message.Actuate.of(255, new Valve[] {Valve.FILL, Valve.CLOSED, Valve.VENT}),
                new Message.Ping(), new Message.VentAll(), new Message.ClearFault(), new Message.SetRate(50),
                new Message.Info(2, 2, 5, 130, 300, 50, "RB2-L5", "SN-0042", "2.3.1"),
                new Message.Telemetry(0xFFFF_FFF0L, 65535, 0b1011, 1, 7, 128,
                        new short[] {0, 1234, -5, 32767}, new byte[] {0, 1, 2, 2}),
                new Message.Pong(), new Message.Fault(2, 0xFF), new Message.Nack(5), new Message.Ack());
        for (Message message : messages) {
            assertEquals(message, roundTrip(message), message.toString());
        }
    }

    @Test
    void aHostileUnitsStringsArriveWithoutLineBreaksOrEscapes() throws MessageFormatException {
        // a unit that tries to forge a log line and repaint the terminal with its serial number
        String forged = "1\nbootctl ready: x\r\u001b[2J\u007f";
        Message.Info hostile = new Message.Info(2, 2, 5, 130, 300, 50, "RB2-L5\u001b[31m", forged, "2.3\u0000");
        Message.Info read = (Message.Info) roundTrip(hostile);
        assertEquals("1\\x0abootctl ready: x\\x0d\\x1b[2J\\x7f", read.serial());
        assertEquals("RB2-L5\\x1b[31m", read.model());
        assertEquals("2.3\\x00", read.firmware());
        for (String text : List.of(read.model(), read.serial(), read.firmware())) {
            assertTrue(text.chars().noneMatch(Character::isISOControl), text);
        }
    }

    @Test
    void payloadsAreLittleEndianAsTheProtocolLaysThemOut() {
        Message.Telemetry t = new Message.Telemetry(0x04030201L, 0x0605, 0x02, 1, 3, 200,
                new short[] {0x0807, (short) -2}, new byte[] {1, 2});
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 2, 1, 3, (byte) 200, 7, 8, (byte) 0xFE, (byte) 0xFF, 1, 2}, t.payload());
        assertEquals(-0.2, t.pressure(1), 1e-9);

        Message.Info info = new Message.Info(2, 2, 4, 0x0182, 300, 50, "RB2-A4", "S1", "f");
        assertArrayEquals(new byte[] {2, 2, 4, (byte) 0x82, 0x01, 0x2C, 0x01, 50, 6, 'R', 'B', '2', '-', 'A', '4', 2, 'S', '1', 1, 'f'},
                info.payload());

        assertArrayEquals(new byte[] {(byte) 255, 1, 0, 2}, Message.Actuate.of(255, new Valve[] {Valve.FILL, Valve.CLOSED, Valve.VENT}).payload());
    }

    @Test
    void wrongLengthsAreBadLength() {
        assertReason(NackReason.BAD_LENGTH, new Frame(Message.HELLO, 1, new byte[0]));
        assertReason(NackReason.BAD_LENGTH, new Frame(Message.HELLO, 1, new byte[] {2, 2}));
        assertReason(NackReason.BAD_LENGTH, new Frame(Message.PING, 1, new byte[] {0}));
        assertReason(NackReason.BAD_LENGTH, new Frame(Message.VENT_ALL, 1, new byte[] {0}));
        assertReason(NackReason.BAD_LENGTH, new Frame(Message.CLEAR_FAULT, 1, new byte[] {0}));
        assertReason(NackReason.BAD_LENGTH, new Frame(Message.SET_RATE, 1, new byte[0]));
        assertReason(NackReason.BAD_LENGTH, new Frame(Message.ACTUATE, 1, new byte[0]));
        assertReason(NackReason.BAD_LENGTH, new Frame(Message.TELEMETRY, 0xFF, new byte[12]));
        assertReason(NackReason.BAD_LENGTH, new Frame(Message.FAULT, 0xFF, new byte[] {1}));
        assertReason(NackReason.BAD_LENGTH, new Frame(Message.INFO, 0xFF, new byte[] {2, 2, 5, 0, 0, 0, 0, 50, 9, 'x'}));
    }

    @Test
    void aStringLongerThan32IsBadLength() {
        byte[] p = new Message.Info(2, 2, 5, 130, 300, 50, "RB2-L5", "S", "F").payload();
        p[8] = 33;
        assertReason(NackReason.BAD_LENGTH, new Frame(Message.INFO, 1, p));
    }

    @Test
    void unknownTypesAreUnknownType() {
        assertReason(NackReason.UNKNOWN_TYPE, new Frame(0x07, 1, new byte[0]));
        assertReason(NackReason.UNKNOWN_TYPE, new Frame(0x80, 1, new byte[0]));
    }

    @Test
    void valuesAreLeftToTheFirmwareToJudge() throws MessageFormatException {
        assertEquals(new Message.Hello(3), Message.decode(new Frame(Message.HELLO, 1, new byte[] {3})));
        assertEquals(new Message.SetRate(5), Message.decode(new Frame(Message.SET_RATE, 1, new byte[] {5})));
        Message.Actuate a = (Message.Actuate) Message.decode(new Frame(Message.ACTUATE, 1, new byte[] {10, 9}));
        assertEquals(9, a.valve(0));
    }

    @Test
    void faultCodesMapToTheEnginesKinds() {
        assertEquals(org.bootctl.api.device.DeviceFault.Kind.WATCHDOG, FaultCode.kindOf(2));
        assertEquals(org.bootctl.api.device.DeviceFault.Kind.OTHER, FaultCode.kindOf(77));
        assertEquals("POWER", FaultCode.nameOf(5));
        assertEquals(FaultCode.SENSOR, FaultCode.parse("sensor"));
    }

    private static void assertReason(NackReason reason, Frame frame) {
        MessageFormatException e = assertThrows(MessageFormatException.class, () -> Message.decode(frame));
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
