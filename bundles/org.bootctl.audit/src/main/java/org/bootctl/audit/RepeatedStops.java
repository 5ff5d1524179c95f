package org.bootctl.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bootctl.api.audit.AuditEvent;

/**
 * Emergency stops repeated by one source on one device, audited coalesced: the first is recorded
 * at once; the ones that follow within the next second are counted, and recorded together as one
 * event whose {@value #COUNT} detail says how many, when that second is over (then the next second
 * counts, as long as they keep coming). Every stop is still carried out; only its record is
 * shared, so a client pressing or scripting the stop thousands of times a second adds two lines a
 * second to the log, not thousands.
 *
 * <p>Bounded: at most {@link #MAX_OPEN} source and device pairs are counted at once; beyond that
 * each stop is recorded on its own, as before.
 */
final class RepeatedStops implements AutoCloseable {

    static final String COUNT = "count";
    static final long WINDOW_MS = 1000;
    static final int MAX_OPEN = 1024;

    private record Key(String source, String subject) {
    }

    private final Consumer<AuditEvent> write;
    private final long windowMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bootctl audit repeated stops");
        thread.setDaemon(true);
        return thread;
    });
    /** Stops counted (not yet recorded) per pair whose second is running; guarded by this. */
    private final Map<Key, Integer> counting = new HashMap<>();

    /** @param write records one event (in the caller's order, stamped when written) */
    RepeatedStops(Consumer<AuditEvent> write, long windowMs) {
        this.write = write;
        this.windowMs = windowMs;
    }

    /** Records the event, or counts it when it repeats a stop of the running second. */
    synchronized void record(AuditEvent event) {
        if (!AuditEvent.ESTOP.equals(event.action()) || !event.details().isEmpty()) {
            write.accept(event);
            return;
        }
        Key key = new Key(event.source(), event.subject());
        Integer counted = counting.get(key);
        if (counted != null) {
            counting.put(key, counted + 1);
            return;
        }
        write.accept(event);
        if (counting.size() < MAX_OPEN && schedule(key)) {
            counting.put(key, 0);
        }
    }

    /** The second of this pair is over: its stops as one record, and the next second counts on if there were any. */
    private synchronized void secondOver(Key key) {
        Integer counted = counting.remove(key);
        if (counted == null || counted == 0) {
            return;
        }
        write.accept(coalesced(key, counted));
        if (schedule(key)) {
            counting.put(key, 0);
        }
    }

    private boolean schedule(Key key) {
        try {
            timer.schedule(() -> secondOver(key), windowMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException closed) {
            return false; // closing: every stop from now on is recorded on its own
        }
    }

    private static AuditEvent coalesced(Key key, int count) {
        return new AuditEvent(AuditEvent.ESTOP, key.source(), key.subject(), Map.of(COUNT, Integer.toString(count)));
    }

    /** Records what is still counted, so a stop loses nothing. */
    @Override
    public synchronized void close() {
        timer.shutdownNow();
        counting.forEach((key, counted) -> {
            if (counted > 0) {
                write.accept(coalesced(key, counted));
            }
        });
        counting.clear();
    }
}
