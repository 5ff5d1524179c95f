package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.bootctl.launcher.cli.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusal of a held data folder says what holds it in words right for the holder: a hub runs
 * no sessions, so "runs sessions" is said only when sessions are what the folder is held for;
 * alike whether the holder is a command of this process or another process (read from its file).
 */
class DataFolderLockTest {

    static final String SESSIONS = "one process at a time runs sessions in a data folder; stop that one first, or give"
            + " this one another folder with --data DIR";

    @TempDir
    Path folder;

    @Test
    void aHubInThisProcessIsNamedAsAHub() throws Exception {
        Path data = folder.resolve("data");
        try (DataFolderLock hub = DataFolderLock.acquire(data, "bootctl hub")) {
            String refused = refusal(data, "bootctl session");
            assertTrue(refused.contains("in use by process " + ProcessHandle.current().pid() + " (bootctl hub, since "),
                    refused);
            assertHubHolds(refused);
        }
    }

    @Test
    void aHubAskingForASessionsFolderIsToldItNeedsOneOfItsOwn() throws Exception {
        Path data = folder.resolve("data");
        try (DataFolderLock run = DataFolderLock.acquire(data, "bootctl run")) {
            String refused = refusal(data, "bootctl hub");
            assertTrue(refused.contains("(bootctl run, since "), refused);
            assertTrue(refused.endsWith(": a hub needs a data folder of its own for its database and its name on the"
                    + " broker, not one where sessions run; stop that one first, or give this one another folder"
                    + " with --data DIR"), refused);
            assertTrue(refusal(data, "bootctl session").endsWith(": " + SESSIONS), "sessions as before");
        }
    }

    /** Another process: its holder is read from bootctl.lock. */
    @Test
    @Timeout(60)
    void aHubInAnotherProcessIsNamedAsAHub() throws Exception {
        Path data = folder.resolve("other");
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Holder.class.getName(), data.toString(), "bootctl hub").redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("held", lines.readLine(), "the other process locked the folder");
            String refused = refusal(data, "bootctl run");
            assertTrue(refused.contains("in use by process " + other.pid() + " (bootctl hub, since "), refused);
            assertHubHolds(refused);
        } finally {
            other.getOutputStream().close(); // it lets go at the end of its input
            assertTrue(other.waitFor(30, TimeUnit.SECONDS), "the other process ended");
        }
    }

    private static void assertHubHolds(String refused) {
        assertTrue(refused.endsWith(": a hub keeps its database and its name on the broker in its data folder, so no"
                + " other process uses that folder; stop that one first, or give this one another folder with --data DIR"),
                refused);
        assertFalse(refused.contains("runs sessions"), refused);
    }

    private static String refusal(Path data, String command) {
        CommandException refused = assertThrows(CommandException.class, () -> DataFolderLock.acquire(data, command));
        assertEquals(CommandException.USAGE, refused.exitCode());
        return refused.getMessage();
    }

    /** The other process: holds FOLDER for COMMAND until its input ends. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (DataFolderLock held = DataFolderLock.acquire(Paths.get(args[0]), args[1])) {
                System.out.println("held");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the test closes our input
                }
            }
        }
    }
}
