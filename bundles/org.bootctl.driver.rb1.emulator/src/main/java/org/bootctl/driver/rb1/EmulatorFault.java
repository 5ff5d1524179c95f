package org.bootctl.driver.rb1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A fault the RB1 emulator injects, written {@code kind[:arg][@S[/P][+D]]} — S: seconds after the
 * emulator started, P: again every P seconds, D: how long it lasts — as the RB2 emulator writes
 * its own:
 * <ul>
 * <li>{@code garbage[:BYTES]@S[/P]} — a burst of random bytes (64) on the line;</li>
 * <li>{@code bad-checksum@S[/P][+D]} — every line sent for D s (1) has a wrong checksum;</li>
 * <li>{@code overpressure:Z@S[+D]} — zone Z reads above the hard limit for D s (1), as if someone
 *     knelt on it: the firmware latches OVERPRESSURE and vents;</li>
 * <li>{@code silence@S[+D]} — the device neither sends nor hears anything for D s (3);</li>
 * <li>{@code unplug@S[+D]} — the port is closed; with D it opens again D s later;</li>
 * <li>{@code reset@S[/P]} — the firmware resets: BOOT, every setpoint 0, streaming off;</li>
 * <li>{@code pressurised[:MMHG]} — found with every setpoint at MMHG (40), as a host that died left it;</li>
 * <li>{@code faulted[:CODE]} — found with WATCHDOG (the default), OVERPRESSURE, SENSOR or PUMP latched.</li>
 * </ul>
 *
 * @param kind         what goes wrong
 * @param argument     the zone (overpressure), the pressure (pressurised), the bytes (garbage), or 0
 * @param code         the fault code of {@code faulted}, else null
 * @param atSeconds    when it first happens
 * @param everySeconds how often it happens again; 0: once
 * @param forSeconds   how long it lasts; 0 where that means nothing, or for ever (unplug)
 */
record EmulatorFault(Kind kind, int argument, String code, double atSeconds, double everySeconds, double forSeconds) {

    enum Kind {
        GARBAGE("garbage", "garbage[:BYTES]@S[/P]"),
        BAD_CHECKSUM("bad-checksum", "bad-checksum@S[/P][+D]"),
        OVERPRESSURE("overpressure", "overpressure:Z@S[+D]"),
        SILENCE("silence", "silence@S[+D]"),
        UNPLUG("unplug", "unplug@S[+D]"),
        RESET("reset", "reset@S[/P]"),
        PRESSURISED("pressurised", "pressurised[:MMHG]"),
        FAULTED("faulted", "faulted[:CODE]");

        final String word;
        final String grammar;

        Kind(String word, String grammar) {
            this.word = word;
            this.grammar = grammar;
        }

        /** Faults the device is found with, rather than ones that happen at a time. */
        boolean atConnect() {
            return this == PRESSURISED || this == FAULTED;
        }

        boolean repeats() {
            return this == GARBAGE || this == BAD_CHECKSUM || this == RESET;
        }

        boolean lasts() {
            return this == BAD_CHECKSUM || this == OVERPRESSURE || this == SILENCE || this == UNPLUG;
        }
    }

    static final List<String> CODES = List.of("OVERPRESSURE", "WATCHDOG", "SENSOR", "PUMP");
    static final int GARBAGE_BYTES = 64;
    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final Pattern SPEC = Pattern.compile(
            "([a-z-]+)(?::([A-Za-z0-9]+))?(?:@" + NUMBER + "(?:/" + NUMBER + ")?(?:\\+" + NUMBER + ")?)?");

    /** Reads specs separated by commas and/or whitespace; blank means none. */
    static List<EmulatorFault> parseAll(String specs, int zones) {
        List<EmulatorFault> faults = new ArrayList<>();
        if (specs != null) {
            for (String spec : specs.trim().split("[,\\s]+")) {
                if (!spec.isEmpty()) {
                    faults.add(parse(spec, zones));
                }
            }
        }
        return faults;
    }

    /**
     * One spec for a device of {@code zones} zones.
     *
     * @throws IllegalArgumentException naming the spec and what is wrong with it
     */
    static EmulatorFault parse(String spec, int zones) {
        Matcher m = SPEC.matcher(spec.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw bad(spec, "not kind[:arg][@S[/P][+D]]");
        }
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.word.equals(m.group(1))).findFirst()
                .orElseThrow(() -> bad(spec, "unknown kind"));
        String arg = m.group(2);
        boolean timed = m.group(3) != null;
        if (kind.atConnect() == timed) {
            throw bad(spec, kind.atConnect() ? "a device is found so: no time" : "needs a time: " + kind.grammar);
        }
        if (m.group(4) != null && !kind.repeats() || m.group(5) != null && !kind.lasts()) {
            throw bad(spec, kind.word + " is written " + kind.grammar);
        }
        double at = timed ? Double.parseDouble(m.group(3)) : 0;
        double every = m.group(4) != null ? Double.parseDouble(m.group(4)) : 0;
        if (m.group(4) != null && every <= 0) {
            throw bad(spec, "repeats every P > 0 seconds");
        }
        double lasting = m.group(5) != null ? Double.parseDouble(m.group(5)) : switch (kind) {
            case BAD_CHECKSUM, OVERPRESSURE -> 1;
            case SILENCE -> 3;
            default -> 0;
        };
        return switch (kind) {
            case OVERPRESSURE -> {
                int zone = number(spec, arg, -1);
                if (zone < 1 || zone > zones) {
                    throw bad(spec, "needs a zone 1.." + zones + ": " + kind.grammar);
                }
                yield new EmulatorFault(kind, zone, null, at, every, lasting);
            }
            case PRESSURISED -> new EmulatorFault(kind, number(spec, arg, 40), null, 0, 0, 0);
            case GARBAGE -> {
                int bytes = number(spec, arg, GARBAGE_BYTES);
                if (bytes < 1) {
                    throw bad(spec, "a burst of at least 1 byte");
                }
                yield new EmulatorFault(kind, bytes, null, at, every, 0);
            }
            case FAULTED -> {
                String code = arg == null ? "WATCHDOG" : arg.toUpperCase(Locale.ROOT);
                if (!CODES.contains(code)) {
                    throw bad(spec, "the code is one of " + String.join(", ", CODES));
                }
                yield new EmulatorFault(kind, 0, code, 0, 0, 0);
            }
            default -> {
                if (arg != null) {
                    throw bad(spec, "takes no argument: " + kind.grammar);
                }
                yield new EmulatorFault(kind, 0, null, at, every, lasting);
            }
        };
    }

    /** The fault as a spec, e.g. {@code overpressure:2@10+1}: how logs name it as it fires. */
    @Override
    public String toString() {
        String arg = switch (kind) {
            case GARBAGE, OVERPRESSURE, PRESSURISED -> ":" + argument;
            case FAULTED -> ":" + code.toLowerCase(Locale.ROOT);
            default -> "";
        };
        if (kind.atConnect()) {
            return kind.word + arg;
        }
        return kind.word + arg + "@" + seconds(atSeconds) + (everySeconds > 0 ? "/" + seconds(everySeconds) : "")
                + (kind.lasts() && forSeconds > 0 ? "+" + seconds(forSeconds) : "");
    }

    private static String seconds(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    long atNanos() {
        return Math.round(atSeconds * 1e9);
    }

    long everyNanos() {
        return Math.round(everySeconds * 1e9);
    }

    long forNanos() {
        return Math.round(forSeconds * 1e9);
    }

    static String grammar() {
        return Arrays.stream(Kind.values()).map(k -> k.grammar).collect(Collectors.joining(", "));
    }

    private static int number(String spec, String arg, int otherwise) {
        if (arg == null) {
            return otherwise;
        }
        if (!arg.matches("\\d{1,4}")) {
            throw bad(spec, "'" + arg + "' is not a whole number");
        }
        return Integer.parseInt(arg);
    }

    private static IllegalArgumentException bad(String spec, String what) {
        return new IllegalArgumentException("bad RB1 emulator fault '" + spec + "': " + what
                + " (known: " + grammar() + ")");
    }
}
