package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every topic of the fleet's contract (docs/FLEET.md, issue 16) as a tool outside bootctl sees it,
 * through a Mosquitto with users and an ACL: status (retained, online, offline on a clean stop),
 * devices/{device} (retained, the REST API's device object), telemetry (QoS 0), events, records,
 * commands with remote control on (answers as the REST API's, a bad body 400), and program rollout
 * (site over all, a unit's own programs/ file over both, invalid programs, removal).
 */
@Tag("realtime")
@Tag("broker")
class FleetContractIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String BASE = "bootctl/v1/s1/u1/";
    static final String PROGRAM = """
            {"id": "%s", "name": "%s", "version": "1.0", "zones": {"min": 2, "max": 8},
             "cycle": [{"fill": "all", "to": "100%%", "hold": 5}, {"vent": "all"}]}""";

    @TempDir
    Path folder;

    @Test
    void everyTopicAsTheContractSays() throws Exception {
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), null);
             BrokerWatch watch = new BrokerWatch(broker, "contract-watch")) {
            FleetController unit = FleetController.start(folder, broker.url(), "s1", "u1",
                    "--var", "fleet-control=true", "--var", "fleet-telemetry-hz=2");
            try {
                // status: retained, online, the version, since when, the devices
                JsonObject status = watch.await(m -> m.topic().equals(BASE + "status") && m.payload().contains("online"),
                        WAIT, "status online").json();
                assertEquals("0.1.0", status.get("version").getAsString());
                Instant.parse(status.get("since").getAsString());
                assertEquals("[\"u1-dev\"]", status.get("devices").toString());
                assertTrue(retained(broker, BASE + "status").orElseThrow().contains("\"online\""), "status is retained");

                // devices/{device}: the REST API's device object, retained
                // compared with the newest device message once it agrees: a fault latched on a busy machine as the
                // unit starts changes both, one after the other
                watch.await(m -> m.topic().equals(BASE + "devices/u1-dev"), WAIT, "device");
                JsonObject rest = Waits.until("devices/u1-dev as GET /api/devices/u1-dev", WAIT,
                        () -> unit.get("/devices/u1-dev").getAsJsonObject(), r -> sameFields(r, newest(watch, BASE + "devices/u1-dev")));
                JsonObject device = newest(watch, BASE + "devices/u1-dev");
                for (String field : rest.keySet()) {
                    assertEquals(rest.get(field), device.get(field), "devices/u1-dev." + field + " as GET /api/devices/u1-dev");
                }
                assertTrue(device.has("program"), "the session's program");
                assertTrue(retained(broker, BASE + "devices/u1-dev").isPresent(), "devices/{device} is retained");

                // telemetry: QoS 0, not retained, the /api/events telemetry plus site and unit
                BrokerWatch.Message frame = watch.await(m -> m.topic().equals(BASE + "devices/u1-dev/telemetry"), WAIT,
                        "telemetry");
                assertEquals(0, frame.qos());
                assertFalse(frame.retained());
                JsonObject t = frame.json();
                for (String field : List.of("device", "session", "timeMs", "state", "pressures", "targets", "site", "unit", "time")) {
                    assertTrue(t.has(field), "telemetry has " + field + ": " + t);
                }
                assertEquals(10, t.getAsJsonArray("pressures").size(), "a pressure per channel of the RB2-L5");

                // commands with remote control on: answered as the REST API answers
                watch.publish(BASE + "cmd/start", "{\"requestId\":\"bad-1\",\"device\":\"u1-dev\",\"program\":\"sequential\","
                        + "\"level\":9,\"minutes\":1}", false);
                JsonObject bad = reply(watch, "bad-1");
                assertEquals(400, bad.get("status").getAsInt());
                assertTrue(bad.getAsJsonObject("body").get("error").getAsString().startsWith("level must be a whole number 1..7"),
                        bad.toString());
                assertEquals("level", bad.getAsJsonObject("body").getAsJsonArray("details").get(0).getAsJsonObject()
                        .get("field").getAsString());
                watch.publish(BASE + "cmd/reboot", "{\"requestId\":\"verb-1\"}", false);
                assertEquals(404, reply(watch, "verb-1").get("status").getAsInt());

                watch.publish(BASE + "cmd/start", "{\"requestId\":\"start-1\",\"device\":\"u1-dev\",\"program\":\"sequential\","
                        + "\"level\":2,\"minutes\":0,\"fitCheck\":false}", false);
                JsonObject started = reply(watch, "start-1");
                assertEquals(201, started.get("status").getAsInt(), started.toString());
                String session = started.getAsJsonObject("body").get("id").getAsString();
                assertEquals(rest(unit.get("/sessions/" + session)).get("program"), started.getAsJsonObject("body").get("program"));
                event(watch, "session-started", session);
                watch.await(m -> m.topic().equals(BASE + "devices/u1-dev") && m.payload().contains("\"session\":\"" + session + "\"")
                        && m.payload().contains("\"program\":\"sequential\""), WAIT, "the device with its session");

                watch.publish(BASE + "cmd/stop", "{\"requestId\":\"stop-1\",\"session\":\"" + session + "\"}", false);
                assertEquals(200, reply(watch, "stop-1").get("status").getAsInt());
                event(watch, "session-ended", session);
                BrokerWatch.Message record = watch.await(m -> m.topic().equals(BASE + "records")
                        && m.payload().contains("\"id\":\"" + session + "\""), WAIT, "the record");
                assertTrue(Files.readAllLines(unit.data().resolve("history.jsonl")).contains(record.payload()),
                        "the record is its line of history.jsonl");

                watch.publish(BASE + "cmd/estop", "{\"requestId\":\"estop-1\",\"device\":\"u1-dev\"}", false);
                assertEquals(200, reply(watch, "estop-1").get("status").getAsInt());
                event(watch, "estop", null);
                awaitClear(watch, unit);
                event(watch, "fault-cleared", null);

                // the audit log names the remote commands with site, unit and requestId
                String audit = Files.readString(unit.data().resolve("audit.jsonl"));
                assertTrue(audit.contains("\"source\":\"fleet s1/u1\"") && audit.contains("\"requestId\":\"start-1\"")
                        && audit.contains("\"requestId\":\"estop-1\""), audit);

                programs(watch, unit);
                watch.publish("bootctl/v1/s1/programs/keep-me", PROGRAM.formatted("keep-me", "Kept"), true);
                awaitProgram(unit, "keep-me", p -> p.get("valid").getAsBoolean());
            } finally {
                unit.stop();
            }
            // a clean stop says offline, retained
            watch.await(m -> m.topic().equals(BASE + "status") && m.payload().contains("\"offline\""), WAIT, "offline");
            assertTrue(retained(broker, BASE + "status").orElseThrow().contains("\"offline\""));

            // a program removed while the unit was away is gone once it is back (it is dropped 5 s after the
            // unit subscribes, which may be before the test first looks: its file is checked before instead)
            assertTrue(Files.exists(unit.data().resolve("fleet").resolve("programs").resolve("keep-me.json")),
                    "keep-me is on the unit's disk while it is away");
            watch.publish("bootctl/v1/s1/programs/keep-me", "", true);
            try (FleetController again = FleetController.start(folder, broker.url(), "s1", "u1")) {
                Waits.until("keep-me no longer listed after its removal while away", WAIT,
                        () -> find(again, "keep-me").isEmpty());
            }
        }
    }

    /** Rollout, precedence, invalid programs and removal, as the unit's program list shows them. */
    private void programs(BrokerWatch watch, FleetController unit) throws Exception {
        String program = PROGRAM;
        watch.publish("bootctl/v1/all/programs/roll", program.formatted("roll", "For all"), true);
        awaitProgram(unit, "roll", p -> p.get("valid").getAsBoolean() && p.get("name").getAsString().equals("For all")
                && p.get("source").getAsString().equals("fleet"));
        watch.publish("bootctl/v1/s1/programs/roll", program.formatted("roll", "For s1"), true);
        awaitProgram(unit, "roll", p -> p.get("name").getAsString().equals("For s1"));
        event(watch, "program-added", null);

        watch.publish("bootctl/v1/s1/programs/broken", "{\"id\": \"broken\", \"name\": 3}", true);
        awaitProgram(unit, "broken", p -> !p.get("valid").getAsBoolean());
        watch.await(m -> m.topic().equals(BASE + "events") && m.payload().contains("\"program-invalid\"")
                && m.payload().contains("\"broken\""), WAIT, "program-invalid for broken");
        watch.publish("bootctl/v1/s1/programs/other", program.formatted("not-other", "Mismatch"), true);
        awaitProgram(unit, "not-other", p -> !p.get("valid").getAsBoolean()
                && p.toString().contains("differs from the topic's id"));

        // the unit's own programs/ file wins over the fleet's
        Files.writeString(unit.data().resolve("programs").resolve("roll.json"), program.formatted("roll", "Local"));
        awaitProgram(unit, "roll", p -> p.get("source").getAsString().equals("file") && p.get("valid").getAsBoolean()
                && p.get("name").getAsString().equals("Local"));
        // (the fleet's roll is then listed invalid, "already used by the file programs/roll.json": ProgramFolderFleetTest)
        Files.delete(unit.data().resolve("programs").resolve("roll.json"));

        // removal: the site's goes, the all one comes back; then that goes too
        watch.publish("bootctl/v1/s1/programs/roll", "", true);
        awaitProgram(unit, "roll", p -> p.get("name").getAsString().equals("For all") && p.get("valid").getAsBoolean());
        watch.publish("bootctl/v1/all/programs/roll", "", true);
        Waits.until("roll no longer listed after its removal", WAIT, () -> find(unit, "roll").isEmpty());
        event(watch, "program-removed", null);
        for (String topic : List.of("bootctl/v1/s1/programs/broken", "bootctl/v1/s1/programs/other")) {
            watch.publish(topic, "", true);
        }
    }

    private static void awaitProgram(FleetController unit, String id, java.util.function.Predicate<JsonObject> wanted)
            throws Exception {
        // a program the engine has but the library does not list yet (it registers a file's program, then
        // publishes its entry) is shown for that moment without a source: the library's entry is awaited
        Waits.until("program " + id + " as expected", WAIT, () -> unit.get("/programs").getAsJsonArray(),
                all -> all.asList().stream().map(JsonElement::getAsJsonObject)
                        .filter(p -> !p.get("source").isJsonNull())
                        .anyMatch(p -> p.get("id").getAsString().equals(id) && wanted.test(p)));
    }

    private static Optional<JsonObject> find(FleetController unit, String id) throws Exception {
        for (JsonElement p : unit.get("/programs").getAsJsonArray()) {
            if (p.getAsJsonObject().get("id").getAsString().equals(id)) {
                return Optional.of(p.getAsJsonObject());
            }
        }
        return Optional.empty();
    }

    /** clear-fault once the estop's vent is done (409 while it is still applied). */
    private static void awaitClear(BrokerWatch watch, FleetController unit) throws Exception {
        AtomicInteger attempt = new AtomicInteger();
        JsonObject cleared = Waits.until("the fault cleared", WAIT, () -> {
            String requestId = "clear-" + attempt.getAndIncrement();
            watch.publish(BASE + "cmd/clear-fault", "{\"requestId\":\"" + requestId + "\",\"device\":\"u1-dev\"}", false);
            JsonObject reply = reply(watch, requestId);
            if (reply.get("status").getAsInt() != 200) {
                assertEquals(409, reply.get("status").getAsInt(), reply.toString());
            }
            return reply;
        }, reply -> reply.get("status").getAsInt() == 200);
        assertEquals(rest(unit.get("/devices/u1-dev")).get("id"), cleared.getAsJsonObject("body").get("id"));
    }

    private static JsonObject reply(BrokerWatch watch, String requestId) throws InterruptedException {
        BrokerWatch.Message m = watch.await(x -> x.topic().equals(BASE + "reply")
                && x.payload().contains("\"requestId\":\"" + requestId + "\""), WAIT, "reply to " + requestId);
        assertEquals(1, m.qos());
        return m.json();
    }

    private static void event(BrokerWatch watch, String type, String session) throws InterruptedException {
        JsonObject e = watch.await(m -> m.topic().equals(BASE + "events") && m.payload().contains("\"event\":\"" + type + "\"")
                && (session == null || m.payload().contains(session)), WAIT, "event " + type).json();
        assertEquals("s1", e.get("site").getAsString());
        assertEquals("u1", e.get("unit").getAsString());
        Instant.parse(e.get("time").getAsString());
    }

    private static JsonObject newest(BrokerWatch watch, String topic) {
        List<BrokerWatch.Message> on = watch.on(topic);
        return on.get(on.size() - 1).json();
    }

    private static boolean sameFields(JsonObject rest, JsonObject device) {
        return rest.keySet().stream().allMatch(field -> rest.get(field).equals(device.get(field)));
    }

    private static JsonObject rest(JsonElement e) {
        return e.getAsJsonObject();
    }

    /** What a new subscriber gets at once: the retained message, if any. */
    static Optional<String> retained(Mosquitto broker, String topic) throws Exception {
        org.eclipse.paho.client.mqttv3.MqttClient client = new org.eclipse.paho.client.mqttv3.MqttClient(
                "tcp://127.0.0.1:" + broker.port(), "retained-" + System.nanoTime(),
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        org.eclipse.paho.client.mqttv3.MqttConnectOptions options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        options.setUserName(Mosquitto.ADMIN);
        options.setPassword(Mosquitto.PASSWORD.toCharArray());
        client.connect(options);
        java.util.concurrent.BlockingQueue<String> got = new java.util.concurrent.LinkedBlockingQueue<>();
        client.subscribe(topic, 1, (t, m) -> {
            if (m.isRetained()) {
                got.add(new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        String payload = got.poll(3, java.util.concurrent.TimeUnit.SECONDS);
        client.disconnect();
        client.close();
        assertNotNull(topic);
        return Optional.ofNullable(payload);
    }

    static JsonObject parse(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }
}
