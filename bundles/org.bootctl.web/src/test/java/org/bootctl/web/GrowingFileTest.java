package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running session's trace is sent as it was when measured: whole lines, exactly its Content-Length. */
class GrowingFileTest {

    @TempDir
    Path dir;

    @Test
    void aFileAppendedToWhileItIsSentIsSentAsMeasuredUpToItsLastCompleteLine() throws Exception {
        Path trace = dir.resolve("trace.csv");
        String lines = "t,zone,p\n0.0,1,12.5\n0.1,1,13.0\n";
        Files.writeString(trace, lines + "0.2,1,1"); // the writer is in the middle of a line
        long length = GrowingFile.completeLength(trace);
        assertEquals(lines.length(), length);

        Files.writeString(trace, "3.5\n" + "0.3,1,14.0\n".repeat(5000), StandardOpenOption.APPEND); // the session goes on
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GrowingFile.copy(trace, length, out);
        assertEquals(lines, out.toString(StandardCharsets.UTF_8), "exactly the bytes measured, however much came since");
    }

    @Test
    void aFinishedFileIsSentWholeAndOneThatShrankBreaksOffLoudly() throws Exception {
        Path trace = dir.resolve("done.csv");
        String whole = "t,zone,p\n" + "0.3,1,14.0\n".repeat(2000);
        Files.writeString(trace, whole);
        assertEquals(whole.length(), GrowingFile.completeLength(trace));
        Path noLineEnd = dir.resolve("odd.csv");
        Files.writeString(noLineEnd, "x".repeat(20_000));
        assertEquals(20_000, GrowingFile.completeLength(noLineEnd), "no line end near the end: all of it");
        Files.writeString(trace, "t\n");
        assertThrows(EOFException.class, () -> GrowingFile.copy(trace, whole.length(), new ByteArrayOutputStream()));
    }
}
