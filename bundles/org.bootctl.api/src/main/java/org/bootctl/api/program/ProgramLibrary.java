package org.bootctl.api.program;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The program format and the user-program folder, as a service: what the command line and the
 * web UI use to list, check, load, upload and delete programs. Valid programs are also
 * registered as {@link Program} services, which is how the engine finds them.
 *
 * <p>Implemented by bootctl's programs bundle only ({@code @ProviderType}); UIs use it. Its methods
 * read and write files, so they may block on the disk: call them from a request's thread, never
 * from a control loop or a listener.
 */
@ProviderType
public interface ProgramLibrary {

    /**
     * Every program known: built-in, file (valid or not), fleet and bundle, sorted by id.
     *
     * @return the entries; unmodifiable, never null
     */
    List<ProgramEntry> entries();

    /**
     * Checks program JSON; with a garment also that every zone it names exists on it.
     *
     * @param json    the program file's text (docs/PROGRAMS.md, docs/program.schema.json), not null
     * @param origin  a file name or other label for messages
     * @param garment the garment to check the zones against, or null to check the program alone
     * @return every error at once; empty when valid
     */
    List<ValidationError> validate(String json, String origin, Garment garment);

    /**
     * Reads and checks a program file and returns it as a program (not registered), e.g. for
     * {@code SessionService#start(String, Program, Settings)}.
     *
     * @param file the program file
     * @return the program, never null
     * @throws IOException            when the file cannot be read
     * @throws ProgramFormatException when it is not a valid program: every error at once
     */
    Program load(Path file) throws IOException, ProgramFormatException;

    /**
     * Checks program JSON and saves it as a user program in the watched folder, as {@code <id>.json}
     * (replacing that file; an id another program already uses is refused), and registers it as a
     * {@link Program} before it returns.
     *
     * @param json the program file's text, not null
     * @return the entry of the saved program
     * @throws IOException            when the folder cannot be written
     * @throws ProgramFormatException when it is not a valid program (every error at once) or its id
     *                                is taken; nothing is saved
     */
    ProgramEntry save(String json) throws IOException, ProgramFormatException;

    /**
     * Deletes a user program (a file in the programs folder); built-in, fleet and bundle programs
     * cannot be deleted here.
     *
     * @param id the program id
     * @return false when no user program has that id
     * @throws IOException when the file cannot be deleted
     */
    boolean delete(String id) throws IOException;
}
