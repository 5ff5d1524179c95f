package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.bootctl.testing.Waits;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * repro (rev-fleet): one record that the database refuses with an SQLException (not a
 * RuntimeException) stops the hub's ingest for good. Here: a record of 170 KB (within the
 * 256 KiB message_size_limit docs/FLEET.md sets) whose endReason holds raw control characters;
 * Gson's toString() escapes each as \\u0001 (6 characters), so the payload column gets over
 * 1,000,000 characters, H2 (and PostgreSQL) refuse it (SQLSTATE 22001), Ingest.store retries the
 * whole batch every second forever and nothing published after it is ever stored or acknowledged.
 */
class IngestPoisonTest {

    @TempDir
    Path folder;

    IngestRig rig;

    @Test
    void aRecordTheDatabaseRefusesDoesNotStopEveryLaterRecord() throws Exception {
        rig = new IngestRig(folder, "message_size_limit 262144\n");
        rig.hub("bootctl-hub-poison", new Ingest.Listener() {
        });
        MqttClient unit = rig.unit();
        String topic = "bootctl/v1/s1/u1/records";
        rig.publishUntilStored(unit, topic, record("r-0", "completed"), "r-0");

        String poison = record("r-1", "\u0001".repeat(170_000));
        assertTrue(poison.getBytes(StandardCharsets.UTF_8).length < 262_144, "within the broker's message_size_limit");
        unit.publish(topic, poison.getBytes(StandardCharsets.UTF_8), 1, false);
        unit.publish(topic, record("r-2", "completed").getBytes(StandardCharsets.UTF_8), 1, false);

        boolean stored = Waits.holdsWithin("r-2 stored", Duration.ofSeconds(20), () -> rig.stored("r-2"));
        unit.disconnect();
        unit.close();
        assertTrue(stored, "a record published after one the database refused is stored too");
    }

    private static String record(String id, String reason) {
        return "{\"id\":\"" + id + "\",\"deviceId\":\"d1\",\"programId\":\"p\",\"state\":\"COMPLETED\",\"endReason\":\""
                + reason + "\",\"start\":\"2026-12-06T10:00:00Z\",\"end\":\"2026-12-06T10:20:00Z\"}";
    }

    @AfterEach
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }
}
