package ${package};

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.Valve;

/**
 * The connection the engine sees for one ACME-X6 unit, registered by {@link AcmeDriver} once the
 * unit answered its handshake. Every call only hands the command to the unit and returns: nothing
 * here waits (the engine declares a driver whose call takes 100 ms not responding). The ACME-X6 is
 * host-regulated, so this is a {@link HostRegulatedConnection}: the engine sends pump and valves.
 */
final class AcmeConnection implements HostRegulatedConnection {

    private final DeviceDescription description;
    private final AcmeUnit unit;

    AcmeConnection(DeviceDescription description, AcmeUnit unit) {
        this.description = description;
        this.unit = unit;
    }

    @Override
    public DeviceDescription description() {
        return description;
    }

    @Override
    public void listen(Listener listener) {
        unit.listen(listener);
    }

    @Override
    public void actuate(int pumpDuty, Valve[] valves) {
        unit.command(pumpDuty, valves);
    }

    @Override
    public void ventAll() {
        unit.ventAll();
    }

    @Override
    public CompletionStage<Boolean> clearFault() {
        return CompletableFuture.completedFuture(unit.clearFault());
    }
}
