package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A unit that streams samples but stops answering commands after its handshake: the keep-alive
 * {@code ST?} is sent {@link CommandScheduler#MAX_SENDS} times at most, then the unit is lost with
 * a reason that says it takes no commands (it was written to forever, everything else waiting behind).
 */
class Rb1UnansweredCommandTest {

    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final ExecutorService manager = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        reader.shutdownNow();
        manager.shutdownNow();
    }

    @Test
    void aUnitThatStreamsButNeverAnswersIsLostAfterBoundedResends() throws Exception {
        Rb1Session session = new Rb1Session(new DriverSettings("/dev/ttyTEST", "RB1-L4", "", 20));
        Map<String, String> answers = Map.of("ID?", "ID,RB1-L4,E7,2.0,4,120", "ST?", "ST,NONE,0,0,0,0,0",
                "STREAM,20", "OK", "VENT", "OK");
        AtomicBoolean answering = new AtomicBoolean(true);
        Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
        session.attach(line -> {
            sent.computeIfAbsent(line, l -> new AtomicInteger()).incrementAndGet();
            String answer = answers.get(line);
            if (answer != null && answering.get()) {
                reader.execute(() -> session.line(answer, System.nanoTime()));
            }
            return true;
        });
        session.handshake();
        answering.set(false);
        sent.clear();
        CompletableFuture<Throwable> served = new CompletableFuture<>();
        manager.execute(() -> {
            try {
                session.serve();
                served.complete(null);
            } catch (Throwable e) {
                served.complete(e);
            }
        });
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int t = 0; System.nanoTime() < end && !served.isDone(); t += 50) {
            String sample = "S," + t + ",0.0,0.0,0.0,0.0";
            reader.execute(() -> session.line(sample, System.nanoTime()));
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
