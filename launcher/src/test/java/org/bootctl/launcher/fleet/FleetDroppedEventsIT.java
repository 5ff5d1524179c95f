package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events beyond the fleet's bounded queue are dropped and counted while the broker is away, and
 * the count goes out on {@code events} as {@code events-dropped} once it is back (issue 16), ahead
 * of the events the queue kept: the oldest, in order. The queue is made small through the fleet's
 * configuration ({@code eventQueue}) so a few sessions overflow it.
 */
@Tag("realtime")
@Tag("broker")
class FleetDroppedEventsIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String EVENTS = "bootctl/v1/s1/u1/events";
    static final int QUEUE = 4;
    static final int SESSIONS = 5;

    @TempDir
    Path folder;

    @Test
    void eventsBeyondTheQueueAreCountedAndTheCountIsPublishedWhenTheBrokerIsBack() throws Exception {
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), null)) {
            // subscribed, and saved by the broker before it is killed, so its session outlives the kill and
            // keeps what the unit publishes as the link comes back, before the watcher is back itself
            BrokerWatch watch = new BrokerWatch(broker, "dropped-watch");
            Instant subscribed = Instant.now();
            try (FleetInProcess unit = FleetInProcess.start(folder, broker, "s1", "u1", "u1-dev", Map.of("eventQueue", QUEUE))) {
                watch.await(m -> m.topic().equals("bootctl/v1/s1/u1/devices/u1-dev"), WAIT, "the unit's device");
                // a fault latched while the machine was busy (stale telemetry as the device connected) is
                // cleared, and said so, before the broker goes: the events while it is away are the sessions'
                if (clearLatchedFault(unit.rest())) {
                    watch.await(m -> m.topic().equals(EVENTS) && m.payload().contains("\"fault-cleared\""), WAIT,
                            "fault-cleared");
                }
                broker.awaitSavedSince(subscribed, WAIT);
                broker.kill();
                watch.drop();

                // each session makes at least session-started and session-ended: twice as many as the queue holds, and more
                List<String> sessions = new ArrayList<>();
                for (int i = 0; i < SESSIONS; i++) {
                    sessions.add(unit.rest().shortSession("u1-dev"));
                }
                Instant back = Instant.now(); // every event made before this waited for the broker
                broker.restart();
                watch.connect();

                JsonObject dropped = watch.await(m -> m.topic().equals(EVENTS) && m.payload().contains("\"events-dropped\""),
                        WAIT, "events-dropped").json();
                long count = dropped.get("count").getAsLong();
                assertTrue(count >= 2L * SESSIONS - QUEUE, "at least " + (2 * SESSIONS - QUEUE) + " dropped: " + dropped);
                assertEquals("s1", dropped.get("site").getAsString());
                assertEquals("u1", dropped.get("unit").getAsString());
                Instant.parse(dropped.get("time").getAsString());

                // a session once the kept events are out: started earlier, its start could find the queue
                // (of QUEUE) still full while they drain one acknowledgement at a time, and be dropped itself
                Waits.until(QUEUE + " kept events after events-dropped", WAIT, () -> keptSince(watch, back).size() >= QUEUE);
                String after = unit.rest().begin("u1-dev");
                watch.await(m -> m.topic().equals(EVENTS) && m.payload().contains("\"session-started\"")
                        && m.payload().contains(after), WAIT, "session-started of " + after);
                List<BrokerWatch.Message> events = watch.on(EVENTS);
                int to = events.indexOf(events.stream().filter(m -> m.payload().contains("\"session-started\"")
                        && m.payload().contains(after)).findFirst().orElseThrow());
                // what waited comes after the count and before anything new; a fault and its clearing on a busy
                // machine once the link is back are new events, not kept ones
                List<BrokerWatch.Message> kept = keptSince(watch, back);
                assertEquals(QUEUE, kept.size(), "the queue's " + QUEUE + " events, no more: " + kept);
                assertTrue(events.indexOf(kept.get(QUEUE - 1)) < to, "the kept events go out before a new session's start: "
                        + events);
                JsonObject first = kept.stream().map(BrokerWatch.Message::json)
                        .filter(e -> e.get("event").getAsString().startsWith("session-")).findFirst().orElseThrow();
                assertEquals("session-started", first.get("event").getAsString(), "the oldest event is kept: " + first);
                assertEquals(sessions.get(0), first.get("id").getAsString());
                assertFalse(kept.stream().anyMatch(m -> m.payload().contains(sessions.get(SESSIONS - 1))),
                        "the newest events are the dropped ones");
                assertEquals(1, events.stream().filter(m -> m.payload().contains("\"events-dropped\"")).count(),
                        "the count is published once");
                unit.rest().end(after);
            } finally {
                watch.close();
            }
        }
    }

    /** The events after the events-dropped one that were made before {@code back}: those that waited in the queue. */
    private static List<BrokerWatch.Message> keptSince(BrokerWatch watch, Instant back) {
        List<BrokerWatch.Message> events = watch.on(EVENTS);
        List<BrokerWatch.Message> kept = new ArrayList<>();
        boolean counted = false;
        for (BrokerWatch.Message m : events) {
            if (m.payload().contains("\"events-dropped\"")) {
                counted = true;
            } else if (counted && Instant.parse(m.json().get("time").getAsString()).isBefore(back)) {
                kept.add(m);
            }
        }
        return kept;
    }

    /** Clears the device's latched fault, if it has one; whether it had. */
    private static boolean clearLatchedFault(FleetController rest) throws Exception {
        boolean had = hasFault(rest);
        Waits.until("the device's fault cleared", WAIT, () -> {
            if (!hasFault(rest)) {
                return true;
            }
            rest.post("/devices/u1-dev/clear-fault", ""); // applied on the device's next tick
            return false;
        });
        return had;
    }

    private static boolean hasFault(FleetController rest) throws Exception {
        return !rest.get("/devices/u1-dev").getAsJsonObject().get("fault").isJsonNull();
    }
}
