package org.bootctl.serial.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Sample;
import org.bootctl.serial.Registrar;

/**
 * Stands in for the service registry and the engine: records registrations, and listens to
 * each connection as soon as it is registered, as the engine does.
 */
public class RecordingRegistrar implements Registrar, BootConnection.Listener {

    public final AtomicInteger registrations = new AtomicInteger();
    public final AtomicInteger unregistrations = new AtomicInteger();
    public final List<Sample> samples = new CopyOnWriteArrayList<>();
    public final List<DeviceFault> faults = new CopyOnWriteArrayList<>();
    private volatile BootConnection connection;
    private volatile Map<String, Object> properties;
    private volatile long unregisteredAt;

    @Override
    public Registration register(BootConnection connection, Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
        this.connection = connection;
        connection.listen(this);
        registrations.incrementAndGet();
        return () -> {
            unregisteredAt = System.nanoTime();
            this.connection = null;
            unregistrations.incrementAndGet();
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

    /** The connection registered now, or null while none is. */
    public BootConnection connection() {
        return connection;
    }

    /** The service properties of the last registration. */
    public Map<String, Object> properties() {
        return properties;
    }

    public boolean registered() {
        return connection != null;
    }

    /** {@link System#nanoTime()} of the last unregistration. */
    public long unregisteredAt() {
        return unregisteredAt;
    }

    public Sample latest() {
        return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }

    public boolean faulted(DeviceFault.Kind kind) {
        return faults.stream().anyMatch(f -> f.kind() == kind);
    }
}
