package org.bootctl.launcher.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, finding 4, with real processes: {@code bootctl run} is killed with SIGKILL right after
 * a session's 201, right as a short session ends, and at random moments; each next start recovers
 * what the last left. Every session that got its 201 has exactly one record in history.jsonl, and
 * no marker is left. Bounded: {@value #ROUNDS} kills. The figures go to
 * target/history-kills.md (docs/RELIABILITY.md has the latest).
 */
@Tag("realtime")
class HistoryKillIT {

    static final int ROUNDS = 12;
    /** 1.2 s: short enough to end within a round. */
    static final double MINUTES = 0.02;

    enum Moment {
        RIGHT_AFTER_THE_201("right after the 201"),
        AS_ITS_LINE_IS_WRITTEN("as the session's history line lands (history.jsonl grew)"),
        AS_IT_ENDS("as the session is seen ended (GET says COMPLETED)"),
        AT_RANDOM("at random, 0-1.6 s after the 201");

        final String words;

        Moment(String words) {
            this.words = words;
        }
    }

    @TempDir
    Path folder;

    @Test
    void everyStartedSessionHasExactlyOneRecordAfterKillsAtAnyMoment() throws Exception {
        Path data = folder.resolve("data");
        Path history = data.resolve("history.jsonl");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, Moment> started = new LinkedHashMap<>();
        int refusedForALatch = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Moment moment = Moment.values()[round % Moment.values().length];
            try (ControllerProcess controller = ControllerProcess.start(folder, data)) {
                String id = controller.startSession(MINUTES);
                // after the 201: the recovery of the last kill's session is written by then (the start waits for it)
                long before = Files.exists(history) ? Files.size(history) : 0;
                refusedForALatch += controller.refusedForALatch;
                started.put(id, moment);
                switch (moment) {
                    case RIGHT_AFTER_THE_201 -> { }
                    case AS_ITS_LINE_IS_WRITTEN -> awaitGrowth(history, before, 15_000);
                    case AS_IT_ENDS -> awaitEnd(controller, id, 15_000);
                    case AT_RANDOM -> Thread.sleep(random.nextInt(1600));
                }
                controller.process.kill();
            }
        }
        // the next start recovers the last kill's session
        try (ControllerProcess controller = ControllerProcess.start(folder, data)) {
            // judged below, session by session, with the whole table
            Waits.holdsWithin("every started session in the history", Duration.ofSeconds(30),
                    () -> ControllerProcess.history(data).keySet().containsAll(started.keySet()));
            controller.process.terminate();
            controller.process.awaitExit(ControllerProcess.UP);
        }

        Map<String, List<JsonObject>> records = ControllerProcess.history(data);
        String table = table(started, records, seed)
                + "(starts refused for a fault the loaded machine latched first, cleared and retried: " + refusedForALatch
                + ")\n";
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "history-kills.md"), table, StandardCharsets.UTF_8);
        for (Map.Entry<String, Moment> session : started.entrySet()) {
            List<JsonObject> mine = records.getOrDefault(session.getKey(), List.of());
            assertEquals(1, mine.size(), "session " + session.getKey() + " killed " + session.getValue().words
                    + ": its records " + mine + "\n" + table);
        }
        assertEquals(started.keySet(), records.keySet(), "no record of a session that never got its 201\n" + table);
        assertEquals(List.of(), ControllerProcess.markers(data), "no open-session marker left");
    }

    /** Until history.jsonl is longer than {@code size}: the session's line is on the disk. */
    private static void awaitGrowth(Path history, long size, long timeoutMs) throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!(Files.exists(history) && Files.size(history) > size)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("history.jsonl did not grow within " + timeoutMs + " ms");
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitEnd(ControllerProcess controller, String id, long timeoutMs) throws Exception {
        Waits.until("session " + id + " completed", timeoutMs, () -> controller.state(id).equals("COMPLETED"));
    }

    /** One row per moment: kills, sessions with one record, with none, with more; how they were recorded. */
    private static String table(Map<String, Moment> started, Map<String, List<JsonObject>> records, long seed) {
        Map<Moment, int[]> counts = new EnumMap<>(Moment.class);
        for (Map.Entry<String, Moment> session : started.entrySet()) {
            int[] c = counts.computeIfAbsent(session.getValue(), m -> new int[5]);
            List<JsonObject> mine = records.getOrDefault(session.getKey(), List.of());
            c[0]++;
            c[mine.size() == 0 ? 1 : mine.size() == 1 ? 2 : 3]++;
            if (mine.size() == 1 && mine.get(0).has("interrupted") && mine.get(0).get("interrupted").getAsBoolean()) {
                c[4]++;
            }
        }
        List<String> rows = new ArrayList<>();
        rows.add("| kill -9 of bootctl run | kills | sessions with one record | with none | with two or more |"
                + " recorded as interrupted (the rest as they ended) |");
        rows.add("|---|---|---|---|---|---|");
        counts.forEach((moment, c) -> rows.add("| " + moment.words + " | " + c[0] + " | " + c[2] + " | " + c[1]
                + " | " + c[3] + " | " + c[4] + " |"));
        rows.add("(random seed " + seed + ")");
        return String.join("\n", rows) + "\n";
    }
}
