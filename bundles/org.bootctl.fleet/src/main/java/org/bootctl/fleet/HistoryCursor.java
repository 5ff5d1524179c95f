package org.bootctl.fleet;

import com.google.gson.JsonElement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code history.jsonl} as the fleet's outbox: the durable cursor ({@code fleet/cursor} in the
 * data folder) is the byte offset of the first line the broker has not acknowledged. Lines are
 * read from there, whole lines only (one being written is left for later), and the cursor moves
 * only past lines the broker acknowledged, written atomically and forced to disk: after a crash
 * or {@code kill -9} the unit sends again from the last acknowledged line, so a record may come
 * twice (consumers dedupe by its id) but never goes missing. A line that is not a record (torn by
 * a crash) is passed over, never sent. Used by the publisher thread only.
 */
final class HistoryCursor {

    /** One line of the history: its text, and the offset just after it. */
    record Line(String json, long end) {
    }

    /** The most read in one go, so a long history is sent in pieces. */
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private final Path history;
    private final Path cursorFile;
    private long offset;
    /** Where an over-long line began, and how far it has been scanned for its end (see skipLongLine). */
    private long longLineStart = -1;
    private long longLineScanned;

    HistoryCursor(Path history, Path cursorFile) {
        this.history = history;
        this.cursorFile = cursorFile;
    }

    /** Reads the cursor; none yet (the first start with a fleet) means every record is still to send. */
    void load() throws IOException {
        try {
            String text = Files.readString(cursorFile, StandardCharsets.UTF_8).trim();
            offset = Long.parseLong(text.replaceFirst("^offset\\s+", ""));
        } catch (NoSuchFileException e) {
            offset = 0;
        } catch (NumberFormatException e) {
            offset = 0; // an unreadable cursor: sending everything again loses nothing
        }
    }

    long offset() {
        return offset;
    }

    /**
     * Up to {@code max} records after the cursor, in file order. Lines that are not records are
     * skipped but counted in the returned offsets. A history shorter than the cursor (replaced,
     * restored) is read from its start. Every line returned ends past the cursor: empty means
     * nothing to send yet (none, or only an unfinished last line).
     */
    List<Line> next(int max) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(history, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < offset) {
                offset = 0;
            }
            long position = offset;
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(MAX_BATCH_BYTES, Math.max(0, size - position)));
            channel.read(buffer, position);
            buffer.flip();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long lineStart = position;
            while (buffer.hasRemaining() && lines.size() < max) {
                byte b = buffer.get();
                position++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                lines.add(new Line(isRecord(text) ? text : null, position));
                lineStart = position;
            }
            if (lines.isEmpty() && lineStart == offset && size - offset > MAX_BATCH_BYTES) {
                // one line longer than a batch is no record the engine writes: pass over it once it ends;
                // until then (a zero-filled tail after a power cut) there is nothing to send, so the publisher parks
                long end = skipLongLine(channel);
                if (end > offset) {
                    lines.add(new Line(null, end));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return lines;
    }

    /** Moves the cursor past what the broker acknowledged, durably. */
    void commit(long end) throws IOException {
        if (end == offset) {
            return;
        }
        Files.createDirectories(cursorFile.getParent());
        Path temp = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(("offset " + end + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        try {
            Files.move(temp, cursorFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, cursorFile, StandardCopyOption.REPLACE_EXISTING);
        }
        offset = end;
    }

    /** A whole JSON object with a text id: what HistoryStore writes. Torn and foreign lines are not. */
    static boolean isRecord(String line) {
        if (line.isBlank()) {
            return false;
        }
        try {
            JsonElement element = Json.parse(line);
            JsonElement id = element.isJsonObject() ? element.getAsJsonObject().get("id") : null;
            return id != null && id.isJsonPrimitive() && id.getAsJsonPrimitive().isString();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The end of the over-long line at the cursor, or the cursor while it has not ended. What was
     * scanned of it is remembered, so a long unfinished tail is read once, not on every round.
     */
    private long skipLongLine(FileChannel channel) throws IOException {
        if (longLineStart != offset || longLineScanned > channel.size()) { // another line, or the history was replaced
            longLineStart = offset;
            longLineScanned = offset;
        }
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (true) {
            buffer.clear();
            int read = channel.read(buffer, longLineScanned);
            if (read <= 0) {
                return offset; // not ended yet: nothing to skip until the rest comes
            }
            for (int i = 0; i < read; i++) {
                if (buffer.get(i) == '\n') {
                    return longLineScanned + i + 1;
                }
            }
            longLineScanned += read;
        }
    }
}
