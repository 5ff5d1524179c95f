package org.bootctl.launcher.web;

import static org.bootctl.launcher.web.WebRuntime.array;
import static org.bootctl.launcher.web.WebRuntime.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API against the real web bundle, engine, programs and simulator in a real Felix. */
@Tag("realtime")
class WebApiIT {

    static final String QUICK = """
            {"device": "sim-1", "program": "sequential", "level": 2, "minutes": 1, "fitCheck": false, "ramp": false}""";

    @TempDir
    static Path data;
    static WebRuntime web;

    @BeforeAll
    static void start() throws Exception {
        web = WebRuntime.start(data, Map.of());
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @AfterEach
    void settle() throws InterruptedException {
        for (JsonElement device : array(web.get("/api/devices"))) {
            String id = device.getAsJsonObject().get("id").getAsString();
            String session = device.getAsJsonObject().get("session").isJsonNull() ? null
                    : device.getAsJsonObject().get("session").getAsString();
            if (session != null) {
                web.post("/api/sessions/" + session + "/stop", null);
            }
            web.settle(id);
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String words) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "errors are JSON: " + response.headers().map());
        JsonObject error = object(response);
        assertTrue(error.get("error").getAsString().contains(words), error.toString());
        assertTrue(error.get("details").isJsonArray(), error.toString());
    }

    private static String field(HttpResponse<String> response) {
        return object(response).getAsJsonArray("details").get(0).getAsJsonObject().get("field").getAsString();
    }

    @Test
    void devices() {
        JsonArray devices = array(web.get("/api/devices"));
        assertEquals(1, devices.size());
        JsonObject sim = devices.get(0).getAsJsonObject();
        assertEquals("sim-1", sim.get("id").getAsString());
        assertEquals("RB2-L5", sim.get("model").getAsString());
        assertEquals(2, sim.get("limbs").getAsInt());
        assertEquals(5, sim.getAsJsonArray("zones").size());
        assertEquals(10, sim.getAsJsonArray("channels").size());
        assertEquals("HOST", sim.get("regulation").getAsString());
        assertTrue(sim.getAsJsonObject("limits").get("hardLimitMmHg").getAsDouble() > 100);

        assertEquals(sim, object(web.get("/api/devices/sim-1")));
        assertError(web.get("/api/devices/nope"), 404, "nope");
    }

    @Test
    void programsAndPlanPreview() {
        JsonArray programs = array(web.get("/api/programs"));
        assertTrue(programs.size() >= 5, programs.toString());
        JsonObject sequential = object(web.get("/api/programs/sequential"));
        assertEquals("built-in", sequential.get("source").getAsString());
        assertTrue(sequential.get("valid").getAsBoolean());
        assertFalse(sequential.get("description").getAsString().isBlank());
        assertError(web.get("/api/programs/no-such-program"), 404, "no-such-program");

        JsonObject plan = object(web.get("/api/programs/sequential/plan?device=sim-1&level=3&boost=2"));
        assertEquals(5, plan.get("zones").getAsInt());
        assertEquals(57, plan.getAsJsonObject("settings").get("capMmHg").getAsDouble());
        double highest = 0;
        for (JsonElement step : plan.getAsJsonArray("steps")) {
            JsonArray actions = step.getAsJsonObject().getAsJsonArray("actions");
            assertEquals(5, actions.size());
            for (int z = 0; z < 5; z++) {
                double target = actions.get(z).getAsJsonObject().get("targetMmHg").getAsDouble();
                assertTrue(target <= (z == 1 ? 67 : 57), "zone " + (z + 1) + " target " + target + " within its limit");
                highest = Math.max(highest, target);
            }
        }
        assertEquals(67, highest, "the boosted zone 2 gets +10 mmHg");

        HttpResponse<String> badLevel = web.get("/api/programs/sequential/plan?device=sim-1&level=9");
        assertError(badLevel, 400, "level");
        assertEquals("level", field(badLevel));
        assertEquals("device", field(web.get("/api/programs/sequential/plan?level=3")));
        assertError(web.get("/api/programs/sequential/plan?device=nope&level=3"), 404, "nope");
        assertError(web.get("/api/programs/nope/plan?device=sim-1&level=3"), 404, "nope");
    }

    @Test
    void invalidSessionRequestsAre400NamingTheField() {
        JsonElement before = object(web.get("/api/devices/sim-1")).get("session");
        Map<String, String> bodies = Map.of(
                "level", "{\"device\":\"sim-1\",\"program\":\"sequential\",\"level\":9,\"minutes\":20}",
                "pressure", "{\"device\":\"sim-1\",\"program\":\"sequential\",\"pressure\":200,\"minutes\":20}",
                "minutes", "{\"device\":\"sim-1\",\"program\":\"sequential\",\"level\":3,\"minutes\":500}",
                "boost", "{\"device\":\"sim-1\",\"program\":\"sequential\",\"level\":3,\"minutes\":20,\"boost\":[6]}",
                "device", "{\"program\":\"sequential\",\"level\":3,\"minutes\":20}",
                "fitCheck", "{\"device\":\"sim-1\",\"program\":\"sequential\",\"level\":3,\"minutes\":20,\"fitCheck\":\"no\"}",
                "levl", "{\"device\":\"sim-1\",\"program\":\"sequential\",\"levl\":3,\"minutes\":20}",
                "client", "{\"device\":\"sim-1\",\"program\":\"sequential\",\"level\":3,\"minutes\":20,\"client\":\"Jane Doe\"}");
        bodies.forEach((name, body) -> {
            HttpResponse<String> r = web.post("/api/sessions", body);
            assertError(r, 400, name);
            assertEquals(name, field(r), r.body());
        });
        assertError(web.post("/api/sessions", "{\"device\": \"sim-1\","), 400, "malformed JSON");
        assertError(web.post("/api/sessions", "[]"), 400, "JSON object");
        assertError(web.post("/api/sessions", QUICK.replace("sequential", "nope")), 404, "nope");
        assertError(web.post("/api/sessions", QUICK.replace("sim-1", "nope")), 404, "nope");
        assertEquals(before, object(web.get("/api/devices/sim-1")).get("session"), "nothing started");
    }

    @Test
    void wrongPathsMethodsTypesAndSizes() throws Exception {
        JsonElement before = object(web.get("/api/devices/sim-1")).get("session");
        assertError(web.get("/api/nothing/here"), 404, "no such path");
        HttpResponse<String> get = web.get("/api/sessions");
        assertError(get, 405, "GET is not allowed");
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        // a wrong method is 405 whatever the body's type (issue 6), as a script's bare PUT or POST sends it
        HttpResponse<String> put = web.send(HttpRequest.newBuilder(web.base.resolve("/api/devices"))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertError(put, 405, "PUT is not allowed");
        assertEquals("GET, HEAD", put.headers().firstValue("Allow").orElse(""));
        assertError(web.send(HttpRequest.newBuilder(web.base.resolve("/api/history")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x"))), 405, "POST is not allowed");
        assertError(web.send(HttpRequest.newBuilder(web.base.resolve("/index.html"))
                .PUT(HttpRequest.BodyPublishers.ofString("x"))), 405, "PUT is not allowed");

        HttpResponse<String> plain = web.send(HttpRequest.newBuilder(web.base.resolve("/api/sessions"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(QUICK)));
        assertError(plain, 415, "application/json");
        HttpResponse<String> foreign = web.send(HttpRequest.newBuilder(web.base.resolve("/api/sessions"))
                .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(QUICK)));
        assertError(foreign, 403, "evil.example");
        // announced over the limit: answered at once and the connection closed, the body never read (a client
        // still sending it may see the close before the answer, so only the head is sent)
        String tooLarge = web.raw("POST /api/sessions HTTP/1.1\r\nHost: localhost:" + web.base.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + 300 * 1024 + "\r\n");
        assertTrue(tooLarge.startsWith("HTTP/1.1 413") && tooLarge.contains("256 KiB"), tooLarge);

        String rebound = web.raw("GET /api/devices HTTP/1.1\r\nHost: rebound.example:" + web.base.getPort() + "\r\n");
        assertTrue(rebound.startsWith("HTTP/1.1 403"), rebound);
        assertTrue(rebound.contains("rebound.example"), rebound);
        String local = web.raw("GET /api/devices HTTP/1.1\r\nHost: localhost:" + web.base.getPort() + "\r\n");
        assertTrue(local.startsWith("HTTP/1.1 200"), local);
        assertEquals(before, object(web.get("/api/devices/sim-1")).get("session"), "nothing started");
    }

    @Test
    void aSessionStartsPausesResumesAndStops() throws Exception {
        HttpResponse<String> started = web.post("/api/sessions", QUICK.replace("}", ", \"client\": \"C-0042\"}"));
        assertEquals(201, started.statusCode(), started.body());
        JsonObject session = object(started);
        String id = session.get("id").getAsString();
        assertEquals("/api/sessions/" + id, started.headers().firstValue("Location").orElse(""));
        assertEquals("sim-1", session.get("device").getAsString());
        assertEquals(2, session.getAsJsonObject("settings").get("level").getAsInt());
        assertFalse(session.getAsJsonObject("settings").get("fitCheck").getAsBoolean());
        assertEquals("C-0042", session.getAsJsonObject("settings").get("client").getAsString());
        // each answer tells the state its request led to (issue 6: "answers 200 with it"), not the one before
        assertEquals("RUNNING", session.get("state").getAsString(), "begun, without a fit check: " + started.body());

        assertError(web.post("/api/sessions", QUICK), 409, "sim-1");
        web.awaitState(id, "RUNNING");
        assertEquals(id, object(web.get("/api/devices/sim-1")).get("session").getAsString());

        HttpResponse<String> paused = web.post("/api/sessions/" + id + "/pause", null);
        assertEquals(200, paused.statusCode());
        assertEquals("PAUSED", object(paused).get("state").getAsString(), paused.body());
        web.awaitState(id, "PAUSED");
        assertError(web.post("/api/sessions/" + id + "/rewind", null), 404, "no such path");
        HttpResponse<String> resumedAnswer = web.post("/api/sessions/" + id + "/resume", "{}");
        assertEquals(200, resumedAnswer.statusCode());
        assertEquals("RUNNING", object(resumedAnswer).get("state").getAsString(), resumedAnswer.body());
        JsonObject resumed = web.awaitState(id, "RUNNING");
        assertTrue(resumed.get("remainingMs").getAsLong() <= 60_000);

        HttpResponse<String> stoppedAnswer = web.post("/api/sessions/" + id + "/stop", null);
        assertEquals(200, stoppedAnswer.statusCode());
        assertEquals("STOPPED", object(stoppedAnswer).get("state").getAsString(), stoppedAnswer.body());
        JsonObject stopped = web.awaitState(id, "STOPPED");
        assertEquals("stopped", stopped.get("endReason").getAsString());
        assertFalse(stopped.get("endedAt").isJsonNull());
        assertError(web.post("/api/sessions/" + id + "/pause", null), 409, "STOPPED");
        assertError(web.post("/api/sessions/nope/stop", null), 404, "nope");

        JsonObject record = web.await("the session in the history", () -> array(web.get("/api/history?limit=5")),
                h -> h.size() > 0 && h.get(0).getAsJsonObject().get("id").getAsString().equals(id))
                .get(0).getAsJsonObject();
        assertEquals("STOPPED", record.get("state").getAsString());
        assertEquals("sequential", record.get("program").getAsString());
        assertEquals("C-0042", record.getAsJsonObject("settings").get("client").getAsString(), "the client is recorded");
        String trace = record.get("trace").getAsString();
        // the trace goes on for its tail after the record and is written in chunks: wait for its rows
        HttpResponse<String> csv = web.await("the trace with its rows", () -> web.get(trace),
                r -> r.statusCode() == 200 && r.body().contains("RUNNING"));
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("t_ms,state,cycle,step,pump,"), csv.body().lines().findFirst().orElse(""));
        assertTrue(csv.body().contains("RUNNING"));
        assertError(web.get("/api/history?limit=0"), 400, "limit");
        assertError(web.get("/api/history/nope/trace"), 404, "nope");
    }

    @Test
    void emergencyStopAlwaysWorksAndLatchesUntilCleared() throws Exception {
        String id = object(web.post("/api/sessions", QUICK)).get("id").getAsString();
        web.awaitState(id, "RUNNING");
        // no content type, a foreign origin: an emergency stop is taken however it comes
        HttpResponse<String> estop = web.send(HttpRequest.newBuilder(web.base.resolve("/api/devices/sim-1/estop"))
                .header("Origin", "http://elsewhere.example").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, estop.statusCode(), estop.body());
        JsonObject stopped = web.awaitState(id, "STOPPED");
        assertEquals("emergency stop", stopped.get("endReason").getAsString());

        JsonObject device = web.await("the latched device", () -> object(web.get("/api/devices/sim-1")),
                d -> !d.get("fault").isJsonNull());
        assertTrue(device.getAsJsonObject("fault").get("message").getAsString().contains("emergency stop"), device.toString());
        assertError(web.post("/api/sessions", QUICK), 409, "");

        HttpResponse<String> cleared = web.await("the fault cleared", () -> web.post("/api/devices/sim-1/clear-fault", null),
                r -> r.statusCode() == 200);
        assertTrue(object(cleared).get("fault").isJsonNull());
        assertError(web.post("/api/devices/nope/estop", null), 404, "nope");
        assertEquals(200, web.post("/api/estop", null).statusCode(), "every device at once");
    }

    @Test
    void userProgramsAreUploadedListedAndDeleted() throws InterruptedException {
        String program = """
                {"id": "web-test", "name": "Web test", "version": "1.0.0", "description": "From the API test.",
                 "zones": {"min": 2, "max": 12}, "minCycle": 20,
                 "cycle": [{"each": "up", "steps": [{"fill": "zone", "to": "100%"}]}, {"vent": "all", "hold": 2}]}""";
        HttpResponse<String> created = web.post("/api/programs", program);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("web-test", object(created).get("id").getAsString());
        assertEquals("file", object(created).get("source").getAsString());
        assertEquals("/api/programs/web-test", created.headers().firstValue("Location").orElse(""));
        web.await("the uploaded program listed", () -> web.get("/api/programs/web-test"), r -> r.statusCode() == 200);
        assertTrue(web.get("/api/programs").body().contains("\"web-test\""));

        HttpResponse<String> invalid = web.post("/api/programs", program.replace("\"web-test\"", "\"web-bad\"")
                .replace("100%", "200%"));
        assertEquals(400, invalid.statusCode(), invalid.body());
        JsonObject error = object(invalid).getAsJsonArray("details").get(0).getAsJsonObject();
        assertTrue(error.get("path").getAsString().startsWith("$"), error.toString());
        assertFalse(error.get("message").getAsString().isBlank());
        assertError(web.post("/api/programs", "{\"id\": "), 400, "");

        HttpResponse<String> deleted = web.send(HttpRequest.newBuilder(web.base.resolve("/api/programs/web-test")).DELETE());
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertError(web.send(HttpRequest.newBuilder(web.base.resolve("/api/programs/web-test")).DELETE()), 404, "web-test");
        assertError(web.send(HttpRequest.newBuilder(web.base.resolve("/api/programs/sequential")).DELETE()), 409,
                "sequential");
        web.await("the deleted program gone", () -> web.get("/api/programs/web-test"), r -> r.statusCode() == 404);
    }
}
