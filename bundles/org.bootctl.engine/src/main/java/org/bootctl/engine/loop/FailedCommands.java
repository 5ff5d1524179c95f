package org.bootctl.engine.loop;

import java.util.concurrent.TimeUnit;

/**
 * The driver's failed commands in a row, on the loop's clock (the tick's only). One that fails now
 * and then is a log line; a driver that has failed every command for {@link #FAULT_AFTER_MS} ms
 * controls nothing, so that is a fault (S-TICK-ERROR): as long as a device may go without
 * telemetry (S-STALE-TELEMETRY), a time rather than a count of ticks because the tick rate is
 * configurable (10-200 Hz), and at 50 Hz 13 ticks, far past a one-off hiccup of a serial port.
 */
final class FailedCommands {

    static final long FAULT_AFTER_MS = 250;
    private static final long FAULT_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(FAULT_AFTER_MS);

    private long inRow;
    private long firstNanos;
    private long total;

    /** A command went through: the row is broken. */
    void succeeded() {
        inRow = 0;
    }

    /**
     * A command failed at {@code now}. True when every command has failed for the bound: a fault,
     * after which the row counts afresh (a fault latched again while one is held changes nothing).
     */
    boolean failed(long now) {
        total++;
        if (inRow++ == 0) {
            firstNanos = now;
        }
        return now - firstNanos >= FAULT_AFTER_NANOS;
    }

    /** The failed commands in this row, then forgets it (once its fault is latched). */
    long takeRow() {
        long row = inRow;
        inRow = 0;
        return row;
    }

    /** How long this row has lasted at {@code now}. */
    long rowNanos(long now) {
        return inRow == 0 ? 0 : now - firstNanos;
    }

    /** Every failed command so far. */
    long total() {
        return total;
    }

    /** The first failure, then one in 500 (a driver that fails every other command would flood the log): worth a log line. */
    boolean worthSaying() {
        return (total - 1) % 500 == 0;
    }
}
