package org.bootctl.driver.rb1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.Models;
import org.bootctl.driver.rb1.emulator.Rb1Emulator;
import org.bootctl.sim.SimulatedDevice;
import org.bootctl.timebase.SystemTimebase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;
import org.bootctl.serial.PortConfig;
import org.bootctl.serial.SerialUnit;

/** The driver's DS shell with a stand-in BundleContext: configuration in, one service registered and taken back. */
@Tag("realtime")
@Tag("serial")
class Rb1DriverComponentIT {

    @TempDir
    Path dir;

    private final List<Dictionary<String, ?>> registered = new CopyOnWriteArrayList<>();
    private final AtomicInteger unregistered = new AtomicInteger();

    @SuppressWarnings("unchecked")
    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("registerService") && args[0] == BootConnection.class) {
                        registered.add((Dictionary<String, ?>) args[2]);
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                                (p, m, a) -> {
                                    if (m.getName().equals("unregister")) {
                                        unregistered.incrementAndGet();
                                    }
                                    return null;
                                });
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The component as DS makes it from one configuration: the shared port properties and RB1's own. */
    private Rb1DriverComponent component(Map<String, Object> values) {
        return new Rb1DriverComponent(context(), config(PortConfig.class, values), config(Rb1DriverComponent.Config.class, values));
    }

    @SuppressWarnings("unchecked")
    private static <A> A config(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(),
                new Class<?>[] {type}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> values.toString();
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                });
    }

    @Test
    void registersTheBootOnItsPortAndTakesItBack() throws Exception {
        SocatPair.assumeInstalled();
        try (SocatPair socat = new SocatPair(dir).start(); SystemTimebase time = new SystemTimebase("rb1-test-plant")) {
            SimulatedDevice plant = SimulatedDevice.of("plant", Models.RB1_L4, List.of(), time, 1);
            plant.start();
            Rb1Emulator emulator = new Rb1Emulator(socat.device(), plant, Rb1Emulator.Options.plain());
            emulator.start();
            try {
                Rb1DriverComponent component = component(Map.of("port", socat.host(), "id", "left-boot"));
                Waits.until("a BootConnection service", 5000, () -> registered.size() == 1);
                assertEquals("left-boot", registered.get(0).get(BootConnection.DEVICE_ID));
                assertEquals(socat.host(), registered.get(0).get(SerialUnit.PORT_PROPERTY));
                component.deactivate();
                assertEquals(1, unregistered.get(), "taken back at deactivation, at once");
                Waits.until("VENT on letting go", 3000, () -> emulator.firmware().received().stream()
                        .anyMatch(r -> r.line().equals("VENT")));
            } finally {
                emulator.close();
                plant.close();
            }
        }
    }

    @Test
    void withoutAnIdTheUnitIsNamedAfterItsPort() {
        assertEquals("rb1-ttyUSB0", new DriverSettings("/dev/ttyUSB0", null, " ", 20).deviceId());
        assertEquals("rb1-A", new DriverSettings("/tmp/x/A", "auto", null, 20).deviceId());
        assertEquals("left", new DriverSettings("/dev/ttyUSB0", "RB1-L4", "left", 20).deviceId());
    }

    @Test
    void aConfigurationWithoutAPortOrWithABadRateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> component(Map.of("port", " ")));
        assertThrows(IllegalArgumentException.class,
                () -> component(Map.of("port", "/dev/x", "streamHz", 50)));
    }
}
