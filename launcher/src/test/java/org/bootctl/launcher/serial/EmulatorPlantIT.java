package org.bootctl.launcher.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bootctl.api.device.BootConnection;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * An emulator binds a simulated plant only, whatever its configuration names: in a real Felix
 * running {@code bootctl emulate}'s feature, a connection that is not the simulator's (a real
 * unit's, here a stand-in that records every call) under the device id an emulator configuration
 * names is never bound nor called, while the simulator's plant is. Waits poll with deadlines.
 */
class EmulatorPlantIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path data;

    @ParameterizedTest
    @CsvSource({
        "emulator-rb2, RB2-L5, org.bootctl.rb2.emulator, org.bootctl.driver.rb2.emulator.Rb2EmulatorComponent",
        "emulator-rb1, RB1-L4, org.bootctl.rb1.emulator, org.bootctl.driver.rb1.emulator.Rb1EmulatorComponent"})
    void aConfigurationNamingARealUnitsDeviceIdNeverBindsIt(String feature, String model, String pid, String component)
            throws Exception {
        String nowhere = data.resolve("no-such-port").toString();
        try (OsgiRuntime runtime = Runtimes.start(feature, Map.of("port", nowhere, "model", model), data)) {
            List<String> calls = new CopyOnWriteArrayList<>();
            BootConnection real = (BootConnection) Proxy.newProxyInstance(BootConnection.class.getClassLoader(),
                    new Class<?>[] {BootConnection.class}, (proxy, method, args) -> {
                        if (method.getDeclaringClass() == BootConnection.class) {
                            calls.add(method.getName());
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            case "toString" -> "a real unit's connection";
                            default -> null;
                        };
                    });
            Hashtable<String, Object> properties = new Hashtable<>(Map.of(BootConnection.DEVICE_ID, "rb2-1"));
            ServiceRegistration<BootConnection> registration = runtime.context().registerService(BootConnection.class,
                    real, properties);
            long realId = (Long) registration.getReference().getProperty("service.id");
            long plantId = (Long) runtime.context().getServiceReferences(BootConnection.class,
                    "(" + BootConnection.DEVICE_ID + "=emulated)").iterator().next().getProperty("service.id");

            ConfigurationAdmin configurations = runtime.awaitService(ConfigurationAdmin.class, null, DEADLINE).orElseThrow();
            Configuration configuration = configurations.getFactoryConfiguration(pid, "real", null);
            configuration.update(new Hashtable<>(Map.of("port", nowhere, "device", "rb2-1")));

            ComponentConfigurationDTO second = awaitActive(runtime, component, "rb2-1");
            List<Long> bound = Arrays.stream(second.satisfiedReferences).flatMap(r -> Arrays.stream(r.boundServices))
                    .map(s -> s.id).toList();
            assertTrue(bound.contains(plantId), "binds the simulator's plant: " + bound);
            assertFalse(bound.contains(realId), "never the real unit's connection: " + bound);
            assertEquals(List.of(), calls, "the real unit's connection was never called");
            registration.unregister();
        }
    }

    /** The active configuration of {@code component} whose {@code device} is {@code device}. */
    private static ComponentConfigurationDTO awaitActive(OsgiRuntime runtime, String component, String device)
            throws InterruptedException {
        ServiceReference<ServiceComponentRuntime> reference = runtime.context().getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = runtime.context().getService(reference);
        return Waits.until("an active " + component + " for device " + device, DEADLINE,
                () -> active(scr, component, device), Optional::isPresent).orElseThrow();
    }

    private static Optional<ComponentConfigurationDTO> active(ServiceComponentRuntime scr, String component, String device) {
        Optional<ComponentConfigurationDTO> found = Optional.empty();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.name.equals(component)) {
                found = scr.getComponentConfigurationDTOs(description).stream()
                        .filter(c -> device.equals(c.properties.get("device"))
                                && c.state == ComponentConfigurationDTO.ACTIVE)
                        .findFirst();
            }
        }
        return found;
    }
}
