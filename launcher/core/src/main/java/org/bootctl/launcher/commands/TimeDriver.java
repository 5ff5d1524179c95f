package org.bootctl.launcher.commands;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.bootctl.api.time.VirtualTimebase;

/**
 * How a headless command lets time pass while it waits. Real time passes by itself; a virtual
 * timebase runs nothing unless someone advances it, so in virtual mode the waiting thread pumps
 * it: every task due runs on that thread, in time order, as fast as the CPU allows.
 */
public interface TimeDriver {

    /** Lets a little time pass while waiting for something: a device, a program, a session. */
    void idle() throws InterruptedException;

    /** Lets time pass until {@code done} holds or one slice is over (a progress line's worth). */
    void slice(BooleanSupplier done) throws InterruptedException;

    /** Now by this driver's clock, in nanoseconds from an arbitrary origin. */
    long nanoTime();

    /** Whether this is a simulated clock that only moves when pumped. */
    boolean simulated();

    /** Wall-clock time: sleeps. */
    static TimeDriver real() {
        return new TimeDriver() {
            @Override
            public void idle() throws InterruptedException {
                Thread.sleep(20);
            }

            @Override
            public void slice(BooleanSupplier done) throws InterruptedException {
                long end = System.nanoTime() + 250_000_000L;
                while (!done.getAsBoolean() && System.nanoTime() - end < 0) {
                    Thread.sleep(20);
                }
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public boolean simulated() {
                return false;
            }
        };
    }

    /**
     * Virtual time of the given timebases (found anew on every call: devices come and go). Waiting
     * advances them a little and sleeps a little, so work on real threads (a program being
     * registered) keeps up, about ten simulated seconds to one real second.
     */
    static TimeDriver virtual(Supplier<List<VirtualTimebase>> timebases) {
        return new TimeDriver() {
            private static final long IDLE_NANOS = 20_000_000L;
            private static final long SLICE_NANOS = 1_000_000_000L;

            @Override
            public void idle() throws InterruptedException {
                List<VirtualTimebase> all = timebases.get();
                all.forEach(t -> t.advance(IDLE_NANOS));
                Thread.sleep(all.isEmpty() ? 20 : 2);
            }

            @Override
            public void slice(BooleanSupplier done) {
                timebases.get().forEach(t -> t.runUntil(done, SLICE_NANOS));
            }

            @Override
            public long nanoTime() {
                return timebases.get().stream().mapToLong(VirtualTimebase::nanoTime).max().orElse(0);
            }

            @Override
            public boolean simulated() {
                return true;
            }
        };
    }
}
