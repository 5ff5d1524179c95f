package org.bootctl.driver.rb1;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.DeviceRegulatedConnection;
import org.bootctl.api.device.Sample;
import org.bootctl.serial.Registrar;

/** What the engine would see: registrations, samples and faults, recorded in place of a BundleContext. */
final class Host implements Registrar, BootConnection.Listener {

    final AtomicInteger registered = new AtomicInteger();
    final AtomicInteger unregistered = new AtomicInteger();
    final List<Sample> samples = new CopyOnWriteArrayList<>();
    final List<DeviceFault> faults = new CopyOnWriteArrayList<>();
    volatile BootConnection connection;
    volatile Map<String, Object> properties;
    volatile long unregisteredAt;

    @Override
    public Registration register(BootConnection connection, Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
        this.connection = connection;
        connection.listen(this);
        registered.incrementAndGet();
        return () -> {
            unregisteredAt = System.nanoTime();
            this.connection = null;
            unregistered.incrementAndGet();
        };
    }

    @Override
    public void sample(Sample sample) {
        samples.add(sample);
    }

    @Override
    public void deviceFault(DeviceFault fault) {
        faults.add(fault);
    }

    boolean connected() {
        return connection != null;
    }

    /** The connection, as the device-regulated kind every RB1 connection is; failing when there is none. */
    DeviceRegulatedConnection device() {
        BootConnection current = connection;
        if (current == null) {
            throw new AssertionError("no device registered");
        }
        return (DeviceRegulatedConnection) current;
    }

    Rb1Session session() {
        return ((Rb1Connection) device()).session();
    }

    Sample lastSample() {
        return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }

    boolean faulted(DeviceFault.Kind kind) {
        return faults.stream().anyMatch(f -> f.kind() == kind);
    }
}
