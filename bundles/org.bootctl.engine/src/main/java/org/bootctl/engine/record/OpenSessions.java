package org.bootctl.engine.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bootctl.api.session.SessionRecord;

/**
 * {@code sessions/open/<id>.json}: a marker per session under way, on the disk before its start
 * is answered and deleted once its history line is written. A marker found on the next start
 * whose session has no history line is a session a crash cut off; one whose session has a line
 * is one a crash caught between the two steps of its end (the recorder then only deletes it).
 */
final class OpenSessions {

    private final Path dir;

    OpenSessions(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes the marker whole (a temporary file renamed over it) and forces it, and its folder's
     * entry, to the disk: once this returns, a crash cannot lose the session.
     */
    void write(SessionRecord begun) throws IOException {
        Durable.createDirectories(dir);
        Path tmp = dir.resolve(begun.id() + ".json.tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(Json.GSON.toJson(begun).getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(tmp, marker(begun.id()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Durable.forceDirectory(dir);
    }

    void delete(String id) throws IOException {
        Files.deleteIfExists(marker(id));
    }

    /** Temporary files a crash left mid-write: their sessions never started (the start waits for the rename). */
    void deleteUnfinished() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path tmp : files.filter(p -> p.getFileName().toString().endsWith(".json.tmp")).toList()) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    Path marker(String id) {
        return dir.resolve(id + ".json");
    }

    /** Markers left behind; unreadable ones are reported as null records with their path. */
    List<Path> leftovers() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList());
        }
    }

    static SessionRecord read(Path marker) {
        try {
            return HistoryStore.parse(Files.readString(marker, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
