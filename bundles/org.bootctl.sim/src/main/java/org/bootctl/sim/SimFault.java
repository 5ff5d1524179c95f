package org.bootctl.sim;

import java.util.Arrays;
import java.util.List;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.sim.faultspec.FaultSpecReader;

/**
 * A fault injected into a simulated device, written as {@code kind[:zone][@seconds]}:
 * {@code leak:Z}, {@code disconnected:Z}, {@code stuck-fill:Z@S}, {@code sensor-stuck:Z@S},
 * {@code sensor-dropout@S}, {@code pump-failure@S}, {@code stall@S}.
 * Z is a zone number (the left limb's chamber, or the zone's Z channel where one pressure serves
 * both limbs) or a channel id such as {@code R3}; S is seconds since the device started.
 *
 * @param kind      what goes wrong
 * @param channel   the channel index it hits, or -1 where it hits the whole device
 * @param atSeconds when it starts, in seconds since the device started (0 for leak and disconnected)
 */
public record SimFault(Kind kind, int channel, double atSeconds) {

    public enum Kind implements FaultSpecReader.Kind {
        /**
         * The chamber leaks hard (a torn bladder): with the pump full on for it alone it settles
         * at about 20-25 mmHg, and it loses what it has within seconds once closed.
         */
        LEAK,
        /** The hose is off: the chamber never holds air, the pump blows into the open. */
        DISCONNECTED,
        /** The channel's fill valve stays open, whatever is commanded, vent-all included. */
        STUCK_FILL,
        /** The channel's sensor keeps reporting the last value it read. */
        SENSOR_STUCK,
        /** Every sensor reads {@link SensorModel#DROPOUT_RAIL_MMHG}. */
        SENSOR_DROPOUT,
        /** The pump gives no flow whatever its duty. */
        PUMP_FAILURE,
        /** Telemetry stops; the device itself keeps running and taking commands. */
        STALL;

        /** Whether it hits one channel (a zone), else the whole device. */
        public boolean hasZone() {
            return switch (this) {
                case LEAK, DISCONNECTED, STUCK_FILL, SENSOR_STUCK -> true;
                case SENSOR_DROPOUT, PUMP_FAILURE, STALL -> false;
            };
        }

        /** Whether it starts at a time, else it is there from the start. */
        public boolean hasTime() {
            return this != LEAK && this != DISCONNECTED;
        }

        /** The grammar of this kind, e.g. {@code stuck-fill:Z@S}. */
        @Override
        public String grammar() {
            return word() + (hasZone() ? ":Z" : "") + (hasTime() ? "@S" : "");
        }
    }

    public SimFault {
        if (kind == null) {
            throw new IllegalArgumentException("a simulated fault needs a kind");
        }
        if (kind.hasZone() ? channel < 0 : channel != -1) {
            throw new IllegalArgumentException(kind.word() + (kind.hasZone() ? " needs a channel" : " takes no channel"));
        }
        if (!(atSeconds >= 0) || Double.isInfinite(atSeconds)) {
            throw new IllegalArgumentException("a simulated fault starts at 0 s or later, not " + atSeconds);
        }
    }

    /** Nanoseconds after the device started at which the fault takes effect. */
    long atNanos() {
        return Math.round(atSeconds * 1e9);
    }

    private static final FaultSpecReader READER = new FaultSpecReader("simulated fault", Kind.values(), false);

    /** Every kind's grammar, for error messages. */
    public static String knownKinds() {
        return READER.known();
    }

    /**
     * Reads a list of specs separated by commas and/or whitespace; blank or null means none.
     *
     * @throws IllegalArgumentException naming the first bad spec and what is wrong with it
     */
    @SuppressWarnings("deprecation")
    public static List<SimFault> parseAll(String specs, ModelSpec model) {
        return parseAll(specs, ModelDescription.of(model));
    }

    /**
     * Reads a list of specs separated by commas and/or whitespace; blank or null means none.
     *
     * @throws IllegalArgumentException naming the first bad spec and what is wrong with it
     */
    public static List<SimFault> parseAll(String specs, ModelDescription model) {
        return READER.parseAll(specs, spec -> parse(spec, model));
    }

    /**
     * Reads one spec such as {@code stuck-fill:3@12.5} for a device of {@code model}.
     *
     * @throws IllegalArgumentException naming the spec and what is wrong with it
     */
    @SuppressWarnings("deprecation")
    public static SimFault parse(String spec, ModelSpec model) {
        return parse(spec, ModelDescription.of(model));
    }

    /**
     * Reads one spec such as {@code stuck-fill:3@12.5} for a device of {@code model}.
     *
     * @throws IllegalArgumentException naming the spec and what is wrong with it
     */
    public static SimFault parse(String spec, ModelDescription model) {
        FaultSpecReader.Parts parts = READER.split(spec);
        String text = parts.text();
        if (parts.time() != null && parts.time().contains(":")) {
            throw READER.bad(text, "the zone comes before the time (" + Arrays.stream(Kind.values())
                    .filter(k -> k.word().equals(parts.word())).map(Kind::grammar).findFirst().orElse("kind:Z@S") + ")");
        }
        Kind kind = READER.kind(Kind.values(), parts);
        String zone = parts.args().isEmpty() ? null : String.join(":", parts.args());
        String time = parts.time();
        if (kind.hasZone() && (zone == null || zone.isEmpty())) {
            throw READER.bad(text, kind.word() + " needs a zone: " + kind.grammar());
        }
        if (!kind.hasZone() && zone != null) {
            throw READER.bad(text, kind.word() + " concerns the whole device and takes no zone: " + kind.grammar());
        }
        if (kind.hasTime() && (time == null || time.isEmpty())) {
            throw READER.bad(text, kind.word() + " needs a time in seconds: " + kind.grammar());
        }
        if (!kind.hasTime() && time != null) {
            throw READER.bad(text, kind.word() + " is there from the start and takes no time: " + kind.grammar());
        }
        int channel = kind.hasZone() ? READER.channel(text, zone, model, false) : -1;
        double seconds = kind.hasTime() ? READER.seconds(text, time, false) : 0;
        return new SimFault(kind, channel, seconds);
    }
}
