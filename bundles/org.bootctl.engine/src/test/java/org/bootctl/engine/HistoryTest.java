package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Settings;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionInfo;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionState;
import org.bootctl.engine.record.HistoryStore;
import org.bootctl.engine.record.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history.jsonl: a line for every session however it ends, crash recovery, and torn lines. */
class HistoryTest {

    @TempDir
    Path data;

    @Test
    void everySessionLeavesOneLineNewestFirst() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        FakeBoot boot = h.connect(Models.RB2_L5);
        Settings settings = Settings.level(6, 0.5).withBoost(Set.of(2));
        SessionInfo first = h.start("seq", settings);
        assertTrue(h.runUntilState(first.id(), SessionState.COMPLETED, 120));
        SessionInfo second = h.start("seq", Harness.plain(4, 10));
        assertTrue(h.runUntil(() -> boot.highestPressure() > 40, 30));
        h.engine.emergencyStop("dev1");
        h.tick();

        assertEquals(2, Files.readAllLines(data.resolve("history.jsonl")).size());
        List<SessionRecord> recent = h.engine.recent(10);
        assertEquals(List.of(second.id(), first.id()), recent.stream().map(SessionRecord::id).toList());
        assertEquals(1, h.engine.recent(1).size());

        SessionRecord done = recent.get(1);
        assertEquals("dev1", done.deviceId());
        assertEquals("RB2-L5", done.model());
        assertEquals("SN-dev1", done.serial());
        assertEquals("seq", done.programId());
        assertEquals("1.0", done.programVersion());
        assertEquals(settings, done.settings());
        assertEquals(SessionState.COMPLETED, done.state());
        assertEquals("completed", done.endReason());
        assertNull(done.fault());
        assertEquals(Harness.ORIGIN.plusMillis(100), done.start());
        assertTrue(done.end().isAfter(done.start().plusSeconds(30)));
        assertTrue(done.cycles() >= 1);
        assertEquals(10, done.peakMmHg().size());
        assertTrue(done.peakMmHg().get("L2") > done.peakMmHg().get("L1"), "boosted zone 2: " + done.peakMmHg());
        assertEquals(5, done.fitCheckMs().size());
        assertFalse(done.interrupted());

        SessionRecord stopped = recent.get(0);
        assertEquals(SessionState.STOPPED, stopped.state());
        assertEquals("emergency stop", stopped.endReason());
        assertTrue(Files.list(data.resolve("sessions/open")).findAny().isEmpty(), "no open-session markers left");
    }

    @Test
    void aClientReferenceIsRecordedAndAnAbsentOneStaysAbsent() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        h.connect(Models.RB2_L5);
        SessionInfo withClient = h.start("seq", Harness.plain(4, 10).withClient("C-0042.b_7"));
        assertEquals("C-0042.b_7", withClient.settings().client());
        Path marker = data.resolve("sessions/open/" + withClient.id() + ".json");
        assertTrue(Files.readString(marker).contains("\"client\":\"C-0042.b_7\""),
                "a crash keeps the reference: " + Files.readString(marker));
        h.engine.stop(withClient.id());
        h.seconds(2);
        SessionInfo without = h.start("seq", Harness.plain(4, 10));
        h.engine.stop(without.id());
        h.seconds(2);

        List<String> lines = Files.readAllLines(data.resolve("history.jsonl"));
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"client\":\"C-0042.b_7\""), lines.get(0));
        assertFalse(lines.get(1).contains("client"), "no client, no key: " + lines.get(1));
        List<SessionRecord> recent = h.engine.recent(2);
        assertNull(recent.get(0).settings().client());
        assertEquals("C-0042.b_7", recent.get(1).settings().client());
        assertEquals(Harness.plain(4, 10).withClient("C-0042.b_7"), recent.get(1).settings());
    }

    @Test
    void aClientReferenceMustBeAnOpaqueCode() {
        for (String bad : new String[] {"", "Jane Doe", "jane@example.org", "x".repeat(65), "Zoë", "a/b", "a\nb"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Settings.level(3, 20).withClient(bad), bad);
            assertTrue(e.getMessage().startsWith("client must be an opaque code"), e.getMessage());
            assertTrue(e.getMessage().contains("[A-Za-z0-9._-]{1,64}"), e.getMessage());
            assertFalse(!bad.isEmpty() && e.getMessage().contains(bad), "the refused text is not echoed");
        }
        assertEquals("x".repeat(64), Settings.level(3, 20).withClient("x".repeat(64)).client());
        assertNull(Settings.level(3, 20).withClient("A1").withClient(null).client());
        assertEquals("A1", Settings.level(3, 20).withClient("A1").withBoost(Set.of(1)).withRampIn(false).client());
    }

    @Test
    void aSessionCutOffByACrashIsRecordedAsInterruptedOnTheNextStart() throws Exception {
        Harness crashed = new Harness(data);
        crashed.program(TestPrograms.sequential(2000, 30_000));
        FakeBoot boot = crashed.connect(Models.RB2_L5);
        SessionInfo s = crashed.start("seq", Harness.plain(5, 30));
        assertTrue(crashed.runUntil(() -> boot.highestPressure() > 70, 30));
        crashed.seconds(3);
        // the controller dies here: no shutdown, no history line
        assertTrue(crashed.engine.recent(5).isEmpty());
        Path marker = data.resolve("sessions/open/" + s.id() + ".json");
        assertTrue(Files.exists(marker));
        Path trace = data.resolve("traces/" + s.id() + ".csv");

        Harness next = new Harness(data); // start() recovers on its recorder (here: at once)
        List<SessionRecord> history = next.engine.recent(5);
        assertEquals(1, history.size());
        SessionRecord record = history.get(0);
        assertEquals(s.id(), record.id());
        assertTrue(record.interrupted());
        assertEquals(SessionState.FAULT, record.state());
        assertEquals("interrupted: controller stopped unexpectedly", record.endReason());
        assertEquals("interrupted: controller stopped unexpectedly", record.fault().message());
        assertEquals(Files.getLastModifiedTime(trace).toInstant(), record.end());
        assertEquals("RB2-L5", record.model());
        assertEquals(Harness.plain(5, 30), record.settings());
        assertTrue(record.peakMmHg().get("L1") > 70, "peaks read back from the trace: " + record.peakMmHg());
        assertEquals(1, record.cycles());
        assertFalse(Files.exists(marker));
        assertEquals(1, new Harness(data).engine.recent(5).size(), "recovered once only");
    }

    @Test
    void aTornLastLineIsSkippedAndDoesNotSpoilTheNextOne() throws Exception {
        Harness h = new Harness(data);
        h.program(TestPrograms.sequential(2000, 30_000));
        h.connect(Models.RB2_L5);
        SessionInfo first = h.start("seq", Harness.plain(3, 0.05));
        assertTrue(h.runUntilState(first.id(), SessionState.COMPLETED, 30));
        Path file = data.resolve("history.jsonl");
        Files.writeString(file, "{\"id\":\"20250601-cut\",\"deviceId\":\"de", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertEquals(List.of(first.id()), h.engine.recent(10).stream().map(SessionRecord::id).toList());

        SessionInfo second = h.start("seq", Harness.plain(3, 0.05));
        assertTrue(h.runUntilState(second.id(), SessionState.COMPLETED, 30));
        assertEquals(List.of(second.id(), first.id()), h.engine.recent(10).stream().map(SessionRecord::id).toList());
        assertEquals(3, Files.readAllLines(file).size(), "the torn line stays, ended, on its own");
    }

    @Test
    void garbageAndHalfCharactersAreSkipped() throws Exception {
        Path file = data.resolve("history.jsonl");
        Files.write(file, new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '\n', 'x', '\n'});
        HistoryStore store = new HistoryStore(file);
        assertTrue(store.recent(5).isEmpty());
        assertTrue(new HistoryStore(data.resolve("none.jsonl")).recent(5).isEmpty());
        store.append(SessionRecord.builder().id("a").deviceId("d").model("RB2-L5").serial("s").programId("p")
                .programVersion("1").settings(Settings.level(2, 1)).start(Harness.ORIGIN)
                .end(Harness.ORIGIN.plusSeconds(60)).state(SessionState.COMPLETED).endReason("completed").cycles(1)
                .peakMmHg(Map.of("L1", 40.0)).fitCheckMs(Map.of()).build());
        List<SessionRecord> read = store.recent(5);
        assertEquals(1, read.size());
        assertEquals(Map.of("L1", 40.0), read.get(0).peakMmHg());
        assertNotNull(read.get(0).settings());
    }

    /**
     * Damage can leave a line of any length (a disk's garbage, an editor's accident): read whole, a
     * line of hundreds of MiB ended `bootctl session` (and would end the server's history request) with
     * an OutOfMemoryError. No record is near 1 MiB: a longer line is skipped without being held, and
     * the lines around it are read.
     */
    @Test
    void aLineFarLongerThanAnyRecordIsSkippedUnreadAndTheOthersAreRead() throws Exception {
        Path file = data.resolve("history.jsonl");
        HistoryStore store = new HistoryStore(file);
        store.append(record("before", "completed"));
        Files.write(file, new byte[3 * 1024 * 1024], StandardOpenOption.APPEND); // zeros, no newline: no record
        Files.writeString(file, "\n", StandardOpenOption.APPEND);
        // well-formed, yet longer than any record the engine writes
        Files.writeString(file, "{\"id\":\"padded\",\"endReason\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}\n",
                StandardOpenOption.APPEND);
        store.append(record("after", "completed"));

        assertEquals(List.of("after", "before"), store.recent(10).stream().map(SessionRecord::id).toList());
    }

    /** A driver's exception text can be of any length; the line that holds it must still be read back. */
    @Test
    void aRecordWithAnEndlessFaultTextIsWrittenShortEnoughToBeReadBack() throws Exception {
        HistoryStore store = new HistoryStore(data.resolve("history.jsonl"));
        String endless = "controller error: " + "the driver said so. ".repeat(100_000);
        store.append(record("long", endless).toBuilder().state(SessionState.FAULT)
                .fault(new Fault("controller error", "L1", 1, 42.5, endless)).build());

        List<SessionRecord> read = store.recent(5);
        assertEquals(List.of("long"), read.stream().map(SessionRecord::id).toList(), "recorded and read back");
        assertTrue(read.get(0).endReason().startsWith("controller error: the driver said so."), read.get(0).endReason());
        assertTrue(read.get(0).fault().message().length() < 20_000, "cut: " + read.get(0).fault().message().length());
        assertEquals(42.5, read.get(0).fault().pressureMmHg(), "the channel and its pressure stay");
    }

    private static SessionRecord record(String id, String endReason) {
        return SessionRecord.builder().id(id).deviceId("d").model("RB2-L5").serial("s").programId("p")
                .programVersion("1").settings(Settings.level(2, 1)).start(Harness.ORIGIN)
                .end(Harness.ORIGIN.plusSeconds(60)).state(SessionState.COMPLETED).endReason(endReason).cycles(1)
                .peakMmHg(Map.of()).fitCheckMs(Map.of()).build();
    }

    @Test
    void theRecorderNeverLosesAHistoryLineToABusyWriter() throws Exception {
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Recorder recorder = new Recorder(data, writer);
            for (int i = 0; i < 200; i++) {
                recorder.sessionEnded(SessionRecord.builder().id("s" + i).deviceId("d").model("RB2-L5").serial("s")
                        .programId("p").programVersion("1").settings(Settings.level(2, 1)).start(Harness.ORIGIN)
                        .end(Harness.ORIGIN).state(SessionState.STOPPED).endReason("stopped").peakMmHg(Map.of())
                        .fitCheckMs(Map.of()).build());
            }
        } finally {
            writer.shutdown();
            assertTrue(writer.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals(200, Files.readAllLines(data.resolve("history.jsonl")).size());
    }
}
