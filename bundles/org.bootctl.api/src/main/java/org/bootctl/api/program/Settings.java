package org.bootctl.api.program;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a person chose for one session. Immutable; the constructor refuses values out of range
 * with a message naming the field. A program reads it in {@link Program#compile} and passes every
 * target through {@link #target(int, double)}; the engine checks every target of the plan against
 * {@link #limit(int)} before the session starts and refuses it otherwise. In a unit test:
 * {@code Settings.level(5, 20)}, {@code Settings.pressure(60, 10).withBoost(Set.of(3))}.
 *
 * @param level      intensity 1..7, or 0 when {@code capMmHg} is given
 * @param capMmHg    an explicit session cap in mmHg ({@value #MIN_CAP_MMHG}..{@value #MAX_CAP_MMHG}),
 *                   or 0 when {@code level} is given
 * @param minutes    session length (decimals allowed, up to 120), or 0 for continuous until stopped (at most 4 h)
 * @param boostZones zones (numbered from 1) that get {@link #BOOST_MMHG} on top of what the program
 *                   asks, within {@link #MAX_BOOSTED_MMHG}; null reads as none; copied and sorted.
 *                   A zone the device does not have refuses the start
 * @param rampIn     first cycle at 70 %, second at 85 %, then 100 %; the engine scales the plan's
 *                   targets, a program ignores it
 * @param fitCheck   check every zone holds air before the program starts; done by the engine
 * @param client     an opaque client reference the clinic chose (see {@link #CLIENT_RULE}), or null; it is
 *                   kept in the session's record only, never read by the engine (since 1.2)
 */
public record Settings(int level, double capMmHg, double minutes, Set<Integer> boostZones, boolean rampIn,
                       boolean fitCheck, String client) {

    /** The session cap of each intensity level, mmHg; level 1 first. The one table of levels. */
    private static final List<Double> LEVEL_MMHG = List.of(30.0, 43.0, 57.0, 70.0, 83.0, 97.0, 110.0);
    /** The highest intensity level, 7; levels are 1..MAX_LEVEL. */
    public static final int MAX_LEVEL = LEVEL_MMHG.size();
    /** What a boosted zone gets on top of the cap, mmHg. */
    public static final double BOOST_MMHG = 10;
    /** The most any zone may get, boost included, mmHg. */
    public static final double MAX_BOOSTED_MMHG = 120;
    /** The lowest explicit cap, mmHg. */
    public static final double MIN_CAP_MMHG = 10;
    /** The highest explicit cap, mmHg. */
    public static final double MAX_CAP_MMHG = 120;
    /** The longest timed session, minutes. */
    public static final double MAX_MINUTES = 120;
    /** How long a continuous session ({@code minutes} 0) runs at most: 4 h, in ms. */
    public static final long CONTINUOUS_LIMIT_MS = 4 * 3_600_000L;
    /** What a client reference may be: a code, so names, e-mails and free text stay out by construction. */
    public static final String CLIENT_PATTERN = "[A-Za-z0-9._-]{1,64}";
    /** The rule in words, for refusals and help texts. */
    public static final String CLIENT_RULE = "client must be an opaque code of 1..64 letters, digits, '.', '_' or '-' ("
            + CLIENT_PATTERN + "), never a name";
    private static final Pattern CLIENT = Pattern.compile(CLIENT_PATTERN);

    /**
     * Checks the components and copies the boost zones.
     *
     * @param level      1..7, or 0 beside a cap
     * @param capMmHg    10..120 mmHg, or 0 beside a level
     * @param minutes    0 (continuous) to 120
     * @param boostZones zones numbered from 1, or null for none
     * @param rampIn     whether the first two cycles ramp in
     * @param fitCheck   whether the fit check runs first
     * @param client     an opaque client code ({@link #CLIENT_PATTERN}), or null for none
     * @throws IllegalArgumentException naming the field: both or neither of level and cap, a level
     *                                  or cap out of range, minutes out of range, a boost zone under 1
     */
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

    /**
     * Settings without a client reference (the constructor of version 1.1).
     *
     * @param level      1..7, or 0 beside a cap
     * @param capMmHg    10..120 mmHg, or 0 beside a level
     * @param minutes    0 (continuous) to 120
     * @param boostZones zones numbered from 1, or null for none
     * @param rampIn     whether the first two cycles ramp in
     * @param fitCheck   whether the fit check runs first
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Settings(int level, double capMmHg, double minutes, Set<Integer> boostZones, boolean rampIn,
                    boolean fitCheck) {
        this(level, capMmHg, minutes, boostZones, rampIn, fitCheck, null);
    }

    /**
     * Level {@code level} for {@code minutes}, ramp-in and fit check on, no boost.
     *
     * @param level   1..7
     * @param minutes 0 (continuous) to 120
     * @return the settings
     * @throws IllegalArgumentException for a value out of range
     */
    public static Settings level(int level, double minutes) {
        return new Settings(level, 0, minutes, Set.of(), true, true);
    }

    /**
     * An explicit cap of {@code mmHg} for {@code minutes}, ramp-in and fit check on, no boost.
     *
     * @param mmHg    10..120
     * @param minutes 0 (continuous) to 120
     * @return the settings
     * @throws IllegalArgumentException for a value out of range
     */
    public static Settings pressure(double mmHg, double minutes) {
        return new Settings(0, mmHg, minutes, Set.of(), true, true);
    }

    /**
     * These settings with other boost zones.
     *
     * @param zones zones numbered from 1, or null for none
     * @return new settings
     */
    public Settings withBoost(Set<Integer> zones) {
        return new Settings(level, capMmHg, minutes, zones, rampIn, fitCheck, client);
    }

    /**
     * These settings with ramp-in on or off.
     *
     * @param on whether the first two cycles ramp in
     * @return new settings
     */
    public Settings withRampIn(boolean on) {
        return new Settings(level, capMmHg, minutes, boostZones, on, fitCheck, client);
    }

    /**
     * These settings with the fit check on or off.
     *
     * @param on whether the fit check runs first
     * @return new settings
     */
    public Settings withFitCheck(boolean on) {
        return new Settings(level, capMmHg, minutes, boostZones, rampIn, on, client);
    }

    /**
     * The same settings for the client with this opaque reference (null for none).
     *
     * @param reference an opaque client code ({@link #CLIENT_PATTERN}), or null for none
     * @return new settings
     * @throws IllegalArgumentException naming the field and {@link #CLIENT_RULE} when it is not a code
     * @since 1.2
     */
    public Settings withClient(String reference) {
        return new Settings(level, capMmHg, minutes, boostZones, rampIn, fitCheck, reference);
    }

    /**
     * The session cap of a level.
     *
     * @param level 1..7
     * @return mmHg: 30, 43, 57, 70, 83, 97 or 110
     * @throws IndexOutOfBoundsException for any other level
     */
    public static double levelMmHg(int level) {
        return LEVEL_MMHG.get(level - 1);
    }

    /**
     * The session cap of every level, mmHg, level 1 first: what UIs show beside a level.
     *
     * @return the 7 caps; unmodifiable
     */
    public static List<Double> levelsMmHg() {
        return LEVEL_MMHG;
    }

    /**
     * The level table in words, for help texts.
     *
     * @return {@code 1..7 = 30, 43, 57, 70, 83, 97, 110 mmHg}
     */
    public static String levelTable() {
        return "1.." + MAX_LEVEL + " = " + String.join(", ", LEVEL_MMHG.stream().map(Settings::number).toList())
                + " mmHg";
    }

    /** A number as a person types it: {@code -1}, {@code 2.5}, never {@code -1.0}. */
    static String number(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }

    /**
     * The session cap: every unboosted target stays within it.
     *
     * @return mmHg: the level's cap, or the explicit cap
     */
    public double cap() {
        return level != 0 ? levelMmHg(level) : capMmHg;
    }

    /**
     * Whether a zone is boosted.
     *
     * @param zone numbered from 1
     * @return true when it is among the boost zones
     */
    public boolean boosted(int zone) {
        return boostZones.contains(zone);
    }

    /**
     * The highest target a zone may have: the cap, or cap + boost on a boosted zone, never above
     * 120 mmHg. The engine refuses a plan with any target above it.
     *
     * @param zone numbered from 1
     * @return mmHg
     */
    public double limit(int zone) {
        return boosted(zone) ? Math.min(cap() + BOOST_MMHG, MAX_BOOSTED_MMHG) : cap();
    }

    /**
     * The target a zone gets when a program asks for {@code requestedMmHg}: clamped to the cap,
     * plus the boost on a boosted zone, within the zone's limit. Zero stays zero (vent).
     *
     * @param zone          numbered from 1
     * @param requestedMmHg what the program would like, mmHg
     * @return the target to put in the plan, mmHg: 0 for a request of 0 or less, else at most
     *         {@link #limit(int)}
     */
    public double target(int zone, double requestedMmHg) {
        if (requestedMmHg <= 0) {
            return 0;
        }
        double target = Math.min(requestedMmHg, cap()) + (boosted(zone) ? BOOST_MMHG : 0);
        return Math.min(target, limit(zone));
    }

    /**
     * Whether the session runs until stopped.
     *
     * @return true for {@code minutes} 0
     */
    public boolean continuous() {
        return minutes == 0;
    }

    /**
     * How long the session runs: its minutes, or the continuous limit.
     *
     * @return ms
     */
    public long durationMs() {
        return continuous() ? CONTINUOUS_LIMIT_MS : Math.round(minutes * 60_000);
    }
}
