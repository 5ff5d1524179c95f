package org.bootctl.api.program;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a person chose for one session. Immutable; the constructor refuses values out of range
 * with a message naming the field.
 *
 * @param level      intensity 1..7, or 0 when {@code capMmHg} is given
 * @param capMmHg    an explicit session cap in mmHg, or 0 when {@code level} is given
 * @param minutes    session length (decimals allowed, up to 120), or 0 for continuous until stopped (at most 4 h)
 * @param boostZones zones that get {@link #BOOST_MMHG} on top of what the program asks, within {@link #MAX_BOOSTED_MMHG}
 * @param rampIn     first cycle at 70 %, second at 85 %, then 100 %
 * @param fitCheck   check every zone holds air before the program starts
 * @param client     an opaque client reference the clinic chose (see {@link #CLIENT_RULE}), or null; it is
 *                   kept in the session's record only, never read by the engine (since 1.2)
 */
public record Settings(int level, double capMmHg, double minutes, Set<Integer> boostZones, boolean rampIn,
                       boolean fitCheck, String client) {

    /** The session cap of each intensity level, mmHg; level 1 first. The one table of levels. */
    private static final List<Double> LEVEL_MMHG = List.of(30.0, 43.0, 57.0, 70.0, 83.0, 97.0, 110.0);
    /** The highest intensity level; levels are 1..MAX_LEVEL. */
    public static final int MAX_LEVEL = LEVEL_MMHG.size();
    public static final double BOOST_MMHG = 10;
    public static final double MAX_BOOSTED_MMHG = 120;
    public static final double MIN_CAP_MMHG = 10;
    public static final double MAX_CAP_MMHG = 120;
    public static final double MAX_MINUTES = 120;
    public static final long CONTINUOUS_LIMIT_MS = 4 * 3_600_000L;
    /** What a client reference may be: a code, so names, e-mails and free text stay out by construction. */
    public static final String CLIENT_PATTERN = "[A-Za-z0-9._-]{1,64}";
    /** The rule in words, for refusals and help texts. */
    public static final String CLIENT_RULE = "client must be an opaque code of 1..64 letters, digits, '.', '_' or '-' ("
            + CLIENT_PATTERN + "), never a name";
    private static final Pattern CLIENT = Pattern.compile(CLIENT_PATTERN);

    public Settings {
        // sorted, so it reads the same everywhere (history, messages, JSON)
        boostZones = Collections.unmodifiableSortedSet(new TreeSet<>(boostZones == null ? Set.of() : boostZones));
        if (level != 0 && capMmHg != 0) {
            throw new IllegalArgumentException("give either an intensity level (1.." + MAX_LEVEL
                    + ") or a pressure cap in mmHg, not both");
        }
        if (capMmHg == 0 && (level < 1 || level > MAX_LEVEL)) {
            // level 0 is "no level" only beside a cap: alone it is a level out of range, said as such
            throw new IllegalArgumentException("level must be 1.." + MAX_LEVEL + ", not " + level);
        }
        if (capMmHg != 0 && (capMmHg < MIN_CAP_MMHG || capMmHg > MAX_CAP_MMHG || Double.isNaN(capMmHg))) {
            throw new IllegalArgumentException("pressure must be " + (int) MIN_CAP_MMHG + ".." + (int) MAX_CAP_MMHG
                    + " mmHg, not " + number(capMmHg));
        }
        if (minutes < 0 || minutes > MAX_MINUTES || Double.isNaN(minutes)) {
            throw new IllegalArgumentException("minutes must be more than 0 and at most " + (int) MAX_MINUTES
                    + " (0 runs until stopped), not " + number(minutes));
        }
        for (int zone : boostZones) {
            if (zone < 1) {
                throw new IllegalArgumentException("boost zones are numbered from 1, not " + zone);
            }
        }
        if (client != null && !CLIENT.matcher(client).matches()) {
            // the refused text is not echoed: it may be the very name this rule keeps out
            throw new IllegalArgumentException(CLIENT_RULE);
        }
    }

    /** Settings without a client reference (the constructor of version 1.1). */
    public Settings(int level, double capMmHg, double minutes, Set<Integer> boostZones, boolean rampIn,
                    boolean fitCheck) {
        this(level, capMmHg, minutes, boostZones, rampIn, fitCheck, null);
    }

    /** Level {@code level} for {@code minutes}, ramp-in and fit check on, no boost. */
    public static Settings level(int level, double minutes) {
        return new Settings(level, 0, minutes, Set.of(), true, true);
    }

    /** An explicit cap of {@code mmHg} for {@code minutes}, ramp-in and fit check on, no boost. */
    public static Settings pressure(double mmHg, double minutes) {
        return new Settings(0, mmHg, minutes, Set.of(), true, true);
    }

    public Settings withBoost(Set<Integer> zones) {
        return new Settings(level, capMmHg, minutes, zones, rampIn, fitCheck, client);
    }

    public Settings withRampIn(boolean on) {
        return new Settings(level, capMmHg, minutes, boostZones, on, fitCheck, client);
    }

    public Settings withFitCheck(boolean on) {
        return new Settings(level, capMmHg, minutes, boostZones, rampIn, on, client);
    }

    /**
     * The same settings for the client with this opaque reference (null for none).
     *
     * @throws IllegalArgumentException naming the field and {@link #CLIENT_RULE} when it is not a code
     * @since 1.2
     */
    public Settings withClient(String reference) {
        return new Settings(level, capMmHg, minutes, boostZones, rampIn, fitCheck, reference);
    }

    /** The session cap of a level 1..7, mmHg. */
    public static double levelMmHg(int level) {
        return LEVEL_MMHG.get(level - 1);
    }

    /** The session cap of every level, mmHg, level 1 first: what UIs show beside a level. */
    public static List<Double> levelsMmHg() {
        return LEVEL_MMHG;
    }

    /** {@code 1..7 = 30, 43, 57, 70, 83, 97, 110 mmHg}: the level table in words, for help texts. */
    public static String levelTable() {
        return "1.." + MAX_LEVEL + " = " + String.join(", ", LEVEL_MMHG.stream().map(Settings::number).toList())
                + " mmHg";
    }

    /** A number as a person types it: {@code -1}, {@code 2.5}, never {@code -1.0}. */
    static String number(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }

    /** The session cap: every unboosted target stays within it. */
    public double cap() {
        return level != 0 ? levelMmHg(level) : capMmHg;
    }

    public boolean boosted(int zone) {
        return boostZones.contains(zone);
    }

    /** The highest target a zone may have: the cap, or cap + boost on a boosted zone, never above 120 mmHg. */
    public double limit(int zone) {
        return boosted(zone) ? Math.min(cap() + BOOST_MMHG, MAX_BOOSTED_MMHG) : cap();
    }

    /**
     * The target a zone gets when a program asks for {@code requestedMmHg}: clamped to the cap,
     * plus the boost on a boosted zone, within the zone's limit. Zero stays zero (vent).
     */
    public double target(int zone, double requestedMmHg) {
        if (requestedMmHg <= 0) {
            return 0;
        }
        double target = Math.min(requestedMmHg, cap()) + (boosted(zone) ? BOOST_MMHG : 0);
        return Math.min(target, limit(zone));
    }

    public boolean continuous() {
        return minutes == 0;
    }

    /** How long the session runs: its minutes, or the continuous limit. */
    public long durationMs() {
        return continuous() ? CONTINUOUS_LIMIT_MS : Math.round(minutes * 60_000);
    }
}
