package org.bootctl.driver.rb2.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bootctl.api.device.DeviceText;
import org.bootctl.api.device.Valve;

/**
 * The messages of BCP/2, host to device and device to host, each with its payload layout
 * (little-endian). {@link #decode} checks structure and lengths only; what values a device
 * accepts (version 2, valve bytes 0..2, rate 10..100, ACTUATE's length for its channels) is the
 * firmware's to judge.
 */
public sealed interface Message {

    int HELLO = 0x01;
    int ACTUATE = 0x02;
    int PING = 0x03;
    int VENT_ALL = 0x04;
    int CLEAR_FAULT = 0x05;
    int SET_RATE = 0x06;
    int INFO = 0x81;
    int TELEMETRY = 0x82;
    int PONG = 0x83;
    int FAULT = 0x84;
    int NACK = 0x85;
    int ACK = 0x86;

    /** The protocol version this bundle speaks. */
    int VERSION = 2;

    /** TELEMETRY status bits. */
    int STATUS_FAULT = 1;
    int STATUS_PUMP = 1 << 1;
    int STATUS_WATCHDOG = 1 << 2;
    int STATUS_VENT_ALL = 1 << 3;

    /** Valve-state bytes. */
    int CLOSED = 0;
    int FILL = 1;
    int VENT = 2;

    int type();

    /** The payload bytes. */
    byte[] payload();

    default Frame frame(int seq) {
        return new Frame(type(), seq, payload());
    }

    /** The name of a type byte, e.g. {@code ACTUATE}, for logs. */
    static String typeName(int type) {
        return switch (type) {
            case HELLO -> "HELLO";
            case ACTUATE -> "ACTUATE";
            case PING -> "PING";
            case VENT_ALL -> "VENT_ALL";
            case CLEAR_FAULT -> "CLEAR_FAULT";
            case SET_RATE -> "SET_RATE";
            case INFO -> "INFO";
            case TELEMETRY -> "TELEMETRY";
            case PONG -> "PONG";
            case FAULT -> "FAULT";
            case NACK -> "NACK";
            case ACK -> "ACK";
            default -> String.format("0x%02X", type);
        };
    }

    /**
     * The message a frame carries.
     *
     * @throws MessageFormatException for an unknown type (UNKNOWN_TYPE) or a payload of the wrong shape (BAD_LENGTH)
     */
    static Message decode(Frame frame) throws MessageFormatException {
        byte[] p = frame.payload();
        return switch (frame.type()) {
            case HELLO -> new Hello(u8(length(frame, p, 1), 0));
            case ACTUATE -> {
                if (p.length < 1) {
                    throw badLength(frame, p, "at least 1");
                }
                yield new Actuate(u8(p, 0), Arrays.copyOfRange(p, 1, p.length));
            }
            case PING -> empty(frame, p, new Ping());
            case VENT_ALL -> empty(frame, p, new VentAll());
            case CLEAR_FAULT -> empty(frame, p, new ClearFault());
            case SET_RATE -> new SetRate(u8(length(frame, p, 1), 0));
            case INFO -> Info.read(frame, p);
            case TELEMETRY -> Telemetry.read(frame, p);
            case PONG -> empty(frame, p, new Pong());
            case FAULT -> new Fault(u8(length(frame, p, 2), 0), u8(p, 1));
            case NACK -> new Nack(u8(length(frame, p, 1), 0));
            case ACK -> empty(frame, p, new Ack());
            default -> throw new MessageFormatException(NackReason.UNKNOWN_TYPE, "unknown message type " + typeName(frame.type()));
        };
    }

    // ---- host to device

    record Hello(int version) implements Message {
        public int type() {
            return HELLO;
        }

        public byte[] payload() {
            return new byte[] {(byte) version};
        }
    }

    /** Pump duty 0..255 and one valve-state byte per channel, as on the wire. */
    record Actuate(int pump, byte[] valves) implements Message {
        public Actuate {
            valves = valves.clone();
        }

        public static Actuate of(int pump, Valve[] valves) {
            byte[] bytes = new byte[valves.length];
            for (int i = 0; i < valves.length; i++) {
                bytes[i] = (byte) valves[i].ordinal();
            }
            return new Actuate(pump, bytes);
        }

        public int type() {
            return ACTUATE;
        }

        @Override
        public byte[] valves() {
            return valves.clone();
        }

        public int channels() {
            return valves.length;
        }

        public int valve(int channel) {
            return valves[channel] & 0xFF;
        }

        public byte[] payload() {
            byte[] p = new byte[1 + valves.length];
            p[0] = (byte) pump;
            System.arraycopy(valves, 0, p, 1, valves.length);
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Actuate a && a.pump == pump && Arrays.equals(a.valves, valves);
        }

        @Override
        public int hashCode() {
            return pump * 31 + Arrays.hashCode(valves);
        }

        @Override
        public String toString() {
            return "Actuate[pump=" + pump + ", valves=" + Arrays.toString(valves) + "]";
        }
    }

    record Ping() implements Message {
        public int type() {
            return PING;
        }

        public byte[] payload() {
            return new byte[0];
        }
    }

    record VentAll() implements Message {
        public int type() {
            return VENT_ALL;
        }

        public byte[] payload() {
            return new byte[0];
        }
    }

    record ClearFault() implements Message {
        public int type() {
            return CLEAR_FAULT;
        }

        public byte[] payload() {
            return new byte[0];
        }
    }

    record SetRate(int hz) implements Message {
        public int type() {
            return SET_RATE;
        }

        public byte[] payload() {
            return new byte[] {(byte) hz};
        }
    }

    // ---- device to host

    /** Who the device is: its limits and geometry, then model, serial and firmware (each at most 32 ASCII bytes). */
    record Info(int version, int limbs, int zones, int maxMmHg, int sensorFullScaleMmHg, int rateHz,
                String model, String serial, String firmware) implements Message {
        /** The longest string INFO carries. */
        public static final int MAX_STRING = 32;

        public int type() {
            return INFO;
        }

        public byte[] payload() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(version);
            out.write(limbs);
            out.write(zones);
            u16(out, maxMmHg);
            u16(out, sensorFullScaleMmHg);
            out.write(rateHz);
            string(out, model);
            string(out, serial);
            string(out, firmware);
            return out.toByteArray();
        }

        private static void string(ByteArrayOutputStream out, String s) {
            byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
            int n = Math.min(bytes.length, MAX_STRING);
            out.write(n);
            out.write(bytes, 0, n);
        }

        static Info read(Frame frame, byte[] p) throws MessageFormatException {
            if (p.length < 11) {
                throw badLength(frame, p, "at least 11");
            }
            int[] at = {8};
            String model = string(frame, p, at);
            String serial = string(frame, p, at);
            String firmware = string(frame, p, at);
            if (at[0] != p.length) {
                throw badLength(frame, p, at[0] + " (by its strings)");
            }
            return new Info(u8(p, 0), u8(p, 1), u8(p, 2), u16(p, 3), u16(p, 5), u8(p, 7), model, serial, firmware);
        }

        private static String string(Frame frame, byte[] p, int[] at) throws MessageFormatException {
            if (at[0] >= p.length) {
                throw badLength(frame, p, "more (a string is missing)");
            }
            int n = u8(p, at[0]);
            if (n > MAX_STRING || at[0] + 1 + n > p.length) {
                throw badLength(frame, p, "more (a string of " + n + " bytes does not fit)");
            }
            // the unit's own words go to logs and pages: no line breaks or escapes of its making
            String s = DeviceText.clean(new String(p, at[0] + 1, n, StandardCharsets.US_ASCII));
            at[0] += 1 + n;
            return s;
        }
    }

    /**
     * One telemetry frame: pressures in 0.1 mmHg and valve-state bytes, one per channel.
     * {@code uptimeMs} is u32, {@code count} u16 (both wrap).
     */
    record Telemetry(long uptimeMs, int count, int status, int faultCode, int faultChannel, int pump,
                     short[] pressures, byte[] valves) implements Message {
        private static final int FIXED = 10;

        public Telemetry {
            pressures = pressures.clone();
            valves = valves.clone();
            if (pressures.length != valves.length) {
                throw new IllegalArgumentException("one pressure and one valve per channel: " + pressures.length + " vs " + valves.length);
            }
        }

        public int type() {
            return TELEMETRY;
        }

        public int channels() {
            return pressures.length;
        }

        /** mmHg on a channel. */
        public double pressure(int channel) {
            return pressures[channel] / 10.0;
        }

        public int valve(int channel) {
            return valves[channel] & 0xFF;
        }

        @Override
        public short[] pressures() {
            return pressures.clone();
        }

        @Override
        public byte[] valves() {
            return valves.clone();
        }

        public boolean has(int statusBit) {
            return (status & statusBit) != 0;
        }

        public byte[] payload() {
            int n = pressures.length;
            byte[] p = new byte[FIXED + 3 * n];
            p[0] = (byte) uptimeMs;
            p[1] = (byte) (uptimeMs >>> 8);
            p[2] = (byte) (uptimeMs >>> 16);
            p[3] = (byte) (uptimeMs >>> 24);
            p[4] = (byte) count;
            p[5] = (byte) (count >>> 8);
            p[6] = (byte) status;
            p[7] = (byte) faultCode;
            p[8] = (byte) faultChannel;
            p[9] = (byte) pump;
            for (int i = 0; i < n; i++) {
                p[FIXED + 2 * i] = (byte) pressures[i];
                p[FIXED + 2 * i + 1] = (byte) (pressures[i] >>> 8);
            }
            System.arraycopy(valves, 0, p, FIXED + 2 * n, n);
            return p;
        }

        static Telemetry read(Frame frame, byte[] p) throws MessageFormatException {
            if (p.length < FIXED + 3 || (p.length - FIXED) % 3 != 0) {
                throw badLength(frame, p, FIXED + " + 3 per channel");
            }
            int n = (p.length - FIXED) / 3;
            short[] pressures = new short[n];
            for (int i = 0; i < n; i++) {
                pressures[i] = (short) u16(p, FIXED + 2 * i);
            }
            long uptime = (u16(p, 0) | (long) u16(p, 2) << 16);
            return new Telemetry(uptime, u16(p, 4), u8(p, 6), u8(p, 7), u8(p, 8), u8(p, 9), pressures,
                    Arrays.copyOfRange(p, FIXED + 2 * n, p.length));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Telemetry t && t.uptimeMs == uptimeMs && t.count == count && t.status == status
                    && t.faultCode == faultCode && t.faultChannel == faultChannel && t.pump == pump
                    && Arrays.equals(t.pressures, pressures) && Arrays.equals(t.valves, valves);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(uptimeMs) * 31 + count * 17 + Arrays.hashCode(pressures);
        }

        @Override
        public String toString() {
            return "Telemetry[uptime=" + uptimeMs + ", count=" + count + ", status=" + status + ", fault=" + faultCode
                    + "/" + faultChannel + ", pump=" + pump + ", pressures=" + Arrays.toString(pressures)
                    + ", valves=" + Arrays.toString(valves) + "]";
        }
    }

    record Pong() implements Message {
        public int type() {
            return PONG;
        }

        public byte[] payload() {
            return new byte[0];
        }
    }

    /** A fault the device latched: its code, and the channel ({@link FaultCode#NO_CHANNEL} for none). */
    record Fault(int code, int channel) implements Message {
        public int type() {
            return FAULT;
        }

        public byte[] payload() {
            return new byte[] {(byte) code, (byte) channel};
        }
    }

    record Nack(int reason) implements Message {
        public static Nack of(NackReason reason) {
            return new Nack(reason.code());
        }

        public int type() {
            return NACK;
        }

        public byte[] payload() {
            return new byte[] {(byte) reason};
        }
    }

    record Ack() implements Message {
        public int type() {
            return ACK;
        }

        public byte[] payload() {
            return new byte[0];
        }
    }

    // ---- little-endian helpers

    private static int u8(byte[] p, int at) {
        return p[at] & 0xFF;
    }

    private static int u16(byte[] p, int at) {
        return (p[at] & 0xFF) | (p[at + 1] & 0xFF) << 8;
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write((value >>> 8) & 0xFF);
    }

    private static byte[] length(Frame frame, byte[] p, int expected) throws MessageFormatException {
        if (p.length != expected) {
            throw badLength(frame, p, Integer.toString(expected));
        }
        return p;
    }

    private static Message empty(Frame frame, byte[] p, Message message) throws MessageFormatException {
        length(frame, p, 0);
        return message;
    }

    private static MessageFormatException badLength(Frame frame, byte[] p, String expected) {
        return new MessageFormatException(NackReason.BAD_LENGTH, typeName(frame.type()) + " with " + p.length
                + " payload bytes, expected " + expected);
    }
}
