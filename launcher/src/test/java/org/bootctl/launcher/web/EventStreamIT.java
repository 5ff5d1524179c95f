package org.bootctl.launcher.web;

import static org.bootctl.launcher.web.WebRuntime.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bootctl.launcher.web.EventReader.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/events against the real bundle: event names, JSON data, order, and clients that come and go. */
@Tag("realtime")
class EventStreamIT {

    @TempDir
    static Path data;
    static WebRuntime web;

    @BeforeAll
    static void start() throws Exception {
        web = WebRuntime.start(data, Map.of());
        // these tests play many browsers, all from this machine's one address: no share per client
        web.configureWeb(Map.of("eventStreamsPerClient", 0));
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    private static JsonObject data(Event event) {
        return JsonParser.parseString(event.data()).getAsJsonObject();
    }

    @Test
    void theStreamTellsTheDevicesThenTelemetryOfEveryChannel() throws Exception {
        try (EventReader events = new EventReader(web.base)) {
            assertTrue(events.contentType.startsWith("text/event-stream"), events.contentType);
            JsonObject device = data(events.next("device"));
            assertEquals("2000", events.retry, "browsers are told when to reconnect");
            assertEquals("sim-1", device.getAsJsonObject("device").get("id").getAsString());
            assertTrue(device.get("online").getAsBoolean());

            List<Long> times = new ArrayList<>();
            while (times.size() < 21) {
                JsonObject frame = data(events.next("telemetry"));
                assertEquals("sim-1", frame.get("device").getAsString());
                assertEquals(10, frame.getAsJsonArray("pressures").size());
                assertEquals(10, frame.getAsJsonArray("targets").size());
                assertEquals(10, frame.get("valves").getAsString().length());
                assertTrue(List.of("IDLE", "COMPLETED", "STOPPED", "FAULT").contains(frame.get("state").getAsString()),
                        frame.toString());
                times.add(frame.get("timeMs").getAsLong());
            }
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                gaps.add(times.get(i) - times.get(i - 1));
            }
            gaps.sort(null);
            long median = gaps.get(gaps.size() / 2);
            assertTrue(median > 0 && median <= 100, "telemetry at 10 Hz or more of device time: gaps " + gaps);
        }
    }

    @Test
    void sessionFaultDeviceAndProgramEventsFollowWhatHappens() throws Exception {
        try (EventReader events = new EventReader(web.base)) {
            events.next("device");
            String id = object(web.post("/api/sessions", WebApiIT.QUICK)).get("id").getAsString();
            JsonObject first = data(events.next(e -> e.name().equals("session") && e.data().contains(id), WebRuntime.DEADLINE));
            assertEquals("sim-1", first.get("device").getAsString());
            events.next(e -> e.name().equals("session") && data(e).get("state").getAsString().equals("RUNNING"),
                    WebRuntime.DEADLINE);
            JsonObject running = data(events.next(e -> e.name().equals("telemetry") && e.data().contains(id),
                    WebRuntime.DEADLINE));
            assertEquals(id, running.get("session").getAsString());

            assertEquals(200, web.post("/api/devices/sim-1/estop", null).statusCode());
            // the latch is told at once, the session's end on the loop's next tick: in either order
            JsonObject stopped = null;
            JsonObject fault = null;
            while (stopped == null || fault == null) {
                Event e = events.next(x -> x.name().equals("fault") || x.name().equals("session")
                        && data(x).get("state").getAsString().equals("STOPPED"), WebRuntime.DEADLINE);
                if (e.name().equals("fault")) {
                    fault = data(e);
                } else {
                    stopped = data(e);
                }
            }
            assertEquals("emergency stop", stopped.get("endReason").getAsString());
            assertEquals("sim-1", fault.get("device").getAsString());
            assertTrue(fault.getAsJsonObject("fault").get("message").getAsString().contains("emergency stop"), fault.toString());

            web.await("the fault cleared", () -> web.post("/api/devices/sim-1/clear-fault", null), r -> r.statusCode() == 200);
            events.next(e -> e.name().equals("device") && data(e).getAsJsonObject("device").get("fault").isJsonNull(),
                    WebRuntime.DEADLINE);

            String program = """
                    {"id": "event-test", "name": "Event test", "version": "1.0.0", "zones": {"min": 2, "max": 12},
                     "minCycle": 20, "cycle": [{"each": "up", "steps": [{"fill": "zone", "to": "80%"}]}, {"vent": "all", "hold": 2}]}""";
            assertEquals(201, web.post("/api/programs", program).statusCode());
            JsonObject added = data(events.next(e -> e.name().equals("program") && e.data().contains("event-test"),
                    WebRuntime.DEADLINE));
            assertEquals("added", added.get("change").getAsString());
            assertEquals("Event test", added.getAsJsonObject("program").get("name").getAsString());
        }
    }

    @Test
    void clientsThatLeaveOrNeverReadDoNotDisturbTheOthers() throws Exception {
        List<EventReader> readers = new ArrayList<>();
        try (Socket stalled = new Socket(web.base.getHost(), web.base.getPort())) {
            // a client that asks for the stream and never reads a byte of it
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 24; i++) {
                readers.add(new EventReader(web.base));
            }
            for (EventReader reader : readers) {
                reader.next("device");
            }
            for (EventReader leaving : readers.subList(0, 12)) {
                leaving.close();
            }
            for (EventReader staying : readers.subList(12, 24)) {
                staying.events.clear();
                staying.next(e -> e.name().equals("telemetry"), Duration.ofSeconds(10));
            }
            assertEquals(200, web.get("/api/devices").statusCode(), "the API answers beside the streams");
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            readers.forEach(EventReader::close);
        }
    }
}
