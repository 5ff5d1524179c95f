package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A clear request and the unit going away: DRIVERS.md says {@code clearFault()} answers false "when
 * the unit goes away or resets first", but a CLR waiting for its answer when the port went away
 * (and one asked for after) was never sent again nor answered: its future never completed.
 */
class Rb1ClearWhenLostTest {

    @Test
    void aClearWaitingWhenTheUnitGoesAwayAnswersFalseAndSoDoesOneAskedAfter() throws Exception {
        try (ScriptedRb1Unit unit = new ScriptedRb1Unit()) { // CLR: no answer
            Rb1Session session = unit.session;
            Map<String, AtomicInteger> sent = unit.sent;
            session.handshake();
            CompletableFuture<Throwable> served = unit.serve();
            CompletionStage<Boolean> waiting = session.clearFault();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!sent.containsKey("CLR") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(sent.containsKey("CLR"), "CLR sent");
            session.lost("the other end of /dev/ttyTEST went away");
            assertInstanceOf(Rb1Session.Lost.class, served.get(5, TimeUnit.SECONDS));

            assertEquals(false, waiting.toCompletableFuture().get(5, TimeUnit.SECONDS), "the CLR in flight");
            CompletableFuture<Boolean> after = session.clearFault().toCompletableFuture();
            assertEquals(false, after.get(5, TimeUnit.SECONDS), "a CLR asked of a unit that is gone");
            assertTrue(sent.get("CLR").get() <= CommandScheduler.MAX_SENDS, "CLR sent " + sent.get("CLR") + " times");
        }
    }
}
