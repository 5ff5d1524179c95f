package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.bootctl.testing.Waits;

/** The data folder's {@code audit.jsonl} as a test reads it: every line checked to be a whole event. */
final class AuditFile {

    /** One line of the audit log. */
    record Line(Instant time, String action, String source, String subject, Map<String, String> details) {
    }

    private final Path file;

    AuditFile(Path data) {
        this.file = data.resolve("audit.jsonl");
    }

    Path file() {
        return file;
    }

    /**
     * The lines so far, each parsed and checked: the five fields, nothing else, times never going
     * back. A line still being written (no newline yet) is not read.
     */
    List<Line> lines() {
        String text;
        try {
            text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Line> lines = new ArrayList<>();
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return lines;
        }
        Instant previous = Instant.EPOCH;
        for (String raw : text.substring(0, end).split("\n", -1)) {
            JsonObject json = JsonParser.parseString(raw).getAsJsonObject();
            assertEquals(List.of("time", "action", "source", "subject", "details"), List.copyOf(json.keySet()), raw);
            Map<String, String> details = new TreeMap<>();
            json.getAsJsonObject("details").entrySet().forEach(e -> details.put(e.getKey(), e.getValue().getAsString()));
            Line line = new Line(Instant.parse(json.get("time").getAsString()), json.get("action").getAsString(),
                    json.get("source").getAsString(), json.get("subject").getAsString(), details);
            assertTrue(!line.time().isBefore(previous), "in the order of their times: " + raw);
            previous = line.time();
            lines.add(line);
        }
        return lines;
    }

    /** The whole file as text, for what must never be in it. */
    String text() throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** Polls until a line matches, up to {@code timeout}; that line. */
    Line await(String what, Predicate<Line> match, Duration timeout) {
        AtomicReference<Line> found = new AtomicReference<>();
        Waits.until(() -> what + " in " + file + "; lines: " + lines(), timeout, () -> {
            lines().stream().filter(match).findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    static Predicate<Line> is(String action, String source, String subject) {
        return l -> l.action().equals(action) && l.source().equals(source) && l.subject().equals(subject);
    }
}
