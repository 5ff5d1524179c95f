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
 *
 * <p><b>Calls are bounded.</b> The engine calls {@link #actuate} or {@link #setpoints} on every
 * tick of the device's loop (50 a second by default; an idle device gets a vent command), and
 * {@link #ventAll} from that loop or from any thread (an emergency stop). Each call must return
 * within <b>100 ms</b> (it only queues). A call of the loop that has not returned by then makes
 * the engine declare the driver <i>not responding</i>: the device latches that fault, its session
 * ends in FAULT, and the engine sends no command on this connection again (its vent-alls, one at
 * once and one per emergency stop, go from a thread of their own that nobody waits for); the
 * device comes back only as a new connection (unregister, register). A
 * driver that throws is no better: an {@code Error} vents and latches the device.
 *
 * <p><b>The unit's watchdog follows the engine.</b> A driver that keeps the unit's own watchdog
 * fed (keep-alives between commands) does so only while the engine keeps commanding: once no
 * {@link #actuate} or {@link #setpoints} call has come for 1 s while the last one keeps air in the
 * boots (pump on, a channel not venting, a setpoint above 0), it stops feeding, so the firmware
 * vents the unit. That is how an engine whose loop stalls, or that gave up on a driver that hangs,
 * has the unit vented without calling the driver again. {@link #ventAll} disarms the watchdog.
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

    /** Host-regulated devices: pump duty 0..255 and one valve state per channel. Returns within 100 ms. */
    void actuate(int pumpDuty, Valve[] valves);

    /** Device-regulated devices: a pressure setpoint per channel in mmHg (0 vents). Returns within 100 ms. */
    void setpoints(double[] mmHg);

    /** Pump off and every channel open to atmosphere: sent ahead of anything queued, never refused; returns within 100 ms. */
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
