package org.bootctl.serial;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether a log line that a unit can repeat at will may be written now: the first of each key
 * (a NACK reason, a fault code), then at most once per interval for that key, so a unit that
 * repeats one line, or alternates between two (A, B, A, B...), writes a few lines a minute instead
 * of one per frame. It only decides what is logged: what the engine is told does not depend on it.
 * At most {@link #MOST_KEYS} keys are remembered (a unit's made-up codes must not grow it): past
 * that it starts over, which lets each key through once more.
 */
public final class RepeatLimit {

    /** The most keys remembered at a time. */
    public static final int MOST_KEYS = 64;

    private final long intervalNanos;
    private final Map<Object, Long> lastLogged = new HashMap<>();

    /** @param intervalNanos how long after a key's line another of that key is let through */
    public RepeatLimit(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /**
     * Whether a line of {@code key} may be written at {@code nowNanos} (a {@link System#nanoTime()});
     * when it may, that is remembered as the key's last line.
     */
    public synchronized boolean allows(Object key, long nowNanos) {
        Long last = lastLogged.get(key);
        if (last != null && nowNanos - last <= intervalNanos) {
            return false;
        }
        if (last == null && lastLogged.size() >= MOST_KEYS) {
            lastLogged.clear();
        }
        lastLogged.put(key, nowNanos);
        return true;
    }
}
