package org.bootctl.driver.rb1;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** A line the RB1 device sends, typed: the answers to commands and the lines it sends unasked. */
sealed interface DeviceLine {

    /** {@code ID,<model>,<serial>,<firmware>,<zones>,<max_mmHg>} */
    record Identity(String model, String serial, String firmware, int zones, double maxMmHg) implements DeviceLine {
    }

    /** {@code ST,<fault>,<sp1>,…,<spN>,<stream_hz>}; fault is null for {@code NONE}. */
    record Status(String fault, int[] setpoints, int streamHz) implements DeviceLine {
        public Status {
            setpoints = setpoints.clone();
        }

        boolean pressurised() {
            return Arrays.stream(setpoints).anyMatch(sp -> sp > 0);
        }

        @Override
        public int[] setpoints() {
            return setpoints.clone();
        }

        @Override
        public String toString() {
            return "Status[fault=" + fault + ", setpoints=" + Arrays.toString(setpoints) + ", streamHz=" + streamHz + "]";
        }
    }

    /** {@code OK} */
    record Ok() implements DeviceLine {
    }

    /** {@code P,<uptime_ms>,<p1>,…,<pN>}: the answer to {@code P?}. */
    record Pressures(long uptimeMs, double[] mmHg) implements DeviceLine {
        public Pressures {
            mmHg = mmHg.clone();
        }
    }

    /** {@code S,<uptime_ms>,<p1>,…,<pN>}: sent unasked while streaming. */
    record Stream(long uptimeMs, double[] mmHg) implements DeviceLine {
        public Stream {
            mmHg = mmHg.clone();
        }

        double pressure(int zoneIndex) {
            return mmHg[zoneIndex];
        }

        int zones() {
            return mmHg.length;
        }
    }

    /** {@code FLT,<code>}: a fault latched. */
    record Fault(String code) implements DeviceLine {
    }

    /** {@code BOOT,<model>}: the device powered up or reset. */
    record Boot(String model) implements DeviceLine {
    }

    /** {@code ERR,<code>}: CMD, ARG, RANGE, FAULT or CHK. */
    record Error(String code) implements DeviceLine {
        boolean is(String wanted) {
            return code.equals(wanted);
        }
    }

    /** Whether this line answers a command (rather than being sent unasked). */
    default boolean isAnswer() {
        return !(this instanceof Stream || this instanceof Fault || this instanceof Boot);
    }

    Pattern WORD = Pattern.compile("[A-Za-z0-9._\\-/]+");
    Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    Pattern WHOLE = Pattern.compile("\\d{1,9}");
    Pattern PRESSURE = Pattern.compile("-?\\d{1,4}(\\.\\d{1,3})?");

    /** The typed line, or empty when the body is not a well-formed device line. */
    static Optional<DeviceLine> parse(String body) {
        String[] f = body.split(",", -1);
        try {
            return Optional.ofNullable(switch (f[0]) {
                case "ID" -> f.length == 6 && WORD.matcher(f[1]).matches() && WORD.matcher(f[2]).matches()
                        && WORD.matcher(f[3]).matches() && WHOLE.matcher(f[4]).matches() && PRESSURE.matcher(f[5]).matches()
                        && Integer.parseInt(f[4]) > 0
                        ? new Identity(f[1], f[2], f[3], Integer.parseInt(f[4]), Double.parseDouble(f[5])) : null;
                case "ST" -> status(f);
                case "OK" -> f.length == 1 ? new Ok() : null;
                case "P" -> f.length >= 3 && WHOLE.matcher(f[1]).matches() && pressures(f) != null
                        ? new Pressures(Long.parseLong(f[1]), pressures(f)) : null;
                case "S" -> f.length >= 3 && WHOLE.matcher(f[1]).matches() && pressures(f) != null
                        ? new Stream(Long.parseLong(f[1]), pressures(f)) : null;
                case "FLT" -> f.length == 2 && CODE.matcher(f[1]).matches() ? new Fault(f[1]) : null;
                case "BOOT" -> f.length == 2 && WORD.matcher(f[1]).matches() ? new Boot(f[1]) : null;
                case "ERR" -> f.length == 2 && CODE.matcher(f[1]).matches() ? new Error(f[1]) : null;
                default -> null;
            });
        } catch (NumberFormatException e) {
            return Optional.empty(); // the patterns make this unreachable; a bad line is dropped all the same
        }
    }

    private static Status status(String[] f) {
        if (f.length < 4 || !CODE.matcher(f[1]).matches() || !WHOLE.matcher(f[f.length - 1]).matches()) {
            return null;
        }
        int[] setpoints = new int[f.length - 3];
        for (int i = 0; i < setpoints.length; i++) {
            if (!WHOLE.matcher(f[i + 2]).matches()) {
                return null;
            }
            setpoints[i] = Integer.parseInt(f[i + 2]);
        }
        return new Status(f[1].equals("NONE") ? null : f[1], setpoints, Integer.parseInt(f[f.length - 1]));
    }

    private static double[] pressures(String[] f) {
        double[] mmHg = new double[f.length - 2];
        for (int i = 0; i < mmHg.length; i++) {
            if (!PRESSURE.matcher(f[i + 2]).matches()) {
                return null;
            }
            mmHg[i] = Double.parseDouble(f[i + 2]);
        }
        return mmHg;
    }
}
