package org.bootctl.serial;

import java.util.Hashtable;
import java.util.Map;
import org.bootctl.api.device.BootConnection;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Makes a connection known to the engine: in OSGi a service registration; in tests a callback. */
@FunctionalInterface
public interface Registrar {

    Registration register(BootConnection connection, Map<String, Object> properties);

    /** Takes the connection back. Called at most once. */
    @FunctionalInterface
    interface Registration {
        void unregister();
    }

    /** Registers {@link BootConnection} services in {@code context}. */
    static Registrar services(BundleContext context) {
        return (connection, properties) -> {
            ServiceRegistration<BootConnection> registration =
                    context.registerService(BootConnection.class, connection, new Hashtable<>(properties));
            return () -> {
                try {
                    registration.unregister();
                } catch (IllegalStateException e) {
                    // unregistered already, by the framework as the bundle stops
                }
            };
        };
    }
}
