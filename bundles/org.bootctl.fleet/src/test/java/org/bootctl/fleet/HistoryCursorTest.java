package org.bootctl.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable cursor: whole lines only, torn lines passed over, moved only by commit, kept across a restart. */
class HistoryCursorTest {

    @TempDir
    Path folder;

    @Test
    void readsWholeRecordsInOrderAndResumesFromTheCommittedOffsetAfterARestart() throws Exception {
        Path history = folder.resolve("history.jsonl");
        Path cursorFile = folder.resolve("fleet/cursor");
        Files.writeString(history, "{\"id\":\"a\"}\n{\"id\":\"torn\n{\"id\":\"b\"}\n{\"id\":\"c\"");
        HistoryCursor cursor = new HistoryCursor(history, cursorFile);
        cursor.load();
        assertEquals(0, cursor.offset(), "no cursor yet: everything is still to send");

        List<HistoryCursor.Line> lines = cursor.next(10);
        assertEquals(3, lines.size(), "two records and the torn line; the unfinished last line waits");
        assertEquals("{\"id\":\"a\"}", lines.get(0).json());
        assertNull(lines.get(1).json(), "a torn line is never sent");
        assertEquals("{\"id\":\"b\"}", lines.get(2).json());
        assertEquals(0, cursor.offset(), "reading does not move the cursor");

        cursor.commit(lines.get(0).end());
        HistoryCursor restarted = new HistoryCursor(history, cursorFile);
        restarted.load();
        assertEquals(lines.get(0).end(), restarted.offset(), "the committed offset survives a restart");
        assertEquals("{\"id\":\"b\"}", restarted.next(10).get(1).json());

        Files.writeString(history, "}\n", StandardOpenOption.APPEND);
        restarted.commit(restarted.next(10).get(1).end());
        assertEquals(List.of("{\"id\":\"c\"}"), restarted.next(10).stream().map(HistoryCursor.Line::json).toList(),
                "the line finished later is read once whole");
    }

    @Test
    void aHistoryShorterThanTheCursorIsReadFromItsStartAndAMissingOneIsEmpty() throws Exception {
        Path history = folder.resolve("history.jsonl");
        HistoryCursor cursor = new HistoryCursor(history, folder.resolve("cursor"));
        cursor.load();
        assertTrue(cursor.next(5).isEmpty());
        Files.writeString(history, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n");
        cursor.commit(cursor.next(5).get(1).end());
        Files.writeString(history, "{\"id\":\"new\"}\n", StandardCharsets.UTF_8); // replaced by a shorter one
        assertEquals("{\"id\":\"new\"}", cursor.next(5).get(0).json());
    }

    @Test
    void onlyJsonObjectsWithATextIdAreRecords() {
        assertTrue(HistoryCursor.isRecord("{\"id\":\"x\",\"cycles\":3}"));
        for (String line : List.of("", "  ", "{\"id\":3}", "[1]", "{\"device\":\"a\"}", "{\"id\":\"x\"} trailing", "{\"id")) {
            assertTrue(!HistoryCursor.isRecord(line), line);
        }
    }
}
