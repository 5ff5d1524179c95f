package org.bootctl.engine.loop;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Sample;
import org.bootctl.api.time.Timebase;
import org.bootctl.engine.safety.FaultMessages;
import org.bootctl.engine.safety.SensorRangeRule;
import org.bootctl.engine.safety.StaleTelemetryRule;

/**
 * What a device tells the engine, as it arrives on the driver's thread: only the newest sample
 * (with its arrival time on the loop's clock) and the faults it reports. Never blocks the driver.
 *
 * <p>Reported faults wait for the next tick, which takes them all; at most {@link #MOST_REPORTED}
 * wait: a loop that no longer ticks (its driver was declared not responding: nothing is called on
 * it again, not even {@code listen(null)}) must not let a driver that goes on reporting fill the
 * memory. The first ones are kept (the first cause is the one a person reads, as with the latch);
 * later ones are dropped and counted.
 */
final class DeviceInbox implements BootConnection.Listener {

    /** Far more faults than a unit reports between two ticks (20 ms at 50 Hz; 100 ms at the slowest). */
    static final int MOST_REPORTED = 64;
    private static final System.Logger LOG = System.getLogger(DeviceInbox.class.getName());

    /** The newest sample and when it arrived. */
    record Arrival(Sample sample, long atNanos) {
    }

    private final DeviceDescription device;
    private final Timebase timebase;
    private final long staleNanos;
    private final ConcurrentLinkedQueue<DeviceFault> reported = new ConcurrentLinkedQueue<>();
    /** How many wait in {@link #reported} (a queue's own size() walks it). */
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Arrival newest;
    private final AtomicReference<String> misshapen = new AtomicReference<>();
    private volatile long connectedNanos;
    private volatile long clearedAtNanos = Long.MIN_VALUE;

    DeviceInbox(DeviceDescription device, Timebase timebase) {
        this.device = device;
        this.timebase = timebase;
        staleNanos = StaleTelemetryRule.thresholdNanos(device.sampleRateHz());
    }

    @Override
    public void sample(Sample sample) {
        if (sample == null) {
            return;
        }
        if (sample.channelCount() != device.channelCount() || !appliedFits(sample)) {
            // not taken: a channel it lacks would keep its last reading, frozen, as if the zone held still
            misshapen.compareAndSet(null, "the driver of " + device.id() + " sent a sample of " + sample.channelCount()
                    + " pressures" + (appliedFits(sample) ? "" : " and valves of another count") + "; the device has "
                    + device.channelCount() + " channels (its samples are not taken: check the driver)");
            return;
        }
        newest = new Arrival(sample, timebase.nanoTime());
    }

    /** A sample that reports the applied valves reports one per channel. */
    private boolean appliedFits(Sample sample) {
        if (!sample.reportsApplied()) {
            return true;
        }
        try {
            sample.appliedValve(device.channelCount() - 1);
            return true;
        } catch (IndexOutOfBoundsException e) {
            return false;
        }
    }

    /** What was wrong with the first sample of another shape than the device since the last call, or null. */
    String takeMisshapen() {
        return misshapen.getAndSet(null);
    }

    @Override
    public void deviceFault(DeviceFault fault) {
        if (fault == null) {
            return;
        }
        if (waiting.incrementAndGet() > MOST_REPORTED) {
            waiting.decrementAndGet();
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 10_000 == 0) { // a driver that floods would flood the log too
                LOG.log(System.Logger.Level.WARNING, device.id() + ": " + MOST_REPORTED + " reported faults already wait"
                        + " for the loop; " + fault.kind().words() + " dropped (" + n + " so far)");
            }
            return;
        }
        reported.add(fault);
    }

    /** Telemetry is awaited from now: staleness counts from here until the first sample. */
    void connected() {
        connectedNanos = timebase.nanoTime();
    }

    Arrival newest() {
        return newest;
    }

    Sample sample() {
        Arrival a = newest;
        return a == null ? null : a.sample();
    }

    /** When {@code arrival} came, or when the device connected if nothing has. */
    long lastSampleNanos(Arrival arrival) {
        return arrival == null ? connectedNanos : arrival.atNanos();
    }

    DeviceFault pollReported() {
        DeviceFault fault = reported.poll();
        if (fault != null) {
            waiting.decrementAndGet();
        }
        return fault;
    }

    /** Reported faults dropped because {@link #MOST_REPORTED} already waited. */
    long droppedReports() {
        return dropped.get();
    }

    /** The fault the firmware reports latched in a sample; samples from before a confirmed clear no longer count. */
    DeviceFault latchedIn(Arrival arrival) {
        return arrival == null || arrival.atNanos() <= clearedAtNanos ? null : arrival.sample().latchedFault();
    }

    /** The device confirmed that its own latch cleared. */
    void deviceCleared() {
        clearedAtNanos = timebase.nanoTime();
    }

    /** The newest raw reading of a channel (0 before any sample). */
    double lastReading(int channel) {
        Sample s = sample();
        return s == null || channel >= s.channelCount() ? 0 : s.pressure(channel);
    }

    /**
     * Why a latched fault cannot be cleared now, judged from the newest sample: no telemetry, an
     * implausible reading, or a channel not yet vented. Null when nothing stands in the way.
     */
    String clearBlocker() {
        Arrival a = newest;
        if (a == null || timebase.nanoTime() - a.atNanos() >= staleNanos) {
            return "no telemetry from " + device.id() + ": it must report before its fault can be cleared";
        }
        Sample s = a.sample();
        for (int c = 0; c < Math.min(s.channelCount(), device.channelCount()); c++) {
            double p = s.pressure(c);
            if (p < SensorRangeRule.LOWEST_MMHG || p > device.sensorFullScaleMmHg() || Double.isNaN(p)) {
                return "implausible sensor reading in " + device.describe(c) + ": " + FaultMessages.mmHg(p) + " mmHg";
            }
        }
        int c = FaultMessages.highest(device.channelCount(), this::lastReading);
        if (lastReading(c) >= SessionRun.VENTED_MMHG) {
            return device.describe(c) + " is still at " + FaultMessages.mmHg(lastReading(c))
                    + " mmHg: the fault can be cleared once every zone is under " + (int) SessionRun.VENTED_MMHG
                    + " mmHg";
        }
        return null;
    }
}
