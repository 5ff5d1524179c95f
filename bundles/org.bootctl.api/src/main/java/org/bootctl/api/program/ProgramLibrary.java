package org.bootctl.api.program;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The program format and the user-program folder, as a service: what the command line and the
 * web UI use to list, check, load, upload and delete programs. Valid programs are also
 * registered as {@link Program} services, which is how the engine finds them.
 */
@ProviderType
public interface ProgramLibrary {

    /** Every program known: built-in, file (valid or not) and bundle, sorted by id. */
    List<ProgramEntry> entries();

    /**
     * Checks program JSON; with a garment also that every zone it names exists on it.
     *
     * @param origin  a file name or other label for messages
     * @return every error at once; empty when valid
     */
    List<ValidationError> validate(String json, String origin, Garment garment);

    /** Reads and checks a program file and returns it as a program (not registered). */
    Program load(Path file) throws IOException, ProgramFormatException;

    /** Checks program JSON and saves it as a user program in the watched folder. */
    ProgramEntry save(String json) throws IOException, ProgramFormatException;

    /**
     * Deletes a user program.
     *
     * @return false when no user program has that id
     */
    boolean delete(String id) throws IOException;
}
