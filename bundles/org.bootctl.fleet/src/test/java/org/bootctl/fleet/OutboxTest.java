package org.bootctl.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.session.Telemetry;
import org.junit.jupiter.api.Test;

/** Bounded everywhere: events beyond the queue dropped and counted; telemetry only the newest frame; devices one flag each. */
class OutboxTest {

    @Test
    void nothingGrowsWithoutBoundAndWhatIsDroppedIsCounted() {
        AtomicInteger wakes = new AtomicInteger();
        Outbox outbox = new Outbox(wakes::incrementAndGet);
        for (int i = 0; i < Outbox.EVENT_CAPACITY + 250; i++) {
            outbox.event(new Outbox.Event("fault", Instant.now(), "d", null));
        }
        assertEquals(250, outbox.takeDroppedEvents(), "events beyond the queue are counted");
        assertEquals(0, outbox.takeDroppedEvents(), "and the count is taken once");
        int queued = 0;
        while (outbox.peekEvent() != null) {
            outbox.eventSent();
            queued++;
        }
        assertEquals(Outbox.EVENT_CAPACITY, queued);
        assertTrue(wakes.get() >= Outbox.EVENT_CAPACITY, "every offer wakes the publisher");

        Telemetry last = null;
        for (int i = 0; i < 500; i++) {
            last = new Telemetry("d", null, i, SessionState.IDLE, 0, -1, new double[1], new double[1], null, -1);
            outbox.telemetry(last);
        }
        assertEquals(1, outbox.telemetryFrames().size());
        assertSame(last, outbox.telemetryFrames().get(0), "only the newest frame is kept");

        for (int i = 0; i < 100; i++) {
            outbox.deviceChanged("d", i % 2 == 0);
        }
        Map<String, Boolean> changes = outbox.takeChangedDevices();
        assertEquals(Map.of("d", false), changes, "one flag per device, the last word wins");
        outbox.restoreChangedDevices(changes);
        assertEquals(changes, outbox.takeChangedDevices(), "what could not be published is kept for the next link");
    }
}
