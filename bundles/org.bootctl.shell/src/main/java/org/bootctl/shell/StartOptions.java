package org.bootctl.shell;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bootctl.api.program.Settings;

/**
 * The options of {@code boot:start} as typed, turned into {@link Settings}. Every refusal names the
 * option and what it takes. An intensity must be chosen (there is no default pressure); the length
 * defaults to {@link #DEFAULT_MINUTES}.
 *
 * @param level      {@code --level}, empty when absent
 * @param pressure   {@code --pressure}, empty when absent
 * @param minutes    {@code --minutes}, empty when absent
 * @param boost      {@code --boost}, e.g. {@code 1,3}; empty when absent
 * @param noFitCheck {@code --no-fit-check}
 * @param noRamp     {@code --no-ramp}
 * @param client     {@code --client}, an opaque client reference; empty when absent
 */
record StartOptions(String level, String pressure, String minutes, String boost, boolean noFitCheck,
                    boolean noRamp, String client) {

    /** Options without a client reference. */
    StartOptions(String level, String pressure, String minutes, String boost, boolean noFitCheck, boolean noRamp) {
        this(level, pressure, minutes, boost, noFitCheck, noRamp, "");
    }

    static final double DEFAULT_MINUTES = 20;

    /** Plain decimals only: {@code 20}, {@code 7.5}; not {@code 1e2}, {@code 3d} or {@code NaN}. */
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");

    /** @throws IllegalArgumentException with a message a person can act on */
    Settings settings() {
        boolean hasLevel = given(level);
        boolean hasPressure = given(pressure);
        if (hasLevel && hasPressure) {
            throw new IllegalArgumentException("give either --level or --pressure, not both");
        }
        if (!hasLevel && !hasPressure) {
            throw new IllegalArgumentException("choose the intensity: --level 1.." + Settings.MAX_LEVEL + " or --pressure MMHG ("
                    + (int) Settings.MIN_CAP_MMHG + ".." + (int) Settings.MAX_CAP_MMHG + ")");
        }
        int lvl = hasLevel ? wholeNumber(level, "--level must be a whole number 1.." + Settings.MAX_LEVEL, 1, Settings.MAX_LEVEL) : 0;
        double cap = hasPressure ? number(pressure, "--pressure must be a number of mmHg "
                + (int) Settings.MIN_CAP_MMHG + ".." + (int) Settings.MAX_CAP_MMHG,
                Settings.MIN_CAP_MMHG, Settings.MAX_CAP_MMHG) : 0;
        double mins = given(minutes) ? number(minutes, "--minutes must be a number 0.." + (int) Settings.MAX_MINUTES
                + " (0 runs until stopped)", 0, Settings.MAX_MINUTES) : DEFAULT_MINUTES;
        Settings settings = new Settings(lvl, cap, mins, zones(boost), !noRamp, !noFitCheck);
        try {
            return client == null || client.isEmpty() ? settings : settings.withClient(client);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage()); // names the option: --client must be ...
        }
    }

    /** {@code 1,3} as zone numbers; empty text is no boost. */
    static Set<Integer> zones(String text) {
        Set<Integer> zones = new TreeSet<>();
        if (!given(text)) {
            return zones;
        }
        for (String part : text.split(",", -1)) {
            String digits = part.strip();
            int zone = digits.matches("\\d{1,3}") ? Integer.parseInt(digits) : 0;
            if (zone < 1) {
                throw new IllegalArgumentException("--boost takes zone numbers from 1 separated by commas, e.g. 1,3, not '"
                        + text + "'");
            }
            zones.add(zone);
        }
        return zones;
    }

    private static boolean given(String text) {
        return text != null && !text.isBlank();
    }

    private static int wholeNumber(String text, String rule, int min, int max) {
        double value = number(text, rule, min, max);
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException(rule + ", not '" + text + "'");
        }
        return (int) value;
    }

    private static double number(String text, String rule, double min, double max) {
        String plain = text.strip();
        double value = DECIMAL.matcher(plain).matches() ? Double.parseDouble(plain) : Double.NaN;
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(rule + ", not '" + text + "'");
        }
        return value;
    }
}
