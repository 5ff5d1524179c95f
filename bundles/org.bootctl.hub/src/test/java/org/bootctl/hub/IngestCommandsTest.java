package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bootctl.testing.Waits;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's "what is stored": events, among them remote commands. The hub stores each command a
 * unit is sent ({@code cmd/{verb}}) and each reply, as {@code command} and {@code command-reply}
 * events linked by the requestId; the same message taken again is stored once; the reply still
 * reaches the e-stops at once, and the live stream hears of both.
 */
class IngestCommandsTest {

    @TempDir
    Path folder;

    IngestRig rig;
    final List<JsonObject> live = new CopyOnWriteArrayList<>();
    final List<JsonObject> replies = new CopyOnWriteArrayList<>();

    @Test
    void aCommandAndItsReplyAreStoredOnceEachAsEvents() throws Exception {
        rig = new IngestRig(folder, "");
        rig.hub("bootctl-hub-commands", new Ingest.Listener() {
            @Override
            public void event(String site, String unit, JsonObject event) {
                live.add(event);
            }

            @Override
            public void reply(String site, String unit, JsonObject reply) {
                replies.add(reply);
            }
        });
        MqttClient unit = rig.unit();
        String command = "{\"device\":\"d1\",\"requestId\":\"r-1\"}";
        String reply = "{\"requestId\":\"r-1\",\"status\":200,\"body\":{\"id\":\"d1\",\"state\":\"FAULT\"}}";
        Waits.until("the hub stores a command", 30_000, () -> {
            if (rows("command").size() == 1) {
                return true;
            }
            unit.publish("bootctl/v1/s1/u7/cmd/estop", command.getBytes(StandardCharsets.UTF_8), 1, false);
            return false; // the hub may not be subscribed yet
        });
        unit.publish("bootctl/v1/s1/u7/reply", reply.getBytes(StandardCharsets.UTF_8), 1, false);
        // the same command again (as a resend carries it), then another on its topic: once that one is
        // stored, the writer has handled the resend too (a topic's messages come and are stored in order)
        unit.publish("bootctl/v1/s1/u7/cmd/estop", command.getBytes(StandardCharsets.UTF_8), 1, false);
        unit.publish("bootctl/v1/s1/u7/cmd/estop", "{\"device\":\"d2\",\"requestId\":\"r-2\"}".getBytes(StandardCharsets.UTF_8),
                1, false);
        unit.publish("bootctl/v1/s1/u7/cmd/stop", "{\"session\":\"s-9\",\"requestId\":\"r-3\"}".getBytes(StandardCharsets.UTF_8),
                1, false);
        Waits.until("the other commands and the reply stored", 30_000,
                () -> rows("command").size() == 3 && rows("command-reply").size() == 1);
        unit.disconnect();
        unit.close();

        List<Row> commands = rows("command");
        assertEquals(List.of("r-1", "r-2", "r-3"), commands.stream().map(r -> r.payload().get("requestId").getAsString()).sorted().toList(),
                "the resent command is stored once: " + commands);
        Row estop = commands.stream().filter(r -> r.payload().get("requestId").getAsString().equals("r-1")).findFirst().orElseThrow();
        assertEquals("d1", estop.device());
        assertEquals("estop", estop.payload().get("command").getAsString());
        assertEquals(JsonParser.parseString(command), estop.payload().get("body"), "the command as it was sent");
        Row stop = commands.stream().filter(r -> r.payload().get("requestId").getAsString().equals("r-3")).findFirst().orElseThrow();
        assertEquals("stop", stop.payload().get("command").getAsString(), "the verb is the topic's");
        assertNull(stop.device(), "a stop names a session, not a device");

        List<Row> stored = rows("command-reply");
        assertEquals(1, stored.size(), "the reply is stored once: " + stored);
        assertEquals("d1", stored.get(0).device(), "the reply names the device its body is");
        assertEquals("r-1", stored.get(0).payload().get("requestId").getAsString());
        assertEquals(200, stored.get(0).payload().get("status").getAsInt());

        assertEquals(1, replies.size(), "the reply went to the e-stops: " + replies);
        Waits.until("the live stream told of the three commands and the reply", 10_000, () -> live.size() == 4);
        for (JsonObject event : live) {
            assertNotNull(event.get("time"), "a live event has the time it was stored: " + event);
            assertEquals("s1", event.get("site").getAsString());
        }
        assertTrue(live.stream().anyMatch(e -> e.get("event").getAsString().equals("command-reply")), live.toString());
    }

    record Row(String device, JsonObject payload) {
    }

    private List<Row> rows(String event) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection c = rig.db.connect(); PreparedStatement p = c.prepareStatement(
                "SELECT device, payload FROM events WHERE site = 's1' AND unit = 'u7' AND event = ? ORDER BY id")) {
            p.setString(1, event);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), JsonParser.parseString(r.getString(2)).getAsJsonObject()));
                }
            }
        }
        return rows;
    }

    @AfterEach
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }
}
