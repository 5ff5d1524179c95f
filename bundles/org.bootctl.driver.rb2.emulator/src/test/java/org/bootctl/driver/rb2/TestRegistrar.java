package org.bootctl.driver.rb2;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.HostRegulatedConnection;
import org.bootctl.api.device.DeviceFault;
import org.bootctl.api.device.Sample;
import org.bootctl.serial.Registrar;

/**
 * Stands in for the service registry and the engine: records registrations, and listens to
 * each connection as soon as it is registered, as the engine does.
 */
public final class TestRegistrar implements Registrar {

    private volatile BootConnection current;
    private volatile Map<String, Object> properties;
    public final AtomicInteger registrations = new AtomicInteger();
    public final AtomicInteger unregistrations = new AtomicInteger();
    public final List<Sample> samples = new CopyOnWriteArrayList<>();
    public final List<DeviceFault> faults = new CopyOnWriteArrayList<>();

    @Override
    public Registration register(BootConnection connection, Map<String, Object> properties) {
        this.properties = properties;
        this.current = connection;
        registrations.incrementAndGet();
        connection.listen(new BootConnection.Listener() {
            @Override
            public void sample(Sample sample) {
                samples.add(sample);
            }

            @Override
            public void deviceFault(DeviceFault fault) {
                faults.add(fault);
            }
        });
        return () -> {
            current = null;
            unregistrations.incrementAndGet();
        };
    }

    /** The connection registered now, as the host-regulated kind every RB2 connection is; null while none is. */
    public HostRegulatedConnection current() {
        return (HostRegulatedConnection) current;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public boolean registered() {
        return current != null;
    }

    public Sample latest() {
        return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }
}
