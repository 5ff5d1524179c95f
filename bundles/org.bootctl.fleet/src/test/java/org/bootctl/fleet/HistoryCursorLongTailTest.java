package org.bootctl.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * repro (rev-fleet): an unfinished last line of history.jsonl longer than a batch (256 KiB, e.g. a
 * zero-filled tail after a power cut, or any foreign bytes) makes HistoryCursor.next return one
 * "skipped" line that ends where it began (skipLongLine finds no newline and returns its start).
 * The list is never empty, so Publisher.publishRecords always reports "more": it loops 200 times
 * per round, each reading 256 KiB plus the whole tail, and never parks (Publisher.run: if (!more)),
 * so the fleet's publisher spins a core of the controller until the next session's record ends
 * the line.
 */
class HistoryCursorLongTailTest {

    @TempDir
    Path folder;

    @Test
    void anUnfinishedLongLastLineLeavesNothingToSendYet() throws Exception {
        Path history = folder.resolve("history.jsonl");
        Files.writeString(history, "{\"id\":\"a\"}\n");
        HistoryCursor cursor = new HistoryCursor(history, folder.resolve("fleet/cursor"));
        cursor.load();
        cursor.commit(cursor.next(10).get(0).end());
        Files.write(history, new byte[300 * 1024], java.nio.file.StandardOpenOption.APPEND);

        List<HistoryCursor.Line> lines = cursor.next(Publisher.RECORD_BATCH);
        assertTrue(lines.isEmpty() || lines.get(lines.size() - 1).end() > cursor.offset(),
                "either nothing to send yet, or progress; got " + lines.size() + " line(s) ending at the cursor " + cursor.offset());
    }

    @Test
    void theOverLongLineIsPassedOverOnceItEndsAndTheNextRecordIsSent() throws Exception {
        Path history = folder.resolve("history.jsonl");
        Files.writeString(history, "{\"id\":\"a\"}\n");
        HistoryCursor cursor = new HistoryCursor(history, folder.resolve("fleet/cursor"));
        cursor.load();
        cursor.commit(cursor.next(10).get(0).end());
        long start = cursor.offset();
        Files.write(history, new byte[300 * 1024], java.nio.file.StandardOpenOption.APPEND);
        assertTrue(cursor.next(Publisher.RECORD_BATCH).isEmpty(), "nothing to send while the long line is unfinished");
        Files.write(history, new byte[100 * 1024], java.nio.file.StandardOpenOption.APPEND);
        assertTrue(cursor.next(Publisher.RECORD_BATCH).isEmpty(), "still unfinished after it grew");

        Files.writeString(history, "\n{\"id\":\"b\"}\n", java.nio.file.StandardOpenOption.APPEND);
        List<HistoryCursor.Line> skipped = cursor.next(Publisher.RECORD_BATCH);
        assertEquals(1, skipped.size(), "the finished long line, passed over as one");
        assertNull(skipped.get(0).json(), "an over-long line is never sent");
        assertEquals(start + 400 * 1024 + 1, skipped.get(0).end());
        cursor.commit(skipped.get(0).end());
        List<HistoryCursor.Line> next = cursor.next(Publisher.RECORD_BATCH);
        assertEquals(List.of("{\"id\":\"b\"}"), next.stream().map(HistoryCursor.Line::json).toList());
        assertEquals(Files.size(history), next.get(0).end());
    }
}
