package org.bootctl.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bootctl.api.program.ProgramEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's folder ({@code fleet/programs/}, source {@code fleet}): checked as {@code programs/}
 * is; a program whose id is not its file's (its topic's) name is invalid; an id the unit's own
 * {@code programs/} holds is refused, and handed back when that file goes.
 */
class ProgramFolderFleetTest {

    @TempDir
    Path root;

    @Test
    void fleetProgramsGiveWayToTheUnitsOwnFilesAndMustBeNamedByTheirId() throws Exception {
        Path own = root.resolve("programs");
        Path fleetFolder = root.resolve("fleet/programs");
        Files.createDirectories(own);
        Files.createDirectories(fleetFolder);
        RecordingRegistrar registrar = new RecordingRegistrar();
        RecordingRegistrar ownRegistrar = new RecordingRegistrar();
        ProgramFolder files = new ProgramFolder(own, Map.of(), ownRegistrar);
        ProgramFolder fleet = new ProgramFolder(fleetFolder, id -> files.entries().stream()
                .filter(e -> e.valid() && e.id().equals(id)).findFirst().map(e -> "the file programs/" + id + ".json").orElse(null),
                registrar, ProgramFolder.Changes.NONE, "fleet", true);

        Files.writeString(fleetFolder.resolve("roll.json"), ProgramFolderTest.program("roll", "2.0"));
        Files.writeString(fleetFolder.resolve("other.json"), ProgramFolderTest.program("not-other", "1.0"));
        files.scan();
        fleet.scan();
        ProgramEntry roll = entry(fleet, "roll");
        assertTrue(roll.valid());
        assertEquals("fleet", roll.source());
        assertEquals("2.0", registrar.version("roll"));
        ProgramEntry mismatch = entry(fleet, "not-other");
        assertFalse(mismatch.valid());
        assertTrue(mismatch.errors().get(0).message().contains("differs from the topic's id \"other\""), mismatch.toString());

        Files.writeString(own.resolve("roll.json"), ProgramFolderTest.program("roll", "1.0"));
        files.scan(); // as the library's watcher does: the file takes the id, then the fleet's gives way
        fleet.scan();
        assertEquals("1.0", ownRegistrar.version("roll"), "the unit's own file wins");
        assertEquals(null, registrar.version("roll"), "the fleet's is no longer registered");
        assertTrue(entry(fleet, "roll").errors().get(0).message().contains("already used by the file programs/roll.json"));

        Files.delete(own.resolve("roll.json"));
        files.scan();
        fleet.scan();
        assertEquals("2.0", registrar.version("roll"), "the fleet's comes back when the file goes");
    }

    private static ProgramEntry entry(ProgramFolder folder, String id) {
        return folder.entries().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }
}
