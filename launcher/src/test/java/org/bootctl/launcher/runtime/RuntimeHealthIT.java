package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureReader;
import org.bootctl.launcher.testbundles.ConfiguredComponent;
import org.bootctl.launcher.testbundles.NeedyComponent;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestBundles;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The health check names the culprit: a failed activation, a missing reference, a bundle that does not resolve. */
class RuntimeHealthIT {

    static final String CONFIGURED = "org.bootctl.test:configured:1.0.0";
    static final String NEEDY = "org.bootctl.test:needy:1.0.0";
    static final String UNRESOLVED = "org.bootctl.test:unresolved:1.0.0";

    @TempDir
    static Path folder;
    static TestDistribution distribution;

    @BeforeAll
    static void distribution() throws Exception {
        distribution = TestDistribution.scratch(folder.resolve("dist"))
                .withRealBundle(TestDistribution.CONFIGADMIN)
                .withRealBundle(TestDistribution.SCR);
        TestBundles.bundle("org.bootctl.test.configured")
                .component(ConfiguredComponent.class,
                        "configuration-pid=\"org.bootctl.test.configured\" configuration-policy=\"require\"", "")
                .writeTo(distribution.bundlePath(CONFIGURED));
        TestBundles.bundle("org.bootctl.test.needy")
                .component(NeedyComponent.class, "",
                        "<reference name=\"runner\" interface=\"java.lang.Runnable\" bind=\"setRunner\""
                                + " target=\"(bootctl.test=nobody)\"/>")
                .writeTo(distribution.bundlePath(NEEDY));
        TestBundles.bundle("org.bootctl.test.unresolved")
                .header("Import-Package", "org.bootctl.nothing.here")
                .writeTo(distribution.bundlePath(UNRESOLVED));
        distribution.feature("configured", """
                {
                  "id": "org.bootctl.test:configured:1",
                  "variables": { "value": "good" },
                  "bundles": [
                    { "id": "%s", "start-order": 1 },
                    { "id": "%s", "start-order": 2 },
                    { "id": "%s", "start-order": 3 }
                  ],
                  "configurations": {
                    "org.bootctl.test.configured": {
                      "value": "${value}", "count": 3, "ratio": 0.5, "on": true, "names": ["a", "b"]
                    }
                  }
                }
                """.formatted(TestDistribution.CONFIGADMIN, TestDistribution.SCR, CONFIGURED));
        distribution.feature("broken", """
                {
                  "id": "org.bootctl.test:broken:1",
                  "bundles": [ "%s", "%s", "%s", "%s" ]
                }
                """.formatted(TestDistribution.CONFIGADMIN, TestDistribution.SCR, NEEDY, UNRESOLVED));
    }

    private static OsgiRuntime start(String feature, Map<String, String> variables) throws Exception {
        Feature read = FeatureReader.read(distribution.distribution().features().resolve(feature + ".json"), variables);
        return OsgiRuntime.start(read, distribution.distribution(), folder.resolve("data"), true);
    }

    @Test
    void aConfiguredComponentGetsTheFeaturesTypedValuesThroughConfigurationAdmin() throws Exception {
        try (OsgiRuntime runtime = start("configured", Map.of())) {
            List<HealthProblem> problems = runtime.health().await(Duration.ofSeconds(10));
            assertEquals(List.of(), problems, "the runtime should be up");

            ServiceComponentRuntime scr = runtime.service(ServiceComponentRuntime.class, null).orElseThrow();
            ComponentDescriptionDTO description = scr.getComponentDescriptionDTOs().stream()
                    .filter(d -> d.name.equals(ConfiguredComponent.class.getName())).findFirst().orElseThrow();
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
            assertEquals(1, configurations.size());
            ComponentConfigurationDTO configuration = configurations.iterator().next();
            assertEquals(ComponentConfigurationDTO.ACTIVE, configuration.state);
            assertEquals("good", configuration.properties.get("value"));
            assertEquals(3L, configuration.properties.get("count"));
            assertEquals(0.5, configuration.properties.get("ratio"));
            assertEquals(true, configuration.properties.get("on"));
            assertArrayEquals(new String[] {"a", "b"}, (String[]) configuration.properties.get("names"));
        }
    }

    @Test
    void aComponentThatRefusesItsConfigurationIsNamedWithItsMessage() throws Exception {
        try (OsgiRuntime runtime = start("configured", Map.of("value", "bad"))) {
            List<HealthProblem> problems = runtime.health().await(Duration.ofSeconds(10));
            assertEquals(1, problems.size(), problems.toString());
            HealthProblem problem = problems.get(0);
            assertEquals(HealthProblem.Kind.FAILED_ACTIVATION, problem.kind());
            assertTrue(problem.configured(), "the feature configures it");
            assertEquals("component " + ConfiguredComponent.class.getName()
                    + " (bundle org.bootctl.test.configured) failed to activate:"
                    + " test component: value 'bad' is not allowed", problem.message());
        }
    }

    @Test
    void aHeadlessCommandEndsWithExitCode2AndTheComponentsMessageWhenItsConfigurationIsBad() {
        Cli.Result result = Cli.run(distribution.distribution(), "session", "--feature", "configured",
                "--var", "value=bad", "--program", "sequential", "--data", folder.resolve("data").toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of("bootctl: component " + ConfiguredComponent.class.getName()
                + " (bundle org.bootctl.test.configured) failed to activate: test component: value 'bad' is not allowed"),
                result.errLines());
    }

    @Test
    void anUnsatisfiedReferenceAndAnUnresolvedBundleAreNamed() throws Exception {
        try (OsgiRuntime runtime = start("broken", Map.of())) {
            List<HealthProblem> problems = runtime.health().await(Duration.ofMillis(500));
            assertEquals(2, problems.size(), problems.toString());
            HealthProblem unresolved = problems.stream()
                    .filter(p -> p.kind() == HealthProblem.Kind.BUNDLE_FAILED).findFirst().orElseThrow();
            assertEquals("org.bootctl.test.unresolved", unresolved.bundle());
            assertTrue(unresolved.message().contains("org.bootctl.nothing.here"), unresolved.message());
            HealthProblem needy = problems.stream()
                    .filter(p -> p.kind() == HealthProblem.Kind.UNSATISFIED_REFERENCE).findFirst().orElseThrow();
            assertEquals("component " + NeedyComponent.class.getName() + " (bundle org.bootctl.test.needy)"
                    + " is unsatisfied: no service for reference runner (java.lang.Runnable (bootctl.test=nobody))",
                    needy.message());
        }
    }

    @Test
    void failureMessagesComeWithoutExceptionTypesAndWrappers() {
        assertEquals("simulated device 'sim-1': unknown fault 'x'", RuntimeHealth.failure(
                "java.lang.IllegalArgumentException: simulated device 'sim-1': unknown fault 'x'\n\tat a.B.c(B.java:1)\n"
                        + "Caused by: java.lang.IllegalArgumentException: unknown fault 'x'\n\tat a.B.d(B.java:2)"));
        assertEquals("port /dev/ttyX is busy", RuntimeHealth.failure(
                "java.lang.reflect.InvocationTargetException\n\tat a.B.c(B.java:1)\n"
                        + "Caused by: java.lang.IllegalStateException: port /dev/ttyX is busy\n"));
        assertEquals("disk full", RuntimeHealth.failure(
                "java.lang.RuntimeException: java.io.IOException: disk full\nCaused by: java.io.IOException: disk full"));
        assertEquals("no reason given", RuntimeHealth.failure(null));
    }
}
