package org.bootctl.programs;

import static org.bootctl.programs.ProgramFolderTest.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder watched in real time: changes show within the deadline (polled, never slept on). */
class FolderWatcherTest {

    /** The issue asks for 2 s; a loaded CI machine gets some slack. */
    private static final long DEADLINE_MS = 5000;

    @TempDir
    Path data;

    private Path folder;
    private final RecordingRegistrar registrar = new RecordingRegistrar();
    private ProgramFolder programs;
    private FolderWatcher watcher;

    @BeforeEach
    void start() {
        folder = data.resolve("programs"); // not there yet: the watcher makes it
        programs = new ProgramFolder(folder, Map.of("sequential", "the built-in program sequential"), registrar);
        watcher = new FolderWatcher(folder, programs::scan);
        watcher.start();
    }

    @AfterEach
    void stop() {
        watcher.stop();
        programs.close();
    }

    /** The first error of a file's entry as "path: message"; "" when it has none or is not listed. */
    private String firstError(String name) {
        ProgramEntry entry = entry(name);
        return entry == null || entry.valid() ? "" : entry.errors().get(0).path() + ": " + entry.errors().get(0).message();
    }

    private ProgramEntry entry(String name) {
        return programs.entries().stream().filter(e -> e.location().equals(folder.resolve(name).toString()))
                .findFirst().orElse(null);
    }

    @Test
    void filesDroppedEditedBrokenFixedAndDeletedAreFollowed() throws Exception {
        Waits.until("the folder is created", DEADLINE_MS, () -> Files.isDirectory(folder));

        Files.writeString(folder.resolve("mine.json"), program("mine", "1"));
        Waits.until("a dropped file is registered", DEADLINE_MS, () -> "1".equals(registrar.version("mine")));

        Files.writeString(folder.resolve("mine.json"), program("mine", "2"));
        Waits.until("an edited file is registered anew", DEADLINE_MS, () -> "2".equals(registrar.version("mine")));

        Files.writeString(folder.resolve("mine.json"), program("mine", "3").replace("\"zone\"}", "\"zone\", \"to\": 80}"));
        // a file written in place may be seen half-written (then it is invalid too): wait for the whole of it
        Waits.until("a broken file is listed with its error", DEADLINE_MS, () -> firstError("mine.json").equals("$.cycle[0].steps[0].to: must be"
                + " a pressure like \"80%\" (of the level) or \"60 mmHg\", or a gradient"
                + " {\"start\": \"100%\", \"perZone\": \"-10%\", \"min\": \"40%\"}"));
        assertEquals(null, registrar.version("mine"), "a broken file is never loaded");

        // written beside the folder and moved in, as editors and uploads do
        Path temp = Files.writeString(data.resolve("mine.tmp"), program("mine", "4"));
        Files.move(temp, folder.resolve("mine.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Waits.until("a fixed file is registered again", DEADLINE_MS, () -> "4".equals(registrar.version("mine")));

        Files.delete(folder.resolve("mine.json"));
        Waits.until("a deleted file is unregistered", DEADLINE_MS, () -> registrar.version("mine") == null && programs.entries().isEmpty());
    }

    @Test
    void collisionsAreListedAsTheyAppear() throws Exception {
        Waits.until("the folder is created", DEADLINE_MS, () -> Files.isDirectory(folder));
        Files.writeString(folder.resolve("mine.json"), program("sequential", "1"));
        Waits.until("a file using a built-in's id is refused", DEADLINE_MS, () -> firstError("mine.json")
                .equals("$.id: id \"sequential\" is already used by the built-in program sequential"));
        assertFalse(registrar.registered.containsKey("sequential"));
    }

    @Test
    void anErrorInAScanIsSurvivedAndLaterFilesStillLoad() throws Exception {
        // an OutOfMemoryError once ended this thread: later valid files never loaded
        Path other = Files.createDirectories(data.resolve("failing"));
        RecordingRegistrar registered = new RecordingRegistrar();
        ProgramFolder failing = new ProgramFolder(other, Map.of(), registered);
        java.util.concurrent.atomic.AtomicInteger scans = new java.util.concurrent.atomic.AtomicInteger();
        FolderWatcher watching = new FolderWatcher(other, () -> {
            int scan = scans.incrementAndGet();
            if (scan == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
            if (scan == 2) {
                throw new IllegalStateException("a bug");
            }
            failing.scan();
        });
        watching.start();
        try {
            Waits.until("the first scan fails", DEADLINE_MS, () -> scans.get() >= 1);
            Files.writeString(other.resolve("later.json"), program("later", "1"));
            Waits.until("the next scan fails too", DEADLINE_MS, () -> scans.get() >= 2);
            Files.writeString(other.resolve("later.json"), program("later", "2"));
            Waits.until("a file written after the failures loads", DEADLINE_MS, () -> Objects.equals("2", registered.version("later")));
        } finally {
            watching.stop();
            failing.close();
        }
    }

    @Test
    void aFileDroppedDuringAStormOfChangesIsStillLoaded() throws Exception {
        Waits.until("the folder is created", DEADLINE_MS, () -> Files.isDirectory(folder));
        // another tool rewriting a file of its own here every 20 ms, never 100 ms quiet
        AtomicBoolean storming = new AtomicBoolean(true);
        Thread storm = new Thread(() -> {
            for (int i = 0; storming.get(); i++) {
                try {
                    Files.writeString(folder.resolve("notes.txt"), "note " + i);
                    Thread.sleep(20);
                } catch (Exception e) {
                    return;
                }
            }
        });
        storm.start();
        try {
            Files.writeString(folder.resolve("mine.json"), program("mine", "1"));
            Waits.until("a file dropped while changes never pause is registered", DEADLINE_MS,
                    () -> "1".equals(registrar.version("mine")));
        } finally {
            storming.set(false);
            storm.join();
        }
    }

    @Test
    void aFilePresentAtStartIsFoundByTheFirstScan() throws Exception {
        Path other = Files.createDirectories(data.resolve("other"));
        Files.writeString(other.resolve("early.json"), program("early", "1"));
        RecordingRegistrar registered = new RecordingRegistrar();
        ProgramFolder early = new ProgramFolder(other, Map.of(), registered);
        FolderWatcher second = new FolderWatcher(other, early::scan);
        second.start();
        try {
            Waits.until("the first scan registers it", DEADLINE_MS, () -> Objects.equals("1", registered.version("early")));
        } finally {
            second.stop();
            early.close();
        }
    }
}
