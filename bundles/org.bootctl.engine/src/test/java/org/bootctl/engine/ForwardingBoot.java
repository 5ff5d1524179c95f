package org.bootctl.engine;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.api.device.Valve;
import org.bootctl.api.time.VirtualTimebase;

/**
 * A misbehaving driver for the engine's tests: a host-regulated {@link FakeBoot} behind it, every
 * call goes on to it, and a test overrides only the calls it makes throw, block or count.
 */
class ForwardingBoot implements HostRegulatedConnection, SimulatedUnit {

    final FakeBoot boot;

    ForwardingBoot(FakeBoot boot) {
        this.boot = boot;
    }

    @Override
    public DeviceDescription description() {
        return boot.description();
    }

    @Override
    public Optional<VirtualTimebase> timebase() {
        return boot.timebase();
    }

    @Override
    public double truePressure(int channel) {
        return boot.truePressure(channel);
    }

    @Override
    public long minimumFillNanos(int[] channels, double fromMmHg, double toMmHg) {
        return boot.minimumFillNanos(channels, fromMmHg, toMmHg);
    }

    @Override
    public void listen(Listener listener) {
        boot.listen(listener);
    }

    @Override
    public void actuate(int pumpDuty, Valve[] valves) {
        boot.applyActuate(pumpDuty, valves);
    }

    @Override
    public void ventAll() {
        boot.ventAll();
    }

    @Override
    public CompletionStage<Boolean> clearFault() {
        return boot.clearFault();
    }

    /** A driver call that, once armed, blocks the next time it is made, until the test releases it. */
    static final class Hang {
        final AtomicBoolean armed = new AtomicBoolean();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        /** Blocks here (at most {@code seconds}) when armed, once; says so through {@link #entered}. */
        void hereIfArmed(long seconds) {
            if (armed.getAndSet(false)) {
                entered.countDown();
                try {
                    release.await(seconds, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
