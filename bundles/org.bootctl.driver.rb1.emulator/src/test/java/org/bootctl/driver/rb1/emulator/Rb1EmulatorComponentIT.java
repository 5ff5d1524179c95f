package org.bootctl.driver.rb1.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.Models;
import org.bootctl.sim.SimulatedDevice;
import org.bootctl.sim.emulation.EmulatorConfig;
import org.bootctl.timebase.ManualTimebase;
import org.bootctl.timebase.SystemTimebase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;

/** The emulator's DS shell, driven by hand as SCR would: it follows the plant its configuration names. */
@Tag("realtime")
@Tag("serial")
class Rb1EmulatorComponentIT {

    @TempDir
    Path dir;
    private SocatPair socat;
    private SystemTimebase time;
    private final Rb1EmulatorComponent component = new Rb1EmulatorComponent();

    @BeforeEach
    void pair() throws Exception {
        SocatPair.assumeInstalled();
        socat = new SocatPair(dir).start();
        time = new SystemTimebase("rb1-test-plants");
    }

    @AfterEach
    void unpair() throws Exception {
        component.deactivate();
        time.close();
        socat.kill();
    }

    private static Map<String, Object> id(String id) {
        return Map.of(BootConnection.DEVICE_ID, id);
    }

    private SimulatedDevice device(String id, org.bootctl.api.device.ModelSpec model) {
        SimulatedDevice device = SimulatedDevice.of(id, model, List.of(), time, 1);
        device.start();
        return device;
    }

    /** Activates the component as SCR does with one configuration: the shared emulator properties and RB1's own. */
    private void activate(Map<String, Object> values) {
        component.activate(config(EmulatorConfig.class, values), config(Rb1EmulatorComponent.Config.class, values));
    }

    /** A configuration as SCR hands it over: the given values, defaults for the rest. */
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
    void runsWhileItsPlantIsThereAndFollowsItsConfiguration() {
        SimulatedDevice other = device("other", Models.RB2_L5);
        SimulatedDevice plant = device("rb1-plant", Models.RB1_L4);
        component.bindPlant(other, id("other"));
        component.bindPlant(plant, id("rb1-plant"));
        activate(Map.of("port", socat.device(), "device", "rb1-plant", "faults", "pressurised:30"));

        Rb1Emulator first = component.emulator();
        assertNotNull(first, "the plant was there before activation");
        assertEquals(socat.device(), first.port());
        Waits.until("the port opens", 3000, first::isOpen);
        assertArrayEquals(new int[] {30, 30, 30, 30}, first.firmware().setpoints(), "found pressurised, as configured");

        component.unbindPlant(other, id("other"));
        assertEquals(first, component.emulator(), "another device going changes nothing");
        component.unbindPlant(plant, id("rb1-plant"));
        assertNull(component.emulator(), "no plant, no emulator");
        component.bindPlant(plant, id("rb1-plant"));
        assertNotSame(first, component.emulator(), "back with its plant");
        component.deactivate();
        assertNull(component.emulator());
    }

    @Test
    void withAModelOfTheCatalogueNamedAMistypedFaultFailsActivation() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> activate(Map.of("port", socat.device(), "model", "RB1-L4", "faults", "reset@5, overpressure:5@1")));
        assertEquals(true, e.getMessage().startsWith("bad RB1 emulator fault 'overpressure:5@1': "), e.getMessage());
        assertNull(component.emulator());
    }

    @Test
    void aPlantOnSimulatedTimeOrHostRegulatedIsRefused() {
        SimulatedDevice virtual = SimulatedDevice.of("v", Models.RB1_L4, List.of(), new ManualTimebase(), 1);
        component.bindPlant(virtual, id("v"));
        activate(Map.of("port", socat.device(), "device", "v"));
        assertNull(component.emulator(), "refused, and said so in the log");
        component.deactivate();

        component.bindPlant(device("rb2", Models.RB2_L5), id("rb2"));
        activate(Map.of("port", socat.device(), "device", "rb2"));
        assertNull(component.emulator());
    }

    /**
     * The component binds the simulator's plants by their type, which no configuration changes (a
     * target filter only narrows among them): a real unit's connection is never a candidate.
     */
    @Test
    void itsOnlyReferenceIsToASimulatedUnit() throws Exception {
        String xml;
        try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream("OSGI-INF/org.bootctl.driver.rb1.emulator.Rb1EmulatorComponent.xml")) {
            org.junit.jupiter.api.Assertions.assertNotNull(in, "bnd wrote the component's descriptor");
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.regex.Matcher reference = java.util.regex.Pattern.compile("<reference [^>]*interface=\"([^\"]+)\"").matcher(xml);
        List<String> interfaces = new java.util.ArrayList<>();
        while (reference.find()) {
            interfaces.add(reference.group(1));
        }
        assertEquals(List.of("org.bootctl.api.device.SimulatedUnit"), interfaces, xml);
    }
}
