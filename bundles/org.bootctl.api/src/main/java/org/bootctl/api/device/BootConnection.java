package org.bootctl.api.device;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The driver SPI: one boot unit a driver can talk to right now. A driver implements one of its two
 * kinds, by who regulates the pressure: {@link HostRegulatedConnection} (the engine opens and closes
 * valves and runs the pump) or {@link DeviceRegulatedConnection} (the unit's firmware regulates to
 * setpoints), matching {@link DeviceDescription#regulation()}; this interface holds what both share.
 * A connection that is neither kind, or whose kind does not match its description, is refused
 * (logged), never commanded.
 *
 * <p>A driver registers one such service per unit, under this interface's name, with the property
 * {@link #DEVICE_ID}, once its handshake succeeded, and unregisters it the moment the unit is lost
 * (unplug, reset, silence it cannot recover from). The engine starts commanding a connection as
 * soon as it is registered, so a driver registers it by hand ({@code BundleContext.registerService})
 * and never lets a Declarative Services component publish it before the unit answered.
 *
 * <p>The engine is the only caller. Commands never block: a driver queues them for its writer.
 * When the driver lets go of a unit (deactivation, shutdown) it vents it first if it still answers.
 *
 * <p><b>Calls are bounded.</b> The engine sends one command on every tick of the device's loop (50 a second by default; an idle device gets a vent command), and
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
 * command ({@link HostRegulatedConnection#actuate} or {@link DeviceRegulatedConnection#setpoints})
 * has come for 1 s while the last one keeps air in the boots (pump on, a channel not venting, a setpoint above 0), it stops feeding, so the firmware
 * vents the unit. That is how an engine whose loop stalls, or that gave up on a driver that hangs,
 * has the unit vented without calling the driver again. {@link #ventAll} disarms the watchdog.
 *
 * <p><b>Who implements it:</b> a driver bundle, through one of the two sub-interfaces (marked
 * {@code @ConsumerType}: a driver implements them, so a method added to them would be a major
 * version). The clock a unit's loop runs on is not the driver's business: the engine uses real
 * time, except for a simulated unit ({@link SimulatedUnit#timebase()}). The engine never checks a
 * unit's pressures through the driver's eyes alone: its supervisor judges every {@link Sample}
 * against the session and the {@link DeviceDescription}'s limits (docs/SAFETY.md) and vents
 * through {@link #ventAll} when a rule trips, whatever the driver does.
 */
@ConsumerType
public interface BootConnection {

    /**
     * Service property: the device id, as in {@link DeviceDescription#id()}; a {@code String}, set on
     * registration and never changed while the service is registered. Ids are unique in a runtime:
     * a second connection with an id already taken is ignored (logged), never commanded.
     */
    String DEVICE_ID = "bootctl.device.id";

    /**
     * Who and what the unit is. Fixed for the life of this connection: the engine reads it once,
     * when the service appears, and a unit that turns out to be something else must come back as a
     * new connection.
     *
     * @return the same description on every call, never null
     */
    DeviceDescription description();

    /**
     * Starts delivering telemetry to {@code listener}, replacing any listener given before; null
     * stops the delivery. Called by the engine only, when the connection appears and when it lets
     * go of it; must return at once (no I/O on the caller's thread).
     *
     * @param listener where every {@link Sample} and {@link DeviceFault} goes from now on, or null
     *                 to stop
     */
    void listen(Listener listener);

    /**
     * Pump off and every channel open to atmosphere: sent ahead of anything queued, never refused,
     * never rate-limited (it is the emergency stop's path); returns within 100 ms. Called from the
     * device's loop or from any other thread (an emergency stop, a driver declared not responding),
     * possibly at the same time as another call: it must be thread-safe.
     */
    void ventAll();

    /**
     * Asks the device to clear its latched fault. Called on a request's thread when a person
     * clears a fault (never on the loop); must return at once and answer later. The engine waits
     * up to 2 s for the answer (a unit on virtual time: until it
     * answers) and keeps the device latched if none comes.
     *
     * @return completes with true once the unit cleared, with false while the cause persists or
     *         when the unit does not answer; never null
     */
    CompletionStage<Boolean> clearFault();

    /**
     * What a connection tells the engine. The engine implements it and hands it over through
     * {@link #listen}; the driver calls it from its own thread (one thread at a time, never with a
     * lock held). Both methods return at once: they hand the news to the device's loop.
     */
    @ConsumerType
    interface Listener {
        /**
         * A reading of every channel, in the order the unit sent them; at the description's sample
         * rate. Telemetry that stops for max(250 ms, 3 sample periods) is a fault (docs/SAFETY.md,
         * {@code S-STALE-TELEMETRY}).
         *
         * @param sample the reading, never null; its pressures in the description's channel order
         *               and its latched fault in every sample while the firmware has one latched
         */
        void sample(Sample sample);

        /**
         * A fault the device reports, or a reset it went through: once per latch (the latched fault
         * then rides in every {@link Sample} until it clears). The engine latches the device and
         * ends its session in FAULT.
         *
         * @param fault what the unit reported, never null
         */
        void deviceFault(DeviceFault fault);
    }
}
