package org.bootctl.api.program;

import java.util.List;

/**
 * A program file that is not valid: every error at once. The message names the origin and the
 * first error ({@code ripple.json: $.cycle[2].zones: ... (and 2 more)}).
 */
public class ProgramFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Every error found, in file order. */
    private final List<ValidationError> errors;

    /**
     * A refusal of a program file.
     *
     * @param origin the file name or other label the message starts with
     * @param errors every error found, not null (copied)
     */
    public ProgramFormatException(String origin, List<ValidationError> errors) {
        super(origin + ": " + (errors.isEmpty() ? "invalid" : errors.get(0)
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")));
        this.errors = List.copyOf(errors);
    }

    /**
     * Every error found.
     *
     * @return the errors, in file order; unmodifiable
     */
    public List<ValidationError> errors() {
        return errors;
    }
}
