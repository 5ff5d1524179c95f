package org.bootctl.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit file on a real disk: whole lines, in order, nothing lost, the caller never troubled. */
class JsonLinesFileTest {

    @TempDir
    Path folder;

    @Test
    void eventsFromManyThreadsAreWholeLinesInTheOrderEachThreadGaveThem() throws Exception {
        AuditJournal journal = new AuditJournal();
        Path file = folder.resolve("audit.jsonl");
        journal.start(file);
        int threads = 8;
        int each = 200;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String source = "writer " + t;
            Thread writer = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    journal.record(new AuditEvent(AuditEvent.ESTOP, source, "sim-" + i,
                            Map.of("n", Integer.toString(i), "text", "a \"quoted\"\nline")));
                }
            });
            writer.start();
            writers.add(writer);
        }
        go.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        journal.deactivate(); // writes what is queued

        List<String> lines = Files.readAllLines(file);
        assertEquals(threads * each, lines.size());
        Map<String, Integer> next = new HashMap<>();
        Instant previous = Instant.EPOCH;
        for (String line : lines) {
            JsonObject json = JsonParser.parseString(line).getAsJsonObject();
            String source = json.get("source").getAsString();
            int n = json.getAsJsonObject("details").get("n").getAsInt();
            assertEquals(next.getOrDefault(source, 0), n, "in order for " + source);
            next.put(source, n + 1);
            assertEquals("a \"quoted\"\nline", json.getAsJsonObject("details").get("text").getAsString());
            Instant time = Instant.parse(json.get("time").getAsString());
            assertTrue(!time.isBefore(previous), "lines in the order of their times");
            previous = time;
        }
    }

    @Test
    void aLineLooksAsDocumented() {
        String line = AuditJournal.line(Instant.parse("2026-11-26T13:07:23.120Z"),
                new AuditEvent(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, "org.example.x",
                        Map.of("version", "1.0.0", "file", "deploy/x.jar")));
        assertEquals("{\"time\":\"2026-11-26T13:07:23.120Z\",\"action\":\"bundle-refused\",\"source\":\"deploy folder\","
                + "\"subject\":\"org.example.x\",\"details\":{\"file\":\"deploy/x.jar\",\"version\":\"1.0.0\"}}", line);
    }

    @Test
    void aTornLastLineLeftByACrashStaysALineOfItsOwn() throws Exception {
        Path file = folder.resolve("audit.jsonl");
        Files.writeString(file, "{\"time\":\"2026-11-26T13:00:00Z\",\"action\":\"estop\"}\n{\"time\":\"2026-11-26T13:0");
        JsonLinesFile out = new JsonLinesFile(file);
        out.append("{\"after\":\"the crash\"}");
        out.close();
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("{\"after\":\"the crash\"}", lines.get(2));
    }

    @Test
    void aFailingDiskNeitherThrowsNorLosesWhatCameMeanwhile() throws Exception {
        Path blocked = folder.resolve("not-a-folder");
        Files.writeString(blocked, "a file where the audit folder should be");
        Path file = blocked.resolve("audit.jsonl");
        AuditJournal journal = new AuditJournal();
        journal.start(file);
        journal.record(new AuditEvent(AuditEvent.ESTOP, AuditEvent.SHELL, "sim-1"));
        journal.record(new AuditEvent(AuditEvent.FAULT_CLEARED, AuditEvent.SHELL, "sim-1"));
        journal.record(null);

        Files.delete(blocked); // the disk works again
        journal.record(new AuditEvent(AuditEvent.ESTOP, AuditEvent.SHELL, "sim-2"));
        journal.deactivate();

        List<String> subjects = Files.readAllLines(file).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject())
                .map(j -> j.get("action").getAsString() + " " + j.get("subject").getAsString()).toList();
        assertEquals(List.of("estop sim-1", "fault-cleared sim-1", "estop sim-2"), subjects);
    }

    @Test
    void aHostileTextCostsKilobytesAndSaysHowMuchWasLeftOut() {
        String name = "x".repeat(1_000_000);
        Map<String, String> details = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            details.put(String.format("k%04d", i), "v".repeat(10_000));
        }
        String line = AuditJournal.line(Instant.parse("2026-11-26T13:07:23.120Z"),
                new AuditEvent(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER, name, details));

        assertTrue(line.length() < 200_000, "a record of " + line.length() + " characters");
        JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        assertEquals("x".repeat(AuditJournal.MAX_TEXT) + "… (998000 more characters)", json.get("subject").getAsString());
        JsonObject kept = json.getAsJsonObject("details");
        assertEquals("v".repeat(AuditJournal.MAX_TEXT) + "… (8000 more characters)", kept.get("k0000").getAsString());
        assertEquals("968 more details", kept.get("left out").getAsString());
        assertEquals(AuditJournal.MAX_DETAILS + 1, kept.size());
    }

    @Test
    void aCharacterPairIsNeverCutInTwo() {
        String text = "a".repeat(AuditJournal.MAX_TEXT - 1) + "\uD83D\uDE00" + "b".repeat(10);
        String clipped = AuditJournal.clip(text);
        assertEquals("a".repeat(AuditJournal.MAX_TEXT - 1) + "… (12 more characters)", clipped);
    }

    @Test
    void whileTheDiskHoldsTheWriterWhatWaitsStaysWithinItsBounds() throws Exception {
        Path fifo = folder.resolve("audit.jsonl");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        JsonLinesFile out = new JsonLinesFile(fifo); // opening a pipe to write waits for a reader: a disk that hangs
        out.append("{\"first\":1}");
        Waits.until("the writer is held opening the file", 10_000, () -> Thread.getAllStackTraces().entrySet().stream()
                .anyMatch(e -> e.getKey().getName().equals("bootctl audit writer") && Arrays.stream(e.getValue())
                        .anyMatch(f -> f.getMethodName().equals("open") && f.getClassName().endsWith("JsonLinesFile"))));
        String text = "t".repeat(1500);
        for (int i = 0; i < 15_000; i++) {
            out.append("{\"n\":" + i + ",\"text\":\"" + text + "\"}");
        }
        try {
            assertTrue(out.queuedLines() <= JsonLinesFile.MAX_PENDING, out.queuedLines() + " lines wait");
            assertTrue(out.queuedChars() <= JsonLinesFile.MAX_PENDING_CHARS, out.queuedChars() + " characters wait");
        } finally {
            // let go of the writer: read the pipe to its end
            Thread reader = new Thread(() -> {
                try (InputStream in = Files.newInputStream(fifo)) {
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the test has its answer
                }
            });
            reader.start();
            out.close();
            reader.join(10_000);
        }
    }

    @Test
    void recordingAfterTheLogStoppedDoesNotThrow() {
        AuditJournal journal = new AuditJournal();
        journal.start(folder.resolve("audit.jsonl"));
        journal.deactivate();
        journal.record(new AuditEvent(AuditEvent.ESTOP, AuditEvent.SHELL, "sim-1"));
    }

    @Test
    void theFileIsRolledOverAtItsSizeKeepingAFewOldOnesAndNoLineIsLostAtARollOver() throws Exception {
        Path file = folder.resolve("audit.jsonl");
        List<String> written = new ArrayList<>();
        JsonLinesFile out = new JsonLinesFile(file, 1000);
        for (int i = 0; i < 40; i++) { // 80 bytes a line: some 12 a file, 4 files
            written.add(String.format("{\"n\":%03d,\"text\":\"%s\"}", i, "x".repeat(60)));
            out.append(written.get(i));
        }
        out.close();
        assertEquals(written, kept(out, file), "every line, in order, in the file and the rolled-over ones");
        assertTrue(Files.exists(out.old(1)), "rolled over");

        JsonLinesFile more = new JsonLinesFile(file, 1000); // a restart: it goes on from the files there
        for (int i = 40; i < 200; i++) {
            written.add(String.format("{\"n\":%03d,\"text\":\"%s\"}", i, "x".repeat(60)));
            more.append(written.get(i));
        }
        more.close();
        List<String> kept = kept(more, file);
        assertEquals(written.subList(written.size() - kept.size(), written.size()), kept,
                "the newest lines, none missing between the files");
        assertTrue(kept.size() >= 3 * 12, kept.size() + " lines kept");
        assertTrue(Files.notExists(more.old(JsonLinesFile.OLD_FILES + 1)), "no more old files than " + JsonLinesFile.OLD_FILES);
    }

    /** The lines of the rolled-over files, oldest first, then of the file; each file within its size. */
    private static List<String> kept(JsonLinesFile out, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int n = JsonLinesFile.OLD_FILES; n >= 1; n--) {
            if (Files.exists(out.old(n))) {
                assertTrue(Files.size(out.old(n)) <= 1000, out.old(n) + ": " + Files.size(out.old(n)) + " bytes");
                lines.addAll(Files.readAllLines(out.old(n)));
            }
        }
        assertTrue(Files.size(file) <= 1000, Files.size(file) + " bytes");
        lines.addAll(Files.readAllLines(file));
        return lines;
    }
}
