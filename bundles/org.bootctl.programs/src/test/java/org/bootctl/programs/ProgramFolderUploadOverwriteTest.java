package org.bootctl.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bootctl.api.program.ProgramFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repro (rev-web): an upload is saved as {@code <id>.json}; when that file name already holds a
 * user program of another id (docs/PROGRAMS.md: "the file name need not match the id"), the upload
 * silently overwrites it and that other program is gone, with no error and no audit record.
 */
class ProgramFolderUploadOverwriteTest {

    @TempDir
    Path data;

    @Test
    void anUploadNeverOverwritesTheFileOfAnotherProgram() throws Exception {
        Path folder = Files.createDirectories(data.resolve("programs"));
        RecordingRegistrar registrar = new RecordingRegistrar();
        ProgramFolder programs = new ProgramFolder(folder, Map.of(), registrar);
        // a person dropped their program "calf" in a file named after something else
        Files.writeString(folder.resolve("favourite.json"), ProgramFolderTest.program("calf", "1"));
        programs.scan();
        assertEquals("1", registrar.version("calf"));

        // someone uploads an unrelated program whose id happens to be "favourite"
        // expected: refused (409/400 naming favourite.json and calf), or saved elsewhere; never "calf" lost
        try {
            programs.save(ProgramFolderTest.program("favourite", "1"));
        } catch (ProgramFormatException refused) {
            // acceptable: refused with a reason
        } catch (FileAlreadyExistsException refused) {
            // the fix: refused (the web answers 409) naming the file and the program it holds
            assertTrue(refused.getReason().contains("programs/favourite.json holds program 'calf'"), refused.getReason());
        }
        assertNotNull(registrar.version("calf"), "program calf (favourite.json) was silently overwritten by the upload");
        assertEquals(true, Files.readString(folder.resolve("favourite.json")).contains("\"calf\""),
                "favourite.json no longer holds calf");
    }

    @Test
    void anUploadReplacesTheFileOfItsOwnIdAndRefusesOneThatCannotBeRead() throws Exception {
        Path folder = Files.createDirectories(data.resolve("programs"));
        RecordingRegistrar registrar = new RecordingRegistrar();
        ProgramFolder programs = new ProgramFolder(folder, Map.of(), registrar);
        programs.save(ProgramFolderTest.program("mine", "1"));
        programs.save(ProgramFolderTest.program("mine", "2"));
        assertEquals("2", registrar.version("mine"), "a new version of a program replaces its own file");

        Files.writeString(folder.resolve("broken.json"), "{ not json");
        programs.scan();
        FileAlreadyExistsException refused = assertThrows(FileAlreadyExistsException.class,
                () -> programs.save(ProgramFolderTest.program("broken", "1")));
        assertTrue(refused.getReason().contains("programs/broken.json is there already and cannot be read"),
                refused.getReason());
        assertEquals("{ not json", Files.readString(folder.resolve("broken.json")));
    }
}
