package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.api.time.Timebase;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureReader;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The default feature, with the real bundles the build collected, in a real Felix: everything
 * comes up, and a bundle or component that does not fails this test by name.
 */
class SimulatorFeatureIT {

    @TempDir
    Path data;

    private static OsgiRuntime start(Path data, Map<String, String> variables) throws Exception {
        Distribution distribution = TestDistribution.real();
        Feature feature = FeatureReader.read(distribution.features().resolve("simulator.json"), variables);
        return OsgiRuntime.start(feature, distribution, data, false);
    }

    @Test
    void everyBundleIsActiveAndEveryComponentSatisfied() throws Exception {
        try (OsgiRuntime runtime = start(data, Map.of())) {
            List<HealthProblem> problems = runtime.health().await(Duration.ofSeconds(20));
            if (!problems.isEmpty()) {
                fail("the simulator feature is not up:\n  " + problems.stream().map(HealthProblem::message)
                        .collect(Collectors.joining("\n  ")));
            }
            List<String> notActive = new ArrayList<>();
            for (Bundle bundle : runtime.context().getBundles()) {
                if (bundle.getState() != Bundle.ACTIVE) {
                    notActive.add(bundle.getSymbolicName() + " is " + RuntimeHealth.state(bundle.getState()));
                }
            }
            assertEquals(List.of(), notActive);
            assertEquals(runtime.feature().bundles(false).size(), runtime.activeBundles());

            // the same through SCR directly: every component configuration satisfied or active
            ServiceComponentRuntime scr = runtime.service(ServiceComponentRuntime.class, null).orElseThrow();
            List<String> components = new ArrayList<>();
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    components.add(description.bundle.symbolicName + "/" + description.name);
                    assertTrue(configuration.state == ComponentConfigurationDTO.ACTIVE
                                    || configuration.state == ComponentConfigurationDTO.SATISFIED,
                            description.name + " of " + description.bundle.symbolicName + " is in state "
                                    + configuration.state + ": " + configuration.failure);
                }
            }
            assertTrue(components.stream().anyMatch(c -> c.startsWith("org.bootctl.sim/")),
                    "the simulated device is a component: " + components);
            assertEquals(data.toAbsolutePath().toString(), runtime.context().getProperty(OsgiRuntime.DATA));
        }
    }

    /**
     * Without a data folder (a command that only reads: Startup.listing) the runtime makes a throwaway
     * one inside the framework's storage folder, so it goes with the storage: deleted when the
     * framework stops, swept with it when the process was killed (no bootctl-listing-* left in /tmp).
     */
    @Test
    void aThrowawayDataFolderLivesInTheFrameworksStorageAndGoesWithIt() throws Exception {
        Distribution distribution = TestDistribution.real();
        Feature feature = FeatureReader.read(distribution.features().resolve("simulator.json"), Map.of());
        Path throwaway;
        Path storage;
        try (OsgiRuntime runtime = OsgiRuntime.start(feature, distribution, null, true, false)) {
            assertEquals(List.of(), runtime.health().await(Duration.ofSeconds(20)));
            throwaway = Path.of(runtime.context().getProperty(OsgiRuntime.DATA));
            storage = Path.of(runtime.context().getProperty(org.osgi.framework.Constants.FRAMEWORK_STORAGE)).getParent();
            assertEquals(storage, throwaway.getParent(), "the data folder is inside the storage folder " + storage);
            assertTrue(Files.isDirectory(throwaway), "made before the bundles start: " + throwaway);
        }
        assertFalse(Files.exists(storage), "the storage and the data folder in it are gone: " + storage);
    }

    @Test
    void theApiAndTheOsgiServiceApisComeFromTheSystemBundleOnly() throws Exception {
        try (OsgiRuntime runtime = start(data, Map.of())) {
            runtime.health().await(Duration.ofSeconds(20));
            List<String> shared = new ArrayList<>();
            for (Bundle bundle : runtime.context().getBundles()) {
                BundleWiring wiring = bundle.adapt(BundleWiring.class);
                if (bundle.getBundleId() == 0 || wiring == null) {
                    continue;
                }
                for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
                    String pkg = (String) wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
                    if (pkg.startsWith("org.bootctl.api") || pkg.startsWith("org.osgi.service.cm")
                            || pkg.startsWith("org.osgi.service.component") || pkg.startsWith("org.osgi.util.")) {
                        shared.add(bundle.getSymbolicName() + " -> " + pkg);
                        assertEquals(0, wire.getProvider().getBundle().getBundleId(), bundle.getSymbolicName()
                                + " imports " + pkg + " from " + wire.getProvider().getSymbolicName()
                                + ", not from the system bundle");
                    }
                }
            }
            assertTrue(shared.contains("org.apache.felix.configadmin -> org.osgi.service.cm"), shared.toString());
            assertTrue(shared.contains("org.apache.felix.scr -> org.osgi.service.component.runtime"), shared.toString());
            assertTrue(shared.stream().anyMatch(s -> s.startsWith("org.bootctl.sim -> org.bootctl.api")), shared.toString());
        }
    }

    /**
     * SCR keeps quiet while the feature comes up (the health check names a failure in one line),
     * and a daemon that turned its errors on hears a component that fails later from SCR.
     */
    @Test
    void afterStartUpADaemonHearsALaterFailureFromScr() throws Exception {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try (OsgiRuntime runtime = start(data, Map.of("sim-faults", "nonsense"))) {
            assertEquals(1, runtime.health().await(Duration.ofSeconds(20)).size());
            assertFalse(captured.toString(StandardCharsets.UTF_8).contains("has thrown an exception"), "quiet at start");
            runtime.scrErrorsFromNowOn();
            ConfigurationAdmin admin = runtime.service(ConfigurationAdmin.class, null).orElseThrow();
            admin.getFactoryConfiguration("org.bootctl.sim.device", "late", "?").update(new Hashtable<>(
                    Map.of("id", "late", "model", "RB2-L5", "faults", "leak:99")));
            Waits.until(() -> "SCR's error for the late device:\n" + captured.toString(StandardCharsets.UTF_8),
                    Duration.ofSeconds(20), () -> captured.toString(StandardCharsets.UTF_8).contains("'leak:99'"));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }

    @Test
    void theFeaturesConfigurationReachesConfigurationAdminWithItsVariablesAndTheDeviceIsThere() throws Exception {
        try (OsgiRuntime runtime = start(data, Map.of("device", "sim-7", "model", "RB2-M8"))) {
            assertEquals(List.of(), runtime.health().await(Duration.ofSeconds(20)));
            ConfigurationAdmin admin = runtime.service(ConfigurationAdmin.class, null).orElseThrow();
            Configuration[] configurations = admin.listConfigurations("(service.factoryPid=org.bootctl.sim.device)");
            assertNotNull(configurations);
            assertEquals(1, configurations.length);
            assertEquals("sim-7", configurations[0].getProperties().get("id"));
            assertEquals("RB2-M8", configurations[0].getProperties().get("model"));
            assertEquals("", configurations[0].getProperties().get("faults"));

            BootConnection device = runtime.service(BootConnection.class, "(bootctl.device.id=sim-7)").orElseThrow(
                    () -> new AssertionError("no simulated device sim-7"));
            assertEquals("RB2-M8", device.description().model());
            assertFalse(assertInstanceOf(SimulatedUnit.class, device).timebase().isPresent(), "real time unless asked");
        }
    }

    @Test
    void bundlesStopInReverseStartOrderSoTheEngineVentsThroughLiveDevices() throws Exception {
        List<String> stopping = new ArrayList<>();
        try (OsgiRuntime runtime = start(data, Map.of())) {
            assertEquals(List.of(), runtime.health().await(Duration.ofSeconds(20)));
            runtime.context().addBundleListener((SynchronousBundleListener) event -> {
                if (event.getType() == BundleEvent.STOPPING) {
                    stopping.add(event.getBundle().getSymbolicName());
                }
            });
        }
        assertTrue(stopping.indexOf("org.bootctl.engine") >= 0
                        && stopping.indexOf("org.bootctl.engine") < stopping.indexOf("org.bootctl.sim")
                        && stopping.indexOf("org.bootctl.sim") < stopping.indexOf("org.apache.felix.scr"),
                "stop order: " + stopping);
    }

    @Test
    void onVirtualTimeTheSimulatorOffersItsClockAsASharedType() throws Exception {
        try (OsgiRuntime runtime = start(data, Map.of("virtual-time", "true"))) {
            assertEquals(List.of(), runtime.health().await(Duration.ofSeconds(20)));
            Timebase clock = runtime.service(Timebase.class, "(&(bootctl.device.id=sim-1)(bootctl.time=virtual))")
                    .orElseThrow(() -> new AssertionError("no virtual timebase for sim-1"));
            VirtualTimebase virtual = assertInstanceOf(VirtualTimebase.class, clock);
            long before = virtual.nanoTime();
            virtual.advance(1_000_000_000L);
            assertEquals(before + 1_000_000_000L, virtual.nanoTime());
        }
    }
}
