package org.bootctl.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.bootctl.api.time.Timebase;

/** Wall-clock time that moves with a (virtual) timebase, from a fixed instant. */
final class VirtualClock extends Clock {

    private final Timebase time;
    private final Instant origin;

    VirtualClock(Timebase time, Instant origin) {
        this.time = time;
        this.origin = origin;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(time.nanoTime());
    }
}
