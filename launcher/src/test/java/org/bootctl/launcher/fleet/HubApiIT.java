package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bootctl.tools.bench.LocalPostgres;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's REST API and live stream as docs/HUB.md gives them, fed by a fake unit on a real
 * Mosquitto (the broker's admin publishing what a unit publishes), and bootctl hub's bad options.
 */
@Tag("broker")
@Tag("database")
class HubApiIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    void theApiAnswersAsDocumentedAndTheEstopReportsWhichDevicesConfirmed() throws Exception {
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), null);
             HubProcess hub = HubProcess.start(folder, "a", broker.url(), null)) {
            theApiAnswersAsDocumented(hub, broker);
        }
    }

    /** The same on PostgreSQL: every query and the session_days sums are the database's own SQL. */
    @Test
    void theApiAnswersAsDocumentedOnPostgresql() throws Exception {
        try (LocalPostgres pg = Postgres.start();
             Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), null);
             HubProcess hub = HubProcess.start(folder, "a", broker.url(), pg.url(), "--var", "hub-db-user=" + Postgres.USER,
                     "--var", "hub-db-password-file=" + pg.passwordFile(folder))) {
            theApiAnswersAsDocumented(hub, broker);
        }
    }

    private void theApiAnswersAsDocumented(HubProcess hub, Mosquitto broker) throws Exception {
        {
            BrokerWatch unit = new BrokerWatch(broker, "fake-unit");
            try {
                // the live stream, opened before anything happens
                HttpClient http = HttpClient.newHttpClient();
                String base = hub.process().out().stream().filter(l -> l.startsWith("bootctl ready:")).findFirst().orElseThrow()
                        .replaceAll(".*(http://\\S+?)/?$", "$1");
                // joined before anything is published: the hub answers a stream's headers only once it is listening
                HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/api/fleet/events"))
                        .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofInputStream());

                unit.publish("bootctl/v1/s1/u1/status", "{\"state\":\"online\",\"version\":\"0.1.0\",\"since\":\"2026-12-06T08:00:00Z\",\"devices\":[\"d1\"]}", true);
                unit.publish("bootctl/v1/s1/u1/devices/d1", "{\"id\":\"d1\",\"model\":\"RB2-L5\",\"firmware\":\"2.1.0\",\"state\":\"RUNNING\","
                        + "\"session\":\"x1\",\"program\":\"sequential\",\"remainingMs\":90000,\"fault\":null}", true);
                Instant end = Instant.now().minusSeconds(60);
                String record = "{\"id\":\"r-1\",\"deviceId\":\"d1\",\"model\":\"RB2-L5\",\"programId\":\"sequential\",\"start\":\""
                        + end.minusSeconds(1200) + "\",\"end\":\"" + end + "\",\"state\":\"FAULT\",\"endReason\":\"fault\",\"client\":\"c-9\"}";
                unit.publish("bootctl/v1/s1/u1/records", record, false);
                unit.publish("bootctl/v1/s1/u1/records", record, false); // at least once: sent again
                // a last record: once it is in, the copy before it was handled (one topic, in order)
                unit.publish("bootctl/v1/s1/u1/records", record.replace("r-1", "r-0").replace("FAULT", "COMPLETED")
                        .replace(end.toString(), end.minusSeconds(3600).toString()).replace("c-9", "c-8"), false);

                JsonObject u = awaitUnit(hub);
                assertEquals("online", u.get("state").getAsString());
                JsonObject d = u.getAsJsonArray("devices").get(0).getAsJsonObject();
                assertEquals("2.1.0", d.get("firmware").getAsString());
                assertEquals(90, d.get("remainingS").getAsInt());
                assertEquals(404, hub.get("/api/fleet/units/s1/nope").statusCode());

                JsonArray sessions = awaitSessions(hub);
                assertEquals(2, sessions.size(), "the record sent twice is stored once: " + sessions);
                JsonObject s = sessions.get(0).getAsJsonObject();
                assertEquals("r-1", s.get("id").getAsString());
                assertEquals("s1", s.get("site").getAsString());
                assertEquals("u1", s.get("unit").getAsString());
                assertEquals(0, hub.array("/api/fleet/sessions?site=s2").size());
                assertEquals(1, hub.array("/api/fleet/sessions?client=c-9&reason=fault").size());
                assertEquals(400, hub.get("/api/fleet/sessions?limit=1001").statusCode());
                assertEquals(400, hub.get("/api/fleet/sessions?from=yesterday").statusCode());
                // a time no database holds (PostgreSQL: no year past 294276) is a client's, answered as the years stored
                assertEquals(2, hub.array("/api/fleet/sessions?to=%2B999999999-12-31T00:00:00Z").size());
                assertEquals(2, hub.array("/api/fleet/sessions?from=-999999999-01-01T00:00:00Z").size());
                // every answer, the page's too, keeps other sites from framing it (its STOP buttons send at once)
                HttpResponse<String> page = hub.get("/");
                assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(null), page.headers().toString());
                assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
                assertEquals("nosniff", hub.get("/api/fleet/units").headers().firstValue("X-Content-Type-Options").orElse(null));
                // a file the dashboard does not have: the hub's JSON error, not the container's HTML page
                HttpResponse<String> missing = hub.get("/dashboard/nope.js");
                assertEquals(404, missing.statusCode());
                assertEquals("no such path", JsonParser.parseString(missing.body()).getAsJsonObject().get("error").getAsString(),
                        missing.body());
                HttpResponse<String> csv = hub.get("/api/fleet/sessions?format=csv");
                assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString());
                assertTrue(csv.body().lines().skip(1).anyMatch(l -> l.startsWith("s1,u1,r-1,d1,")), csv.body());

                JsonObject usage = JsonParser.parseString(hub.get("/api/fleet/utilisation?days=3").body()).getAsJsonObject();
                assertEquals(3, usage.getAsJsonArray("units").get(0).getAsJsonObject().getAsJsonArray("days").size());
                assertEquals(400, hub.get("/api/fleet/utilisation?days=0").statusCode());
                JsonObject byFirmware = hub.array("/api/fleet/faults?by=firmware").get(0).getAsJsonObject();
                assertEquals("2.1.0", byFirmware.get("key").getAsString());
                assertEquals(2, byFirmware.get("sessions").getAsInt());
                assertEquals(50.0, byFirmware.get("per100").getAsDouble(), 0.01);
                assertEquals(400, hub.get("/api/fleet/faults?by=colour").statusCode());
                JsonObject client = JsonParser.parseString(hub.get("/api/fleet/clients/c-9").body()).getAsJsonObject();
                assertEquals(1, client.getAsJsonArray("sessions").size());
                assertEquals(20.0, client.getAsJsonArray("weeks").get(0).getAsJsonObject().get("minutes").getAsDouble(), 0.01);

                // the live stream saw the unit and the record
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    assertEquals(200, stream.statusCode());
                    boolean unitEvent = false;
                    boolean recordEvent = false;
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (!(unitEvent && recordEvent) && System.nanoTime() - deadline < 0) {
                        String line = lines.readLine();
                        unitEvent |= "event: unit".equals(line);
                        recordEvent |= "event: record".equals(line);
                    }
                    assertTrue(unitEvent && recordEvent, "unit and record events on the stream");
                }

                // the e-stop: confirmed by what the unit publishes after it (docs/FLEET.md), each way in turn
                String units = "{\"site\":\"s1\",\"unit\":\"u1\"}";
                String d1 = "{\"site\":\"s1\",\"unit\":\"u1\",\"device\":\"d1\"}";
                JsonObject byState = estop(hub, unit, units, (id, fake) -> {
                    fake.publish("bootctl/v1/s1/u1/reply", reply(id, "[]"), false);
                    fake.publish("bootctl/v1/s1/u1/devices/d1", "{\"id\":\"d1\",\"model\":\"RB2-L5\",\"firmware\":\"2.1.0\","
                            + "\"state\":\"STOPPED\",\"session\":\"x1\",\"program\":\"sequential\",\"remainingMs\":0,\"fault\":null}", true);
                });
                assertEquals("d1", byState.get("device").getAsString());
                assertTrue(byState.get("confirmed").getAsBoolean(), byState.toString());
                assertEquals("state", byState.get("confirmedBy").getAsString(), byState.toString());
                assertEquals("STOPPED", byState.get("state").getAsString(), byState.toString());

                JsonObject stillRunning = estop(hub, unit, d1, (id, fake) ->
                        fake.publish("bootctl/v1/s1/u1/reply", reply(id, "{\"id\":\"d1\",\"state\":\"RUNNING\"}"), false));
                assertFalse(stillRunning.get("confirmed").getAsBoolean(), "a 200 naming the device running is no stop: " + stillRunning);
                assertFalse(stillRunning.has("confirmedBy"), stillRunning.toString());

                JsonObject byReply = estop(hub, unit, d1, (id, fake) ->
                        fake.publish("bootctl/v1/s1/u1/reply", reply(id, "{\"id\":\"d1\",\"state\":\"STOPPED\"}"), false));
                assertTrue(byReply.get("confirmed").getAsBoolean(), byReply.toString());
                assertEquals("reply", byReply.get("confirmedBy").getAsString(), byReply.toString());

                JsonObject byEvent = estop(hub, unit, d1, (id, fake) -> fake.publish("bootctl/v1/s1/u1/events", "{\"event\":\"estop\",\"time\":\""
                        + Instant.now() + "\",\"site\":\"s1\",\"unit\":\"u1\",\"device\":\"d1\",\"session\":\"x1\",\"fault\":null}", false));
                assertTrue(byEvent.get("confirmed").getAsBoolean(), byEvent.toString());
                assertEquals("event", byEvent.get("confirmedBy").getAsString(), byEvent.toString());

                assertEquals(404, hub.post("/api/fleet/estop", "application/json", "{\"site\":\"s9\"}").statusCode());
                assertEquals(400, hub.post("/api/fleet/estop", "application/json", "{\"site\":\"S 1\"}").statusCode());
                assertEquals(400, hub.post("/api/fleet/estop", "application/json", "[1]").statusCode());
                assertEquals(415, hub.post("/api/fleet/estop", "text/plain", "{\"site\":\"s1\"}").statusCode());
                assertEquals(413, hub.post("/api/fleet/estop", "application/json", "{\"site\":\"" + "x".repeat(20_000) + "\"}").statusCode());
                assertEquals(405, hub.post("/api/fleet/units", "application/json", "{}").statusCode());
                // a page elsewhere, and a foreign Host (DNS rebinding)
                URI api = URI.create(base);
                try (java.net.Socket socket = new java.net.Socket(api.getHost(), api.getPort())) {
                    socket.getOutputStream().write(("GET /api/fleet/units HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
                    assertTrue(answer.contains("\"error\""), answer);
                }
            } finally {
                unit.close();
            }
        }
    }

    /** What the fake unit publishes once it has the stop's command (its requestId). */
    interface Answer {
        void to(String requestId, BrokerWatch unit) throws Exception;
    }

    /** POST /api/fleet/estop while the fake unit answers as {@code answer} says; the answer's one device. */
    private static JsonObject estop(HubProcess hub, BrokerWatch unit, String body, Answer answer) throws Exception {
        String topic = "bootctl/v1/s1/u1/cmd/estop";
        int seen = unit.on(topic).size();
        Thread replier = new Thread(() -> {
            try {
                unit.await(m -> unit.on(topic).size() > seen, WAIT, "the e-stop");
                BrokerWatch.Message cmd = unit.on(topic).get(seen);
                answer.to(cmd.json().get("requestId").getAsString(), unit);
            } catch (Exception | AssertionError e) {
                // the assertions on the answer say it
            }
        });
        replier.start();
        HttpResponse<String> estop = hub.post("/api/fleet/estop", "application/json", body);
        replier.join();
        assertEquals(200, estop.statusCode(), estop.body());
        JsonArray devices = JsonParser.parseString(estop.body()).getAsJsonObject().getAsJsonArray("devices");
        assertEquals(1, devices.size(), estop.body());
        return devices.get(0).getAsJsonObject();
    }

    private static String reply(String requestId, String body) {
        return "{\"requestId\":\"" + requestId + "\",\"status\":200,\"body\":" + body + "}";
    }

    /**
     * issue 17: {@code bootctl hub --bind ADDR --token T} runs beyond loopback with its token (the
     * token went into the hub's configuration, but the launcher looked for it in the web UI's, so the
     * hub refused to start, exit 2, for want of the token it was given). A request that comes from
     * another address than loopback needs the token; this machine's own loopback does not.
     */
    @Test
    void aHubBeyondLoopbackStartsWithItsToken() throws Exception {
        String token = "hub-token-0123456789";
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), null);
             HubProcess hub = HubProcess.start(folder, "a", broker.url(), null, "--bind", "0.0.0.0", "--token", token)) {
            String port = hub.process().out().stream().filter(l -> l.startsWith("bootctl ready:")).findFirst().orElseThrow()
                    .replaceAll(".*:(\\d+)/?$", "$1");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> local = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/fleet/units"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, local.statusCode(), "this machine, on loopback: " + local.body());
            java.util.Optional<java.net.InetAddress> other = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
                    .stream().flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                    .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()).findFirst();
            if (other.isPresent()) { // a request from this machine's own other address counts as another machine's
                URI units = URI.create("http://" + other.get().getHostAddress() + ":" + port + "/api/fleet/units");
                HttpResponse<String> without = http.send(HttpRequest.newBuilder(units).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, without.statusCode(), "no token from " + units + ": " + without.body());
                HttpResponse<String> with = http.send(HttpRequest.newBuilder(units).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, with.statusCode(), "with the token: " + with.body());
            }
        }
    }

    /**
     * PostgreSQL restarted (maintenance, an update): the connections the hub's pool kept are ended, and
     * each was handed out twice more, failing: up to 16 requests were answered 503 "the hub's database
     * does not answer" (and logged with a stack trace) although it answered again. None is now.
     */
    @Test
    void aRestartOfPostgresqlCostsNoAnswer() throws Exception {
        try (LocalPostgres pg = Postgres.start();
             Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), null);
             HubProcess hub = HubProcess.start(folder, "a", broker.url(), pg.url(), "--var", "hub-db-user=" + Postgres.USER,
                     "--var", "hub-db-password-file=" + pg.passwordFile(folder))) {
            java.util.concurrent.ExecutorService many = java.util.concurrent.Executors.newFixedThreadPool(8);
            try { // the pool fills with connections, as with a dashboard's requests
                List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    answers.add(many.submit(() -> hub.get("/api/fleet/units").statusCode()));
                }
                for (java.util.concurrent.Future<Integer> answer : answers) {
                    assertEquals(200, answer.get());
                }
            } finally {
                many.shutdownNow();
            }
            pg.restart();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> units = hub.get("/api/fleet/units");
                assertEquals(200, units.statusCode(), "request " + (i + 1) + " after the restart: " + units.body());
            }
        }
    }

    /**
     * The fleet e-stop needs no token, so any client may send its headers and then nothing: 250 of them
     * held every thread of the hub, which answered nothing at all, the e-stop included, until the
     * server's idle timeout (60 s) let them go. Its body is read without a thread waiting for it now,
     * and a body not there within 5 s is answered 408.
     */
    @Test
    void silentClientsHoldNoThreadOfTheHub() throws Exception {
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), null);
             HubProcess hub = HubProcess.start(folder, "a", broker.url(), null)) {
            int port = Integer.parseInt(hub.process().out().stream().filter(l -> l.startsWith("bootctl ready:")).findFirst()
                    .orElseThrow().replaceAll(".*:(\\d+)/?$", "$1"));
            List<java.net.Socket> silent = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 250; i++) {
                    java.net.Socket socket = new java.net.Socket("127.0.0.1", port);
                    socket.getOutputStream().write(("POST /api/fleet/estop HTTP/1.1\r\nHost: 127.0.0.1:" + port
                            + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    silent.add(socket);
                }
                HttpClient http = HttpClient.newHttpClient();
                Duration within = Duration.ofSeconds(30); // half the idle timeout that let the silent ones go before
                HttpResponse<String> units = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/fleet/units"))
                        .timeout(within).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, units.statusCode(), units.body());
                HttpResponse<String> stop = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/fleet/estop"))
                        .timeout(within).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"site\":\"s9\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(404, stop.statusCode(), "the e-stop is answered (no unit of s9 is known): " + stop.body());
                // what the server refuses itself (no Host header) is the hub's JSON too, not Jetty's HTML page,
                // with Jetty's reason when it is plain words, as bootctl run answers it
                try (java.net.Socket bare = new java.net.Socket("127.0.0.1", port)) {
                    bare.setSoTimeout((int) within.toMillis());
                    bare.getOutputStream().write("GET /api/fleet/units HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    String answer = new String(bare.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(answer.startsWith("HTTP/1.1 400 ") && answer.contains("application/json")
                            && answer.endsWith("{\"error\":\"the request cannot be read: No Host\",\"details\":[]}"), answer);
                }
                java.net.Socket first = silent.get(0);
                first.setSoTimeout((int) within.toMillis());
                String status = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertEquals("HTTP/1.1 408 Request Timeout", status, "a body not there within 5 s");
            } finally {
                for (java.net.Socket socket : silent) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void badOptionsEndWithExit2() {
        var distribution = TestDistribution.real();
        for (String[] args : List.of(
                new String[] {"hub"},
                new String[] {"hub", "--broker", "http://x"},
                new String[] {"hub", "--broker", "mqtt://127.0.0.1:1", "--db", "jdbc:mysql://x/y"},
                new String[] {"hub", "--broker", "mqtt://127.0.0.1:1", "--db", "jdbc:postgresql://x/y?password=p"},
                new String[] {"hub", "--broker", "mqtt://127.0.0.1:1", "--port", "70000"},
                new String[] {"hub", "--broker", "mqtt://127.0.0.1:1", "--bind", "0.0.0.0"},
                new String[] {"hub", "--broker", "mqtt://127.0.0.1:1", "--var", "hub-db-password-file=/no/such/file"})) {
            Cli.Result r = Cli.run(distribution, args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r);
            assertFalse(r.err().isBlank(), "says why: " + r);
        }
        Cli.Result help = Cli.run(distribution, "hub", "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().contains("--broker") && help.out().contains("--db"), help.out());
    }

    private static JsonObject awaitUnit(HubProcess hub) throws Exception {
        Waits.until("the unit with its device", WAIT, () -> hub.array("/api/fleet/units"),
                units -> units.size() == 1 && units.get(0).getAsJsonObject().getAsJsonArray("devices").size() == 1);
        return JsonParser.parseString(hub.get("/api/fleet/units/s1/u1").body()).getAsJsonObject();
    }

    private static JsonArray awaitSessions(HubProcess hub) {
        return Waits.until("the record", WAIT, () -> hub.array("/api/fleet/sessions"), sessions -> sessions.asList()
                .stream().anyMatch(r -> r.getAsJsonObject().get("id").getAsString().equals("r-0")));
    }
}
