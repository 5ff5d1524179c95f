package org.bootctl.launcher.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bootctl.launcher.testing.BootctlProcess;

/** {@code bootctl run} on the simulator as a process of its own, with the REST calls the history tests make. */
final class ControllerProcess implements AutoCloseable {

    static final Duration UP = Duration.ofSeconds(90);
    private static final Pattern URL = Pattern.compile("bootctl ready: .*(http://127\\.0\\.0\\.1:\\d+/)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static final int TRIES = 5;

    final BootctlProcess process;
    final String base;
    /** Starts refused because the device latched a fault first (a loaded machine), cleared and tried again. */
    int refusedForALatch;

    private ControllerProcess(BootctlProcess process, String base) {
        this.process = process;
        this.base = base;
    }

    /** Started in {@code folder} on {@code data}; returns once it said it is ready. */
    static ControllerProcess start(Path folder, Path data) throws IOException, InterruptedException {
        BootctlProcess process = BootctlProcess.start(folder, "run", "--port", "0", "--data", data.toString());
        try {
            Matcher ready = URL.matcher(process.awaitLine(l -> l.startsWith("bootctl ready"), UP));
            assertTrue(ready.matches(), process.toString());
            return new ControllerProcess(process, ready.group(1));
        } catch (RuntimeException | Error | InterruptedException e) {
            process.close();
            throw e;
        }
    }

    /**
     * POST /api/sessions on sim-1, no fit check nor ramp; the new session's id once the 201 is in.
     * On a machine so loaded that the simulator's first samples come late, the device may latch
     * "stale telemetry" before the start: the fault is cleared and the start tried again (a
     * refused start is no session and leaves no record), at most {@value #TRIES} times.
     */
    String startSession(double minutes) throws IOException, InterruptedException {
        HttpResponse<String> created = null;
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            created = post("api/sessions", "{\"device\": \"sim-1\", \"program\": \"sequential\", \"level\": 2,"
                    + " \"minutes\": " + minutes + ", \"fitCheck\": false, \"ramp\": false}");
            if (created.statusCode() != 409 || !created.body().contains("latched fault")) {
                break;
            }
            refusedForALatch++;
            Thread.sleep(500);
            post("api/devices/sim-1/clear-fault", "");
        }
        assertEquals(201, created.statusCode(), created.body());
        return JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsString();
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session's state word, as GET /api/sessions/{id} says it. */
    String state(String sessionId) throws IOException, InterruptedException {
        HttpResponse<String> session = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/sessions/" + sessionId))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, session.statusCode(), session.body());
        return JsonParser.parseString(session.body()).getAsJsonObject().get("state").getAsString();
    }

    @Override
    public void close() {
        process.close();
    }

    /** history.jsonl as records per session id, in file order; torn lines skipped as the engine skips them. */
    static Map<String, List<JsonObject>> history(Path data) throws IOException {
        Map<String, List<JsonObject>> byId = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(data.resolve("history.jsonl"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return byId;
        }
        for (String line : lines) {
            try {
                JsonObject record = JsonParser.parseString(line).getAsJsonObject();
                byId.computeIfAbsent(record.get("id").getAsString(), id -> new ArrayList<>()).add(record);
            } catch (RuntimeException torn) {
                // a line a kill cut short is no record
            }
        }
        return byId;
    }

    /** Open-session markers left in the data folder. */
    static List<Path> markers(Path data) throws IOException {
        Path open = data.resolve("sessions/open");
        if (!Files.isDirectory(open)) {
            return List.of();
        }
        try (var files = Files.list(open)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        }
    }
}
