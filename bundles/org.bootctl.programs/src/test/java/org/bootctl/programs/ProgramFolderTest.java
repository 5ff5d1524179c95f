package org.bootctl.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramFormatException;
import org.bootctl.api.program.ValidationError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-program folder, scanned by hand in a real temporary folder. */
class ProgramFolderTest {

    @TempDir
    Path data;

    private Path folder;
    private final RecordingRegistrar registrar = new RecordingRegistrar();
    private ProgramFolder programs;

    @BeforeEach
    void setUp() throws IOException {
        folder = Files.createDirectories(data.resolve("programs"));
        programs = new ProgramFolder(folder, Map.of("sequential", "the built-in program sequential"), registrar);
    }

    static String program(String id, String version) {
        return """
                {
                  "id": "%s",
                  "name": "Mine",
                  "version": "%s",
                  "zones": {"min": 2, "max": 12},
                  "minCycle": 30,
                  "cycle": [{"each": "up", "steps": [{"fill": "zone"}]}, {"vent": "all"}]
                }
                """.formatted(id, version);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    private ProgramEntry entry(String location) {
        return programs.entries().stream().filter(e -> e.location().equals(folder.resolve(location).toString()))
                .findFirst().orElse(null);
    }

    @Test
    void addEditBreakFixAndDeleteAFile() throws IOException {
        write("mine.json", program("mine", "1"));
        programs.scan();
        assertEquals("1", registrar.version("mine"));
        ProgramEntry added = entry("mine.json");
        assertTrue(added.valid());
        assertEquals("file", added.source());
        assertEquals("Mine", added.info().name());

        programs.scan();
        assertEquals(List.of("+mine 1 file"), registrar.log, "an unchanged file is not registered again");

        write("mine.json", program("mine", "2"));
        programs.scan();
        assertEquals(List.of("+mine 1 file", "-mine 1", "+mine 2 file"), registrar.log);

        write("mine.json", program("mine", "3").replace("\"minCycle\": 30,", "\"minCycle\": 30"));
        programs.scan();
        assertNull(registrar.version("mine"), "a broken file is never loaded");
        ProgramEntry broken = entry("mine.json");
        assertEquals("mine", broken.id(), "the file name stands for an unreadable program's id");
        assertNull(broken.info());
        assertEquals(List.of(new ValidationError("$.minCycle", 7, "not valid JSON: expected ',' or '}' after the value"
                + " (a missing comma?)")), broken.errors());

        write("mine.json", program("mine", "4"));
        programs.scan();
        assertEquals("4", registrar.version("mine"));
        assertTrue(entry("mine.json").valid());

        Files.delete(folder.resolve("mine.json"));
        programs.scan();
        assertNull(registrar.version("mine"));
        assertEquals(List.of(), programs.entries());
    }

    @Test
    void anInvalidProgramIsListedWithEveryErrorAndItsInfo() throws IOException {
        write("bad.json", program("bad", "1").replace("\"fill\": \"zone\"", "\"fill\": \"zone\", \"hodl\": 2"));
        programs.scan();
        ProgramEntry bad = entry("bad.json");
        assertFalse(bad.valid());
        assertEquals("bad", bad.info().id());
        assertEquals(List.of(new ValidationError("$.cycle[0].steps[0].hodl", 7, "unknown key; did you mean \"hold\"?")), bad.errors());
        assertTrue(registrar.registered.isEmpty());
    }

    @Test
    void anIdOfABuiltInIsRefusedNamingBoth() throws IOException {
        write("my-sequential.json", program("sequential", "1"));
        programs.scan();
        assertEquals(List.of(new ValidationError("$.id", 2, "id \"sequential\" is already used by the built-in program sequential")),
                entry("my-sequential.json").errors());
        assertTrue(registrar.registered.isEmpty());
    }

    @Test
    void anIdOfAnotherFileIsRefusedAndTheFileHoldingItKeepsIt() throws IOException {
        write("b.json", program("same", "b"));
        programs.scan();
        write("a.json", program("same", "a"));
        programs.scan();
        assertEquals("b", registrar.version("same"), "the file that holds the id keeps it");
        assertEquals(List.of(new ValidationError("$.id", 2, "id \"same\" is already used by file b.json")), entry("a.json").errors());

        Files.delete(folder.resolve("b.json"));
        programs.scan();
        assertEquals("a", registrar.version("same"), "the id is free again");
        assertTrue(entry("a.json").valid());
    }

    @Test
    void amongNewFilesTheFirstByNameGetsAnId() throws IOException {
        write("b.json", program("same", "b"));
        write("a.json", program("same", "a"));
        programs.scan();
        assertEquals("a", registrar.version("same"));
        assertEquals("id \"same\" is already used by file a.json", entry("b.json").errors().get(0).message());
    }

    @Test
    void aFileThatChangesItsIdHandsTheOldOneOver() throws IOException {
        write("a.json", program("first", "a"));
        write("b.json", program("second", "b"));
        programs.scan();
        write("a.json", program("second", "a2"));
        write("b.json", program("first", "b2"));
        programs.scan();
        assertEquals("b2", registrar.version("first"));
        assertEquals("a2", registrar.version("second"));
    }

    @Test
    void otherFilesAreIgnoredAndAFileTooBigIsRefusedUnread() throws IOException {
        write("notes.txt", "not a program");
        write(".hidden.json", program("hidden", "1"));
        Files.createDirectories(folder.resolve("dir.json"));
        write("big.json", " ".repeat(ProgramFormat.MAX_BYTES + 1));
        programs.scan();
        assertEquals(1, programs.entries().size());
        assertEquals(List.of(new ValidationError("$", 0, "the file is 257 KiB; a program file is at most 256 KiB")),
                entry("big.json").errors());
        assertEquals("big", entry("big.json").id());
    }

    /** A valid program of about 256 KiB (the largest file there may be). */
    private static String largest(String id) {
        return HostilePrograms.all().get("valid: one zone named over and over").replace("\"hostile\"", "\"" + id + "\"");
    }

    @Test
    void theFolderLoadsProgramsUpToItsBoundAndListsTheRestWithWhy() throws Exception {
        for (int i = 1; i <= 6; i++) {
            write("p" + i + ".json", largest("p" + i));
        }
        programs.scan();

        long size = largest("p1").length();
        long loaded = ProgramFolder.MAX_FOLDER_BYTES / size; // 4
        for (int i = 1; i <= 6; i++) {
            ProgramEntry entry = entry("p" + i + ".json");
            if (i <= loaded) {
                assertTrue(entry.valid(), entry.errors().toString());
                assertEquals("1", registrar.version("p" + i));
            } else {
                assertEquals(List.of(new ValidationError("$", 0, "not loaded: the program files here take more than 1024 KiB"
                        + " together with this one (" + (size + 1023) / 1024 + " KiB); delete programs no longer needed"
                        + " from programs/")), entry.errors());
                assertNull(registrar.version("p" + i));
            }
        }
        // a file added later never puts a loaded one out, whatever its name
        write("a0.json", largest("a0"));
        programs.scan();
        assertTrue(entry("p1.json").valid());
        assertFalse(entry("a0.json").valid());
        ProgramFormatException full = assertThrows(ProgramFormatException.class, () -> programs.save(largest("up")));
        assertTrue(full.errors().get(0).message().startsWith("not saved: the program files here take more than 1024 KiB"),
                full.errors().toString());
        assertFalse(Files.exists(folder.resolve("up.json")), "nothing written");

        Files.delete(folder.resolve("p1.json")); // room again: the first waiting by name is loaded
        programs.scan();
        assertTrue(entry("a0.json").valid(), entry("a0.json").errors().toString());
        assertEquals("1", registrar.version("a0"));
    }

    @Test
    void aMissingFolderIsEmpty() {
        ProgramFolder none = new ProgramFolder(data.resolve("nowhere"), Map.of(), registrar);
        none.scan();
        assertEquals(List.of(), none.entries());
    }

    @Test
    void saveWritesTheFileAtomicallyAndRegistersIt() throws Exception {
        ProgramEntry saved = programs.save(program("uploaded", "1"));
        assertTrue(saved.valid());
        assertEquals(folder.resolve("uploaded.json").toString(), saved.location());
        assertEquals(program("uploaded", "1"), Files.readString(folder.resolve("uploaded.json")));
        assertEquals("1", registrar.version("uploaded"));
        try (var files = Files.list(folder)) {
            assertEquals(List.of(folder.resolve("uploaded.json")), files.toList(), "no temporary file left behind");
        }

        programs.save(program("uploaded", "2"));
        assertEquals("2", registrar.version("uploaded"), "saving again replaces it");
    }

    @Test
    void saveIntoAFolderNotYetCreated() throws Exception {
        ProgramFolder fresh = new ProgramFolder(data.resolve("new/programs"), Map.of(), registrar);
        fresh.save(program("early", "1"));
        assertTrue(Files.isRegularFile(data.resolve("new/programs/early.json")));
    }

    @Test
    void saveRefusesAnInvalidProgramAndWritesNothing() throws IOException {
        ProgramFormatException e = assertThrows(ProgramFormatException.class,
                () -> programs.save(program("broken", "1").replace("\"zone\"}", "\"zone\", \"to\": \"80\"}")));
        assertEquals("broken.json: $.cycle[0].steps[0].to: \"80\" is not a pressure: write a percentage of the level like"
                + " \"80%\" or an absolute pressure like \"60 mmHg\" (line 7)", e.getMessage());
        try (var files = Files.list(folder)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void saveRefusesAnIdInUse() throws Exception {
        ProgramFormatException builtIn = assertThrows(ProgramFormatException.class, () -> programs.save(program("sequential", "1")));
        assertEquals(List.of(new ValidationError("$.id", 2, "id \"sequential\" is already used by the built-in program sequential")),
                builtIn.errors());

        write("other.json", program("taken", "1"));
        programs.scan();
        ProgramFormatException file = assertThrows(ProgramFormatException.class, () -> programs.save(program("taken", "2")));
        assertEquals("id \"taken\" is already used by file other.json", file.errors().get(0).message());
        assertEquals("1", registrar.version("taken"));
    }

    @Test
    void deleteRemovesUserFilesOnly() throws Exception {
        programs.save(program("gone", "1"));
        write("broken.json", "{");
        programs.scan();
        assertTrue(programs.delete("gone"));
        assertFalse(Files.exists(folder.resolve("gone.json")));
        assertNull(registrar.version("gone"));
        assertTrue(programs.delete("broken"), "an invalid file can be deleted too");
        assertFalse(programs.delete("gone"), "nothing left by that id");
        assertFalse(programs.delete("sequential"), "built-in programs are not files");
        assertEquals(List.of(), programs.entries());
    }

    @Test
    void closeUnregistersEverythingForGood() throws Exception {
        programs.save(program("one", "1"));
        programs.save(program("two", "1"));
        programs.close();
        assertTrue(registrar.registered.isEmpty());
        programs.scan();
        assertTrue(registrar.registered.isEmpty());
        assertEquals(List.of(), programs.entries());
    }

    @Test
    void theFolderReportsWhatItGainsAndLosesByItselfButNotWhatSaveAndDeleteDo() throws Exception {
        List<String> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgramFolder watched = new ProgramFolder(folder, Map.of("sequential", "the built-in program sequential"),
                new RecordingRegistrar(), (action, id, file) -> changes.add(action + " " + id + " " + file.getFileName()));

        write("mine.json", program("mine", "1"));
        watched.scan();
        watched.scan();
        assertEquals(List.of("program-installed mine mine.json"), changes, "an unchanged file is reported once");

        write("mine.json", program("mine", "2"));
        write("renamed.json", program("first", "1"));
        watched.scan();
        write("renamed.json", program("second", "1"));
        write("broken.json", "{");
        watched.scan();
        Files.delete(folder.resolve("mine.json"));
        watched.scan();
        assertEquals(List.of("program-installed mine mine.json", "program-installed mine mine.json",
                "program-installed first renamed.json", "program-removed first renamed.json",
                "program-installed second renamed.json", "program-removed mine mine.json"), changes);

        changes.clear();
        watched.save(program("uploaded", "1"));
        assertTrue(watched.delete("uploaded"));
        watched.scan();
        assertEquals(List.of(), changes, "uploads and deletes are reported by whoever made them");
    }
}
