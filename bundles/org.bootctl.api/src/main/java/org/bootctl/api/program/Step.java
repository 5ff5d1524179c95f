package org.bootctl.api.program;

import java.util.List;

/**
 * One step of a plan's cycle: every zone's action (zone 1 first). The step's fills start
 * together; when each has reached its target the step holds for {@code holdMs}, then the next
 * step begins. A fill not reached within {@code timeLimitMs} is a fault.
 *
 * @param actions     one per zone, zone 1 first
 * @param holdMs      how long to hold once every fill has reached its target
 * @param timeLimitMs the longest the fills may take
 */
public record Step(List<ZoneAction> actions, long holdMs, long timeLimitMs) {

    /** The time a fill may take unless a program says otherwise. */
    public static final long DEFAULT_TIME_LIMIT_MS = 20_000;

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

    public Step(List<ZoneAction> actions, long holdMs) {
        this(actions, holdMs, DEFAULT_TIME_LIMIT_MS);
    }

    /** The action of zone {@code zone} (1-based). */
    public ZoneAction action(int zone) {
        return actions.get(zone - 1);
    }

    public int zones() {
        return actions.size();
    }
}
