package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.Models;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionState;
import org.bootctl.api.time.VirtualTimebase;
import org.bootctl.engine.dispatch.ListenerDispatcher;
import org.bootctl.engine.record.Recorder;
import org.bootctl.timebase.ManualTimebase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history's crash windows (issue 12, finding 4): a session is on the disk before its start
 * returns, a crash between a session's history line and its marker's removal records it once,
 * and a process that does not own the data folder leaves other processes' markers alone. The
 * same with real processes and kill -9: the launcher's HistoryKillIT.
 */
class HistoryCrashWindowTest {

    @TempDir
    Path data;

    private Path marker(String sessionId) {
        return data.resolve("sessions/open/" + sessionId + ".json");
    }

    @Test
    void theMarkerIsOnTheDiskWhenStartReturnsBeforeTheLoopTicks() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        h.connect(Models.RB2_L5);
        SessionInfo s = h.start("seq", Harness.plain(4, 1));
        // no tick since the start: a kill now must still leave the session's record
        assertTrue(Files.exists(marker(s.id())), "marker written before start() returned");
        assertTrue(Files.readString(marker(s.id())).contains(s.id()));
        assertFalse(Files.exists(marker(s.id()).resolveSibling(s.id() + ".json.tmp")));

        Harness next = new Harness(data); // the kill: the next start recovers it
        List<SessionRecord> history = next.engine.recent(5);
        assertEquals(List.of(s.id()), history.stream().map(SessionRecord::id).toList());
        assertTrue(history.get(0).interrupted());
    }

    @Test
    void startWaitsForASlowWriterToFinishTheMarker() throws Exception {
        ExecutorService slowDisk = Executors.newSingleThreadExecutor();
        try {
            VirtualTimebase time = new ManualTimebase();
            Recorder recorder = new Recorder(data, task -> slowDisk.execute(() -> {
                try {
                    Thread.sleep(300); // every write waits for a slow disk
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                task.run();
            }));
            Engine engine = new Engine(new VirtualClock(time, Harness.ORIGIN), recorder,
                    new ListenerDispatcher(new DirectExecutorService(), Thread::new));
            engine.open(50);
            engine.addProgram(TestPrograms.sequential(2000, 30_000), java.util.Map.of());
            engine.addDevice(FakeBoot.of("dev1", Models.RB2_L5, time));
            time.advance(100_000_000L);
            SessionInfo s = engine.start("dev1", "seq", Harness.plain(4, 1));
            assertTrue(Files.exists(marker(s.id())), "start() returned before its marker was on the disk");
        } finally {
            slowDisk.shutdownNow();
            slowDisk.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCrashBetweenTheHistoryLineAndTheMarkersRemovalRecordsTheSessionOnce() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        h.connect(Models.RB2_L5);
        SessionInfo s = h.start("seq", Harness.plain(3, 0.05));
        byte[] markerBytes = Files.readAllBytes(marker(s.id()));
        assertTrue(h.runUntilState(s.id(), SessionState.COMPLETED, 30));
        assertFalse(Files.exists(marker(s.id())));
        // as a kill right after the line was forced, before the marker was deleted, leaves it
        Files.write(marker(s.id()), markerBytes);

        Harness next = new Harness(data);
        List<SessionRecord> history = next.engine.recent(10);
        assertEquals(1, history.size(), "one record, never COMPLETED and interrupted: " + history);
        assertEquals(SessionState.COMPLETED, history.get(0).state());
        assertFalse(history.get(0).interrupted());
        assertFalse(Files.exists(marker(s.id())), "the recorded session's marker is removed");
        assertEquals(1, Files.readAllLines(data.resolve("history.jsonl")).size());
    }

    @Test
    void aMarkerOfASessionWithOnlyATornLineIsRecordedAsInterrupted() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        h.connect(Models.RB2_L5);
        SessionInfo s = h.start("seq", Harness.plain(3, 1));
        h.seconds(2);
        // the kill tore the session's own line mid-write: it names the id but is no record
        Files.writeString(data.resolve("history.jsonl"), "{\"id\":\"" + s.id() + "\",\"deviceId\":\"de");

        List<SessionRecord> history = new Harness(data).engine.recent(10);
        assertEquals(List.of(s.id()), history.stream().map(SessionRecord::id).toList());
        assertTrue(history.get(0).interrupted());
    }

    @Test
    void aSessionThatCannotBeRecordedDoesNotStart() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        FakeBoot boot = h.connect(Models.RB2_L5);
        Files.createDirectories(data.resolve("sessions"));
        Files.writeString(data.resolve("sessions/open"), "not a folder"); // the marker cannot be written

        SessionException refused = assertThrows(SessionException.class, () -> h.start("seq", Harness.plain(4, 1)));
        assertEquals(SessionException.Reason.CONFLICT, refused.reason());
        assertTrue(refused.getMessage().contains("cannot be recorded"), refused.getMessage());
        h.seconds(3);
        assertTrue(boot.highestPressure() < 5, "nothing filled: " + boot.highestPressure());
        assertEquals(null, h.device().sessionId(), "the device is free");

        Files.delete(data.resolve("sessions/open"));
        SessionInfo s = h.start("seq", Harness.plain(4, 1));
        assertTrue(Files.exists(marker(s.id())), "with the folder mended, starts are recorded again");
    }

    @Test
    void aStartThatCannotBeRecordedSaysWhyInWordsNotAnExceptionsName() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        h.connect(Models.RB2_L5);
        Files.createDirectories(data.resolve("sessions"));
        Files.writeString(data.resolve("sessions/open"), "not a folder");

        String message = assertThrows(SessionException.class, () -> h.start("seq", Harness.plain(4, 1))).getMessage();
        assertFalse(message.contains("Exception") || message.contains("java."), message);
        assertTrue(message.contains(data.resolve("sessions/open").toAbsolutePath() + " is in the way"), message);
    }

    @Test
    void aProcessThatDoesNotOwnTheFolderLeavesItsMarkersAlone() throws Exception {
        Harness owner = new Harness(data);
        owner.program(TestPrograms.sequential(2000, 30_000));
        owner.connect(Models.RB2_L5);
        SessionInfo live = owner.start("seq", Harness.plain(3, 1));
        owner.seconds(2);

        Recorder beside = new Recorder(data, Runnable::run, false); // e.g. bootctl validate beside bootctl run
        beside.recoverInterrupted();
        assertTrue(Files.exists(marker(live.id())), "a live session's marker stays");
        assertTrue(beside.history().recent(5).isEmpty(), "and is not recorded as interrupted");

        Files.writeString(marker(live.id()).resolveSibling("x.json.tmp"), "{\"id\":");
        new Recorder(data, Runnable::run).recoverInterrupted(); // the owner's next start
        assertEquals(List.of(live.id()), new Recorder(data, Runnable::run).history().recent(5).stream()
                .map(SessionRecord::id).toList());
        assertFalse(Files.exists(marker(live.id()).resolveSibling("x.json.tmp")), "a half-written marker is removed");
    }
}
