package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A unit that streams samples but stops answering commands after its handshake: the keep-alive
 * {@code ST?} is sent {@link CommandScheduler#MAX_SENDS} times at most, then the unit is lost with
 * a reason that says it takes no commands (it was written to forever, everything else waiting behind).
 */
class Rb1UnansweredCommandTest {

    @Test
    void aUnitThatStreamsButNeverAnswersIsLostAfterBoundedResends() throws Exception {
        try (ScriptedRb1Unit unit = new ScriptedRb1Unit()) {
            Rb1Session session = unit.session;
            Map<String, AtomicInteger> sent = unit.sent;
            session.handshake();
            unit.stopAnswering();
            sent.clear();
            CompletableFuture<Throwable> served = unit.serve();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (int t = 0; System.nanoTime() < end && !served.isDone(); t += 50) {
                unit.deliver("S," + t + ",0.0,0.0,0.0,0.0");
                Thread.sleep(50);
            }
            assertTrue(served.isDone(), "after 10 s of samples and no answer the driver still serves the unit; sent: " + sent);
            Throwable why = served.get();
            assertTrue(assertInstanceOf(Rb1Session.Lost.class, why).unitAtFault(), "the back-off grows for it");
            assertTrue(why.getMessage().contains("/dev/ttyTEST") && why.getMessage().contains("no answer to ST?")
                    && why.getMessage().contains("takes no commands"), why.getMessage());
            int keepAlives = sent.getOrDefault("ST?", new AtomicInteger()).get();
            assertTrue(keepAlives <= CommandScheduler.MAX_SENDS, "ST? sent " + keepAlives + " times");
            session.stop();
        }
    }
}
