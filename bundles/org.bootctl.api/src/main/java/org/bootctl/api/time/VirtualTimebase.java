package org.bootctl.api.time;

import java.util.function.BooleanSupplier;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Simulated time: nothing happens until a caller advances it, and then every due task runs on the
 * caller's thread in time order (ties in the order they were scheduled). Scheduling is
 * thread-safe; advancing is meant for one thread at a time. A simulated unit on virtual time
 * offers its clock ({@code SimulatedUnit.timebase()}, and as a {@link Timebase} service with
 * {@code bootctl.time=virtual}); whoever drives the simulation (a headless session, a benchmark, a
 * test) advances it, and a 30-minute session runs in well under a second, the same every run.
 *
 * <p>Implemented by bootctl only ({@code @ProviderType}); drivers never see it.
 */
@ProviderType
public interface VirtualTimebase extends Timebase {

    /**
     * Runs every task due up to {@code nanos} from now, on the caller's thread, then sets the clock
     * to that time.
     *
     * @param nanos how far to move the clock, ns
     */
    void advance(long nanos);

    /**
     * Runs tasks in time order until {@code done} holds (checked after each task) or the clock
     * would pass {@code maxNanos} from now; on the caller's thread.
     *
     * @param done     the condition to reach, checked before the first task and after each one
     * @param maxNanos the most virtual time to run, ns; the clock stands there when it is reached
     * @return whether {@code done} held
     */
    boolean runUntil(BooleanSupplier done, long maxNanos);
}
