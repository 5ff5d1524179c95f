package org.bootctl.engine.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bootctl.api.session.SessionRecord;

/**
 * {@code history.jsonl}: one JSON line per session, appended and forced to disk at once. A line
 * torn by a crash mid-write is skipped when reading and never glues itself to the next one.
 */
public final class HistoryStore {

    private final Path file;

    public HistoryStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends one line and forces it to the disk. Call from one thread (the recorder's). */
    public void append(SessionRecord record) throws IOException {
        Durable.createDirectories(file.getParent());
        boolean created = !Files.exists(file);
        byte[] line = (Json.GSON.toJson(record) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long size = channel.size();
            channel.position(size);
            if (size > 0 && !endsWithNewline(channel, size)) {
                // the last line was torn: end it so that this one stays whole
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
        if (created) {
            Durable.forceDirectory(file.getParent()); // a new file is found after a power cut only with its entry
        }
    }

    private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }

    /** The newest {@code limit} records, newest first; unreadable lines are skipped. */
    public List<SessionRecord> recent(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Deque<SessionRecord> newest = new ArrayDeque<>();
        // a reader (not Files.lines) replaces bytes a torn line cut mid-character instead of failing
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                SessionRecord record = parse(line);
                if (record != null) {
                    newest.addFirst(record);
                    if (newest.size() > limit) {
                        newest.removeLast();
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            System.getLogger(HistoryStore.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot read " + file + ": " + e);
        }
        return new ArrayList<>(newest);
    }

    /**
     * Which of {@code ids} have a line already (one pass over the file; only lines that mention
     * one of them are parsed). Unreadable lines count as no line.
     */
    Set<String> recorded(Set<String> ids) throws IOException {
        Set<String> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String candidate = line;
                if (ids.stream().anyMatch(candidate::contains)) {
                    SessionRecord record = parse(line);
                    if (record != null && ids.contains(record.id())) {
                        found.add(record.id());
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return found;
        }
        return found;
    }

    static SessionRecord parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            SessionRecord record = Json.GSON.fromJson(line, SessionRecord.class);
            return record != null && record.id() != null ? record : null;
        } catch (RuntimeException e) { // torn or foreign line: skip it
            return null;
        }
    }
}
