package org.bootctl.launcher.web;

import static org.bootctl.launcher.web.WebRuntime.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Choosing a program over REST: one listed but invalid is refused with 400 naming its file and
 * first error (it was 404 "no program"); a program that validates can start (a limit that
 * compiled to 0 ms was "valid" and then refused at start); an unknown author is null.
 */
@Tag("realtime")
class WebProgramChoiceIT {

    static final String BROKEN = """
            {"id": "broken", "name": "Broken", "version": "1.0.0",
             "zones": {"min": 2, "max": 12},
             "cycle": [{"fill": 1, "hold": 5}, {"hodl": 2}]}""";

    /** A valid program under a built-in's id: the library lists it invalid, the built-in runs. */
    static final String CLASH = """
            {"id": "sequential", "name": "My sequential", "version": "9.0.0",
             "zones": {"min": 2, "max": 12},
             "cycle": [{"fill": 1, "hold": 5}]}""";

    @TempDir
    static Path data;
    static WebRuntime web;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(Files.createDirectories(data.resolve("programs")).resolve("broken.json"), BROKEN);
        Files.writeString(data.resolve("programs").resolve("seq.json"), CLASH);
        web = WebRuntime.start(data, Map.of());
        web.await("broken.json listed", () -> web.get("/api/programs/broken"), r -> r.statusCode() == 200);
        web.await("seq.json listed", () -> web.get("/api/programs"), r -> r.body().contains("seq.json"));
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    private static void assertInvalid(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        JsonObject error = object(response);
        assertEquals("program 'broken' (broken.json) is not valid: $.cycle[1].hodl: unknown key; did you mean"
                + " \"hold\"? (line 3)", error.get("error").getAsString());
        JsonObject first = error.getAsJsonArray("details").get(0).getAsJsonObject();
        assertEquals("$.cycle[1].hodl", first.get("path").getAsString());
        assertEquals(3, first.get("line").getAsInt());
    }

    @Test
    void aListedInvalidProgramIsRefusedWith400NamingItsFileAndFirstError() {
        assertInvalid(web.post("/api/sessions", """
                {"device": "sim-1", "program": "broken", "level": 2, "minutes": 1}"""));
        assertInvalid(web.get("/api/programs/broken/plan?device=sim-1&level=3"));
        HttpResponse<String> unknown = web.post("/api/sessions", """
                {"device": "sim-1", "program": "no-such", "level": 2, "minutes": 1}""");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    /** Issue 6's list is of programs valid or not: a file that claims a built-in's id is in it, after the built-in. */
    @Test
    void theListShowsAFileThatClashesWithABuiltInAfterIt() {
        java.util.List<JsonObject> sequential = new java.util.ArrayList<>();
        WebRuntime.array(web.get("/api/programs")).forEach(p -> {
            if (p.getAsJsonObject().get("id").getAsString().equals("sequential")) {
                sequential.add(p.getAsJsonObject());
            }
        });
        assertEquals(2, sequential.size(), sequential.toString());
        assertTrue(sequential.get(0).get("valid").getAsBoolean(), "the built-in, which runs, first: " + sequential);
        assertFalse(sequential.get(1).get("valid").getAsBoolean(), sequential.toString());
        assertEquals("seq.json", sequential.get(1).get("location").getAsString());
        assertEquals("built-in", object(web.get("/api/programs/sequential")).get("source").getAsString(),
                "one program answers for the id: the one that runs");
    }

    @Test
    void aLimitThatRoundsToNothingIsRefusedAtUploadNotAtStart() {
        HttpResponse<String> upload = web.post("/api/programs", """
                {"id": "instant", "name": "Instant", "version": "1", "zones": {"min": 2, "max": 12},
                 "cycle": [{"fill": 1, "limit": 0.000001, "hold": 5}]}""");
        assertEquals(400, upload.statusCode(), upload.body());
        assertEquals("$.cycle[0].limit: must be a number of seconds from 0.1 to 600",
                object(upload).getAsJsonArray("details").get(0).getAsJsonObject().get("path").getAsString()
                        + ": " + object(upload).getAsJsonArray("details").get(0).getAsJsonObject().get("message")
                        .getAsString());
        assertFalse(upload.body().contains("Exception"), upload.body());
    }

    @Test
    void anUnknownAuthorIsNull() throws InterruptedException {
        HttpResponse<String> upload = web.post("/api/programs", """
                {"id": "anonymous", "name": "Anonymous", "version": "1", "zones": {"min": 2, "max": 12},
                 "cycle": [{"fill": 1, "limit": 0.1, "hold": 5}]}""");
        assertEquals(201, upload.statusCode(), upload.body());
        assertTrue(object(upload).get("author").isJsonNull(), upload.body());
        assertTrue(object(web.get("/api/programs/sequential")).get("author").isJsonPrimitive());
    }
}
