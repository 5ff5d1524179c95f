package org.bootctl.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bootctl.api.device.Channel;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.ModelSpec;

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

    public enum Kind {
        /**
         * The chamber leaks hard (a torn bladder): with the pump full on for it alone it settles
         * at about 20-25 mmHg, and it loses what it has within seconds once closed.
         */
        LEAK("leak", true, false),
        /** The hose is off: the chamber never holds air, the pump blows into the open. */
        DISCONNECTED("disconnected", true, false),
        /** The channel's fill valve stays open, whatever is commanded, vent-all included. */
        STUCK_FILL("stuck-fill", true, true),
        /** The channel's sensor keeps reporting the last value it read. */
        SENSOR_STUCK("sensor-stuck", true, true),
        /** Every sensor reads {@link SensorModel#DROPOUT_RAIL_MMHG}. */
        SENSOR_DROPOUT("sensor-dropout", false, true),
        /** The pump gives no flow whatever its duty. */
        PUMP_FAILURE("pump-failure", false, true),
        /** Telemetry stops; the device itself keeps running and taking commands. */
        STALL("stall", false, true);

        private final String word;
        private final boolean hasZone;
        private final boolean hasTime;

        Kind(String word, boolean hasZone, boolean hasTime) {
            this.word = word;
            this.hasZone = hasZone;
            this.hasTime = hasTime;
        }

        /** How a spec names the kind, e.g. {@code stuck-fill}. */
        public String word() {
            return word;
        }

        public boolean hasZone() {
            return hasZone;
        }

        public boolean hasTime() {
            return hasTime;
        }

        /** The grammar of this kind, e.g. {@code stuck-fill:Z@S}. */
        public String grammar() {
            return word + (hasZone ? ":Z" : "") + (hasTime ? "@S" : "");
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

    /** Every kind's grammar, for error messages. */
    public static String knownKinds() {
        return Arrays.stream(Kind.values()).map(Kind::grammar).collect(Collectors.joining(", "));
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
        List<SimFault> faults = new ArrayList<>();
        if (specs == null) {
            return faults;
        }
        for (String spec : specs.trim().split("[,\\s]+")) {
            if (!spec.isEmpty()) {
                faults.add(parse(spec, model));
            }
        }
        return faults;
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
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty simulated fault: known kinds are " + knownKinds());
        }
        String text = spec.trim();
        int colon = text.indexOf(':');
        int at = text.indexOf('@');
        int kindEnd = colon >= 0 ? colon : at >= 0 ? at : text.length();
        if (colon >= 0 && at >= 0 && at < colon) {
            throw bad(text, "the zone comes before the time (" + grammarOf(text.substring(0, at)) + ")");
        }
        String word = text.substring(0, kindEnd).toLowerCase(Locale.ROOT);
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.word().equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown simulated fault '" + text + "': known kinds are " + knownKinds()));

        String zone = colon < 0 ? null : text.substring(colon + 1, at >= 0 ? at : text.length());
        String time = at < 0 ? null : text.substring(at + 1);
        if (kind.hasZone() && (zone == null || zone.isEmpty())) {
            throw bad(text, kind.word() + " needs a zone: " + kind.grammar());
        }
        if (!kind.hasZone() && zone != null) {
            throw bad(text, kind.word() + " concerns the whole device and takes no zone: " + kind.grammar());
        }
        if (kind.hasTime() && (time == null || time.isEmpty())) {
            throw bad(text, kind.word() + " needs a time in seconds: " + kind.grammar());
        }
        if (!kind.hasTime() && time != null) {
            throw bad(text, kind.word() + " is there from the start and takes no time: " + kind.grammar());
        }
        int channel = kind.hasZone() ? channel(text, zone, model) : -1;
        double seconds = kind.hasTime() ? seconds(text, time) : 0;
        return new SimFault(kind, channel, seconds);
    }

    private static String grammarOf(String word) {
        return Arrays.stream(Kind.values()).filter(k -> k.word().equalsIgnoreCase(word)).map(Kind::grammar)
                .findFirst().orElse("kind:Z@S");
    }

    /** A zone number (left limb or Z channel) or a channel id of this model. */
    private static int channel(String spec, String zone, ModelDescription model) {
        List<Channel> channels = DeviceDescription.channels(model.zones(), model.limbs(), model.pressurePerLimb());
        String range = "zones 1.." + model.zones();
        if (zone.chars().allMatch(Character::isDigit)) {
            int number = parseZone(spec, zone);
            if (number < 1 || number > model.zones()) {
                throw bad(spec, "zone " + number + " does not exist on " + model.model() + " (" + range + ")");
            }
            return number - 1; // channels are limb-major: the left limb's (or the Z) channel of zone N is N-1
        }
        return channels.stream().filter(c -> c.id().equalsIgnoreCase(zone)).mapToInt(Channel::index).findFirst()
                .orElseThrow(() -> bad(spec, "no zone or channel '" + zone + "' on " + model.model() + " ("
                        + range + ", channels " + channels.stream().map(Channel::id).collect(Collectors.joining(" ")) + ")"));
    }

    private static int parseZone(String spec, String zone) {
        try {
            return Integer.parseInt(zone);
        } catch (NumberFormatException e) {
            throw bad(spec, "zone '" + zone + "' is not a number");
        }
    }

    private static double seconds(String spec, String time) {
        double seconds;
        try {
            seconds = Double.parseDouble(time);
        } catch (NumberFormatException e) {
            throw bad(spec, "time '" + time + "' is not a number of seconds");
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds) || time.matches(".*[a-zA-Z].*")) {
            throw bad(spec, "time '" + time + "' must be a plain number of seconds, 0 or more");
        }
        return seconds;
    }

    private static IllegalArgumentException bad(String spec, String what) {
        return new IllegalArgumentException("bad simulated fault '" + spec + "': " + what);
    }
}
