package org.bootctl.api.program;

import java.util.List;

/**
 * One step of a plan's cycle: every zone's action (zone 1 first). The step's fills start
 * together; when each has reached its target the step holds for {@code holdMs}, then the next
 * step begins. A fill not reached within {@code timeLimitMs} is a fault.
 *
 * <p>The engine enforces: a hold of at most 3600 s and a time limit of at most 600 s (else the start
 * is refused); a fill not reached within the time limit ends the session in FAULT ("leak or garment
 * not connected", {@code S-FILL-TIMEOUT}).
 *
 * @param actions     one per zone, zone 1 first; copied
 * @param holdMs      how long to hold once every fill has reached its target, ms, 0 or more
 * @param timeLimitMs the longest the fills may take, ms, above 0
 */
public record Step(List<ZoneAction> actions, long holdMs, long timeLimitMs) {

    /** The time a fill may take unless a program says otherwise: 20 s, in ms. */
    public static final long DEFAULT_TIME_LIMIT_MS = 20_000;

    /**
     * Checks and copies the components.
     *
     * @param actions     one per zone, zone 1 first, at least one
     * @param holdMs      ms, 0 or more
     * @param timeLimitMs ms, above 0
     * @throws IllegalArgumentException for no actions, a negative hold or a time limit not above 0
     */
    public Step {
        actions = List.copyOf(actions);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a step needs an action for every zone");
        }
        if (holdMs < 0) {
            throw new IllegalArgumentException("hold time cannot be negative: " + holdMs + " ms");
        }
        if (timeLimitMs <= 0) {
            throw new IllegalArgumentException("time limit must be positive: " + timeLimitMs + " ms");
        }
    }

    /**
     * A step whose fills may take {@link #DEFAULT_TIME_LIMIT_MS}.
     *
     * @param actions one per zone, zone 1 first
     * @param holdMs  ms, 0 or more
     */
    public Step(List<ZoneAction> actions, long holdMs) {
        this(actions, holdMs, DEFAULT_TIME_LIMIT_MS);
    }

    /**
     * The action of zone {@code zone} (1-based).
     *
     * @param zone 1 to {@link #zones()}
     * @return the action
     * @throws IndexOutOfBoundsException for any other zone
     */
    public ZoneAction action(int zone) {
        return actions.get(zone - 1);
    }

    /**
     * How many zones the step drives.
     *
     * @return the number of actions
     */
    public int zones() {
        return actions.size();
    }
}
