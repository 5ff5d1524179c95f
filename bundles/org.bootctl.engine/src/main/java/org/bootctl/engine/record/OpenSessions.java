package org.bootctl.engine.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bootctl.api.session.SessionRecord;

/**
 * {@code sessions/open/<id>.json}: a marker per session under way, written when it starts and
 * deleted once its history line is written. A marker found on the next start is a session a
 * crash cut off.
 */
final class OpenSessions {

    private final Path dir;

    OpenSessions(Path dir) {
        this.dir = dir;
    }

    void write(SessionRecord begun) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(begun.id() + ".json.tmp");
        Files.writeString(tmp, Json.GSON.toJson(begun), StandardCharsets.UTF_8);
        Files.move(tmp, marker(begun.id()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete(String id) throws IOException {
        Files.deleteIfExists(marker(id));
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
