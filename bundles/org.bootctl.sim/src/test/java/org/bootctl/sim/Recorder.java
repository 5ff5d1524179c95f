package org.bootctl.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Sample;
import org.bootctl.api.device.Valve;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.timebase.ManualTimebase;

/** A simulated device on virtual time with a listener that keeps everything it is told. */
final class Recorder implements BootConnection.Listener {

    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;

    final ManualTimebase time = new ManualTimebase();
    final SimulatedDevice device;
    final List<Sample> samples = new ArrayList<>();
    final List<DeviceFault> faults = new ArrayList<>();

    Recorder(ModelSpec model, String faultSpecs, long seed) {
        device = SimulatedDevice.of("test", model, SimFault.parseAll(faultSpecs, model), time, seed);
        device.listen(this);
        device.start();
    }

    Recorder(ModelSpec model, String faultSpecs) {
        this(model, faultSpecs, 1);
    }

    @Override
    public void sample(Sample sample) {
        samples.add(sample);
    }

    @Override
    public void deviceFault(DeviceFault fault) {
        faults.add(fault);
    }

    Sample last() {
        return samples.get(samples.size() - 1);
    }

    double reading(int channel) {
        return last().pressure(channel);
    }

    long seconds(double s) {
        return Math.round(s * SECOND);
    }

    void advance(double seconds) {
        time.advance(seconds(seconds));
    }

    /** Runs until a new sample satisfies {@code done}; returns the elapsed virtual nanoseconds, or -1 at the limit. */
    long runUntil(Predicate<Sample> done, double maxSeconds) {
        long start = time.nanoTime();
        int seen = samples.size();
        boolean reached = time.runUntil(() -> samples.size() > seen && done.test(last()), seconds(maxSeconds));
        return reached ? time.nanoTime() - start : -1;
    }

    /** The device as the host-regulated unit it must be. */
    HostRegulatedConnection host() {
        return (HostRegulatedConnection) device;
    }

    /** The device as the self-regulating unit it must be. */
    DeviceRegulatedConnection unit() {
        return (DeviceRegulatedConnection) device;
    }

    /** Pump at {@code duty} with the given channels on FILL, the others CLOSED. */
    void fill(int duty, int... channels) {
        host().actuate(duty, valves(Valve.CLOSED, Valve.FILL, channels));
    }

    void hold() {
        host().actuate(0, valves(Valve.CLOSED, Valve.CLOSED));
    }

    void vent() {
        host().actuate(0, valves(Valve.VENT, Valve.VENT));
    }

    Valve[] valves(Valve others, Valve chosen, int... channels) {
        Valve[] valves = new Valve[device.description().channelCount()];
        java.util.Arrays.fill(valves, others);
        for (int channel : channels) {
            valves[channel] = chosen;
        }
        return valves;
    }
}
