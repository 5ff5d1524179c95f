package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bootctl.launcher.testing.BootctlProcess;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The largest program files a hostile client can send, against the controller as a process with
 * a 64 MiB heap (BOOTCTL_JAVA_OPTS=-Xmx64m) while a session runs: each upload is a 400 in JSON,
 * the same files dropped into programs/ are listed as invalid and a valid file dropped after them
 * still loads, and the session runs on undisturbed. One such file held ~100 MB of heap before:
 * the upload answered an HTML 500 OutOfMemoryError and the session ended "stale telemetry".
 * Then {@code bootctl validate} with the same heap, on the same files and on /dev/zero.
 */
@Tag("realtime")
class HostileProgramIT {

    static final Duration UP = Duration.ofSeconds(60);
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final List<String> SMALL_HEAP = List.of("-Xmx64m");
    static final int MAX_BYTES = 256 * 1024;
    static final Pattern READY = Pattern.compile("bootctl ready: .*(http://127\\.0\\.0\\.1:\\d+/)");
    static final String HEAD = "{\"id\": \"hostile\", \"name\": \"Hostile\", \"version\": \"1\","
            + " \"zones\": {\"min\": 2, \"max\": 8}, \"cycle\": [";

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** By name: files of at most 256 KiB made to cost as much as they can. */
    static Map<String, String> hostile() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("nested", fill("[".repeat(250), "]".repeat(250), i -> "0"));
        files.put("nested-19", fill("[".repeat(19), "]".repeat(19), i -> "0"));
        files.put("one-key-objects", fill(HEAD, "]}", i -> "{\"k\":0}"));
        files.put("lists-of-one", fill(HEAD, "]}", i -> "[0]"));
        files.put("distinct-strings", fill(HEAD, "]}", i -> "\"" + i + "\""));
        files.put("unknown-keys", fill("{\"id\": \"hostile\", ", ", \"z\": 0}", i -> "\"k" + i + "\": 0"));
        return files;
    }

    static String fill(String head, String tail, IntFunction<String> item) {
        StringBuilder text = new StringBuilder(head);
        int room = MAX_BYTES - head.length() - tail.length();
        for (int i = 0; text.length() - head.length() + item.apply(i).length() + 1 <= room; i++) {
            text.append(i == 0 ? "" : ",").append(item.apply(i));
        }
        return text.append(tail).toString();
    }

    @Test
    void theLargestHostileProgramsNeitherRunTheControllerOutOfMemoryNorDisturbASession() throws Exception {
        Path data = folder.resolve("data");
        Path programs = Files.createDirectories(data.resolve("programs"));
        Map<String, String> hostile = hostile(); // made before the controller starts, not while it runs a session
        try (BootctlProcess bootctl = BootctlProcess.start(folder, SMALL_HEAP, "run", "--port", "0", "--data",
                data.toString())) {
            Matcher ready = READY.matcher(bootctl.awaitLine(l -> l.startsWith("bootctl ready"), UP));
            assertTrue(ready.matches(), bootctl.toString());
            URI base = URI.create(ready.group(1));

            HttpResponse<String> started = send(base, "POST", "/api/sessions", """
                    {"device": "sim-1", "program": "sequential", "level": 3, "minutes": 10, "fitCheck": false}""");
            assertEquals(201, started.statusCode(), started.body());
            String session = json(started).get("id").getAsString();
            await("the session running", () -> state(base, session), "RUNNING"::equals);

            for (int round = 0; round < 3; round++) {
                for (Map.Entry<String, String> file : hostile.entrySet()) {
                    assertTrue(file.getValue().length() > MAX_BYTES - 64 && file.getValue().length() <= MAX_BYTES);
                    HttpResponse<String> upload = send(base, "POST", "/api/programs", file.getValue());
                    assertEquals(400, upload.statusCode(), file.getKey() + ": " + upload.body());
                    assertTrue(upload.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                            file.getKey());
                    assertTrue(json(upload).getAsJsonArray("details").size() <= 101, file.getKey());
                    Files.writeString(programs.resolve(file.getKey() + "-" + round + ".json"), file.getValue());
                    String now = send(base, "GET", "/api/sessions/" + session, null).body();
                    assertTrue(now.contains("\"state\":\"RUNNING\""), file.getKey() + " disturbed the session: " + now
                            + "\n" + bootctl);
                }
            }
            Path zero = Path.of("/dev/zero");
            if (Files.exists(zero)) {
                Files.createSymbolicLink(programs.resolve("zero.json"), zero);
            }
            Files.writeString(programs.resolve("later.json"), """
                    {"id": "later", "name": "Later", "version": "1", "zones": {"min": 2, "max": 12},
                     "cycle": [{"fill": "all", "hold": 5}, {"vent": "all", "hold": 3}]}""");
            await("a valid file dropped after the hostile ones loads",
                    () -> send(base, "GET", "/api/programs/later", null),
                    r -> r.statusCode() == 200 && json(r).get("valid").getAsBoolean());
            HttpResponse<String> listed = send(base, "GET", "/api/programs/nested-0", null);
            assertEquals(200, listed.statusCode(), listed.body());
            assertFalse(json(listed).get("valid").getAsBoolean());

            assertEquals("RUNNING", state(base, session), bootctl.toString());
            JsonObject device = json(send(base, "GET", "/api/devices/sim-1", null));
            assertTrue(device.get("fault").isJsonNull(), device.toString());
            assertEquals(200, send(base, "POST", "/api/sessions/" + session + "/stop", null).statusCode());
            assertFalse(bootctl.toString().contains("OutOfMemoryError"), bootctl.toString());
            bootctl.terminate();
            bootctl.awaitExit(DEADLINE);
        }

        List<String> args = new java.util.ArrayList<>(List.of("validate"));
        for (Map.Entry<String, String> file : hostile.entrySet()) {
            args.add(Files.writeString(folder.resolve(file.getKey() + ".json"), file.getValue()).toString());
        }
        args.add("/dev/zero");
        args.addAll(List.of("--data", data.toString()));
        try (BootctlProcess validate = BootctlProcess.start(folder, SMALL_HEAP, args.toArray(String[]::new))) {
            assertEquals(2, validate.awaitExit(UP), validate.toString());
            assertFalse(validate.toString().contains("OutOfMemoryError"), validate.toString());
            assertTrue(validate.err().contains("/dev/zero: not a regular file (a device or a pipe?); a program is a"
                    + " .json file"), validate.toString());
            for (String name : hostile.keySet()) {
                assertTrue(validate.err().stream().anyMatch(l -> l.startsWith(folder.resolve(name + ".json") + ": $")),
                        name + ":\n" + validate);
            }
        }
    }

    private String state(URI base, String session) throws IOException, InterruptedException {
        return json(send(base, "GET", "/api/sessions/" + session, null)).get("state").getAsString();
    }

    private HttpResponse<String> send(URI base, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!method.equals("GET")) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static <T> T await(String what, Waits.Probe<T> probe, Predicate<T> done) {
        return Waits.until(what, DEADLINE, probe, done);
    }
}
