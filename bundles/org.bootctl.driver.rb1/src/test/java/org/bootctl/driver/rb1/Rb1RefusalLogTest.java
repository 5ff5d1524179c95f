package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A unit that refuses every setpoint line (here {@code ERR,ARG}) while the engine changes the
 * setpoints on every tick: each refusal was a WARNING of its own, a dozen a second for as long as
 * the session ran (the RB2 driver logs a NACK reason at most once per 10 s for the same reason).
 */
class Rb1RefusalLogTest {

    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final ExecutorService manager = Executors.newSingleThreadExecutor();
    private final Logger logger = Logger.getLogger(Rb1Session.class.getName());
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getMessage().contains("refused with")) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void stop() {
        logger.removeHandler(handler);
        reader.shutdownNow();
        manager.shutdownNow();
    }

    @Test
    void refusedSetpointsAreLoggedAtMostOnceInTenSecondsForOneReason() throws Exception {
        logger.addHandler(handler);
        Rb1Session session = new Rb1Session(new DriverSettings("/dev/ttyTEST", "RB1-L4", "", 20));
        AtomicInteger refusals = new AtomicInteger();
        session.attach(line -> {
            String answer = switch (line) {
                case "ID?" -> "ID,RB1-L4,E7,2.0,4,120";
                case "ST?" -> "ST,NONE,0,0,0,0,0";
                case "STREAM,20", "VENT" -> "OK";
                default -> line.startsWith("ALL,") ? "ERR,ARG" : null;
            };
            if ("ERR,ARG".equals(answer)) {
                refusals.incrementAndGet();
            }
            if (answer != null) {
                reader.execute(() -> session.line(answer, System.nanoTime()));
            }
            return true;
        });
        session.handshake();
        CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
            try {
                session.serve();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, manager);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int t = 0; System.nanoTime() < end && refusals.get() < 20 && !served.isDone(); t++) {
            int mmHg = 20 + t % 40;
            session.setpoints(new int[] {mmHg, mmHg, mmHg, mmHg});
            String sample = "S," + t * 20 + ",0.0,0.0,0.0,0.0";
            reader.execute(() -> session.line(sample, System.nanoTime()));
            Thread.sleep(20);
        }
        session.stop();
        assertTrue(refusals.get() >= 20, "the unit refused " + refusals.get() + " lines");
        assertTrue(warnings.size() <= 1, refusals.get() + " refusals, " + warnings.size() + " warnings: " + warnings);
    }
}
