package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long the fleet commands wait for the broker's retained messages: on while they still come, within a cap. */
class FleetSnapshotRetainedTest {

    private static final Duration LEAST = Duration.ofMillis(1500);
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Duration MOST = Duration.ofSeconds(5);
    private static final byte[] ONLINE = "{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8);

    private final FleetSnapshot snapshot = new FleetSnapshot();

    @Test
    void withoutRetainedMessagesTheLeastWaitHolds() {
        long start = System.nanoTime();
        assertEquals(start + LEAST.toNanos(), snapshot.settledAt(start, LEAST, QUIET, MOST));
        snapshot.accept("bootctl/v1/s1/u1/status", ONLINE, false); // live, not retained: changes nothing
        assertEquals(start + LEAST.toNanos(), snapshot.settledAt(start, LEAST, QUIET, MOST));
    }

    @Test
    void aRetainedMessageLateInTheWaitExtendsItByTheQuietTime() {
        long start = System.nanoTime() - Duration.ofMillis(1400).toNanos(); // begun 1.4 s ago: a busy broker
        long before = System.nanoTime();
        snapshot.accept("bootctl/v1/s1/u2/status", ONLINE, true);
        long after = System.nanoTime();
        long settled = snapshot.settledAt(start, LEAST, QUIET, MOST);
        assertTrue(settled - (before + QUIET.toNanos()) >= 0 && (after + QUIET.toNanos()) - settled >= 0,
                "the quiet time counted from the message");
        assertTrue(settled - (start + LEAST.toNanos()) > 0, "longer than the least wait");
        assertEquals(1, snapshot.units().size());
    }

    @Test
    void retainedMessagesThatKeepComingAreCutOffAtTheCap() {
        long start = System.nanoTime() - Duration.ofSeconds(6).toNanos();
        snapshot.accept("bootctl/v1/s1/u3/status", ONLINE, true);
        assertEquals(start + MOST.toNanos(), snapshot.settledAt(start, LEAST, QUIET, MOST));
    }

    @Test
    void anEarlyRetainedMessageDoesNotShortenTheLeastWait() {
        snapshot.accept("bootctl/v1/s1/u1/status", ONLINE, true);
        long start = System.nanoTime(); // the message came as the wait began
        assertEquals(start + LEAST.toNanos(), snapshot.settledAt(start, LEAST, QUIET, MOST));
    }
}
