package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.bootctl.launcher.cli.ArgParser;
import org.bootctl.launcher.cli.Commands;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.commands.RunCommand;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureBundle;
import org.bootctl.launcher.feature.FeatureConfiguration;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.Test;

/**
 * {@code --fleet} adds the fleet's fragment to every product feature, unchanged otherwise: the
 * feature's own bundles and configurations stay, the fleet's two bundles and its configuration
 * (from the fleet's --vars) come in, and the feature's own --vars still go to it.
 */
class FleetFeatureTest {

    @Test
    void theFleetJoinsEveryProductFeature() throws Exception {
        for (String name : List.of("simulator", "rb2", "rb1", "studio")) {
            Invocation invocation = invocation("--feature", name, "--fleet", "mqtts://broker.example:8883",
                    "--var", "site=studio-1", "--var", "unit=unit-3", "--var", "fleet-control=true",
                    "--var", "fleet-telemetry-hz=0.5", "--var", "web-token=abc");
            Feature plain = invocation.feature(org.bootctl.launcher.cli.GlobalOptions.DEFAULT_FEATURE, java.util.Map.of(),
                    FleetOption.variables(invocation));
            Feature withFleet = FleetOption.feature(invocation, java.util.Map.of());
            assertEquals(plain.name(), withFleet.name());
            assertEquals(plain.bundles().size() + 2, withFleet.bundles().size(), name);
            assertTrue(withFleet.bundles().containsAll(plain.bundles()), name);
            assertTrue(withFleet.bundles().stream().map(FeatureBundle::artifactId).toList()
                    .containsAll(List.of("org.bootctl.fleet", "org.eclipse.paho.client.mqttv3")), name);
            FeatureConfiguration fleet = withFleet.configurations().stream()
                    .filter(c -> "org.bootctl.fleet".equals(c.pid())).findFirst().orElseThrow();
            assertEquals("mqtts://broker.example:8883", fleet.properties().get("broker"));
            assertEquals("studio-1", fleet.properties().get("site"));
            assertEquals("unit-3", fleet.properties().get("unit"));
            assertEquals("true", fleet.properties().get("control"));
            assertEquals("0.5", fleet.properties().get("telemetryHz"));
            assertEquals("abc", withFleet.variables().get("web-token"), "the feature's own variables stay its own");
        }
    }

    @Test
    void withoutFleetTheFeatureIsAsItWas() throws Exception {
        Invocation invocation = invocation("--feature", "rb2");
        assertEquals(invocation.feature(), FleetOption.feature(invocation, java.util.Map.of()));
    }

    private static Invocation invocation(String... args) throws Exception {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new Invocation(ArgParser.parse(new RunCommand(), List.of(args)), sink, sink, false,
                TestDistribution.real(), Commands.standard(TestDistribution.real().tools()));
    }
}
