package org.bootctl.driver.rb1.emulator;

import java.util.List;
import java.util.Locale;
import org.bootctl.sim.faultspec.FaultSpecReader;

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
public record EmulatorFault(Kind kind, int argument, String code, double atSeconds, double everySeconds, double forSeconds) {

    enum Kind implements FaultSpecReader.Kind {
        GARBAGE, BAD_CHECKSUM, OVERPRESSURE, SILENCE, UNPLUG, RESET, PRESSURISED, FAULTED;

        @Override
        public String grammar() {
            String args = switch (this) {
                case OVERPRESSURE -> ":Z";
                case GARBAGE -> "[:BYTES]";
                case PRESSURISED -> "[:MMHG]";
                case FAULTED -> "[:CODE]";
                default -> "";
            };
            return word() + args + (atConnect() ? "" : "@S" + (repeats() ? "[/P]" : "") + (lasts() ? "[+D]" : ""));
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
    private static final FaultSpecReader READER = new FaultSpecReader("RB1 emulator fault", Kind.values(), true);

    /** Reads specs separated by commas and/or whitespace; blank means none. */
    static List<EmulatorFault> parseAll(String specs, int zones) {
        return READER.parseAll(specs, spec -> parse(spec, zones));
    }

    /**
     * One spec for a device of {@code zones} zones.
     *
     * @throws IllegalArgumentException naming the spec and what is wrong with it
     */
    public static EmulatorFault parse(String spec, int zones) {
        FaultSpecReader.Parts parts = READER.split(spec);
        String text = parts.text();
        Kind kind = READER.kind(Kind.values(), parts);
        if (parts.args().size() > 1) {
            throw READER.bad(text, "not kind[:arg][@S[/P][+D]]");
        }
        String arg = parts.args().isEmpty() ? null : parts.args().get(0);
        boolean timed = parts.time() != null;
        if (kind.atConnect() == timed) {
            throw READER.bad(text, kind.atConnect() ? "a device is found so: no time" : "needs a time: " + kind.grammar());
        }
        String everyText = timed ? parts.every() : null;
        String lastingText = timed ? parts.lasting() : null;
        if (everyText != null && !kind.repeats() || lastingText != null && !kind.lasts()) {
            throw READER.bad(text, kind.word() + " is written " + kind.grammar());
        }
        double at = timed ? READER.seconds(text, parts.at(), false) : 0;
        double every = everyText != null ? READER.seconds(text, everyText, true) : 0;
        double lasting = lastingText != null ? READER.seconds(text, lastingText, true) : switch (kind) {
            case BAD_CHECKSUM, OVERPRESSURE -> 1;
            case SILENCE -> 3;
            default -> 0;
        };
        return switch (kind) {
            case OVERPRESSURE -> {
                int zone = arg == null ? -1 : READER.wholeNumber(text, arg, 0, 9999);
                if (zone < 1 || zone > zones) {
                    throw READER.bad(text, "needs a zone 1.." + zones + ": " + kind.grammar());
                }
                yield new EmulatorFault(kind, zone, null, at, every, lasting);
            }
            case PRESSURISED -> new EmulatorFault(kind, arg == null ? 40 : READER.wholeNumber(text, arg, 0, 9999), null, 0, 0, 0);
            case GARBAGE -> new EmulatorFault(kind, arg == null ? GARBAGE_BYTES : READER.wholeNumber(text, arg, 1, 9999),
                    null, at, every, 0);
            case FAULTED -> {
                String code = arg == null ? "WATCHDOG" : arg.toUpperCase(Locale.ROOT);
                if (!CODES.contains(code)) {
                    throw READER.bad(text, "the code is one of " + String.join(", ", CODES));
                }
                yield new EmulatorFault(kind, 0, code, 0, 0, 0);
            }
            default -> {
                if (arg != null) {
                    throw READER.bad(text, "takes no argument: " + kind.grammar());
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
            return kind.word() + arg;
        }
        return kind.word() + arg + "@" + FaultSpecReader.number(atSeconds) + (everySeconds > 0 ? "/" + FaultSpecReader.number(everySeconds) : "")
                + (kind.lasts() && forSeconds > 0 ? "+" + FaultSpecReader.number(forSeconds) : "");
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
        return READER.known();
    }
}
