package org.bootctl.api.program;

import java.util.List;

/** A program file that is not valid: every error at once. */
public class ProgramFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<ValidationError> errors;

    public ProgramFormatException(String origin, List<ValidationError> errors) {
        super(origin + ": " + (errors.isEmpty() ? "invalid" : errors.get(0)
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
