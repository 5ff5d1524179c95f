package org.bootctl.launcher.fleet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bootctl.launcher.testing.BootctlProcess;
import org.bootctl.testing.Waits;

/** One controller process with --fleet, on a simulated boot; its REST API for what the test does locally. */
final class FleetController implements AutoCloseable {

    static final Duration READY = Duration.ofSeconds(60);

    private final BootctlProcess process;
    private final Path data;
    private final String api;
    private final HttpClient http = HttpClient.newHttpClient();

    private FleetController(BootctlProcess process, Path data, String api) {
        this.process = process;
        this.data = data;
        this.api = api;
    }

    /** {@code bootctl run --fleet URL --var site= --var unit= ...} with the unit's broker user. */
    static FleetController start(Path folder, String brokerUrl, String site, String unit, String... more)
            throws IOException, InterruptedException {
        Path data = folder.resolve("data-" + site + "-" + unit);
        List<String> args = new ArrayList<>(List.of("run", "--port", "0", "--data", data.toString(), "--fleet", brokerUrl,
                "--var", "site=" + site, "--var", "unit=" + unit, "--var", "fleet-user=" + site + "-" + unit,
                "--var", "fleet-password-file=" + Mosquitto.passwordFile(folder), "--var", "device=" + unit + "-dev"));
        args.addAll(List.of(more));
        Files.createDirectories(folder);
        BootctlProcess process = BootctlProcess.start(folder, args.toArray(String[]::new));
        String ready;
        try {
            ready = process.awaitLine(l -> l.startsWith("bootctl ready:"), READY);
        } catch (AssertionError e) {
            process.close();
            throw e;
        }
        return new FleetController(process, data, ready.substring(ready.indexOf("http://")).trim() + "api");
    }

    /** The REST API of a controller running in the test's JVM ({@link FleetInProcess}): no process to stop. */
    static FleetController of(String api, Path data) {
        return new FleetController(null, data, api);
    }

    Path data() {
        return data;
    }

    BootctlProcess process() {
        return process;
    }

    /** A session started and stopped at once through the REST API; returns its id once its record is written. */
    String shortSession(String device) throws IOException, InterruptedException {
        String id = begin(device);
        end(id);
        return id;
    }

    /** Starts a session through the REST API; its id. */
    String begin(String device) throws IOException, InterruptedException {
        return awaitStart(device).get("id").getAsString();
    }

    /**
     * Stops a session through the REST API and waits for its history line. A session that ended
     * by itself meanwhile (a fault on a busy machine) is as good: it leaves a record too.
     */
    void end(String id) throws IOException, InterruptedException {
        HttpResponse<String> stop = post("/sessions/" + id + "/stop", "");
        if (stop.statusCode() != 200 && !(stop.statusCode() == 409 && stop.body().contains("has ended"))) {
            throw new AssertionError("stop answered " + stop.statusCode() + ": " + stop.body());
        }
        Waits.until("a history line for session " + id, Duration.ofSeconds(30), () -> historyIds().contains(id));
    }

    /** Starts a session, waiting while the device still vents from the last one (409). */
    private JsonObject awaitStart(String device) throws IOException, InterruptedException {
        HttpResponse<String> started = Waits.until("a session started on " + device, Duration.ofSeconds(30), () -> {
            HttpResponse<String> r = post("/sessions", "{\"device\":\"" + device
                    + "\",\"program\":\"sequential\",\"level\":1,\"minutes\":0,\"fitCheck\":false}");
            if (r.statusCode() == 409) {
                post("/devices/" + device + "/clear-fault", ""); // a fault the last session ended in stays latched
            } else if (r.statusCode() != 201) {
                throw new AssertionError("start answered " + r.statusCode() + ": " + r.body());
            }
            return r;
        }, r -> r.statusCode() == 201, r -> r.statusCode() + ": " + r.body());
        return JsonParser.parseString(started.body()).getAsJsonObject();
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonElement get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonParser.parseString(r.body());
    }

    /** The ids of history.jsonl's records, in file order (lines that are no record left out). */
    List<String> historyIds() throws IOException {
        return historyIds(data);
    }

    static List<String> historyIds(Path data) throws IOException {
        List<String> ids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(data.resolve("history.jsonl"))) {
                try {
                    ids.add(JsonParser.parseString(line).getAsJsonObject().get("id").getAsString());
                } catch (RuntimeException notARecord) {
                    // torn
                }
            }
        } catch (NoSuchFileException e) {
            return ids;
        }
        return ids;
    }

    /** SIGTERM: a clean stop. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.terminate();
        process.awaitExit(Duration.ofSeconds(30));
    }

    /** kill -9. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
