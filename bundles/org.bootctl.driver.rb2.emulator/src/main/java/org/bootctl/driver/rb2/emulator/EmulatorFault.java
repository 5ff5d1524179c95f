package org.bootctl.driver.rb2.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bootctl.api.device.Channel;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.driver.rb2.codec.FaultCode;

/**
 * A fault the emulator injects, written as {@code kind[:arg[:arg]][@S[/P|+D]]}: S seconds after
 * the emulator started, then every P seconds ({@code /P}) or lasting D seconds ({@code +D}).
 * <ul>
 * <li>{@code garbage[:BYTES]@S[/P]} — a burst of random bytes (default 64) on the line</li>
 * <li>{@code corrupt-crc[:N]@S[/P]} — the next N frames (default 1) go out with a wrong CRC</li>
 * <li>{@code corrupt-frame[:N]@S[/P]} — the next N frames go out with one byte changed</li>
 * <li>{@code overpressure:Z@S[+D]} — FAULT OVERPRESSURE on zone Z (or a channel id such as R3, or ch7),
 *     its cause lasting D seconds (default 2): CLEAR_FAULT is refused until then</li>
 * <li>{@code silence@S[+D]} — nothing is sent (the port stays open), for D seconds or for good</li>
 * <li>{@code unplug@S[+D]} — the emulator closes its end of the port, for D seconds or for good</li>
 * <li>{@code reset@S[/P]} — the unit resets: INFO with seq 0xFF, all vent, waits for HELLO</li>
 * <li>{@code pressurised[:MMHG]} — found pressurised: every chamber filled to MMHG (default 40) before it talks</li>
 * <li>{@code faulted[:CODE[:Z]]} — found with a fault latched (default watchdog; overpressure, sensor, pump, power)</li>
 * </ul>
 *
 * @param kind    what goes wrong
 * @param atSeconds when, after the emulator started (0 for the start states)
 * @param everySeconds repeat period, 0 for once
 * @param forSeconds how long it lasts, 0 for good (silence, unplug) or the default (overpressure)
 * @param channel  the channel index it concerns, or {@link FaultCode#NO_CHANNEL}
 * @param amount   bytes of garbage, frames to corrupt, or mmHg to pressurise to
 * @param code     the fault latched at the start ({@code faulted}), or null
 */
public record EmulatorFault(Kind kind, double atSeconds, double everySeconds, double forSeconds, int channel,
                            int amount, FaultCode code) {

    /** How long an injected over-pressure's cause lasts when the spec does not say. */
    public static final double DEFAULT_CAUSE_SECONDS = 2;

    public enum Kind {
        GARBAGE("garbage", "[:BYTES]@S[/P]", '/'),
        CORRUPT_CRC("corrupt-crc", "[:N]@S[/P]", '/'),
        CORRUPT_FRAME("corrupt-frame", "[:N]@S[/P]", '/'),
        OVERPRESSURE("overpressure", ":Z@S[+D]", '+'),
        SILENCE("silence", "@S[+D]", '+'),
        UNPLUG("unplug", "@S[+D]", '+'),
        RESET("reset", "@S[/P]", '/'),
        PRESSURISED("pressurised", "[:MMHG]", ' '),
        FAULTED("faulted", "[:CODE[:Z]]", ' ');

        private final String word;
        private final String grammar;
        private final char suffix;

        Kind(String word, String grammar, char suffix) {
            this.word = word;
            this.grammar = grammar;
            this.suffix = suffix;
        }

        public String word() {
            return word;
        }

        public String grammar() {
            return word + grammar;
        }

        /** A state the unit is found in at the start, not an event in time. */
        public boolean atStart() {
            return suffix == ' ';
        }
    }

    /** The fault as a spec, e.g. {@code garbage:64@5/10} or {@code overpressure:ch7@30+2}. */
    @Override
    public String toString() {
        String args = switch (kind) {
            case GARBAGE, CORRUPT_CRC, CORRUPT_FRAME, PRESSURISED -> ":" + amount;
            case OVERPRESSURE -> ":ch" + channel;
            case FAULTED -> ":" + code.name().toLowerCase(Locale.ROOT) + (channel == FaultCode.NO_CHANNEL ? "" : ":ch" + channel);
            default -> "";
        };
        String time = kind.atStart() ? "" : "@" + number(atSeconds)
                + (everySeconds > 0 ? "/" + number(everySeconds) : forSeconds > 0 ? "+" + number(forSeconds) : "");
        return kind.word + args + time;
    }

    private static String number(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    /** Every kind's grammar, for error messages and help. */
    public static String knownKinds() {
        return Arrays.stream(Kind.values()).map(Kind::grammar).collect(Collectors.joining(", "));
    }

    /**
     * Reads specs separated by commas and/or whitespace; blank or null means none.
     *
     * @throws IllegalArgumentException naming the first bad spec and what is wrong with it
     */
    public static List<EmulatorFault> parseAll(String specs, ModelSpec model) {
        List<EmulatorFault> faults = new ArrayList<>();
        if (specs != null) {
            for (String spec : specs.trim().split("[,\\s]+")) {
                if (!spec.isEmpty()) {
                    faults.add(parse(spec, model));
                }
            }
        }
        return faults;
    }

    /** Reads specs given one by one (a command line's repeated {@code --fault}). */
    public static List<EmulatorFault> parseAll(List<String> specs, ModelSpec model) {
        List<EmulatorFault> faults = new ArrayList<>();
        for (String spec : specs) {
            faults.addAll(parseAll(spec, model));
        }
        return faults;
    }

    /**
     * Reads one spec for a unit of {@code model}.
     *
     * @throws IllegalArgumentException naming the spec and what is wrong with it
     */
    public static EmulatorFault parse(String spec, ModelSpec model) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty emulator fault: known kinds are " + knownKinds());
        }
        String text = spec.trim();
        int at = text.indexOf('@');
        String head = at < 0 ? text : text.substring(0, at);
        String time = at < 0 ? null : text.substring(at + 1);
        String[] parts = head.split(":", -1);
        String word = parts[0].toLowerCase(Locale.ROOT);
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.word.equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown emulator fault '" + text + "': known kinds are " + knownKinds()));

        double atSeconds = 0;
        double every = 0;
        double lasting = 0;
        if (kind.atStart()) {
            if (time != null) {
                throw bad(text, kind.word + " is how the unit is found at the start and takes no time: " + kind.grammar());
            }
        } else {
            if (time == null || time.isEmpty()) {
                throw bad(text, kind.word + " needs a time in seconds: " + kind.grammar());
            }
            int split = Math.max(time.indexOf('/'), time.indexOf('+'));
            if (split >= 0 && time.charAt(split) != kind.suffix) {
                throw bad(text, "'" + time.charAt(split) + "' does not go with " + kind.word + ": " + kind.grammar());
            }
            atSeconds = seconds(text, split < 0 ? time : time.substring(0, split), false);
            double second = split < 0 ? 0 : seconds(text, time.substring(split + 1), true);
            if (kind.suffix == '/') {
                every = second;
            } else {
                lasting = second;
            }
        }

        int channel = FaultCode.NO_CHANNEL;
        int amount = 0;
        FaultCode code = null;
        int args = parts.length - 1;
        switch (kind) {
            case GARBAGE, CORRUPT_CRC, CORRUPT_FRAME -> {
                expectArgs(text, kind, args, 0, 1);
                amount = args == 1 ? count(text, parts[1]) : kind == Kind.GARBAGE ? 64 : 1;
            }
            case OVERPRESSURE -> {
                expectArgs(text, kind, args, 1, 1);
                channel = channel(text, parts[1], model);
                if (lasting == 0) {
                    lasting = DEFAULT_CAUSE_SECONDS;
                }
            }
            case PRESSURISED -> {
                expectArgs(text, kind, args, 0, 1);
                amount = args == 1 ? count(text, parts[1]) : 40;
                if (amount >= model.hardLimitMmHg()) {
                    throw bad(text, "pressurised to " + amount + " mmHg would trip the hard limit of "
                            + model.model() + " (" + model.hardLimitMmHg() + " mmHg)");
                }
            }
            case FAULTED -> {
                expectArgs(text, kind, args, 0, 2);
                try {
                    code = args >= 1 ? FaultCode.parse(parts[1]) : FaultCode.WATCHDOG;
                } catch (IllegalArgumentException e) {
                    throw bad(text, e.getMessage());
                }
                channel = args == 2 ? channel(text, parts[2], model) : FaultCode.NO_CHANNEL;
            }
            default -> expectArgs(text, kind, args, 0, 0);
        }
        return new EmulatorFault(kind, atSeconds, every, lasting, channel, amount, code);
    }

    private static void expectArgs(String spec, Kind kind, int args, int min, int max) {
        if (args < min || args > max) {
            throw bad(spec, "wrong number of ':' parts for " + kind.word + ": " + kind.grammar());
        }
    }

    /**
     * A zone number (the left limb's chamber) or a channel id of this model, as the simulator's
     * fault specs read it, or {@code chN}: channel N as the protocol numbers them (0-based).
     */
    private static int channel(String spec, String zone, ModelSpec model) {
        List<Channel> channels = DeviceDescription.channels(model.zones(), model.limbs(), model.pressurePerLimb());
        if (zone.matches("(?i)ch\\d+")) {
            int index = Integer.parseInt(zone.substring(2));
            if (index >= channels.size()) {
                throw bad(spec, "channel " + index + " does not exist on " + model.model() + " (ch0..ch" + (channels.size() - 1) + ")");
            }
            return index;
        }
        if (!zone.isEmpty() && zone.chars().allMatch(Character::isDigit)) {
            int number = count(spec, zone);
            if (number < 1 || number > model.zones()) {
                throw bad(spec, "zone " + number + " does not exist on " + model.model() + " (zones 1.." + model.zones() + ")");
            }
            return number - 1;
        }
        return channels.stream().filter(c -> c.id().equalsIgnoreCase(zone)).mapToInt(Channel::index).findFirst()
                .orElseThrow(() -> bad(spec, "no zone or channel '" + zone + "' on " + model.model() + " (zones 1.."
                        + model.zones() + ", channels " + channels.stream().map(Channel::id).collect(Collectors.joining(" ")) + ")"));
    }

    private static int count(String spec, String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1 || n > 100_000) {
                throw bad(spec, "'" + text + "' must be a whole number from 1 to 100000");
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(spec, "'" + text + "' is not a whole number");
        }
    }

    private static double seconds(String spec, String text, boolean positive) {
        double seconds;
        try {
            seconds = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad(spec, "time '" + text + "' is not a number of seconds");
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds) || text.matches(".*[a-zA-Z].*") || positive && seconds == 0) {
            throw bad(spec, "time '" + text + "' must be a plain number of seconds, " + (positive ? "above 0" : "0 or more"));
        }
        return seconds;
    }

    private static IllegalArgumentException bad(String spec, String what) {
        return new IllegalArgumentException("bad emulator fault '" + spec + "': " + what);
    }
}
