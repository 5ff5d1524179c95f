package org.bootctl.launcher.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bootctl.api.session.SessionService;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureBundle;
import org.bootctl.launcher.feature.FeatureConfiguration;
import org.bootctl.launcher.feature.FeatureReader;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The features for real boots (rb2, rb1, studio) and for the emulators, as the distribution
 * ships them: {@code bootctl run --feature rb2} gives the simulator's user interface, a port
 * variable reaches the driver's configuration, and the emulators run no engine.
 */
class SerialFeaturesIT {

    @TempDir
    Path folder;

    private static Feature read(String name, Map<String, String> variables) throws Exception {
        return FeatureReader.read(TestDistribution.real().features().resolve(name + ".json"), variables);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rb2", "rb1", "studio"})
    void aFeatureForRealBootsHasTheSimulatorsUserInterface(String name) throws Exception {
        Feature simulator = read("simulator", Map.of());
        Feature serial = read(name, Map.of());
        assertEquals(userInterface(simulator), userInterface(serial), "the UI and console bundles of simulator.json");
        Map<String, FeatureConfiguration> configurations = byKey(serial);
        for (FeatureConfiguration configuration : simulator.configurations()) {
            if (!configuration.componentPid().equals("org.bootctl.sim.device")) {
                assertEquals(configuration, configurations.get(configuration.key()),
                        "configuration " + configuration.key() + " as in simulator.json");
            }
        }
        List<String> engine = serial.bundles().stream().map(FeatureBundle::artifactId)
                .filter(a -> a.equals("org.bootctl.engine") || a.equals("org.bootctl.programs")).toList();
        assertEquals(List.of("org.bootctl.programs", "org.bootctl.engine"), engine);
    }

    private static List<FeatureBundle> userInterface(Feature feature) {
        return feature.bundles().stream().filter(b -> b.ui() || b.console()).toList();
    }

    private static Map<String, FeatureConfiguration> byKey(Feature feature) {
        return feature.configurations().stream().collect(Collectors.toMap(FeatureConfiguration::key, Function.identity()));
    }

    @Test
    void thePortVariableReachesTheDriversConfiguration() throws Exception {
        assertEquals(Map.of("port", "/dev/ttyUSB3", "model", "auto", "id", "rb2-1"),
                byKey(read("rb2", Map.of("port", "/dev/ttyUSB3"))).get("org.bootctl.rb2.port~1").properties());
        assertEquals(Map.of("port", "/dev/ttyACM0", "model", "RB1-L4", "id", "left"),
                byKey(read("rb1", Map.of("port", "/dev/ttyACM0", "model", "RB1-L4", "device", "left")))
                        .get("org.bootctl.rb1.port~1").properties());
        Map<String, FeatureConfiguration> studio = byKey(read("studio", Map.of("rb2-port", "/tmp/b", "rb1-port", "/tmp/d")));
        assertEquals("/tmp/b", studio.get("org.bootctl.rb2.port~1").properties().get("port"));
        assertEquals("/tmp/d", studio.get("org.bootctl.rb1.port~1").properties().get("port"));
        assertEquals("sim-1", studio.get("org.bootctl.sim.device~1").properties().get("id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rb2", "rb1", "studio"})
    void aFeatureForRealBootsCarriesNoEmulator(String name) throws Exception {
        Feature feature = read(name, Map.of());
        List<String> artifacts = feature.bundles().stream().map(FeatureBundle::artifactId).toList();
        assertTrue(artifacts.stream().anyMatch(a -> a.startsWith("org.bootctl.driver.")), artifacts.toString());
        assertTrue(artifacts.stream().noneMatch(a -> a.endsWith(".emulator")), "no emulator next to real boots: " + artifacts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"emulator-rb2", "emulator-rb1"})
    void anEmulatorFeatureRunsNoEngine(String name) throws Exception {
        Feature feature = read(name, Map.of("port", "/tmp/a", "faults", "reset@5"));
        List<String> artifacts = feature.bundles().stream().map(FeatureBundle::artifactId).toList();
        assertTrue(artifacts.contains("org.bootctl.sim") && artifacts.contains("jSerialComm"), artifacts.toString());
        assertTrue(!artifacts.contains("org.bootctl.engine"), "the emulator alone drives its simulated device");
        String driver = name.equals("emulator-rb2") ? "org.bootctl.driver.rb2" : "org.bootctl.driver.rb1";
        assertTrue(artifacts.contains(driver + ".emulator") && !artifacts.contains(driver),
                "the emulator's own bundle, not the production driver: " + artifacts);
        String emulator = name.equals("emulator-rb2") ? "org.bootctl.rb2.emulator~1" : "org.bootctl.rb1.emulator~1";
        assertEquals(Map.of("port", "/tmp/a", "device", "emulated", "model", name.equals("emulator-rb2") ? "RB2-L5" : "RB1-L4",
                "faults", "reset@5"), byKey(feature).get(emulator).properties());
        assertEquals("false", byKey(feature).get("org.bootctl.sim.device~emulated").properties().get("virtualTime"));
    }

    @Test
    void withNoBootOnItsPortTheControllerComesUpAndWaitsForOne() throws Exception {
        try (OsgiRuntime runtime = Runtimes.start("rb2", Map.of("port", folder.resolve("nothing").toString()),
                folder.resolve("data"))) {
            SessionService sessions = Runtimes.sessions(runtime);
            assertEquals(List.of(), sessions.devices());
        }
    }
}
