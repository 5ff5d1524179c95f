package org.bootctl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.runtime.DataFolderLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder that cannot be made is said in words, never as a Java exception's class name: /proc
 * takes no new folder (Linux answers "no such file"), which showed as "NoSuchFileException: ...".
 */
class OutputFolderTest {

    @TempDir
    Path dir;

    @Test
    void aFolderTheSystemWillNotMakeIsSaidInWords() {
        assertEquals("its folder /proc/self/nope/deeper cannot be made (no such file or folder: /proc/self/nope)",
                OutputFolder.problem(Path.of("/proc/self/nope/deeper")));
    }

    @Test
    void aDataFolderTheSystemWillNotMakeIsSaidInWords() {
        CommandException refused = assertThrows(CommandException.class,
                () -> DataFolderLock.acquire(Path.of("/proc/self/nope"), "bootctl run"));
        assertEquals("cannot lock the data folder /proc/self/nope: no such file or folder: /proc/self/nope",
                refused.getMessage());
    }

    @Test
    void aFolderThatCanBeMadeIsMadeAndFine() throws Exception {
        assertNull(OutputFolder.problem(dir.resolve("a/b")));
        assertEquals(true, Files.isDirectory(dir.resolve("a/b")));
    }
}
