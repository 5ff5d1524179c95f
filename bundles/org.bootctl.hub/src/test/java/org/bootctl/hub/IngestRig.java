package org.bootctl.hub;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.bootctl.testing.Tools;
import org.bootctl.testing.Waits;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A real Mosquitto on a free loopback port and the hub's H2 store in a folder, for the ingest
 * tests: what they share, so each test is only its records and what it checks.
 */
final class IngestRig implements AutoCloseable {

    final int port;
    final Database db;
    private final Process broker;
    private Ingest hub;

    /** Mosquitto with {@code extraConf} lines (fails under CI=true without it, skips elsewhere); H2 migrated. */
    IngestRig(Path folder, String extraConf) throws Exception {
        Tools.require(Tools.onPath("mosquitto"), "mosquitto", "apt-get install mosquitto");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = folder.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\nmax_inflight_messages 1000\n"
                + extraConf + "user " + System.getProperty("user.name") + "\n");
        broker = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("mosquitto.log").toFile()).start();
        db = Database.open("", "", "", folder);
        Migrations.run(db);
    }

    /** A hub's ingest on this broker and store, started; closed with the rig. */
    Ingest hub(String clientId, Ingest.Listener listener) throws MqttException {
        hub = new Ingest(broker(), clientId, null, null, null, new Store(db), listener);
        hub.start();
        return hub;
    }

    String broker() {
        return "tcp://127.0.0.1:" + port;
    }

    /** A unit's client, once the broker takes connections. */
    MqttClient unit() throws Exception {
        MqttClient unit = new MqttClient(broker(), "unit", new MemoryPersistence());
        Waits.until("the broker takes connections", 20_000, () -> {
            try {
                unit.connect();
                return true;
            } catch (MqttException notYet) {
                return false;
            }
        });
        return unit;
    }

    /** Publishes the record until the hub has stored it: the hub may not be subscribed yet. */
    void publishUntilStored(MqttClient unit, String topic, String record, String id) throws Exception {
        Waits.until("the hub stores a plain record", 30_000, () -> {
            if (stored(id)) {
                return true;
            }
            unit.publish(topic, record.getBytes(StandardCharsets.UTF_8), 1, false);
            return false;
        });
    }

    boolean stored(String id) throws Exception {
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM sessions WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1) == 1;
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (hub != null) {
            hub.close();
        }
        db.close();
        broker.destroy();
        broker.waitFor(5, TimeUnit.SECONDS);
    }
}
