package org.bootctl.tools.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.session.LoopTiming;
import org.bootctl.timebase.LatenessHistogram;

/**
 * A bare 50 Hz timer thread beside the loops, doing nothing but note how late it wakes: the
 * machine's and the JVM's own share of lateness (other processes, the hypervisor, safepoints), to
 * hold the loops' figures against. Measured exactly as the engine measures its ticks (against
 * the phase its earliest tick reveals).
 */
final class TimerProbe implements AutoCloseable {

    private static final long PERIOD_NANOS = 20_000_000L;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bootctl-bench-timer-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final long[] counts = new long[LatenessHistogram.BUCKETS];
    private long elapsed;
    private long phase = Long.MAX_VALUE;
    private long max;

    TimerProbe() {
        timer.scheduleAtFixedRate(this::tick, PERIOD_NANOS, PERIOD_NANOS, TimeUnit.NANOSECONDS);
    }

    private synchronized void tick() {
        long at = System.nanoTime() - elapsed; // the phase as the engine's loops judge theirs: the earliest tick's
        elapsed += PERIOD_NANOS;
        phase = Math.min(phase, at);
        long late = at - phase;
        counts[LatenessHistogram.bucket(late)]++;
        max = Math.max(max, late);
    }

    synchronized LoopTiming timing() {
        return new LatenessHistogram("timer probe", counts, max);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
