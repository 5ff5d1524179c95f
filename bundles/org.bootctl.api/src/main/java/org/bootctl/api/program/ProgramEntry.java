package org.bootctl.api.program;

import java.util.List;

/**
 * A program the library knows of, valid or not.
 *
 * @param id       the program id (for an unreadable file, the file name without {@code .json})
 * @param info     what the program says of itself, or null when the file could not be read that far
 * @param source   {@code built-in}, {@code file}, {@code fleet} or {@code bundle}
 * @param location the file path or bundle symbolic name it comes from
 * @param errors   why it cannot be chosen; empty when it can
 */
public record ProgramEntry(String id, ProgramInfo info, String source, String location,
                           List<ValidationError> errors) {

    public ProgramEntry {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
