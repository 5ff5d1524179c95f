package org.bootctl.engine.safety;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Valve;

/** Inputs for one rule at a time, set by hand. */
final class StubInputs implements SafetyInputs {

    final DeviceDescription device;
    long now;
    boolean hasSample = true;
    long lastSample;
    final double[] pressure;
    final double[] raw;
    DeviceFault sampleFault;
    final Deque<DeviceFault> reported = new ArrayDeque<>();
    final Valve[] valves;
    int pump;
    final double[] setpoints;
    boolean session;
    final double[] limits;
    StepLimits steps;
    ExpectedFills fills = ExpectedFills.NONE;

    StubInputs(ModelSpec model) {
        device = DeviceDescription.of("d", model, "s", "f", model.defaultRateHz());
        int n = device.channelCount();
        pressure = new double[n];
        raw = new double[n];
        valves = new Valve[n];
        setpoints = new double[n];
        Arrays.fill(valves, Valve.VENT);
        limits = new double[n];
        Arrays.fill(limits, Double.NaN);
        steps = StepLimits.none(n);
    }

    /** A new step with this target on one channel (0 on the others). */
    StubInputs step(int channel, double target) {
        double[] targets = new double[device.channelCount()];
        targets[channel] = target;
        steps = steps.next(targets);
        return this;
    }

    /** Fills of these channels, begun at 0, each to reach {@code target} within {@code limitNanos}. */
    StubInputs expect(ExpectedFills.Purpose why, double target, long limitNanos, int... channels) {
        double[] targets = new double[device.channelCount()];
        Arrays.fill(targets, Double.NaN);
        for (int c : channels) {
            targets[c] = target;
        }
        fills = ExpectedFills.of(why, 0, limitNanos, targets);
        return this;
    }

    /** Reading and corrected pressure alike. */
    StubInputs set(int channel, double mmHg) {
        pressure[channel] = mmHg;
        raw[channel] = mmHg;
        return this;
    }

    StubInputs at(double seconds) {
        now = Math.round(seconds * 1e9);
        return this;
    }

    StubInputs sessionAt(double limitMmHg) {
        session = true;
        Arrays.fill(limits, limitMmHg);
        return this;
    }

    @Override
    public DeviceDescription device() {
        return device;
    }

    @Override
    public long nowNanos() {
        return now;
    }

    @Override
    public boolean hasSample() {
        return hasSample;
    }

    @Override
    public long lastSampleNanos() {
        return lastSample;
    }

    @Override
    public double pressure(int channel) {
        return pressure[channel];
    }

    @Override
    public double rawPressure(int channel) {
        return raw[channel];
    }

    @Override
    public DeviceFault sampleFault() {
        return sampleFault;
    }

    /** Each check stands for a tick: the faults reported since the last one are taken, the first counts. */
    @Override
    public DeviceFault reportedFault() {
        DeviceFault first = reported.poll();
        reported.clear();
        return first;
    }

    @Override
    public Valve valve(int channel) {
        return valves[channel];
    }

    @Override
    public int pump() {
        return pump;
    }

    @Override
    public double setpoint(int channel) {
        return setpoints[channel];
    }

    @Override
    public boolean sessionActive() {
        return session;
    }

    @Override
    public double sessionLimit(int channel) {
        return limits[channel];
    }

    @Override
    public StepLimits stepLimits() {
        return steps;
    }

    @Override
    public ExpectedFills expectedFills() {
        return fills;
    }
}
