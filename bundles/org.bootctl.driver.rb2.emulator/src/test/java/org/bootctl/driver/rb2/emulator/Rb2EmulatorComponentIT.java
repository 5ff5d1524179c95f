package org.bootctl.driver.rb2.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.Models;
import org.bootctl.driver.rb2.Configs;
import org.bootctl.driver.rb2.PortSettings;
import org.bootctl.driver.rb2.Rb2Link;
import org.bootctl.driver.rb2.codec.SerialPorts;
import org.bootctl.driver.rb2.TestRegistrar;
import org.bootctl.driver.rb2.Timing;
import org.bootctl.sim.SimulatedDevice;
import org.bootctl.sim.emulation.EmulatorConfig;
import org.bootctl.timebase.SystemTimebase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.bootctl.testing.SocatPair;
import org.bootctl.testing.Waits;
import org.bootctl.serial.SerialUnit;

/**
 * What {@code bootctl emulate} runs: the emulator component on the device's end of a port, with
 * the simulated device whose id it names as its physics; a driver on the other end sees an RB2 unit.
 */
@Tag("realtime")
@Tag("serial")
class Rb2EmulatorComponentIT {

    @TempDir
    Path dir;

    /** Activates the component as SCR does with one configuration: the shared emulator properties and RB2's own. */
    private static void activate(Rb2EmulatorComponent component, Map<String, Object> values) {
        component.activate(Configs.of(EmulatorConfig.class, values), Configs.of(Rb2EmulatorComponent.Config.class, values));
    }

    @Test
    void theEmulatorRunsWhileItsPlantIsThere() throws Exception {
        SocatPair.assumeInstalled();
        try (SocatPair pair = new SocatPair(dir).start(); SystemTimebase plantTime = new SystemTimebase("test-plant")) {
            SimulatedDevice plant = SimulatedDevice.of("sim-7", Models.RB2_A4, List.of(), plantTime, 5);
            plant.start();
            Rb2EmulatorComponent component = new Rb2EmulatorComponent();
            activate(component, Map.of(
                    "port", pair.device(), "device", "sim-7", "serial", "EMU-1", "faults", new String[] {"garbage@0.2", "corrupt-crc:2@0.3"}));
            component.bindPlant(SimulatedDevice.of("other", Models.RB2_L5, List.of(), plantTime, 1),
                    Map.of(BootConnection.DEVICE_ID, "other"));

            // its plant is missing: nobody holds the device's end (ports are opened exclusively)
            SerialPorts.open(pair.device()).closePort();

            TestRegistrar registrar = new TestRegistrar();
            Rb2Link link = new Rb2Link(new PortSettings(pair.host(), "RB2-A4", "host-side", 50, Timing.DEFAULT), registrar);
            try {
                component.bindPlant(plant, Map.of(BootConnection.DEVICE_ID, "sim-7"));
                link.start();
                Waits.until("the unit registered at the host", 10_000, registrar::registered);
                assertEquals("RB2-A4", registrar.current().description().model());
                assertEquals("EMU-1", registrar.current().description().serial());
                Waits.until("samples", 3000, () -> registrar.samples.size() > 20);

                component.unbindPlant(plant, Map.of(BootConnection.DEVICE_ID, "sim-7"));
                Waits.until("the unit gone at the host", 3000, () -> registrar.unregistrations.get() == 1);
                assertNotEquals(SerialUnit.State.CONNECTED, link.state());
                component.deactivate();
            } finally {
                link.stop();
                link.awaitStopped(3000);
                plant.close();
            }
        }
    }

    @Test
    void aHostileSerialNumberReachesTheHostWithoutLineBreaksOrEscapes() throws Exception {
        SocatPair.assumeInstalled();
        try (SocatPair pair = new SocatPair(dir).start(); SystemTimebase plantTime = new SystemTimebase("test-plant")) {
            SimulatedDevice plant = SimulatedDevice.of("sim-8", Models.RB2_L5, List.of(), plantTime, 5);
            plant.start();
            Rb2EmulatorComponent component = new Rb2EmulatorComponent();
            activate(component, Map.of(
                    "port", pair.device(), "device", "sim-8", "serial", "7\nbootctl ready: forged\u001b[2J"));
            TestRegistrar registrar = new TestRegistrar();
            Rb2Link link = new Rb2Link(new PortSettings(pair.host(), "RB2-L5", "host-side", 50, Timing.DEFAULT), registrar);
            try {
                component.bindPlant(plant, Map.of(BootConnection.DEVICE_ID, "sim-8"));
                link.start();
                Waits.until("the unit registered at the host", 10_000, registrar::registered);
                assertEquals("7\\x0abootctl ready: forged\\x1b[2J", registrar.current().description().serial());
                component.deactivate();
            } finally {
                link.stop();
                link.awaitStopped(3000);
                plant.close();
            }
        }
    }

    @Test
    void aPortIsRequired() {
        Rb2EmulatorComponent component = new Rb2EmulatorComponent();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> activate(component, Map.of()));
        assertEquals("org.bootctl.rb2.emulator: 'port' is required (the device's end of the line)", e.getMessage());
    }

    @Test
    void withItsModelNamedAMistypedFaultFailsActivation() {
        Rb2EmulatorComponent component = new Rb2EmulatorComponent();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> activate(component, Map.of(
                        "port", "/nowhere", "model", "RB2-A4", "faults", new String[] {"reset@5", "overpressure:5@1"})));
        assertEquals("bad emulator fault 'overpressure:5@1': zone 5 does not exist on RB2-A4 (zones 1..4)", e.getMessage());
        IllegalArgumentException model = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> activate(component, Map.of(
                        "port", "/nowhere", "model", "RB2-X9")));
        assertEquals("org.bootctl.rb2.emulator: unknown model 'RB2-X9'", model.getMessage());
    }

    /**
     * The component binds the simulator's plants by their type, which no configuration changes (a
     * target filter only narrows among them): a real unit's connection is never a candidate.
     */
    @Test
    void itsOnlyReferenceIsToASimulatedUnit() throws Exception {
        String xml;
        try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream("OSGI-INF/org.bootctl.driver.rb2.emulator.Rb2EmulatorComponent.xml")) {
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
