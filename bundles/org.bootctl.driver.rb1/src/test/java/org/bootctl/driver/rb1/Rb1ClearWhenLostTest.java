package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A clear request and the unit going away: DRIVERS.md says {@code clearFault()} answers false "when
 * the unit goes away or resets first", but a CLR waiting for its answer when the port went away
 * (and one asked for after) was never sent again nor answered: its future never completed.
 */
class Rb1ClearWhenLostTest {

    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final ExecutorService manager = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        reader.shutdownNow();
        manager.shutdownNow();
    }

    @Test
    void aClearWaitingWhenTheUnitGoesAwayAnswersFalseAndSoDoesOneAskedAfter() throws Exception {
        Rb1Session session = new Rb1Session(new DriverSettings("/dev/ttyTEST", "RB1-L4", "", 20));
        Map<String, String> answers = Map.of("ID?", "ID,RB1-L4,E7,2.0,4,120", "ST?", "ST,NONE,0,0,0,0,0",
                "STREAM,20", "OK", "VENT", "OK"); // CLR: no answer
        Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
        session.attach(line -> {
            sent.computeIfAbsent(line, l -> new AtomicInteger()).incrementAndGet();
            String answer = answers.get(line);
            if (answer != null) {
                reader.execute(() -> session.line(answer, System.nanoTime()));
            }
            return true;
        });
        session.handshake();
        CompletableFuture<Throwable> served = new CompletableFuture<>();
        manager.execute(() -> {
            try {
                session.serve();
                served.complete(null);
            } catch (Throwable e) {
                served.complete(e);
            }
        });
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
