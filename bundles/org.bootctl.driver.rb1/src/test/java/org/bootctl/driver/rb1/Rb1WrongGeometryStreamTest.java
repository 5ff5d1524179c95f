package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A unit that, after its handshake, streams S lines with the wrong number of zones (3 for a 4-zone
 * RB1-L4): no sample reaches the engine, yet Rb1Session.onSample counts each such line as a sign of
 * life (lastSampleAt is set before the zone count is checked), so the driver never finds the unit
 * silent or otherwise lost: it stays registered, dead, forever, and is never shaken hands with again.
 * (The RB2 driver drops such a unit after 1 s.)
 */
class Rb1WrongGeometryStreamTest {

    @Test
    void aUnitStreamingTheWrongNumberOfZonesIsLostNotServedForever() throws Exception {
        Throwable lost = run("S,%d,0.0,0.0,0.0");
        String reason = lost.getMessage();
        assertTrue(((Rb1Session.Lost) lost).unitAtFault(), "a reconnect soon will not cure it: the back-off grows");
        assertTrue(reason.contains("/dev/ttyTEST") && reason.contains("sends 3 zones per sample")
                && reason.contains("RB1-L4 has 4") && !reason.contains("silent"), reason);
    }

    /** The control: a unit that sends nothing is lost for silence within the 4 s. */
    @Test
    void aSilentUnitIsLost() throws Exception {
        run(null);
    }

    /** @return why the session was lost */
    private Throwable run(String streamLine) throws Exception {
        try (ScriptedRb1Unit unit = new ScriptedRb1Unit()) {
            Rb1Session session = unit.session;
            session.handshake();
            CompletableFuture<Throwable> served = unit.serve();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            for (int t = 0; System.nanoTime() < end && !served.isDone(); t += 50) {
                if (streamLine != null) {
                    unit.deliver(String.format(streamLine, t));
                }
                Thread.sleep(50);
            }
            assertTrue(served.isDone(), "after 4 s of S lines with 3 zones for a 4-zone unit (" + session.samples()
                    + " samples, " + session.unreadable() + " unreadable lines) the driver still serves it");
            assertInstanceOf(Rb1Session.Lost.class, served.get());
            session.stop();
            return served.get();
        }
    }
}
