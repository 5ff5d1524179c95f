package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A device that goes leaves no retained {@code devices/{device}} message behind (issue 16: "an
 * empty retained message when the device goes"): while the unit runs (the simulator's device
 * configuration deleted) and across a restart (a device the unit had before it stopped and no
 * longer has is emptied once the unit is back: the fleet keeps the list of what it published in
 * {@code fleet/devices}).
 */
@Tag("broker")
class FleetDeviceGoneIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String BASE = "bootctl/v1/s1/u1/";

    @TempDir
    Path folder;

    @Test
    void aDeviceThatGoesIsEmptiedOnTheBrokerAlsoAcrossARestart() throws Exception {
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), null);
             BrokerWatch watch = new BrokerWatch(broker, "gone-watch")) {
            try (FleetInProcess unit = FleetInProcess.start(folder, broker, "s1", "u1", "dev-a", Map.of())) {
                awaitRetained(broker, "devices/dev-a", true);

                // the device goes while the unit runs: its configuration is deleted
                ConfigurationAdmin admin = unit.configurationAdmin();
                Configuration[] sims = admin.listConfigurations("(service.factoryPid=org.bootctl.sim.device)");
                assertEquals(1, sims.length, "the simulator's one device configuration");
                sims[0].delete();
                watch.await(m -> m.topic().equals(BASE + "devices/dev-a") && m.payload().isEmpty(), WAIT,
                        "an empty message on devices/dev-a");
                awaitRetained(broker, "devices/dev-a", false);
                watch.await(m -> m.topic().equals(BASE + "status") && m.payload().contains("\"devices\":[]"), WAIT,
                        "status without dev-a");

                // another device comes, then the unit stops with it
                Configuration b = admin.getFactoryConfiguration("org.bootctl.sim.device", "b", "?");
                b.update(new Hashtable<>(Map.of("id", "dev-b", "model", "RB2-L5", "faults", "", "virtualTime", "false")));
                awaitRetained(broker, "devices/dev-b", true);
            }
            watch.await(m -> m.topic().equals(BASE + "status") && m.payload().contains("\"offline\""), WAIT, "offline");
            assertTrue(FleetContractIT.retained(broker, BASE + "devices/dev-b").isPresent(),
                    "a clean stop keeps the devices' messages: the device is not gone, the unit is offline");

            // back without dev-b (its configuration was never in the feature): dev-b is emptied, dev-a is back
            try (FleetInProcess unit = FleetInProcess.start(folder, broker, "s1", "u1", "dev-a", Map.of())) {
                awaitRetained(broker, "devices/dev-a", true);
                awaitRetained(broker, "devices/dev-b", false);
                assertEquals("[\"dev-a\"]", FleetContractIT.parse(FleetContractIT.retained(broker, BASE + "status")
                        .orElseThrow()).get("devices").toString());
            }
        }
    }

    /** Polls what a new subscriber gets until the retained message is there (with a payload) or not. */
    private static void awaitRetained(Mosquitto broker, String topic, boolean present) {
        Waits.until(BASE + topic + (present ? ": a retained message" : ": the retained message gone"), WAIT,
                () -> FleetContractIT.retained(broker, BASE + topic).isPresent() == present);
    }
}
