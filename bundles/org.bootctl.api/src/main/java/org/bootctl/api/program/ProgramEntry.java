package org.bootctl.api.program;

import java.util.List;

/**
 * A program the library knows of, valid or not: what {@link ProgramLibrary#entries()} lists.
 * Immutable.
 *
 * @param id       the program id (for an unreadable file, the file name without {@code .json})
 * @param info     what the program says of itself, or null when the file could not be read that far
 * @param source   {@code built-in}, {@code file}, {@code fleet} or {@code bundle} (as {@link Program#SOURCE})
 * @param location the file path or bundle symbolic name it comes from
 * @param errors   why it cannot be chosen; empty when it can; copied
 */
public record ProgramEntry(String id, ProgramInfo info, String source, String location,
                           List<ValidationError> errors) {

    /**
     * Copies the errors.
     *
     * @param id       the program id
     * @param info     what the program says of itself, or null
     * @param source   where it comes from
     * @param location the file path or bundle symbolic name
     * @param errors   why it cannot be chosen, not null; empty when it can
     */
    public ProgramEntry {
        errors = List.copyOf(errors);
    }

    /**
     * Whether the program can be chosen.
     *
     * @return true when there are no errors
     */
    public boolean valid() {
        return errors.isEmpty();
    }
}
