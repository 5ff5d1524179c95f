package org.bootctl.driver.rb2;

import java.util.Map;
import org.bootctl.api.device.BootConnection;

/** Makes a connection known to the engine: in OSGi a service registration; in tests a callback. */
@FunctionalInterface
public interface Registrar {

    Registration register(BootConnection connection, Map<String, Object> properties);

    /** Takes the connection back. Called at most once. */
    @FunctionalInterface
    interface Registration {
        void unregister();
    }
}
