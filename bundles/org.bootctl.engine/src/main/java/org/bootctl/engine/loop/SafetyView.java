package org.bootctl.engine.loop;

import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Valve;
import org.bootctl.engine.safety.ExpectedFills;
import org.bootctl.engine.safety.SafetyInputs;
import org.bootctl.engine.safety.StepLimits;

/**
 * What the supervisor sees on one tick: the tick's inputs, this tick's pressures, the previous
 * tick's command (what the device is doing now), the session and what it intends. Loop thread
 * only, for the one tick.
 */
record SafetyView(DeviceDescription device, TickInputs in, Readings readings, Command previous, SessionRun run,
                  Intent intent) implements SafetyInputs {

    @Override
    public long nowNanos() {
        return in.now();
    }

    @Override
    public boolean hasSample() {
        return readings.hasSample();
    }

    @Override
    public long lastSampleNanos() {
        return in.lastSampleNanos();
    }

    @Override
    public double pressure(int channel) {
        return readings.pressure(channel);
    }

    @Override
    public double rawPressure(int channel) {
        return readings.raw(channel);
    }

    @Override
    public DeviceFault sampleFault() {
        return in.sampleFault();
    }

    @Override
    public DeviceFault reportedFault() {
        return in.reportedFault();
    }

    @Override
    public Valve valve(int channel) {
        return previous.valves[channel];
    }

    @Override
    public int pump() {
        return previous.pump;
    }

    @Override
    public double setpoint(int channel) {
        return previous.setpoints[channel];
    }

    @Override
    public boolean sessionActive() {
        return run != null && run.active();
    }

    @Override
    public double sessionLimit(int channel) {
        return run != null && run.active() ? run.limit(channel) : Double.NaN;
    }

    @Override
    public StepLimits stepLimits() {
        return intent.limits();
    }

    @Override
    public ExpectedFills expectedFills() {
        return intent.fills();
    }
}
