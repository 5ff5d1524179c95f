package org.bootctl.engine;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Session ids that sort by start time ({@code 20250601-101500-123-0001}): traces are pruned by
 * name, and the ids are plain file names.
 */
final class SessionIds {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final Clock wall;
    private final AtomicInteger counter = new AtomicInteger();

    SessionIds(Clock wall) {
        this.wall = wall;
    }

    String next() {
        return FORMAT.format(wall.instant()) + "-" + String.format("%04x", counter.incrementAndGet() & 0xffff);
    }
}
