package org.bootctl.engine.record;

import java.io.IOException;
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
import org.bootctl.api.session.Fault;
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
        if (line.length > BoundedLines.MAX_LINE_BYTES) { // a driver's endless exception text: kept readable
            line = (Json.GSON.toJson(shortened(record)) + "\n").getBytes(StandardCharsets.UTF_8);
        }
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

    /** The longest end reason or fault message a line keeps: far more than any the engine words itself. */
    static final int MAX_TEXT = 16 * 1024;

    /**
     * The record with its end reason and fault message cut to {@link #MAX_TEXT} characters: they can
     * hold what a driver's exception said, of any length, and a line longer than
     * {@link BoundedLines#MAX_LINE_BYTES} would never be read back.
     */
    private static SessionRecord shortened(SessionRecord record) {
        Fault fault = record.fault();
        return record.toBuilder().endReason(cut(record.endReason())).fault(fault == null ? null
                : new Fault(cut(fault.cause()), fault.channel(), fault.zone(), fault.pressureMmHg(), cut(fault.message())))
                .build();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "… (cut)";
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
        // bytes a torn line cut mid-character are replaced, a line too long for any record skipped unread
        try {
            BoundedLines.forEach(file, BoundedLines.MAX_LINE_BYTES, line -> {
                SessionRecord record = parse(line);
                if (record != null) {
                    newest.addFirst(record);
                    if (newest.size() > limit) {
                        newest.removeLast();
                    }
                }
            });
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
        try {
            BoundedLines.forEach(file, BoundedLines.MAX_LINE_BYTES, line -> {
                if (ids.stream().anyMatch(line::contains)) {
                    SessionRecord record = parse(line);
                    if (record != null && ids.contains(record.id())) {
                        found.add(record.id());
                    }
                }
            });
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
