package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
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

    Process broker;
    Ingest ingest;
    Database db;
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
        boolean installed = new File("/usr/sbin/mosquitto").canExecute();
        assertTrue(installed || System.getenv("CI") == null, "mosquitto is missing: install the Debian package mosquitto");
        assumeTrue(installed, "mosquitto is not installed");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = folder.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\nmax_inflight_messages 1000\n"
                + "user " + System.getProperty("user.name") + "\n");
        broker = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("mosquitto.log").toFile()).start();
        db = Database.open("", "", "", folder);
        Migrations.run(db);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE sessions ADD CONSTRAINT test_refuses CHECK (id <> 'r-refused')");
        }
        Logger.getLogger(Ingest.class.getName()).addHandler(handler);
        ingest = new Ingest("tcp://127.0.0.1:" + port, "bootctl-hub-refused", null, null, null, new Store(db), new Ingest.Listener() {
        });
        ingest.start();
        MqttClient unit = new MqttClient("tcp://127.0.0.1:" + port, "unit", new MemoryPersistence());
        unit.connect();
        String topic = "bootctl/v1/s1/u7/records";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!stored("r-0") && System.nanoTime() < deadline) {
            unit.publish(topic, record("r-0").getBytes(StandardCharsets.UTF_8), 1, false);
            Thread.sleep(300);
        }
        assertTrue(stored("r-0"), "the hub stores a plain record");
        // back to back, so they mostly share a batch: stored one by one once the database refuses it
        for (String id : List.of("r-1", "r-refused", "r-2", "r-3")) {
            unit.publish(topic, record(id).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(stored("r-1") && stored("r-2") && stored("r-3")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        unit.disconnect();
        unit.close();
        assertTrue(stored("r-1") && stored("r-2") && stored("r-3"), "the records around the refused one are stored");
        assertFalse(stored("r-refused"));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("refused a message from unit s1/u7") && w.contains("23513")),
                "the warning names the unit and the database's reason: " + warnings);
    }

    private static String record(String id) {
        return "{\"id\":\"" + id + "\",\"deviceId\":\"d1\",\"state\":\"COMPLETED\",\"end\":\"2026-12-06T10:20:00Z\"}";
    }

    private boolean stored(String id) throws Exception {
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM sessions WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1) == 1;
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        Logger.getLogger(Ingest.class.getName()).removeHandler(handler);
        if (ingest != null) {
            ingest.close();
        }
        if (db != null) {
            db.close();
        }
        if (broker != null) {
            broker.destroy();
            broker.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
