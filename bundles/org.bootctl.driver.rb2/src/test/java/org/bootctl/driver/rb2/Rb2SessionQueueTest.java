package org.bootctl.driver.rb2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bootctl.api.device.Valve;
import org.junit.jupiter.api.Test;

/**
 * What waits for the port is bounded however often the engine calls: while the writer is stalled
 * (here: no writer at all), stops and clear requests pile up as one VENT_ALL and one CLEAR_FAULT.
 */
class Rb2SessionQueueTest {

    private final Rb2Session session = new Rb2Session("/dev/test", null, Timing.DEFAULT, new Rb2Session.Stats(), () -> { });

    @Test
    void aFloodOfStopsWaitsAsOneVentAll() {
        for (int i = 0; i < 10_000; i++) {
            session.actuate(100, new Valve[] {Valve.FILL, Valve.CLOSED});
            session.ventAll();
        }
        assertEquals(1, session.queued(), "one VENT_ALL, and no ACTUATE behind it");
    }

    @Test
    void clearRequestsWhileOneWaitsShareItsAnswer() {
        for (int i = 0; i < 10_000; i++) {
            session.clearFault();
        }
        assertEquals(1, session.queued());
        session.ventAll();
        assertEquals(2, session.queued(), "a VENT_ALL goes ahead of the waiting CLEAR_FAULT");
    }
}
