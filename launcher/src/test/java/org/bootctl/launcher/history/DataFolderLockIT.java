package org.bootctl.launcher.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.runtime.DataFolderLock;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, finding 5: one process at a time runs sessions in a data folder. A second run or
 * session on it is refused (exit 2) naming the holder, and the holder's live session is left
 * alone, also by commands that run no sessions; a killed holder's lock goes with it.
 */
@Tag("realtime")
class DataFolderLockIT {

    @TempDir
    Path folder;

    @Test
    void aSecondRunOrSessionIsRefusedNamingTheHolderAndTheLiveSessionIsLeftAlone() throws Exception {
        Path data = folder.resolve("data");
        String live;
        try (ControllerProcess holder = ControllerProcess.start(folder, data)) {
            live = holder.startSession(5);
            Path marker = data.resolve("sessions/open/" + live + ".json");
            assertTrue(Files.exists(marker));
            String held = "bootctl: the data folder " + data + " is in use by process " + holder.process.pid()
                    + " (bootctl run, since ";

            Cli.Result session = Cli.run(TestDistribution.real(), "--data", data.toString(), "session", "--program",
                    "sequential", "--minutes", "0.05", "--no-fit-check", "--virtual-time");
            assertEquals(2, session.exitCode(), session.toString());
            assertEquals(1, session.errLines().size(), session.toString());
            assertTrue(session.errLines().get(0).startsWith(held), session.toString());
            assertTrue(session.errLines().get(0).endsWith("one process at a time runs sessions in a data folder;"
                    + " stop that one first, or give this one another folder with --data DIR"), session.toString());
            assertEquals("", session.out(), "nothing started");

            // on the holder's own port too: the holder is named, not the port
            String port = holder.base.replaceAll(".*:(\\d+)/$", "$1");
            Cli.Result run = Cli.run(TestDistribution.real(), "run", "--data", data.toString(), "--port", port);
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.errLines().get(0).startsWith(held), run.toString());

            // a command that runs no sessions works beside it, and leaves its open sessions alone
            Cli.Result programs = Cli.run(TestDistribution.real(), "programs", "--data", data.toString());
            assertEquals(0, programs.exitCode(), programs.toString());
            assertTrue(programs.out().contains("sequential"), programs.toString());

            assertTrue(Files.exists(marker), "the live session's marker is still there");
            assertFalse(ControllerProcess.history(data).containsKey(live), "and it is not recorded as interrupted");
            assertEquals("RUNNING", holder.state(live));
            holder.process.kill();
        }

        // the OS released the killed holder's lock: a session runs, and the killed one is recorded once
        Cli.Result after = Cli.run(TestDistribution.real(), "session", "--data", data.toString(), "--program",
                "sequential", "--minutes", "0.05", "--no-fit-check", "--virtual-time");
        assertEquals(0, after.exitCode(), after.toString());
        Map<String, List<JsonObject>> history = ControllerProcess.history(data);
        assertEquals(2, history.size(), history.toString());
        assertEquals(1, history.get(live).size());
        assertTrue(history.get(live).get(0).get("interrupted").getAsBoolean(), history.toString());
        assertTrue(Files.readString(data.resolve(DataFolderLock.FILE)).contains("command=bootctl session"));
    }

    @Test
    void theLockIsHeldUntilClosedAndSaysWhoHoldsIt() throws Exception {
        Path data = folder.resolve("in-process");
        try (DataFolderLock first = DataFolderLock.acquire(data, "bootctl run")) {
            assertTrue(DataFolderLock.heldHere(data));
            CommandException second = assertThrows(CommandException.class,
                    () -> DataFolderLock.acquire(data.resolve("x").getParent(), "bootctl session"));
            assertEquals(CommandException.USAGE, second.exitCode());
            assertTrue(second.getMessage().contains("in use by process " + ProcessHandle.current().pid()
                    + " (bootctl run, since "), second.getMessage());
            assertFalse(DataFolderLock.heldHere(folder), "only the folder itself");
        }
        assertFalse(DataFolderLock.heldHere(data));
        try (DataFolderLock again = DataFolderLock.acquire(data, "bootctl session")) {
            assertTrue(Files.readString(data.resolve(DataFolderLock.FILE)).startsWith("pid="
                    + ProcessHandle.current().pid() + "\ncommand=bootctl session\n"));
        }
    }

    @Test
    void aDataFolderThatIsAFileOrUnderOneIsNamedAsSuch() throws Exception {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        CommandException isFile = assertThrows(CommandException.class, () -> DataFolderLock.acquire(file, "bootctl run"));
        assertEquals(CommandException.USAGE, isFile.exitCode());
        assertTrue(isFile.getMessage().contains("is a file, not a folder"), isFile.getMessage());
        CommandException under = assertThrows(CommandException.class,
                () -> DataFolderLock.acquire(file.resolve("data"), "bootctl run"));
        assertTrue(under.getMessage().contains("a file is in the way of a folder")
                || under.getMessage().contains("Not a directory"), under.getMessage());
        assertFalse(DataFolderLock.heldHere(file) || DataFolderLock.heldHere(file.resolve("data")), "nothing kept held");
        try (DataFolderLock after = DataFolderLock.acquire(folder.resolve("fine"), "bootctl run")) {
            assertTrue(DataFolderLock.heldHere(folder.resolve("fine")));
        }
    }
}
