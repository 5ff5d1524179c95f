package org.bootctl.sim;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.device.Sample;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.api.device.Valve;
import org.bootctl.api.time.Cancellable;
import org.bootctl.api.time.Timebase;
import org.bootctl.api.time.VirtualTimebase;

/**
 * A simulated boot unit: pneumatics ({@link Plant}), sensors, firmware and injected faults,
 * run on a timebase. Once per sample period it integrates the physics up to now (in steps of up
 * to 5 ms that end where a command or fault acts, on a whole millisecond),
 * reads the sensors, lets the firmware act, and hands a {@link Sample} to the listener, all on
 * the timebase's thread. Commands may come from any thread: they are queued and act on the
 * physics one valve delay after they were sent. The same seed, faults and commands at the same
 * times give the same samples. A simulated unit of a host-regulated model is a
 * {@link HostRegulated} connection, one of a device-regulated model a {@link DeviceRegulated} one
 * ({@link #of} picks).
 */
public abstract sealed class SimulatedDevice implements BootConnection, SimulatedUnit
        permits SimulatedDevice.HostRegulated, SimulatedDevice.DeviceRegulated {

    /** Commands and faults act on whole milliseconds. */
    private static final long STEP_NANOS = 1_000_000L;
    /**
     * The longest physics step: the flows change slowly between valve changes, and explicit Euler
     * is stable for these chambers far beyond it (their time constants are tenths of a second).
     */
    private static final long MAX_STEP_NANOS = 5_000_000L;
    /** After a pause of the real clock (suspend, debugger) the physics skips ahead rather than catch up for ever. */
    private static final long MAX_CATCH_UP_NANOS = 1_000_000_000L;

    private final SimModel model;
    private final DeviceDescription description;
    private final Timebase timebase;
    private final Plant plant;
    private final SensorModel sensors;
    private final FaultSchedule faults;
    private final Firmware firmware;
    private final Queue<Command> commands = new ConcurrentLinkedQueue<>();
    private final double[] readings;
    private volatile Listener listener;
    private volatile boolean closed;
    private Cancellable ticker;
    private long startNanos;
    private long physicsNanos;

    /**
     * A simulated unit of {@code model}, of the connection kind its regulation mode needs.
     *
     * @param id       the device id
     * @param model    one of the simulated models (RB2-L5, RB2-A4, RB2-M8, RB1-L4)
     * @param faults   faults to inject, from {@link SimFault#parseAll}
     * @param timebase a {@link VirtualTimebase} (then {@link #timebase()} returns it) or a real one
     * @param seed     seeds the sensor noise and offsets
     * @throws IllegalArgumentException for a model the simulator does not know
     */
    @SuppressWarnings("deprecation")
    public static SimulatedDevice of(String id, ModelSpec model, List<SimFault> faults, Timebase timebase, long seed) {
        return of(id, SimModel.of(model.model()), faults, timebase, seed);
    }

    /**
     * A simulated unit of any described model, of the connection kind its regulation mode needs.
     *
     * @param id       the device id
     * @param model    the model, as a driver or the simulator describes it
     * @param faults   faults to inject, from {@link SimFault#parseAll}
     * @param timebase a {@link VirtualTimebase} (then {@link #timebase()} returns it) or a real one
     * @param seed     seeds the sensor noise and offsets
     * @return the unit, not started
     */
    public static SimulatedDevice of(String id, ModelDescription model, List<SimFault> faults, Timebase timebase,
                                     long seed) {
        return of(id, SimModel.of(model), faults, timebase, seed);
    }

    private static SimulatedDevice of(String id, SimModel model, List<SimFault> faults, Timebase timebase, long seed) {
        return model.spec().regulation() == RegulationMode.HOST
                ? new HostRegulated(id, model, faults, timebase, seed)
                : new DeviceRegulated(id, model, faults, timebase, seed);
    }

    private SimulatedDevice(String id, SimModel model, List<SimFault> faults, Timebase timebase, long seed) {
        this.model = model;
        this.description = DeviceDescription.of(id, this.model.spec(), "SIM-" + id, "bootctl-sim 0.1.0",
                this.model.sampleRateHz());
        this.timebase = timebase;
        int channels = description.channelCount();
        for (SimFault fault : faults) {
            if (fault.channel() >= channels) {
                throw new IllegalArgumentException("simulated fault " + fault + " names channel " + fault.channel()
                        + ", but " + description.model() + " has channels 0.." + (channels - 1));
            }
        }
        this.plant = new Plant(this.model, channels);
        this.sensors = new SensorModel(channels, this.model.sensorNoise(), this.model.sensorOffset(),
                description.sensorFullScaleMmHg(), new SplittableRandom(seed));
        this.faults = new FaultSchedule(faults);
        this.firmware = new Firmware(this.model, description, plant);
        this.readings = new double[channels];
    }

    /** Starts the physics and telemetry on the timebase. */
    public synchronized void start() {
        if (ticker != null || closed) {
            throw new IllegalStateException("simulated device " + description.id() + " was started already");
        }
        startNanos = timebase.nanoTime();
        physicsNanos = startNanos;
        ticker = timebase.scheduleAtFixedRate(1_000_000_000L / model.sampleRateHz(), this::tick);
    }

    /** Stops physics and telemetry. Does not vent: whoever lets go of the device vents it first. */
    public synchronized void close() {
        closed = true;
        if (ticker != null) {
            ticker.cancel();
        }
    }

    /** The chamber's real pressure in mmHg, without sensor effects (for tests and benchmarks; call on the timebase's thread). */
    @Override
    public double truePressure(int channel) {
        return plant.pressure(channel);
    }

    /**
     * Sticks a channel's sensor at {@code reading} from the next sample on: it reports that value,
     * whatever the chamber holds, and the firmware (regulator and hard limit) trusts it, as with
     * {@code sensor-stuck}, which keeps the last value read. For tests that need a sensor stuck at an
     * exact distance from a setpoint; call on the timebase's thread or between advances of a virtual one.
     */
    public void stickSensor(int channel, double reading) {
        if (channel < 0 || channel >= description.channelCount()) {
            throw new IllegalArgumentException("no channel " + channel + " on " + description.model());
        }
        sensors.stickAt(channel, reading);
    }

    /**
     * The physical minimum time to fill {@code channels} together from {@code fromMmHg} to
     * {@code toMmHg}: pump at full duty, ideal valves (no delay, no restriction), no leaks.
     *
     * @return nanoseconds, 0 when there is nothing to fill, {@link Long#MAX_VALUE} when the pump cannot get there
     */
    @Override
    public long minimumFillNanos(int[] channels, double fromMmHg, double toMmHg) {
        for (int channel : channels) {
            if (channel < 0 || channel >= description.channelCount()) {
                throw new IllegalArgumentException("no channel " + channel + " on " + description.model());
            }
        }
        double seconds = FillTime.minimumSeconds(model, channels.length, fromMmHg, toMmHg);
        return seconds >= Long.MAX_VALUE / 1e9 ? Long.MAX_VALUE : Math.round(seconds * 1e9);
    }

    @Override
    public DeviceDescription description() {
        return description;
    }

    @Override
    public Optional<VirtualTimebase> timebase() {
        return timebase instanceof VirtualTimebase virtual ? Optional.of(virtual) : Optional.empty();
    }

    @Override
    public void listen(Listener listener) {
        this.listener = listener;
    }

    /** Takes over from anything still queued: what was sent before it never acts. */
    @Override
    public void ventAll() {
        // everything sent before is void; a vent-all already on its way is kept, not postponed,
        // or one repeated every tick (as the engine does while latched) would never act
        commands.removeIf(c -> c.kind() != Command.Kind.VENT_ALL);
        if (commands.isEmpty()) {
            commands.add(Command.ventAll(sendTime()));
        }
    }

    @Override
    public CompletionStage<Boolean> clearFault() {
        CompletableFuture<Boolean> cleared = new CompletableFuture<>();
        try {
            timebase.execute(() -> cleared.complete(!closed && firmware.clear(readings)));
        } catch (RejectedExecutionException e) {
            cleared.complete(false); // the timebase has stopped: so has the device
        }
        return cleared;
    }

    /** A command that acts one valve delay after it was sent, unless a vent-all takes over first. */
    final void queue(Command command) {
        commands.add(command);
    }

    final long sendTime() {
        return timebase.nanoTime() + model.valveDelayNanos();
    }

    /** One sample period: physics up to now, sensors, firmware, telemetry. */
    private void tick() {
        if (closed) {
            return;
        }
        long now = timebase.nanoTime();
        if (now - physicsNanos > MAX_CATCH_UP_NANOS) {
            physicsNanos = now - MAX_CATCH_UP_NANOS;
        }
        while (now - physicsNanos >= STEP_NANOS) {
            applyCommandsDue(physicsNanos);
            faults.activateDue(physicsNanos - startNanos, plant, sensors);
            long step = nextStep(now);
            plant.step(step / 1e9);
            physicsNanos += step;
        }
        for (int i = 0; i < readings.length; i++) {
            readings[i] = sensors.read(i, plant.pressure(i));
        }
        DeviceFault fresh = firmware.supervise(readings);
        Listener current = listener;
        if (current != null && !faults.stalled()) {
            if (fresh != null) {
                current.deviceFault(fresh);
            }
            current.sample(new Sample((now - startNanos) / 1_000_000L, readings, firmware.latched()));
        }
    }

    /**
     * The next physics step: up to {@link #MAX_STEP_NANOS}, in whole milliseconds, and ending on the
     * millisecond at which the next command or fault acts, so that they act exactly when they would
     * with 1 ms steps throughout.
     */
    private long nextStep(long now) {
        long step = Math.min(MAX_STEP_NANOS, (now - physicsNanos) / STEP_NANOS * STEP_NANOS);
        Command command = commands.peek();
        if (command != null) {
            step = Math.min(step, wholeStepsUntil(command.effectiveAtNanos()));
        }
        long fault = faults.nextAtNanos();
        if (fault != Long.MAX_VALUE) {
            step = Math.min(step, wholeStepsUntil(startNanos + fault));
        }
        return step;
    }

    /** From now to {@code nanos}, rounded up to whole milliseconds; at least one. */
    private long wholeStepsUntil(long nanos) {
        long until = nanos - physicsNanos;
        return until <= STEP_NANOS ? STEP_NANOS : (until + STEP_NANOS - 1) / STEP_NANOS * STEP_NANOS;
    }

    private void applyCommandsDue(long nanos) {
        Command command = commands.peek();
        while (command != null && command.effectiveAtNanos() - nanos <= 0) {
            commands.poll();
            firmware.apply(command);
            command = commands.peek();
        }
    }

    /** A simulated unit the engine regulates: it takes pump duty and valves (RB2 models). */
    public static final class HostRegulated extends SimulatedDevice implements HostRegulatedConnection {

        /** The valves of the latest command, which the next one shares when they are equal. */
        private Valve[] lastValves;

        private HostRegulated(String id, SimModel model, List<SimFault> faults, Timebase timebase, long seed) {
            super(id, model, faults, timebase, seed);
        }

        @Override
        public void actuate(int pumpDuty, Valve[] valves) {
            HostRegulatedConnection.checkCommand(description(), pumpDuty, valves);
            Command command = Command.actuate(sendTime(), pumpDuty, valves, lastValves);
            lastValves = command.valves();
            queue(command);
        }
    }

    /** A simulated unit that regulates itself: it takes setpoints (RB1 models). */
    public static final class DeviceRegulated extends SimulatedDevice implements DeviceRegulatedConnection {

        private DeviceRegulated(String id, SimModel model, List<SimFault> faults, Timebase timebase, long seed) {
            super(id, model, faults, timebase, seed);
        }

        @Override
        public void setpoints(double[] mmHg) {
            if (mmHg.length != description().channelCount()) {
                throw new IllegalArgumentException(description().model() + " has " + description().channelCount()
                        + " zones, not " + mmHg.length);
            }
            for (double setpoint : mmHg) {
                if (!(setpoint >= 0 && setpoint <= description().hardLimitMmHg())) {
                    throw new IllegalArgumentException("a setpoint is 0.." + description().hardLimitMmHg() + " mmHg, not " + setpoint);
                }
            }
            queue(Command.setpoints(sendTime(), mmHg));
        }
    }
}
