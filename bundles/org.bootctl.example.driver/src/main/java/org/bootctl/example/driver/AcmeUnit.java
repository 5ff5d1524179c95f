package org.bootctl.example.driver;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Sample;
import org.bootctl.api.device.Valve;

/**
 * The ACME-X6 unit itself, in the driver's process: a tiny plant (six chambers, one pump, a valve
 * each) and the firmware a real unit would run, on a thread of its own. It stands where a serial
 * port and a device would be, so the driver around it keeps the same rules a real one does: it
 * answers the handshake only once it has booted, latches its own faults, vents when its watchdog
 * is not fed, and streams a sample every 20 ms.
 *
 * <p>Physics, per chamber: a FILL valve with the pump on rises at up to 90 mmHg/s (shared between
 * the chambers filling, slower as the pressure nears the pump's 250 mmHg stall); VENT empties with
 * a 0.3 s time constant; CLOSED holds, leaking 0.2 % a second.
 */
final class AcmeUnit {

    /** What the unit says about itself in the handshake. */
    record Identity(String model, String serial, String firmware, int zones, double maxMmHg) {
    }

    static final long TICK_MS = 20;
    static final long BOOT_MS = 150;
    /** The firmware vents and latches WATCHDOG when no command came for this long while air is kept in. */
    static final long WATCHDOG_MS = 500;
    static final double MAX_MMHG = 125;
    private static final double FILL_MMHG_PER_S = 90;
    private static final double STALL_MMHG = 250;
    private static final double VENT_TAU_S = 0.3;
    private static final double LEAK_PER_S = 0.002;

    private final String serial;
    private final int zones = AcmeX6.DESCRIPTION.zones();
    private final ScheduledExecutorService clock;
    private final CompletableFuture<Identity> booted = new CompletableFuture<>();
    private final long start = System.nanoTime();

    /** Touched only on the unit's thread. */
    private final double[] pressure = new double[zones];
    private long lastTickMs;
    private DeviceFault reported;
    /** The highest chamber pressure of the last tick, for {@link #clearFault()} on the caller's thread. */
    private volatile double highest;

    /** Written by the driver's callers, read by the unit's thread. */
    private volatile int pump;
    private volatile Valve[] valves;
    private volatile long commandedAtMs;
    private volatile DeviceFault latched;
    private volatile BootConnection.Listener listener;

    AcmeUnit(String serial) {
        this.serial = serial;
        this.valves = vented();
        this.clock = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "acme-x6 unit " + serial);
            thread.setDaemon(true); // a unit in the process must never keep the JVM from ending
            return thread;
        });
    }

    /** Powers the unit on: it boots, then streams until {@link #powerOff()}. */
    void powerOn() {
        clock.schedule(() -> booted.complete(new Identity(AcmeX6.MODEL, serial, "1.0.3", zones, MAX_MMHG)),
                BOOT_MS, TimeUnit.MILLISECONDS);
        clock.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** The handshake: completes with the unit's identity once it has booted. */
    CompletionStage<Identity> hello() {
        return booted;
    }

    void powerOff() {
        clock.shutdownNow();
    }

    void listen(BootConnection.Listener listener) {
        this.listener = listener;
    }

    /** A command; refused (ignored) while a fault is latched, as the firmware would NACK it. */
    void command(int pumpDuty, Valve[] valves) {
        if (valves.length != zones) {
            throw new IllegalArgumentException("ACME-X6 has " + zones + " channels, not " + valves.length);
        }
        commandedAtMs = nowMs();
        if (latched == null) {
            this.valves = valves.clone();
            this.pump = Math.max(0, Math.min(255, pumpDuty));
        }
    }

    void ventAll() {
        pump = 0;
        valves = vented();
    }

    /** Clears the latched fault unless its cause persists (a chamber still above the limit). */
    boolean clearFault() {
        if (highest > MAX_MMHG) {
            return false;
        }
        latched = null;
        return true;
    }

    private void tick() {
        long now = nowMs();
        double dt = (now - lastTickMs) / 1000.0;
        lastTickMs = now;
        step(Math.max(0, Math.min(dt, 0.1)));
        highest = Arrays.stream(pressure).max().orElse(0);
        watch(now);
        BootConnection.Listener to = listener;
        if (to == null) {
            return;
        }
        DeviceFault fault = latched;
        if (fault != null && fault != reported) {
            to.deviceFault(fault); // once per latch, and in every sample while latched
        }
        reported = fault;
        to.sample(new Sample(now, pressure, fault));
    }

    private void step(double dt) {
        Valve[] v = valves;
        int duty = pump;
        long filling = Arrays.stream(v).filter(x -> x == Valve.FILL).count();
        for (int i = 0; i < zones; i++) {
            double p = pressure[i];
            double rate = switch (v[i]) {
                case FILL -> duty == 0 ? -LEAK_PER_S * p
                        : duty / 255.0 * FILL_MMHG_PER_S / filling * Math.max(0, 1 - p / STALL_MMHG);
                case VENT -> -p / VENT_TAU_S;
                case CLOSED -> -LEAK_PER_S * p;
            };
            pressure[i] = Math.max(0, p + rate * dt);
        }
    }

    /** The firmware's own safety: the hard limit and the watchdog latch a fault and vent. */
    private void watch(long now) {
        if (latched != null) {
            return;
        }
        for (int i = 0; i < zones; i++) {
            if (pressure[i] > MAX_MMHG) {
                latch(new DeviceFault(DeviceFault.Kind.OVERPRESSURE, i, "chamber " + (i + 1) + " above " + MAX_MMHG + " mmHg"));
                return;
            }
        }
        boolean airKept = pump > 0 || Arrays.stream(valves).anyMatch(x -> x != Valve.VENT);
        if (airKept && now - commandedAtMs > WATCHDOG_MS) {
            latch(new DeviceFault(DeviceFault.Kind.WATCHDOG, -1, "no command for " + WATCHDOG_MS + " ms"));
        }
    }

    private void latch(DeviceFault fault) {
        latched = fault;
        ventAll();
    }

    private long nowMs() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private Valve[] vented() {
        Valve[] all = new Valve[zones];
        Arrays.fill(all, Valve.VENT);
        return all;
    }
}
