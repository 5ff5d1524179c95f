package org.bootctl.engine;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Sample;
import org.bootctl.api.device.Valve;
import org.bootctl.api.time.Cancellable;
import org.bootctl.timebase.SystemTimebase;

/**
 * A host-regulated unit on real time (the engine runs its loop on a thread of its own): a plain
 * plant (a channel rises 20 mmHg/s while its valve fills with the pump on, falls on VENT), sampled
 * at 50 Hz from a thread of its own. Its actuate can be made to block until released, or to throw.
 */
final class RealTimeBoot implements HostRegulatedConnection, AutoCloseable {

    private final DeviceDescription description;
    private final SystemTimebase clock;
    private final double[] pressure;
    private volatile Listener listener;
    private Cancellable sampling;
    private Valve[] valves;
    private int pump;
    private long last = System.nanoTime();

    final AtomicInteger actuations = new AtomicInteger();
    final AtomicInteger ventAlls = new AtomicInteger();
    /** Every call the engine made: actuate, vent-all, clear. */
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch blocked = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;

    RealTimeBoot(String id, ModelSpec model) {
        description = DeviceDescription.of(id, model, "SN-" + id, "fw-1", 50);
        pressure = new double[description.channelCount()];
        valves = new Valve[pressure.length];
        Arrays.fill(valves, Valve.VENT);
        clock = new SystemTimebase("test-unit-" + id);
        sampling = clock.scheduleAtFixedRate(20_000_000L, this::emit);
    }

    /** The next actuate blocks until {@link #release()} (for at most a minute). */
    void hangNextActuate() {
        hang = true;
    }

    void release() {
        release.countDown();
    }

    @Override
    public DeviceDescription description() {
        return description;
    }

    @Override
    public void listen(Listener newListener) {
        listener = newListener;
    }

    @Override
    public void actuate(int pumpDuty, Valve[] newValves) {
        counted();
        actuations.incrementAndGet();
        if (hang) {
            hang = false;
            blocked.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the engine closed the loop's thread: the call comes back late
            }
        }
        synchronized (this) {
            physics();
            pump = pumpDuty;
            valves = newValves.clone();
        }
    }

    @Override
    public void ventAll() {
        counted();
        ventAlls.incrementAndGet();
        synchronized (this) {
            physics();
            pump = 0;
            Arrays.fill(valves, Valve.VENT);
        }
    }

    @Override
    public CompletionStage<Boolean> clearFault() {
        counted();
        return CompletableFuture.completedFuture(true);
    }

    private void counted() {
        calls.incrementAndGet();
    }

    private synchronized void physics() {
        long now = System.nanoTime();
        double dt = (now - last) / 1e9;
        last = now;
        for (int c = 0; c < pressure.length; c++) {
            if (valves[c] == Valve.FILL && pump > 0) {
                pressure[c] += 20 * dt * pump / 255.0;
            } else if (valves[c] == Valve.VENT) {
                pressure[c] -= pressure[c] * Math.min(1, 2.5 * dt);
            }
        }
    }

    private void emit() {
        double[] reading;
        synchronized (this) {
            physics();
            reading = pressure.clone();
        }
        Listener l = listener;
        if (l != null) {
            l.sample(new Sample(System.nanoTime() / 1_000_000, reading, null));
        }
    }

    @Override
    public void close() {
        release();
        sampling.cancel();
        clock.close();
    }
}
