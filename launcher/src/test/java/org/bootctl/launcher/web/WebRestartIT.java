package org.bootctl.launcher.web;

import static org.bootctl.launcher.web.WebRuntime.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionService;
import org.bootctl.api.session.SessionState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * docs/DESIGN.md "Runtime change": the web UI bundle stops and starts again while a session runs in
 * real time. The session is untouched; an event-stream client sees its stream end and gets
 * telemetry again once it reconnects.
 */
@Tag("realtime")
class WebRestartIT {

    @TempDir
    Path data;

    /** Reads an event stream to its end on a thread of its own; the future completes when the server ends it. */
    private static CompletableFuture<Void> streamEnd(WebRuntime web) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(web.base.resolve("/api/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        CompletableFuture<Void> ended = new CompletableFuture<>();
        CompletableFuture<Void> firstEvent = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event: ")) {
                        firstEvent.complete(null);
                    }
                }
            } catch (IOException closed) {
                // ended from the other side as well
            }
            ended.complete(null);
        }, "test-stream-end");
        reader.setDaemon(true);
        reader.start();
        firstEvent.get(WebRuntime.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        return ended;
    }

    /** A new client of the stream, or null while the stream's servlet is not back yet. */
    private static EventReader open(WebRuntime web) {
        try {
            return new EventReader(web.base);
        } catch (IOException | AssertionError e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void stoppingAndStartingTheWebBundleLeavesTheSessionAloneAndStreamsReconnect() throws Exception {
        try (WebRuntime web = WebRuntime.start(data, Map.of())) {
            String id = object(web.post("/api/sessions", WebApiIT.QUICK)).get("id").getAsString();
            web.awaitState(id, "RUNNING");
            SessionService sessions = web.runtime.service(SessionService.class, null).orElseThrow();
            CompletableFuture<Void> ended = streamEnd(web);

            Bundle ui = Arrays.stream(web.runtime.context().getBundles())
                    .filter(b -> "org.bootctl.web".equals(b.getSymbolicName())).findFirst().orElseThrow();
            long elapsedBefore = sessions.session(id).orElseThrow().elapsedMs();
            ui.stop();
            ended.get(WebRuntime.DEADLINE.toSeconds(), TimeUnit.SECONDS); // the old stream is over
            SessionInfo whileAway = web.await("the session runs on without the web UI",
                    () -> sessions.session(id).orElseThrow(), s -> s.elapsedMs() > elapsedBefore + 500);
            assertEquals(SessionState.RUNNING, whileAway.state(), whileAway.toString());

            ui.start();
            JsonObject back = web.await("the API back", () -> web.get("/api/sessions/" + id), r -> r.statusCode() == 200)
                    .body().transform(b -> JsonParser.parseString(b).getAsJsonObject());
            assertEquals("RUNNING", back.get("state").getAsString(), back.toString());
            assertEquals(id, back.get("id").getAsString());
            assertTrue(back.get("elapsedMs").getAsLong() >= whileAway.elapsedMs(), back.toString());

            try (EventReader again = web.await("the event stream back", () -> open(web), r -> r != null)) {
                JsonObject frame = JsonParser.parseString(again.next(e -> e.name().equals("telemetry")
                        && e.data().contains(id), WebRuntime.DEADLINE).data()).getAsJsonObject();
                assertEquals(id, frame.get("session").getAsString());
                assertEquals("RUNNING", frame.get("state").getAsString());
            }
            assertEquals(200, web.post("/api/sessions/" + id + "/stop", null).statusCode());
        }
    }
}
