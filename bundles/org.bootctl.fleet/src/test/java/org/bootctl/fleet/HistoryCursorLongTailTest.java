package org.bootctl.fleet;

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
}
