package org.bootctl.api.device;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.bootctl.api.time.Timebase;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The driver SPI: one boot unit a driver can talk to right now. A driver registers one such
 * service per unit once its handshake succeeded, with the property {@link #DEVICE_ID}, and
 * unregisters it the moment the unit is lost (unplug, reset, silence it cannot recover from).
 *
 * <p>The engine is the only caller. Commands never block: a driver queues them for its writer.
 * Exactly one of {@link #actuate} and {@link #setpoints} applies, by {@link DeviceDescription#regulation()}.
 * When the driver lets go of a unit (deactivation, shutdown) it vents it first if it still answers.
 */
@ConsumerType
public interface BootConnection {

    /** Service property: the device id, as in {@link DeviceDescription#id()}. */
    String DEVICE_ID = "bootctl.device.id";

    /** Who and what the unit is. Fixed for the life of this connection. */
    DeviceDescription description();

    /**
     * The timebase the unit lives on when it has its own, simulated, time. The engine then
     * runs this device's loop on it; empty for real devices (the engine uses real time).
     */
    default Optional<Timebase> timebase() {
        return Optional.empty();
    }

    /** Starts delivering telemetry to {@code listener} (null stops it). Called by the engine only. */
    void listen(Listener listener);

    /** Host-regulated devices: pump duty 0..255 and one valve state per channel. */
    void actuate(int pumpDuty, Valve[] valves);

    /** Device-regulated devices: a pressure setpoint per channel in mmHg (0 vents). */
    void setpoints(double[] mmHg);

    /** Pump off and every channel open to atmosphere: sent ahead of anything queued, never refused. */
    void ventAll();

    /** Asks the device to clear its latched fault; completes with false while the cause persists. */
    CompletionStage<Boolean> clearFault();

    /** What a connection tells the engine. Called from the driver's thread; must not block. */
    @ConsumerType
    interface Listener {
        void sample(Sample sample);

        /** A fault the device reports, or a reset it went through. */
        void deviceFault(DeviceFault fault);
    }
}
