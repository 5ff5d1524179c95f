package org.bootctl.driver.rb2.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.driver.rb2.codec.FaultCode;
import org.bootctl.sim.faultspec.FaultSpecReader;

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

    public enum Kind implements FaultSpecReader.Kind {
        GARBAGE, CORRUPT_CRC, CORRUPT_FRAME, OVERPRESSURE, SILENCE, UNPLUG, RESET, PRESSURISED, FAULTED;

        @Override
        public String grammar() {
            String args = switch (this) {
                case GARBAGE -> "[:BYTES]";
                case CORRUPT_CRC, CORRUPT_FRAME -> "[:N]";
                case OVERPRESSURE -> ":Z";
                case PRESSURISED -> "[:MMHG]";
                case FAULTED -> "[:CODE[:Z]]";
                default -> "";
            };
            return word() + args + (atStart() ? "" : "@S[" + suffix() + (suffix() == '/' ? "P]" : "D]"));
        }

        /** What may follow the time: {@code /} a repeat period, {@code +} how long it lasts. */
        char suffix() {
            return switch (this) {
                case OVERPRESSURE, SILENCE, UNPLUG -> '+';
                default -> '/';
            };
        }

        /** A state the unit is found in at the start, not an event in time. */
        public boolean atStart() {
            return this == PRESSURISED || this == FAULTED;
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
        String time = kind.atStart() ? "" : "@" + FaultSpecReader.number(atSeconds)
                + (everySeconds > 0 ? "/" + FaultSpecReader.number(everySeconds) : forSeconds > 0 ? "+" + FaultSpecReader.number(forSeconds) : "");
        return kind.word() + args + time;
    }

    private static final FaultSpecReader READER = new FaultSpecReader("emulator fault", Kind.values(), false);

    /** Every kind's grammar, for error messages and help. */
    public static String knownKinds() {
        return READER.known();
    }

    /**
     * Reads specs separated by commas and/or whitespace; blank or null means none.
     *
     * @throws IllegalArgumentException naming the first bad spec and what is wrong with it
     */
    public static List<EmulatorFault> parseAll(String specs, ModelSpec model) {
        return READER.parseAll(specs, spec -> parse(spec, model));
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
        FaultSpecReader.Parts parts = READER.split(spec);
        String text = parts.text();
        Kind kind = READER.kind(Kind.values(), parts);

        double atSeconds = 0;
        double every = 0;
        double lasting = 0;
        if (kind.atStart()) {
            if (parts.time() != null) {
                throw READER.bad(text, kind.word() + " is how the unit is found at the start and takes no time: " + kind.grammar());
            }
        } else {
            if (parts.time() == null || parts.time().isEmpty()) {
                throw READER.bad(text, kind.word() + " needs a time in seconds: " + kind.grammar());
            }
            for (char suffix : new char[] {'/', '+'}) {
                if (parts.time().indexOf(suffix) >= 0 && suffix != kind.suffix()) {
                    throw READER.bad(text, "'" + suffix + "' does not go with " + kind.word() + ": " + kind.grammar());
                }
            }
            atSeconds = READER.seconds(text, parts.at(), false);
            String second = kind.suffix() == '/' ? parts.every() : parts.lasting();
            double value = second == null ? 0 : READER.seconds(text, second, true);
            if (kind.suffix() == '/') {
                every = value;
            } else {
                lasting = value;
            }
        }

        int channel = FaultCode.NO_CHANNEL;
        int amount = 0;
        FaultCode code = null;
        List<String> args = parts.args();
        switch (kind) {
            case GARBAGE, CORRUPT_CRC, CORRUPT_FRAME -> {
                expectArgs(text, kind, args, 0, 1);
                amount = args.size() == 1 ? count(text, args.get(0)) : kind == Kind.GARBAGE ? 64 : 1;
            }
            case OVERPRESSURE -> {
                expectArgs(text, kind, args, 1, 1);
                channel = READER.channel(text, args.get(0), model, true);
                if (lasting == 0) {
                    lasting = DEFAULT_CAUSE_SECONDS;
                }
            }
            case PRESSURISED -> {
                expectArgs(text, kind, args, 0, 1);
                amount = args.size() == 1 ? count(text, args.get(0)) : 40;
                if (amount >= model.hardLimitMmHg()) {
                    throw READER.bad(text, "pressurised to " + amount + " mmHg would trip the hard limit of "
                            + model.model() + " (" + model.hardLimitMmHg() + " mmHg)");
                }
            }
            case FAULTED -> {
                expectArgs(text, kind, args, 0, 2);
                try {
                    code = args.size() >= 1 ? FaultCode.parse(args.get(0)) : FaultCode.WATCHDOG;
                } catch (IllegalArgumentException e) {
                    throw READER.bad(text, e.getMessage());
                }
                channel = args.size() == 2 ? READER.channel(text, args.get(1), model, true) : FaultCode.NO_CHANNEL;
            }
            default -> expectArgs(text, kind, args, 0, 0);
        }
        return new EmulatorFault(kind, atSeconds, every, lasting, channel, amount, code);
    }

    private static void expectArgs(String spec, Kind kind, List<String> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw READER.bad(spec, "wrong number of ':' parts for " + kind.word() + ": " + kind.grammar());
        }
    }

    private static int count(String spec, String text) {
        return READER.wholeNumber(spec, text, 1, 100_000);
    }
}
