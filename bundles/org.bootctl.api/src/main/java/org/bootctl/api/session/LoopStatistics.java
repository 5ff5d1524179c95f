package org.bootctl.api.session;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How the control loops keep time, measured while they run (the engine registers it): per
 * device the lateness of its ticks, and the CPU time of the threads that run the loops, since
 * the last {@link #reset()}. Recording costs the tick path a clock read and a counter, no
 * allocation. For benchmarks and diagnostics; nothing decides on it. Implemented by the engine only
 * ({@code @ProviderType}); every method is thread-safe and returns at once.
 */
@ProviderType
public interface LoopStatistics {

    /**
     * Every connected device's loop, since the window began.
     *
     * @return one timing per device; a snapshot, never null
     */
    List<LoopTiming> loops();

    /**
     * Every connected device's loop as one: every tick of each, the latest of their maxima.
     *
     * @return a timing with no device id; a snapshot, never null
     */
    LoopTiming allLoops();

    /**
     * CPU time, ns, that the threads running the control loops used since the window began: the
     * ticks themselves and the scheduling around them (not drivers' or listeners' own threads).
     * -1 where the JVM cannot measure thread CPU time.
     *
     * @return ns, or -1
     */
    long loopCpuNanos();

    /**
     * Wall time since the window began.
     *
     * @return ns
     */
    long windowNanos();

    /** Begins a new window: every loop's counts start from zero, and so do CPU and wall time. */
    void reset();
}
