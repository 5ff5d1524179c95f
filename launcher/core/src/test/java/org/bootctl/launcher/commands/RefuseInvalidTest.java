package org.bootctl.launcher.commands;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.List;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.program.ValidationError;
import org.bootctl.launcher.cli.CommandException;
import org.junit.jupiter.api.Test;

/**
 * {@code session --program ID} refuses at once an id that only an invalid file claims, but waits
 * while a bundle's program of that id may still answer (listed as not described until it does).
 */
class RefuseInvalidTest {

    private static ProgramLibrary listing(ProgramEntry... entries) {
        return (ProgramLibrary) Proxy.newProxyInstance(ProgramLibrary.class.getClassLoader(),
                new Class<?>[] {ProgramLibrary.class}, (proxy, method, args) -> {
                    if (method.getName().equals("entries")) {
                        return List.of(entries);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ProgramEntry invalid(String source, String location, String why) {
        return new ProgramEntry("wave", null, source, location, List.of(new ValidationError("$", 0, why)));
    }

    @Test
    void anIdOnlyAnInvalidFileClaimsIsRefusedNamingTheFile() {
        CommandException refused = assertThrows(CommandException.class, () -> ProgramLibraries.refuseInvalid(
                listing(invalid("file", "/data/programs/wave.json", "$.cycle[0].hodl: unknown key")), "wave", "session"));
        assertEquals("session: program 'wave' (/data/programs/wave.json) is not valid: $: $.cycle[0].hodl: unknown key",
                refused.getMessage());
    }

    @Test
    void aBundlesProgramThatHasNotYetDescribedItselfIsWaitedFor() {
        ProgramEntry pending = invalid("bundle", "acme.wave", "the program has not described itself yet");
        assertDoesNotThrow(() -> ProgramLibraries.refuseInvalid(listing(pending), "wave", "session"));
        assertDoesNotThrow(() -> ProgramLibraries.refuseInvalid(listing(invalid("file", "/d/wave.json", "clash"),
                pending), "wave", "session"), "a file that clashes with it does not decide for it");
        ProgramInfo info = new ProgramInfo("wave", "Wave", "1", "", "", 2, 8);
        assertDoesNotThrow(() -> ProgramLibraries.refuseInvalid(listing(invalid("file", "/d/wave.json", "clash"),
                new ProgramEntry("wave", info, "built-in", "org.bootctl.programs", List.of())), "wave", "session"));
        assertDoesNotThrow(() -> ProgramLibraries.refuseInvalid(listing(), "wave", "session"), "unknown: not this check's");
    }
}
