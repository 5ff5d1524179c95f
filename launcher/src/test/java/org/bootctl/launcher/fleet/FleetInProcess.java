package org.bootctl.launcher.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureConfiguration;
import org.bootctl.launcher.feature.FeatureReader;
import org.bootctl.launcher.runtime.HealthProblem;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A controller with the fleet in a real Felix inside the test's JVM, as {@code bootctl run
 * --fleet} builds it (the simulator feature plus the fleet's fragment, {@code Feature.plus}), for
 * what a process hides: its ConfigurationAdmin (a device's configuration deleted or added) and
 * the fleet's configuration beyond its {@code --var}s.
 */
final class FleetInProcess implements AutoCloseable {

    static final Duration READY = Duration.ofSeconds(60);

    private final OsgiRuntime runtime;
    private final FleetController rest;

    private FleetInProcess(OsgiRuntime runtime, FleetController rest) {
        this.runtime = runtime;
        this.rest = rest;
    }

    /**
     * @param fleetProperties more properties of the fleet's configuration (PID org.bootctl.fleet)
     */
    static FleetInProcess start(Path folder, Mosquitto broker, String site, String unit, String device,
                                Map<String, Object> fleetProperties) throws Exception {
        Distribution distribution = TestDistribution.real();
        Feature simulator = FeatureReader.read(distribution.features().resolve("simulator.json"),
                Map.of("http-port", "0", "http-bind", "127.0.0.1", "device", device));
        Feature fleet = FeatureReader.read(distribution.features().resolve("fragments/fleet.json"),
                Map.of("fleet", broker.url(), "site", site, "unit", unit, "fleet-user", site + "-" + unit,
                        "fleet-password-file", Mosquitto.passwordFile(folder).toString()));
        List<FeatureConfiguration> configurations = fleet.configurations().stream().map(c -> {
            if (!"org.bootctl.fleet".equals(c.pid())) {
                return c;
            }
            Map<String, Object> properties = new LinkedHashMap<>(c.properties());
            properties.putAll(fleetProperties);
            return new FeatureConfiguration(c.key(), c.pid(), c.factoryPid(), c.name(), properties);
        }).toList();
        fleet = new Feature(fleet.name(), fleet.file(), fleet.id(), fleet.description(), fleet.variables(),
                fleet.bundles(), configurations);
        Path data = folder.resolve("data-" + site + "-" + unit);
        OsgiRuntime runtime = OsgiRuntime.start(simulator.plus(fleet), distribution, data, false);
        try {
            List<HealthProblem> problems = runtime.health().await(READY);
            if (!problems.isEmpty()) {
                throw new AssertionError("the simulator feature with the fleet is not up: " + problems);
            }
            Waits.until("an HTTP endpoint", READY, () -> runtime.httpEndpoint().isPresent());
            String endpoint = runtime.httpEndpoint().get();
            return new FleetInProcess(runtime, FleetController.of(endpoint + (endpoint.endsWith("/") ? "" : "/") + "api", data));
        } catch (Exception | AssertionError e) {
            runtime.close();
            throw e;
        }
    }

    /** Its REST API and data folder, as for a controller process. */
    FleetController rest() {
        return rest;
    }

    ConfigurationAdmin configurationAdmin() throws InterruptedException {
        return runtime.awaitService(ConfigurationAdmin.class, null, READY).orElseThrow();
    }

    /** A clean stop of the framework (the fleet says offline). */
    @Override
    public void close() {
        runtime.close();
    }
}
