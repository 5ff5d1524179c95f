package org.bootctl.web.contract;

import java.util.List;
import java.util.Optional;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.web.contract.Views.ErrorView;
import org.bootctl.web.contract.Views.ProgramView;

/**
 * Why a session cannot start with a program the library lists only as invalid: a 400 naming its
 * file and its first error, with all its errors as the details (the REST API's start and the
 * fleet's {@code cmd/start} answer alike; the engine itself knows only valid programs).
 */
public record InvalidProgram(String message, List<ErrorView> errors) {

    /** Empty when there is no library, it does not list {@code id}, or it lists a valid one of that id. */
    public static Optional<InvalidProgram> of(ProgramLibrary library, String id) {
        if (library == null) {
            return Optional.empty();
        }
        List<ProgramEntry> entries = library.entries().stream().filter(e -> e.id().equals(id)).toList();
        if (entries.isEmpty() || entries.stream().anyMatch(ProgramEntry::valid)) {
            return Optional.empty();
        }
        ProgramView program = ProgramView.of(entries.get(0));
        String from = program.location() == null ? program.source() : program.location();
        return Optional.of(new InvalidProgram("program '" + id + "' (" + from + ") is not valid: "
                + entries.get(0).errors().get(0), program.errors()));
    }
}
