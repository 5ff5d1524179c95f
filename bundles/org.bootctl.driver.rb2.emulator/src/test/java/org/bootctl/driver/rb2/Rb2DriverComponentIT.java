package org.bootctl.driver.rb2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.Models;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.bootctl.serial.PortConfig;
import org.bootctl.testing.Waits;

/** The DS shell: a configuration becomes a link, a connected unit a service, deactivation takes it back. */
@Tag("realtime")
@Tag("serial")
class Rb2DriverComponentIT {

    @TempDir
    Path dir;

    private final List<Object[]> registered = new CopyOnWriteArrayList<>();
    private final AtomicInteger unregistered = new AtomicInteger();

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("registerService")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    registered.add(args);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                            (p, m, a) -> {
                                if (m.getName().equals("unregister")) {
                                    unregistered.incrementAndGet();
                                    return null;
                                }
                                throw new UnsupportedOperationException(m.getName());
                            });
                });
    }

    /** The component as DS makes it from one configuration: the shared port properties and RB2's own. */
    private Rb2DriverComponent component(Map<String, Object> values) {
        return new Rb2DriverComponent(context(), Configs.of(PortConfig.class, values),
                Configs.of(Rb2DriverComponent.Config.class, values));
    }

    @Test
    void aConfiguredPortBecomesABootConnectionServiceWhileTheUnitAnswers() throws Exception {
        try (Rig rig = Rig.start(dir, Models.RB2_M8, "")) {
            Rb2DriverComponent component = component(Map.of("port", rig.socat.host()));
            Waits.until("a service registered", 8000, () -> !registered.isEmpty());
            Object[] args = registered.get(0);
            assertEquals(BootConnection.class, args[0]);
            BootConnection connection = assertInstanceOf(BootConnection.class, args[1]);
            Dictionary<?, ?> properties = (Dictionary<?, ?>) args[2];
            assertEquals("rb2-host", properties.get(BootConnection.DEVICE_ID), "the id derived from the port's name");
            assertEquals("RB2-M8", connection.description().model());
            assertEquals(50, connection.description().sampleRateHz());

            component.deactivate();
            assertEquals(1, unregistered.get(), "taken back inside deactivate");
            Waits.until("VENT_ALL when letting go", 3000, () -> rig.emulator.snapshot().ventAlls() == 1);
        }
    }

    @Test
    void aPortIsRequired() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> component(Map.of()));
        assertTrue(e.getMessage().contains("needs a 'port'"), e.getMessage());
        IllegalArgumentException model = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> component(Map.of("port", "/dev/x", "model", "RB1-L4")));
        assertTrue(model.getMessage().contains("'RB1-L4' is not an RB2 model"), model.getMessage());
    }
}
