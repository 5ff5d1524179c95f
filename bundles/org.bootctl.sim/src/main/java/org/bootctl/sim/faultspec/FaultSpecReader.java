package org.bootctl.sim.faultspec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bootctl.api.device.Channel;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.ModelSpec;

/**
 * The one grammar of bootctl's fault specs, {@code kind[:arg[:arg]][@S[/P][+D]]}, shared by the
 * simulator and both emulators: S seconds after the start, again every P seconds, lasting D
 * seconds. Each reads a subset of it (its kinds and what they take) and checks the meaning; this
 * class splits a spec, reads its numbers, zones and channels, and words the errors, so all three
 * accept the same notation and say the same things about it. A private package: the emulator
 * bundles carry a copy of it (bnd {@code -conditionalpackage}), nothing imports it.
 */
public final class FaultSpecReader {

    /** A kind of fault (an enum constant), with the grammar the error messages and help show. */
    public interface Kind {
        /** The enum constant's name, e.g. {@code STUCK_FILL}. */
        String name();

        /** How a spec names the kind: its name in lower case, with hyphens, e.g. {@code stuck-fill}. */
        default String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The whole grammar of the kind, e.g. {@code stuck-fill:Z@S}. */
        String grammar();
    }

    /**
     * One spec split into its parts, not yet checked against a kind.
     *
     * @param text  the spec, trimmed
     * @param word  the kind's word, in lower case
     * @param args  what follows the word after each {@code ':'}, before the {@code '@'}
     * @param time  what follows the {@code '@'}, or null when there is none
     */
    public record Parts(String text, String word, List<String> args, String time) {

        /** The parts of the time {@code S[/P][+D]}: a missing part is null. */
        public String at() {
            return time.substring(0, end(0));
        }

        /** The repeat period after {@code '/'}, or null. */
        public String every() {
            int slash = time.indexOf('/');
            return slash < 0 ? null : time.substring(slash + 1, end(slash + 1));
        }

        /** How long it lasts, after {@code '+'}, or null. */
        public String lasting() {
            int plus = time.indexOf('+', Math.max(0, time.indexOf('/')));
            return plus < 0 ? null : time.substring(plus + 1);
        }

        private int end(int from) {
            int slash = time.indexOf('/', from);
            int plus = time.indexOf('+', from);
            return slash < 0 ? plus < 0 ? time.length() : plus : plus < 0 ? slash : Math.min(slash, plus);
        }
    }

    private final String noun;
    private final String known;
    private final boolean knownInEveryError;

    /**
     * @param noun              what the specs are, e.g. {@code simulated fault}, for the errors
     * @param kinds             every kind this reader knows
     * @param knownInEveryError whether every error ends with the known kinds (else only an unknown kind's)
     */
    public FaultSpecReader(String noun, Kind[] kinds, boolean knownInEveryError) {
        this.noun = noun;
        this.known = Arrays.stream(kinds).map(Kind::grammar).collect(Collectors.joining(", "));
        this.knownInEveryError = knownInEveryError;
    }

    /** Every kind's grammar, comma-separated, for error messages and help. */
    public String known() {
        return known;
    }

    /**
     * Reads a list of specs separated by commas and/or whitespace; blank or null means none.
     *
     * @throws IllegalArgumentException naming the first bad spec and what is wrong with it
     */
    public <T> List<T> parseAll(String specs, Function<String, T> parse) {
        List<T> faults = new ArrayList<>();
        if (specs != null) {
            for (String spec : specs.trim().split("[,\\s]+")) {
                if (!spec.isEmpty()) {
                    faults.add(parse.apply(spec));
                }
            }
        }
        return faults;
    }

    /**
     * Splits one spec into its parts.
     *
     * @throws IllegalArgumentException when the spec is blank
     */
    public Parts split(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty " + noun + ": known kinds are " + known);
        }
        String text = spec.trim();
        int at = text.indexOf('@');
        String head = at < 0 ? text : text.substring(0, at);
        String[] parts = head.split(":", -1);
        String time = at < 0 ? null : text.substring(at + 1);
        if (time != null && !TIME_SHAPE.matcher(time).matches()) {
            // else the parts after the first '/P' or '+D' were silently left out: bad-checksum@5+3/2 lasted 1 s
            throw bad(text, "the time is written S[/P][+D]: seconds, then at most one /P (again every P seconds),"
                    + " then at most one +D (lasting D seconds), in that order");
        }
        return new Parts(text, parts[0].toLowerCase(Locale.ROOT), List.of(parts).subList(1, parts.length), time);
    }

    /** S, then at most one {@code /P}, then at most one {@code +D}. */
    private static final Pattern TIME_SHAPE = Pattern.compile("[^/+]*(/[^/+]*)?(\\+[^/+]*)?");

    /**
     * The kind a spec names.
     *
     * @throws IllegalArgumentException naming the spec and the known kinds when there is none such
     */
    public <K extends Kind> K kind(K[] kinds, Parts parts) {
        Optional<K> kind = Arrays.stream(kinds).filter(k -> k.word().equals(parts.word())).findFirst();
        return kind.orElseThrow(() -> knownInEveryError ? bad(parts.text(), "unknown kind")
                : new IllegalArgumentException("unknown " + noun + " '" + shown(parts.text()) + "': known kinds are " + known));
    }

    /** An error naming the spec and what is wrong with it. */
    public IllegalArgumentException bad(String spec, String what) {
        return new IllegalArgumentException("bad " + noun + " '" + shown(spec) + "': " + shown(what)
                + (knownInEveryError ? " (known: " + known + ")" : ""));
    }

    /** The most of a spec (or of what is wrong with it, which may quote it) an error repeats. */
    static final int SHOWN_CHARS = 200;

    /**
     * Text from a spec as an error repeats it: a huge one (a configuration anyone may write) would
     * make every line that reports it as huge.
     */
    static String shown(String text) {
        return text.length() <= SHOWN_CHARS ? text
                : text.substring(0, SHOWN_CHARS) + "... (" + text.length() + " characters)";
    }

    /**
     * The shortest repeat period or length a spec may give: a shorter one kept a core busy (garbage
     * every microsecond) or rounded to 0 ns, which meant once, or for good.
     */
    public static final double SHORTEST_SECONDS = 0.01;

    /**
     * A time in seconds: a plain number, 0 or more ({@code aboveZero}: a period or a length, at
     * least {@link #SHORTEST_SECONDS}).
     *
     * @throws IllegalArgumentException naming the spec and the time
     */
    public double seconds(String spec, String time, boolean aboveZero) {
        double seconds;
        try {
            seconds = Double.parseDouble(time);
        } catch (NumberFormatException e) {
            throw bad(spec, "time '" + time + "' is not a number of seconds");
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds) || time.matches(".*[a-zA-Z].*") || aboveZero && seconds == 0) {
            throw bad(spec, "time '" + time + "' must be a plain number of seconds, " + (aboveZero ? "above 0" : "0 or more"));
        }
        if (aboveZero && seconds < SHORTEST_SECONDS) {
            throw bad(spec, "time '" + time + "' must be at least " + number(SHORTEST_SECONDS) + " s (a period or a length)");
        }
        return seconds;
    }

    /**
     * A whole number from {@code min} to {@code max}.
     *
     * @throws IllegalArgumentException naming the spec and the number
     */
    public int wholeNumber(String spec, String text, int min, int max) {
        if (!text.matches("\\d{1,9}")) {
            throw bad(spec, "'" + text + "' is not a whole number");
        }
        int n = Integer.parseInt(text);
        if (n < min || n > max) {
            throw bad(spec, "'" + text + "' must be a whole number from " + min + " to " + max);
        }
        return n;
    }

    /**
     * The channel index a zone number (the left limb's chamber, or the zone's Z channel where one
     * pressure serves both limbs) or a channel id such as {@code R3} of this model names; with
     * {@code protocolNumbers} also {@code chN}, channel N as a protocol numbers them (0-based).
     *
     * @throws IllegalArgumentException naming the spec, and the zones and channels there are
     */
    @SuppressWarnings("deprecation")
    public int channel(String spec, String zone, ModelSpec model, boolean protocolNumbers) {
        return channel(spec, zone, ModelDescription.of(model), protocolNumbers);
    }

    /**
     * The channel index a zone number or a channel id names on a described model; as
     * {@link #channel(String, String, ModelSpec, boolean)}.
     *
     * @throws IllegalArgumentException naming the spec, and the zones and channels there are
     */
    public int channel(String spec, String zone, ModelDescription model, boolean protocolNumbers) {
        List<Channel> channels = DeviceDescription.channels(model.zones(), model.limbs(), model.pressurePerLimb());
        String range = "zones 1.." + model.zones();
        if (protocolNumbers && zone.matches("(?i)ch\\d{1,9}")) {
            int index = Integer.parseInt(zone.substring(2));
            if (index >= channels.size()) {
                throw bad(spec, "channel " + index + " does not exist on " + model.model() + " (ch0..ch" + (channels.size() - 1) + ")");
            }
            return index;
        }
        if (!zone.isEmpty() && zone.chars().allMatch(Character::isDigit)) {
            int number;
            try {
                number = Integer.parseInt(zone);
            } catch (NumberFormatException e) {
                throw bad(spec, "zone '" + zone + "' is not a number");
            }
            if (number < 1 || number > model.zones()) {
                throw bad(spec, "zone " + number + " does not exist on " + model.model() + " (" + range + ")");
            }
            return number - 1; // channels are limb-major: the left limb's (or the Z) channel of zone N is N-1
        }
        return channels.stream().filter(c -> c.id().equalsIgnoreCase(zone)).mapToInt(Channel::index).findFirst()
                .orElseThrow(() -> bad(spec, "no zone or channel '" + zone + "' on " + model.model() + " ("
                        + range + ", channels " + channels.stream().map(Channel::id).collect(Collectors.joining(" ")) + ")"));
    }

    /** Seconds as a spec writes them: {@code 5}, {@code 1.5}. */
    public static String number(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}
