package org.bootctl.engine;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.RegulationMode;
import org.bootctl.api.device.Sample;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.api.device.Valve;
import org.bootctl.api.time.Cancellable;
import org.bootctl.api.time.VirtualTimebase;

/**
 * A scriptable boot unit on virtual time: a tiny plant (pressure rises while a channel's valve
 * is FILL and the pump runs, falls on VENT; or follows setpoints on a device-regulated model),
 * samples at the model's rate, and hooks to inject readings, stall samples and latch faults.
 * Records every command it gets. A host-regulated model makes a {@link Host}, a device-regulated
 * one a {@link Device} ({@link #of}); it is a {@link SimulatedUnit}, so the engine runs its loop
 * on the fake's virtual time.
 */
abstract sealed class FakeBoot implements BootConnection, SimulatedUnit permits FakeBoot.Host, FakeBoot.Device {

    static final double FILL_RATE = 40;   // mmHg/s at full duty from 0, one channel filling
    static final double VENT_PER_S = 2.5; // vent time constant 0.4 s
    static final double FIRMWARE_RATE = 12; // device-regulated fill, mmHg/s

    private final DeviceDescription description;
    private final VirtualTimebase time;
    private final boolean host;
    private final double[] pressure;
    private final Double[] forced;
    private final boolean[] stuckOpen;
    private final boolean[] disconnected;
    private final double[] leakPerS;
    /** Device-regulated: how fast the firmware fills each channel (mmHg/s). */
    private final double[] firmwareRate;
    private final double[] offset;
    private Valve[] valves;
    private double[] setpoints;
    private int pump;
    private long lastPhysics;
    private Listener listener;
    private Cancellable sampling;
    private boolean stalled;
    private DeviceFault latched;
    private boolean clearAnswer = true;
    private boolean clearCompletes = true;
    private long clearDelayNanos;

    // what the engine did
    int actuations;
    int setpointCommands;
    volatile int ventAlls; // counted under the lock, read by tests from other threads
    int commandsWhileUnlistened;
    int lastPump;
    Valve[] lastValves;
    double[] lastSetpoints;
    double[] peak;
    int clearRequests;
    long lastSampleNanos = -1;

    static FakeBoot of(String id, ModelSpec model, VirtualTimebase time) {
        return of(DeviceDescription.of(id, model, "SN-" + id, "fw-1", model.defaultRateHz()), time);
    }

    /** The kind of fake the description's regulation mode asks for. */
    static FakeBoot of(DeviceDescription description, VirtualTimebase time) {
        return description.regulation() == RegulationMode.HOST ? new Host(description, time) : new Device(description, time);
    }

    /** A host-regulated fake: the engine sends it pump duty and valves. */
    static final class Host extends FakeBoot implements HostRegulatedConnection {
        private Host(DeviceDescription description, VirtualTimebase time) {
            super(description, time);
        }

        @Override
        public void actuate(int pumpDuty, Valve[] newValves) {
            applyActuate(pumpDuty, newValves);
        }
    }

    /** A device-regulated fake: the engine sends it setpoints. */
    static final class Device extends FakeBoot implements DeviceRegulatedConnection {
        private Device(DeviceDescription description, VirtualTimebase time) {
            super(description, time);
        }

        @Override
        public void setpoints(double[] mmHg) {
            applySetpoints(mmHg);
        }
    }

    private FakeBoot(DeviceDescription description, VirtualTimebase time) {
        this.description = description;
        this.time = time;
        host = description.regulation() == RegulationMode.HOST;
        int n = description.channelCount();
        pressure = new double[n];
        forced = new Double[n];
        stuckOpen = new boolean[n];
        disconnected = new boolean[n];
        leakPerS = new double[n];
        firmwareRate = new double[n];
        Arrays.fill(firmwareRate, FIRMWARE_RATE);
        offset = new double[n];
        peak = new double[n];
        valves = new Valve[n];
        Arrays.fill(valves, Valve.VENT);
        setpoints = new double[n];
        lastValves = valves.clone();
        lastSetpoints = setpoints.clone();
    }

    // ---- the SPI ----

    @Override
    public DeviceDescription description() {
        return description;
    }

    @Override
    public Optional<VirtualTimebase> timebase() {
        return Optional.of(time);
    }

    @Override
    public synchronized double truePressure(int channel) {
        return pressure[channel];
    }

    /** The fake's own plant: one channel at full duty fills at {@link #FILL_RATE}. */
    @Override
    public long minimumFillNanos(int[] channels, double fromMmHg, double toMmHg) {
        return toMmHg <= fromMmHg ? 0 : Math.round((toMmHg - fromMmHg) / FILL_RATE * channels.length * 1e9);
    }

    @Override
    public synchronized void listen(Listener newListener) {
        listener = newListener;
        if (sampling != null) {
            sampling.cancel();
            sampling = null;
        }
        if (newListener != null) {
            lastPhysics = time.nanoTime();
            sampling = time.scheduleAtFixedRate(1_000_000_000L / description.sampleRateHz(), this::emit);
        }
    }

    /** What a host-regulated fake does with a command, also for tests that wrap it. */
    synchronized void applyActuate(int pumpDuty, Valve[] newValves) {
        physics();
        countIfUnlistened();
        actuations++;
        pump = latched != null ? 0 : pumpDuty;
        valves = latched != null ? allVent() : newValves.clone();
        lastPump = pumpDuty;
        lastValves = newValves.clone();
    }

    /** What a device-regulated fake does with a command. */
    synchronized void applySetpoints(double[] mmHg) {
        physics();
        countIfUnlistened();
        setpointCommands++;
        setpoints = latched != null ? new double[mmHg.length] : mmHg.clone();
        lastSetpoints = mmHg.clone();
    }

    @Override
    public synchronized void ventAll() {
        physics();
        countIfUnlistened();
        ventAlls++;
        pump = 0;
        valves = allVent();
        setpoints = new double[setpoints.length];
    }

    @Override
    public synchronized CompletionStage<Boolean> clearFault() {
        clearRequests++;
        if (!clearCompletes) {
            return new CompletableFuture<>();
        }
        if (clearDelayNanos > 0) {
            // answered on the device's own time, as a simulated unit does
            CompletableFuture<Boolean> later = new CompletableFuture<>();
            time.schedule(clearDelayNanos, () -> {
                synchronized (this) {
                    if (clearAnswer) {
                        latched = null;
                    }
                    later.complete(clearAnswer || latched == null);
                }
            });
            return later;
        }
        if (clearAnswer) {
            latched = null;
        }
        return CompletableFuture.completedFuture(clearAnswer || latched == null);
    }

    private void countIfUnlistened() {
        if (listener == null) {
            commandsWhileUnlistened++;
        }
    }

    private Valve[] allVent() {
        Valve[] v = new Valve[description.channelCount()];
        Arrays.fill(v, Valve.VENT);
        return v;
    }

    // ---- the plant ----

    private void emit() {
        Listener l;
        Sample sample;
        synchronized (this) {
            physics();
            if (stalled || listener == null) {
                return;
            }
            l = listener;
            sample = sample();
            lastSampleNanos = time.nanoTime();
        }
        l.sample(sample);
    }

    /** Sends a sample now, outside the regular rate. */
    void emitNow() {
        emit();
    }

    private Sample sample() {
        double[] reading = new double[pressure.length];
        for (int c = 0; c < reading.length; c++) {
            reading[c] = forced[c] != null ? forced[c] : pressure[c] + offset[c];
        }
        return new Sample(time.nanoTime() / 1_000_000, reading, latched);
    }

    /** Integrates the plant up to now in 1 ms steps. */
    private void physics() {
        long now = time.nanoTime();
        for (; lastPhysics + 1_000_000 <= now; lastPhysics += 1_000_000) {
            step(0.001);
        }
    }

    private void step(double dt) {
        int filling = 0;
        for (int c = 0; c < pressure.length; c++) {
            if (host && (valves[c] == Valve.FILL || stuckOpen[c]) && !disconnected[c]) {
                filling++;
            }
        }
        for (int c = 0; c < pressure.length; c++) {
            double p = pressure[c];
            double dp;
            if (disconnected[c]) {
                dp = -p * VENT_PER_S * 4;
            } else if (host) {
                // one three-way valve per channel: stuck in FILL, it cannot vent either
                boolean in = (valves[c] == Valve.FILL || stuckOpen[c]) && pump > 0;
                dp = in ? FILL_RATE * (pump / 255.0) * Math.max(0, 1 - p / 300) / Math.max(1, filling) : 0;
                if (valves[c] == Valve.VENT && !stuckOpen[c]) {
                    dp -= p * VENT_PER_S;
                }
            } else {
                double sp = setpoints[c];
                dp = sp <= 0 ? -p * VENT_PER_S
                        : p < sp - 1 ? firmwareRate[c] : p > sp + 1 ? -Math.min(FIRMWARE_RATE, (p - sp) * 2) : 0;
            }
            dp -= p * leakPerS[c];
            pressure[c] = Math.max(0, p + dp * dt);
            peak[c] = Math.max(peak[c], pressure[c]);
        }
    }

    // ---- hooks ----

    /** The sensor of a channel reads {@code mmHg} whatever the chamber holds (null: the real pressure). */
    synchronized void force(int channel, Double mmHg) {
        forced[channel] = mmHg;
    }

    /** A sensor offset added to every reading of a channel. */
    synchronized void offset(int channel, double mmHg) {
        offset[channel] = mmHg;
    }

    /** Sets the chamber's real pressure and seals it (a unit found pressurised). */
    synchronized void pressurise(int channel, double mmHg) {
        physics();
        pressure[channel] = mmHg;
        valves[channel] = Valve.CLOSED;
    }

    synchronized void stuckOpen(int channel, boolean stuck) {
        physics();
        stuckOpen[channel] = stuck;
    }

    synchronized void disconnect(int channel) {
        disconnected[channel] = true;
    }

    synchronized void leak(int channel, double perSecond) {
        leakPerS[channel] = perSecond;
    }

    /** Device-regulated: the firmware fills this channel at {@code mmHgPerS} only (a weak pump, a kinked hose). */
    synchronized void slowFill(int channel, double mmHgPerS) {
        firmwareRate[channel] = mmHgPerS;
    }

    synchronized void stall(boolean stop) {
        stalled = stop;
    }

    /** The firmware latches a fault: reported in every sample from now on. */
    synchronized void latch(DeviceFault fault) {
        physics();
        latched = fault;
        pump = 0;
        valves = allVent();
        setpoints = new double[setpoints.length];
    }

    /** The device tells its listener about a fault (or a reset). */
    void report(DeviceFault fault) {
        Listener l;
        synchronized (this) {
            l = listener;
        }
        if (l != null) {
            l.deviceFault(fault);
        }
    }

    /** What a clear request answers: true clears the firmware's latch. */
    synchronized void clearAnswer(boolean clears) {
        clearAnswer = clears;
    }

    /** A clear request is answered this long after it came, on the device's timebase. */
    synchronized void clearAfter(long nanos) {
        clearDelayNanos = nanos;
    }

    /** Whether a clear request is ever answered. */
    synchronized void clearCompletes(boolean completes) {
        clearCompletes = completes;
    }

    synchronized double pressure(int channel) {
        physics();
        return pressure[channel];
    }

    synchronized double highestPressure() {
        physics();
        return Arrays.stream(pressure).max().orElse(0);
    }

    synchronized boolean listening() {
        return listener != null;
    }

    /** Whether the last command vents everything: pump 0 and every valve VENT, or every setpoint 0. */
    synchronized boolean lastCommandVents() {
        if (host) {
            return lastPump == 0 && Arrays.stream(lastValves).allMatch(v -> v == Valve.VENT);
        }
        return Arrays.stream(lastSetpoints).allMatch(s -> s == 0);
    }

    synchronized int commands() {
        return actuations + setpointCommands + ventAlls;
    }
}
