package org.bootctl.driver.rb1;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An {@link Rb1Session} for /dev/ttyTEST expecting an RB1-L4, without a port: a scripted unit
 * answers each line the session sends from a reader thread (as the port's reader would deliver
 * it), and counts what was sent by command word ({@code ALL,20,20,20,20} counts as {@code ALL}).
 * {@link #serve} runs the session on a manager thread; closing stops both threads.
 */
final class ScriptedRb1Unit implements AutoCloseable {

    /** What a healthy RB1-L4 answers (command → answer line). */
    static final Map<String, String> RB1_L4 = Map.of("ID?", "ID,RB1-L4,E7,2.0,4,120", "ST?", "ST,NONE,0,0,0,0,0",
            "STREAM,20", "OK", "VENT", "OK");

    final Rb1Session session = new Rb1Session(new DriverSettings("/dev/ttyTEST", "RB1-L4", "", 20));
    /** Lines sent to the unit, by command word. */
    final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final AtomicBoolean answering = new AtomicBoolean(true);
    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final ExecutorService manager = Executors.newSingleThreadExecutor();

    /** A unit answering each line sent with {@code answer}'s line, or nothing where that is null. */
    ScriptedRb1Unit(Function<String, String> answer) {
        session.attach(line -> {
            sent.computeIfAbsent(line.replaceAll(",.*", ""), l -> new AtomicInteger()).incrementAndGet();
            String answerLine = answer.apply(line);
            if (answerLine != null && answering.get()) {
                deliver(answerLine);
            }
            return true;
        });
    }

    /** A unit answering as {@link #RB1_L4} does. */
    ScriptedRb1Unit() {
        this(RB1_L4::get);
    }

    /** From now on the unit answers nothing (it still takes every line). */
    void stopAnswering() {
        answering.set(false);
    }

    /** The unit sends {@code line}, as the port's reader would deliver it. */
    void deliver(String line) {
        reader.execute(() -> session.line(line, System.nanoTime()));
    }

    /** Runs {@link Rb1Session#serve()} on the manager thread: completes with why it ended (null if it just returned). */
    CompletableFuture<Throwable> serve() {
        CompletableFuture<Throwable> served = new CompletableFuture<>();
        manager.execute(() -> {
            try {
                session.serve();
                served.complete(null);
            } catch (Throwable e) {
                served.complete(e);
            }
        });
        return served;
    }

    @Override
    public void close() {
        reader.shutdownNow();
        manager.shutdownNow();
    }
}
