package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bootctl.testing.Waits;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message the database refuses whatever the hub's checks (here a CHECK constraint the test adds,
 * SQLSTATE 23513, standing for any value a database will never take) is refused alone: the
 * messages of its batch before and after it are stored, and the warning names its unit.
 */
class IngestRefusedOneTest {

    @TempDir
    Path folder;

    IngestRig rig;
    final List<String> warnings = new CopyOnWriteArrayList<>();
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            warnings.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Test
    void theRefusedMessageAloneIsDroppedAndTheRestOfItsBatchIsStored() throws Exception {
        rig = new IngestRig(folder, "");
        try (Connection c = rig.db.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE sessions ADD CONSTRAINT test_refuses CHECK (id <> 'r-refused')");
        }
        Logger.getLogger(Ingest.class.getName()).addHandler(handler);
        rig.hub("bootctl-hub-refused", new Ingest.Listener() {
        });
        MqttClient unit = rig.unit();
        String topic = "bootctl/v1/s1/u7/records";
        rig.publishUntilStored(unit, topic, record("r-0"), "r-0");
        // back to back, so they mostly share a batch: stored one by one once the database refuses it
        for (String id : List.of("r-1", "r-refused", "r-2", "r-3")) {
            unit.publish(topic, record(id).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        Waits.holdsWithin("the records around the refused one stored", Duration.ofSeconds(30),
                () -> rig.stored("r-1") && rig.stored("r-2") && rig.stored("r-3"));
        unit.disconnect();
        unit.close();
        assertTrue(rig.stored("r-1") && rig.stored("r-2") && rig.stored("r-3"), "the records around the refused one are stored");
        assertFalse(rig.stored("r-refused"));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("refused a message from unit s1/u7") && w.contains("23513")),
                "the warning names the unit and the database's reason: " + warnings);
    }

    private static String record(String id) {
        return "{\"id\":\"" + id + "\",\"deviceId\":\"d1\",\"state\":\"COMPLETED\",\"end\":\"2026-12-06T10:20:00Z\"}";
    }

    @AfterEach
    void stop() throws Exception {
        Logger.getLogger(Ingest.class.getName()).removeHandler(handler);
        if (rig != null) {
            rig.close();
        }
    }
}
