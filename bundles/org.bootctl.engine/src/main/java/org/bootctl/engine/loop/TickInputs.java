package org.bootctl.engine.loop;

import java.util.function.Supplier;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Valve;
import org.bootctl.engine.safety.FillWatch;
import org.bootctl.engine.safety.SafetyInputs;
import org.bootctl.engine.safety.StepTargets;

/** What the supervisor sees of one device loop on the current tick. Loop thread only. */
final class TickInputs implements SafetyInputs {

    private final DeviceDescription device;
    private final DeviceInbox inbox;
    private final Readings readings;
    private final Command command;
    private final StepTargets stepTargets;
    private final FillWatch fillWatch;
    private final Supplier<SessionRun> session;
    private long now;
    private DeviceInbox.Arrival arrival;
    private DeviceFault sampleFault;
    private DeviceFault reportedFault;

    TickInputs(DeviceDescription device, DeviceInbox inbox, Readings readings, Command command,
               StepTargets stepTargets, FillWatch fillWatch, Supplier<SessionRun> session) {
        this.device = device;
        this.inbox = inbox;
        this.readings = readings;
        this.command = command;
        this.stepTargets = stepTargets;
        this.fillWatch = fillWatch;
        this.session = session;
    }

    /** A new tick at {@code tickNow} with the newest sample as it was when the tick began. */
    void begin(long tickNow, DeviceInbox.Arrival newest) {
        now = tickNow;
        arrival = newest;
        sampleFault = null;
        reportedFault = null;
    }

    /**
     * Right before the safety check: the faults the device reported since the last tick are taken
     * from the inbox (the first is the one a person reads; the rest said no more) and its newest
     * sample's latched fault is read, once, for the whole tick.
     */
    void takeDeviceFaults() {
        reportedFault = inbox.pollReported();
        while (inbox.pollReported() != null) {
            // drained: the first report latches, the rest say no more
        }
        sampleFault = inbox.latchedIn(arrival);
    }

    /** Whether the device itself reported a fault on this tick (clearing it then asks the device). */
    boolean deviceReported() {
        return reportedFault != null || sampleFault != null;
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
        return readings.hasSample();
    }

    @Override
    public long lastSampleNanos() {
        return inbox.lastSampleNanos(arrival);
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
        return sampleFault;
    }

    @Override
    public DeviceFault reportedFault() {
        return reportedFault;
    }

    /** The previous tick's command: what the device is doing now. */
    @Override
    public Valve valve(int channel) {
        return command.valves[channel];
    }

    @Override
    public int pump() {
        return command.pump;
    }

    @Override
    public double setpoint(int channel) {
        return command.setpoints[channel];
    }

    @Override
    public boolean sessionActive() {
        SessionRun run = session.get();
        return run != null && run.active();
    }

    @Override
    public double sessionLimit(int channel) {
        SessionRun run = session.get();
        return run != null && run.active() ? run.limit(channel) : Double.NaN;
    }

    @Override
    public StepTargets stepTargets() {
        return stepTargets;
    }

    @Override
    public FillWatch fillWatch() {
        return fillWatch;
    }
}
