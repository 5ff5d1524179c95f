package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine stays readable: no main class over {@value #MOST_LINES} lines (docs/ARCHITECTURE.md).
 * A class that grows past it is split by responsibility, as Engine, DeviceHandle and DeviceLoop were.
 */
class EngineClassSizeTest {

    static final int MOST_LINES = 400;

    @Test
    void noMainClassOfTheEngineIsLongerThanTheBound() throws IOException {
        Path sources = Path.of("src/main/java/org/bootctl/engine");
        assertTrue(Files.isDirectory(sources), "run from the engine module: " + sources.toAbsolutePath());
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(sources)) {
            tooLong = files.filter(f -> f.toString().endsWith(".java")).filter(f -> lines(f) > MOST_LINES)
                    .map(f -> sources.relativize(f) + " (" + lines(f) + " lines)").sorted().toList();
        }
        assertEquals(List.of(), tooLong, "split these by responsibility");
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e, e);
        }
    }
}
