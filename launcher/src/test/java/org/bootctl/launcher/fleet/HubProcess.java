package org.bootctl.launcher.fleet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bootctl.launcher.testing.BootctlProcess;
import org.bootctl.testing.Waits;

/** One {@code bootctl hub} process as the broker's admin user; its REST API. */
final class HubProcess implements AutoCloseable {

    static final Duration READY = Duration.ofSeconds(90);

    private final BootctlProcess process;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    private HubProcess(BootctlProcess process, String base) {
        this.process = process;
        this.base = base;
    }

    /** {@code bootctl hub --broker URL [--db URL]} on a data folder of its own (its persistent session's name). */
    static HubProcess start(Path folder, String name, String brokerUrl, String db, String... more)
            throws IOException, InterruptedException {
        Files.createDirectories(folder);
        List<String> args = new ArrayList<>(List.of("hub", "--broker", brokerUrl, "--port", "0",
                "--data", folder.resolve("hub-" + name).toString(), "--var", "hub-broker-user=" + Mosquitto.ADMIN,
                "--var", "hub-broker-password-file=" + Mosquitto.passwordFile(folder)));
        if (db != null) {
            args.addAll(List.of("--db", db));
        }
        args.addAll(List.of(more));
        BootctlProcess process = BootctlProcess.start(folder, args.toArray(String[]::new));
        String ready;
        try {
            ready = process.awaitLine(l -> l.startsWith("bootctl ready:"), READY);
            // what is published before a hub's first subscription is not for it: wait for that
            Waits.until(() -> "the hub subscribed: " + process, READY,
                    () -> process.err().stream().anyMatch(l -> l.contains("bootctl hub: subscribed on")));
        } catch (AssertionError | InterruptedException e) {
            process.close();
            throw e;
        }
        return new HubProcess(process, ready.substring(ready.indexOf("http://")).trim().replaceAll("/+$", ""));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonArray array(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        JsonElement e = JsonParser.parseString(r.body());
        return e.getAsJsonArray();
    }

    BootctlProcess process() {
        return process;
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
