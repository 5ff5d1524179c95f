package org.bootctl.engine;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.api.device.Valve;
import org.bootctl.api.time.VirtualTimebase;

/** A host-regulated {@link FakeBoot} behind a driver that misbehaves: subclasses override the calls they disturb. */
abstract class HostBootWrapper implements HostRegulatedConnection, SimulatedUnit {

    final FakeBoot boot;

    HostBootWrapper(FakeBoot boot) {
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
}
