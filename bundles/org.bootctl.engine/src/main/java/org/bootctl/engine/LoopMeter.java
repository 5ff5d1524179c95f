package org.bootctl.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bootctl.api.session.LoopStatistics;
import org.bootctl.api.session.LoopTiming;
import org.bootctl.engine.loop.DeviceHandle;
import org.bootctl.timebase.LatenessHistogram;

/**
 * {@link LoopStatistics} over the engine's loops: their tick timing, and the CPU time of the
 * threads their ticks ran on, read from the JVM's per-thread CPU clocks when asked (the tick
 * path only notes which thread it runs on).
 */
final class LoopMeter implements LoopStatistics {

    private final Supplier<Collection<DeviceHandle>> loops;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    /** Per loop thread, its CPU time when the window began (0 for a thread first seen later). */
    private final Map<Long, Long> cpuAtStart = new HashMap<>();
    private long windowStart = System.nanoTime();

    LoopMeter(Supplier<Collection<DeviceHandle>> loops) {
        this.loops = loops;
    }

    @Override
    public List<LoopTiming> loops() {
        return loops.get().stream().<LoopTiming>map(loop -> loop.timing().snapshot(loop.id()))
                .sorted(Comparator.comparing(LoopTiming::deviceId)).toList();
    }

    @Override
    public LoopTiming allLoops() {
        return LatenessHistogram.merged(loops.get().stream().map(loop -> loop.timing().snapshot(loop.id())).toList());
    }

    @Override
    public synchronized long loopCpuNanos() {
        if (!cpuSupported()) {
            return -1;
        }
        long total = 0;
        for (long id : loopThreadIds()) {
            long now = threads.getThreadCpuTime(id);
            if (now >= 0) {
                total += now - cpuAtStart.getOrDefault(id, 0L);
            }
        }
        return total;
    }

    @Override
    public synchronized long windowNanos() {
        return System.nanoTime() - windowStart;
    }

    @Override
    public synchronized void reset() {
        loops.get().forEach(loop -> loop.timing().reset());
        cpuAtStart.clear();
        if (cpuSupported()) {
            for (long id : loopThreadIds()) {
                cpuAtStart.put(id, Math.max(0, threads.getThreadCpuTime(id)));
            }
        }
        windowStart = System.nanoTime();
    }

    private boolean cpuSupported() {
        return threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
    }

    private List<Long> loopThreadIds() {
        return loops.get().stream().map(DeviceHandle::tickThread).filter(t -> t != null)
                .map(Thread::getId).distinct().toList();
    }
}
