package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No record lost, none invented (issue 16): every line of history.jsonl reaches the broker's
 * {@code records} topic, in order, across a broker killed mid-session and restarted a minute later, and across a
 * controller killed with SIGKILL while the broker was down; what was in the history before the
 * first start with --fleet goes out too; a torn line never does. Duplicates are allowed (at least
 * once): after dropping them by id, the records are exactly the history's, in its order.
 */
@Tag("realtime")
@Tag("broker")
class FleetRecordsIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final Duration OUTAGE = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    void everyRecordReachesTheBrokerOnceAfterDedupeInOrderAcrossOutagesAndKill9() throws Exception {
        String records = "bootctl/v1/s1/u1/records";
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), null)) {
            BrokerWatch watch = new BrokerWatch(broker, "records-watch");
            // a history from before the fleet: two records and a line torn by a crash
            Path data = folder.resolve("data-s1-u1");
            Files.createDirectories(data);
            Files.writeString(data.resolve("history.jsonl"), "{\"id\":\"old-1\",\"device\":\"u1-dev\",\"state\":\"COMPLETED\"}\n"
                    + "{\"id\":\"torn-by-a-cra\n{\"id\":\"old-2\",\"device\":\"u1-dev\",\"state\":\"STOPPED\"}\n");

            FleetController controller = FleetController.start(folder, broker.url(), "s1", "u1");
            awaitAll(watch, records, data);
            controller.shortSession("u1-dev");
            awaitAll(watch, records, data);

            // the broker dies mid-session and stays away 60 s (the back-off reaches its 30 s cap);
            // sessions end and begin meanwhile
            String running = controller.begin("u1-dev");
            broker.kill();
            long killed = System.nanoTime();
            watch.drop();
            controller.end(running);
            controller.shortSession("u1-dev");
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - killed) / 1_000_000));
            broker.restart();
            watch.connect();
            awaitAll(watch, records, data);

            // kill -9 of the controller while the broker is down, then both come back
            broker.kill();
            watch.drop();
            controller.shortSession("u1-dev");
            controller.shortSession("u1-dev");
            controller.close();
            broker.restart();
            watch.connect();
            try (FleetController again = FleetController.start(folder, broker.url(), "s1", "u1")) {
                awaitAll(watch, records, data);
                // a kill -9 just after a session ended may leave its open-session marker, which the engine
                // turns into a second line of the same id on the next start: ids are what consumers dedupe by
                List<String> history = new ArrayList<>(new LinkedHashSet<>(FleetController.historyIds(data)));
                assertEquals(7, history.size(), "2 old records and 5 sessions: " + history);
                List<String> received = ids(watch.on(records));
                assertEquals(history, new ArrayList<>(new LinkedHashSet<>(received)),
                        "after dropping repeats, the records are the history's, in its order");
                assertFalse(received.stream().anyMatch(id -> id.startsWith("torn")), "a torn line is never sent");
                for (BrokerWatch.Message m : watch.on(records)) {
                    assertEquals(1, m.qos(), "records go with QoS 1");
                    assertFalse(m.retained(), "records are not retained");
                }
                // each record is the very line of history.jsonl
                Set<String> lines = Set.copyOf(Files.readAllLines(data.resolve("history.jsonl")));
                assertTrue(watch.on(records).stream().allMatch(m -> lines.contains(m.payload())),
                        "every record is a line of history.jsonl as it is");
            }
            watch.close();
        }
    }

    /** Waits until every record of the history has arrived at least once. */
    private static void awaitAll(BrokerWatch watch, String topic, Path data) throws Exception {
        List<String> history = FleetController.historyIds(data);
        watch.await(m -> Set.copyOf(ids(watch.on(topic))).containsAll(history), WAIT, "every record of " + history);
    }

    private static List<String> ids(List<BrokerWatch.Message> messages) {
        return messages.stream().map(m -> m.json().get("id").getAsString()).toList();
    }
}
