package org.bootctl.driver.rb2.emulator;

import java.util.Arrays;
import java.util.function.Consumer;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.device.Sample;
import org.bootctl.api.device.Valve;
import org.bootctl.api.time.Cancellable;
import org.bootctl.api.time.Timebase;
import org.bootctl.driver.rb2.codec.FaultCode;
import org.bootctl.driver.rb2.codec.Frame;
import org.bootctl.driver.rb2.codec.Message;
import org.bootctl.driver.rb2.codec.MessageFormatException;
import org.bootctl.driver.rb2.codec.NackReason;

/**
 * What an RB2 unit's firmware does, as docs/protocols/rb2-bcp.md specifies it, on top of a "plant": any
 * host-regulated {@link BootConnection} that supplies the physics (the simulator). Silent until
 * a valid HELLO; INFO; TELEMETRY at the rate; ACTUATE applied or NACKed; the 500 ms watchdog;
 * the hard limit; the fault latch until CLEAR_FAULT succeeds; reset.
 *
 * <p>Every method runs on the timebase's thread (the plant's samples are handed over to it), so
 * the firmware needs no locks; {@link #snapshot()} may be read from anywhere.
 */
public final class Rb2Firmware {

    /** How far above the hard limit an injected over-pressure reads (as on the RB1 emulator). */
    static final double OVERPRESSURE_ABOVE_LIMIT_MMHG = 6;
    /** Without a valid host frame for this long, an armed watchdog latches WATCHDOG. */
    public static final long WATCHDOG_NANOS = 500_000_000L;
    /** How often the watchdog looks, apart from telemetry: at 10 Hz a frame's tick would let it trip 100 ms late. */
    private static final long WATCHDOG_CHECK_NANOS = 10_000_000L;
    /** A pressurised start gives up filling after this long. */
    private static final long PRESSURISE_LIMIT_NANOS = 60_000_000_000L;

    /**
     * What the unit says of itself in INFO.
     *
     * @param model    model id sent in INFO (may differ from the plant's, to play a wrong model)
     * @param rateHz   telemetry rate after power-up
     */
    public record Identity(String model, int limbs, int zones, int maxMmHg, int sensorFullScaleMmHg, int rateHz,
                           String serial, String firmware) {

        /** The plant's own identity, with an optional other model name, serial and firmware string. */
        public static Identity of(DeviceDescription plant, String model, String serial, String firmware) {
            String name = model == null || model.isBlank() ? plant.model() : model.trim();
            int rate = Models.find(name).map(ModelSpec::defaultRateHz).orElse(50);
            return new Identity(name, plant.limbs(), plant.zoneCount(), (int) Math.round(plant.hardLimitMmHg()),
                    (int) Math.round(plant.sensorFullScaleMmHg()), rate,
                    serial == null || serial.isBlank() ? plant.serial() : serial.trim(), firmware);
        }

        int channels() {
            return limbs * zones;
        }
    }

    /** The unit as seen from outside, for tests and logs. Arrays are copies. */
    public record Snapshot(boolean ready, boolean streaming, int rateHz, boolean watchdogArmed, boolean ventAllActive,
                           int pump, byte[] valves, int faultCode, int faultChannel, double[] pressures,
                           long hellos, long framesReceived, long ventAlls, long clearFaults, long nacks,
                           long telemetrySent, long resets) {
        public boolean faulted() {
            return faultCode != 0;
        }

        /** Highest pressure in mmHg. */
        public double highest() {
            return Arrays.stream(pressures).max().orElse(0);
        }
    }

    private final HostRegulatedConnection plant;
    private final Timebase timebase;
    private final Identity identity;
    private final Consumer<Frame> out;
    private final int channels;

    private boolean ready;
    private boolean stopped;
    private boolean streaming;
    private int rateHz;
    private Cancellable ticker;
    private Cancellable watchdogCheck;
    private long powerUpNanos;
    private int count;
    private boolean watchdogArmed;
    private long lastHostFrameNanos;
    private boolean ventAllActive;
    private int pump;
    private final byte[] valves;
    private int faultCode;
    private int faultChannel = FaultCode.NO_CHANNEL;
    private boolean causeForced;
    private double[] pressures;
    /** The plant's own readings, before an injected over-pressure. */
    private double[] plantPressures;
    /** The channel an injected over-pressure reads past the hard limit on, or -1. */
    private int overpressured = -1;

    private double pressuriseTo;
    private long pressuriseStartNanos;
    private FaultCode faultAtStart;
    private int faultAtStartChannel = FaultCode.NO_CHANNEL;

    private long hellos;
    private long framesReceived;
    private long ventAlls;
    private long clearFaults;
    private long nacks;
    private long telemetrySent;
    private long resets;
    private volatile Snapshot snapshot;

    /**
     * @param plant    the physics: a host-regulated connection, on real time unless this firmware shares its virtual timebase
     * @param timebase the firmware's clock and thread
     * @param identity what INFO says
     * @param out      where frames go (the serial writer), called on the timebase's thread
     */
    public Rb2Firmware(BootConnection plant, Timebase timebase, Identity identity, Consumer<Frame> out) {
        if (!(plant instanceof HostRegulatedConnection hostRegulated) || plant.description().regulation() != RegulationMode.HOST) {
            throw new IllegalArgumentException("an RB2 firmware needs a host-regulated plant, not " + plant.description().model());
        }
        if (plant.description().channelCount() != identity.channels()) {
            throw new IllegalArgumentException(identity.model() + " has " + identity.channels() + " channels but the plant "
                    + plant.description().model() + " has " + plant.description().channelCount());
        }
        this.plant = hostRegulated;
        this.timebase = timebase;
        this.identity = identity;
        this.out = out;
        this.channels = identity.channels();
        this.valves = new byte[channels];
        this.pressures = new double[channels];
        this.plantPressures = pressures;
        this.rateHz = identity.rateHz();
        publish();
    }

    /** A power-up state the unit is found in: pressurised to some mmHg (0: not), and/or with a fault latched. */
    public void foundWith(double pressuriseMmHg, FaultCode fault, int channel) {
        this.pressuriseTo = pressuriseMmHg;
        this.faultAtStart = fault;
        this.faultAtStartChannel = channel;
    }

    /** Powers up: listens to the plant, vents (or first pressurises), and starts the firmware's tick. */
    public void powerUp() {
        plant.listen(new BootConnection.Listener() {
            @Override
            public void sample(Sample sample) {
                timebase.execute(() -> plantSample(sample));
            }

            @Override
            public void deviceFault(DeviceFault fault) {
                // the plant's latched fault also shows in its samples
            }
        });
        powerUpNanos = timebase.nanoTime();
        watchdogCheck = timebase.scheduleAtFixedRate(WATCHDOG_CHECK_NANOS, this::checkWatchdog);
        if (pressuriseTo > 0) {
            pressuriseStartNanos = powerUpNanos;
            Arrays.fill(valves, (byte) Message.FILL);
            pump = 255;
            applyToPlant();
        } else {
            ventOutputs();
            boot();
        }
        publish();
    }

    /** Stops ticking and listening; the plant is left as it is. */
    public void stop() {
        stopped = true;
        if (ticker != null) {
            ticker.cancel();
        }
        if (watchdogCheck != null) {
            watchdogCheck.cancel();
        }
        plant.listen(null);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public Identity identity() {
        return identity;
    }

    // ------------------------------------------------------------------ host frames

    /** A frame from the host that passed the COBS and CRC checks (answered or NACKed, it feeds the watchdog). */
    public void receive(Frame frame) {
        if (!ready || stopped) {
            return; // still booting
        }
        lastHostFrameNanos = timebase.nanoTime();
        framesReceived++;
        if (frame.type() < Message.HELLO || frame.type() > Message.SET_RATE) {
            // the unit's own types (INFO, TELEMETRY, ...) are no commands: their payload is not judged
            nack(frame.seq(), NackReason.UNKNOWN_TYPE);
            publish();
            return;
        }
        Message message;
        try {
            message = Message.decode(frame);
        } catch (MessageFormatException e) {
            nack(frame.seq(), e.reason());
            publish();
            return;
        }
        int seq = frame.seq();
        if (message instanceof Message.Hello hello) {
            if (hello.version() != Message.VERSION) {
                nack(seq, NackReason.BAD_VALUE);
            } else {
                hellos++;
                streaming = true;
                send(info().frame(seq));
            }
        } else if (message instanceof Message.Actuate actuate) {
            actuate(seq, actuate);
        } else if (message instanceof Message.Ping) {
            send(new Message.Pong().frame(seq));
        } else if (message instanceof Message.VentAll) {
            ventAlls++;
            ventOutputs();
            ventAllActive = true;
            watchdogArmed = false;
            send(new Message.Ack().frame(seq));
        } else if (message instanceof Message.ClearFault) {
            clearFault(seq);
        } else if (message instanceof Message.SetRate rate) {
            if (rate.hz() < 10 || rate.hz() > 100) {
                nack(seq, NackReason.BAD_VALUE);
            } else {
                send(new Message.Ack().frame(seq));
                setRate(rate.hz());
            }
        }
        publish();
    }

    private void actuate(int seq, Message.Actuate actuate) {
        if (actuate.channels() != channels) {
            nack(seq, NackReason.BAD_LENGTH);
            return;
        }
        for (int i = 0; i < channels; i++) {
            if (actuate.valve(i) > Message.VENT) {
                nack(seq, NackReason.BAD_VALUE);
                return;
            }
        }
        if (faultCode != 0) {
            nack(seq, NackReason.IN_FAULT);
            return;
        }
        pump = actuate.pump();
        System.arraycopy(actuate.valves(), 0, valves, 0, channels);
        ventAllActive = false;
        watchdogArmed = true;
        applyToPlant();
    }

    private void clearFault(int seq) {
        clearFaults++;
        if (faultCode != 0 && causePersists()) {
            nack(seq, NackReason.IN_FAULT);
            return;
        }
        faultCode = 0;
        faultChannel = FaultCode.NO_CHANNEL;
        causeForced = false;
        plant.clearFault(); // the plant's own latch, if any, has the same cause
        send(new Message.Ack().frame(seq));
    }

    private boolean causePersists() {
        return causeForced || faultCode == FaultCode.OVERPRESSURE.code() && aboveLimit() >= 0;
    }

    // ------------------------------------------------------------------ injected events

    /** Latches a fault as if its cause had happened; with {@code persists} CLEAR_FAULT is refused until {@link #releaseCause()}. */
    public void forceFault(FaultCode code, int channel, boolean persists) {
        if (!ready || stopped) {
            return;
        }
        if (faultCode == 0) {
            latch(code.code(), channel);
        }
        causeForced |= persists;
        publish();
    }

    /**
     * An over-pressure on {@code channel} as a host meets one: the channel reads above the hard
     * limit (in a telemetry frame sent at once, so the host sees the reading that tripped), and the
     * hard limit latches OVERPRESSURE on it; CLEAR_FAULT is refused until {@link #releaseCause()}.
     * The plant's chamber is not filled: it is the sensor's reading that goes past the limit.
     */
    public void overpressure(int channel) {
        if (!ready || stopped) {
            return;
        }
        overpressured = channel;
        pressures = withOverpressure(pressures);
        if (streaming) {
            sendTelemetry(timebase.nanoTime());
        }
        checkHardLimit();
        publish();
    }

    /** The cause of a forced fault is gone: the next CLEAR_FAULT succeeds. */
    public void releaseCause() {
        causeForced = false;
        if (overpressured >= 0) {
            overpressured = -1;
            pressures = plantPressures;
        }
        publish();
    }

    /** A reset (power cycle): all vent, no fault, default rate, INFO with seq 0xFF, then silent until HELLO. */
    public void reset() {
        if (stopped) {
            return;
        }
        resets++;
        streaming = false;
        count = 0;
        powerUpNanos = timebase.nanoTime();
        faultCode = 0;
        faultChannel = FaultCode.NO_CHANNEL;
        causeForced = false;
        overpressured = -1;
        watchdogArmed = false;
        ventAllActive = false;
        pressuriseTo = 0;
        ventOutputs();
        plant.clearFault();
        ready = true;
        setRate(identity.rateHz());
        send(info().frame(Frame.UNSOLICITED));
        publish();
    }

    // ------------------------------------------------------------------ time

    private void boot() {
        ready = true;
        setRate(rateHz);
        if (faultAtStart != null) {
            latch(faultAtStart.code(), faultAtStartChannel);
        }
    }

    private void setRate(int hz) {
        rateHz = hz;
        if (ticker != null) {
            ticker.cancel();
        }
        ticker = timebase.scheduleAtFixedRate(1_000_000_000L / hz, this::tick);
    }

    private void tick() {
        if (stopped) {
            return;
        }
        long now = timebase.nanoTime();
        checkWatchdog();
        checkHardLimit();
        if (streaming) {
            sendTelemetry(now);
        }
        publish();
    }

    private void checkWatchdog() {
        if (!stopped && watchdogArmed && timebase.nanoTime() - lastHostFrameNanos >= WATCHDOG_NANOS) {
            latch(FaultCode.WATCHDOG.code(), FaultCode.NO_CHANNEL);
            publish();
        }
    }

    private void plantSample(Sample sample) {
        if (stopped) {
            return;
        }
        plantPressures = sample.pressures();
        pressures = withOverpressure(plantPressures);
        if (!ready) {
            pressurise();
        } else {
            checkHardLimit();
            DeviceFault plantFault = sample.latchedFault();
            if (plantFault != null && faultCode == 0) {
                latch(codeOf(plantFault.kind()).code(), plantFault.channel() < 0 ? FaultCode.NO_CHANNEL : plantFault.channel());
            }
        }
        publish();
    }

    /** A pressurised start: fill every channel, closing each as it reaches the target, then boot. */
    private void pressurise() {
        boolean filling = false;
        boolean changed = false;
        for (int i = 0; i < channels; i++) {
            if (valves[i] == Message.FILL && pressures[i] >= pressuriseTo) {
                valves[i] = (byte) Message.CLOSED;
                changed = true;
            }
            filling |= valves[i] == Message.FILL;
        }
        boolean overdue = timebase.nanoTime() - pressuriseStartNanos > PRESSURISE_LIMIT_NANOS;
        if (!filling || overdue) {
            Arrays.fill(valves, (byte) Message.CLOSED);
            pump = 0;
            applyToPlant();
            boot();
        } else if (changed) {
            applyToPlant();
        }
    }

    private void checkHardLimit() {
        if (faultCode == 0) {
            int channel = aboveLimit();
            if (channel >= 0) {
                latch(FaultCode.OVERPRESSURE.code(), channel);
            }
        }
    }

    /** The readings, with an injected over-pressure on top. */
    private double[] withOverpressure(double[] readings) {
        if (overpressured < 0) {
            return readings;
        }
        double[] squeezed = readings.clone();
        squeezed[overpressured] = Math.max(squeezed[overpressured], identity.maxMmHg() + OVERPRESSURE_ABOVE_LIMIT_MMHG);
        return squeezed;
    }

    private int aboveLimit() {
        for (int i = 0; i < channels; i++) {
            if (pressures[i] > identity.maxMmHg()) {
                return i;
            }
        }
        return -1;
    }

    /** Latch: pump off, every channel VENT, watchdog disarmed, FAULT sent; ACTUATE refused until cleared. */
    private void latch(int code, int channel) {
        faultCode = code;
        faultChannel = channel;
        watchdogArmed = false;
        ventAllActive = false;
        ventOutputs();
        if (streaming) {
            send(new Message.Fault(code, channel).frame(Frame.UNSOLICITED));
        }
    }

    // ------------------------------------------------------------------ outputs and frames

    private void ventOutputs() {
        pump = 0;
        Arrays.fill(valves, (byte) Message.VENT);
        plant.ventAll();
    }

    private void applyToPlant() {
        Valve[] states = new Valve[channels];
        for (int i = 0; i < channels; i++) {
            states[i] = Valve.values()[valves[i]];
        }
        plant.actuate(pump, states);
    }

    private Message.Info info() {
        return new Message.Info(Message.VERSION, identity.limbs(), identity.zones(), identity.maxMmHg(),
                identity.sensorFullScaleMmHg(), rateHz, identity.model(), identity.serial(), identity.firmware());
    }

    private void sendTelemetry(long now) {
        send(telemetry(now).frame(Frame.UNSOLICITED));
        count = (count + 1) & 0xFFFF;
        telemetrySent++;
    }

    private Message.Telemetry telemetry(long now) {
        short[] tenths = new short[channels];
        for (int i = 0; i < channels; i++) {
            tenths[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(pressures[i] * 10)));
        }
        int status = (faultCode != 0 ? Message.STATUS_FAULT : 0) | (pump > 0 ? Message.STATUS_PUMP : 0)
                | (watchdogArmed ? Message.STATUS_WATCHDOG : 0) | (ventAllActive ? Message.STATUS_VENT_ALL : 0);
        long uptime = ((now - powerUpNanos) / 1_000_000L) & 0xFFFFFFFFL;
        return new Message.Telemetry(uptime, count, status, faultCode, faultCode != 0 ? faultChannel : FaultCode.NO_CHANNEL,
                pump, tenths, valves);
    }

    private void nack(int seq, NackReason reason) {
        nacks++;
        send(Message.Nack.of(reason).frame(seq));
    }

    private void send(Frame frame) {
        out.accept(frame);
    }

    private static FaultCode codeOf(DeviceFault.Kind kind) {
        return Arrays.stream(FaultCode.values()).filter(c -> c.kind() == kind).findFirst().orElse(FaultCode.SENSOR);
    }

    private void publish() {
        snapshot = new Snapshot(ready, streaming, rateHz, watchdogArmed, ventAllActive, pump, valves.clone(), faultCode,
                faultChannel, pressures.clone(), hellos, framesReceived, ventAlls, clearFaults, nacks, telemetrySent, resets);
    }
}
