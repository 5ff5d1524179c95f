package org.bootctl.launcher.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code session --trace FILE}: the copy at the session's end, and why it failed when it did, in words. */
class TraceCopyTest {

    @TempDir
    Path dir;

    @Test
    void aCopyThatFailsSaysWhyInWordsNotAnExceptionsName() throws Exception {
        Path trace = Files.writeString(dir.resolve("s.csv"), "t_ms,state\n");
        Files.writeString(dir.resolve("blocker"), "a file where the trace's folder would be");

        String problem = HeadlessSession.copyTrace(trace, dir.resolve("blocker/t.csv").toString());
        assertFalse(problem.contains("Exception") || problem.contains("java."), problem);
        assertTrue(problem.contains("a file is in the way of a folder: " + dir.resolve("blocker")), problem);
        assertTrue(problem.contains("the session's trace is "), "where the trace still is: " + problem);
    }

    @Test
    void aCopyThatWorksSaysNothing() throws Exception {
        Path trace = Files.writeString(dir.resolve("s.csv"), "t_ms,state\n");
        assertNull(HeadlessSession.copyTrace(trace, dir.resolve("out/t.csv").toString()));
        assertEquals("t_ms,state\n", Files.readString(dir.resolve("out/t.csv")));
    }
}
