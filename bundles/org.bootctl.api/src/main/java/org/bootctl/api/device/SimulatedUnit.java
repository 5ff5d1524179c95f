package org.bootctl.api.device;

import java.util.Optional;
import org.bootctl.api.time.VirtualTimebase;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a simulated unit knows that a real one cannot tell: the true pressure in its chambers and
 * the physical limit of its pump. Benchmarks and tests judge the controller by these rather than
 * by the sensors it regulates on. The simulator's {@link BootConnection} services implement it
 * ({@code connection instanceof SimulatedUnit unit}) and are registered under this name too: the
 * mark of a simulated plant, which only the simulator gives. The emulators bind services of this
 * name only, so no configuration can point one at a real unit.
 *
 * <p>Who implements it: the simulator only. A real driver must never register this name.
 */
@ConsumerType
public interface SimulatedUnit {

    /**
     * The clock the unit lives on when it has its own, simulated, time: the engine then runs this
     * device's loop on it, and whoever drives the simulation advances it. Real drivers have no
     * such method: their units live on real time, which the engine provides.
     *
     * @return the unit's virtual timebase, or empty for a simulated unit on real time; never null
     */
    Optional<VirtualTimebase> timebase();

    /**
     * The chamber's real pressure in mmHg, without the sensor's offset, noise or quantisation.
     * Call it on the unit's timebase thread, or between advances of its virtual timebase.
     *
     * @param channel the channel index, 0-based in the device's order
     * @return the chamber's true pressure, mmHg
     */
    double truePressure(int channel);

    /**
     * The physical minimum time to fill {@code channels} together from {@code fromMmHg} to
     * {@code toMmHg}, from the unit's documented parameters: pump at full duty from the start,
     * valves that act without delay and close exactly at the target, no leaks.
     *
     * @param channels the channel indexes filling together (0-based, device order)
     * @param fromMmHg the pressure they start at, mmHg
     * @param toMmHg   the pressure they must reach, mmHg
     * @return nanoseconds; 0 when there is nothing to fill, {@link Long#MAX_VALUE} when the pump
     *         cannot get there
     * @throws IllegalArgumentException for a channel the unit does not have
     */
    long minimumFillNanos(int[] channels, double fromMmHg, double toMmHg);
}
