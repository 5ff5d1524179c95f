package org.bootctl.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jol.info.GraphLayout;

/**
 * Memory is bounded by a program's size: the heap its JSON tree and its checked result hold,
 * counted object by object (JOL walks the graph; no timing, no garbage-collector guesswork), for
 * files made to cost as much as 256 KiB can. docs/RELIABILITY.md has the figures.
 */
class ProgramMemoryTest {

    /** The tree while a file is checked: at most this many times the file (22.5 measured, in the worst case known). */
    static final int TREE_PER_BYTE = 32;
    /** What a valid program keeps while it is loaded (12.6 measured). */
    static final int PROGRAM_PER_BYTE = 16;
    /** What any invalid file keeps while it is listed: its errors (at most 101), whatever its size. */
    static final long INVALID_KEEPS = 64 * 1024;
    /** Fixed costs that do not grow with the file. */
    static final long BASE = 64 * 1024;

    @BeforeAll
    static void jolOnRecords() {
        // records' fields have no Unsafe offsets; JOL finds them another way when told to
        System.setProperty("jol.magicFieldOffset", "true");
    }

    static Stream<Arguments> hostile() {
        return HostilePrograms.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void aFileCostsASmallMultipleOfItsSize(String name, String text) {
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= ProgramFormat.MAX_BYTES && bytes > (name.contains("many steps") ? 10_000 : 250_000), name);

        long tree = GraphLayout.parseInstance(JsonTree.read(text)).totalSize();
        assertTrue(tree <= TREE_PER_BYTE * bytes + BASE, name + ": the tree holds " + tree + " bytes for " + bytes);

        ProgramFormat.Checked checked = ProgramFormat.check(text, null);
        long kept = GraphLayout.parseInstance(checked).totalSize();
        if (name.startsWith("valid")) {
            assertEquals(java.util.List.of(), checked.errors(), name);
            assertTrue(kept <= PROGRAM_PER_BYTE * bytes + BASE, name + ": the program holds " + kept + " bytes for " + bytes);
        } else {
            assertTrue(!checked.valid() && checked.errors().size() <= Problems.MAX_ERRORS + 1, name);
            assertTrue(kept <= INVALID_KEEPS, name + ": an invalid file holds " + kept + " bytes");
        }
    }

    @Test
    void anInvalidFileInTheFolderKeepsOnlyItsErrors(@TempDir Path folder) throws Exception {
        RecordingRegistrar registrar = new RecordingRegistrar();
        ProgramFolder programs = new ProgramFolder(folder, Map.of(), registrar);
        programs.scan();
        long empty = GraphLayout.parseInstance(programs).totalSize();
        for (Map.Entry<String, String> e : HostilePrograms.all().entrySet()) {
            if (!e.getKey().startsWith("valid")) {
                Files.writeString(folder.resolve(e.getKey().replace(' ', '-') + ".json"), e.getValue());
            }
        }
        programs.scan();
        long files = programs.entries().size();
        assertTrue(files >= 10 && programs.entries().stream().noneMatch(p -> p.valid()));
        long kept = GraphLayout.parseInstance(programs).totalSize() - empty;
        assertTrue(kept <= files * INVALID_KEEPS, files + " invalid files of 256 KiB hold " + kept + " bytes");
        programs.close();
    }
}
