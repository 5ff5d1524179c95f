package org.bootctl.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgParserTest {

    /** A command as a later issue would add one: operands and options of each kind. */
    static final Command VALIDATE = new Command() {
        @Override
        public String name() {
            return "validate";
        }

        @Override
        public String summary() {
            return "checks program files";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.value("model", "M", "the garment to check against"),
                    OptionSpec.flag("quiet", "prints nothing on success"),
                    OptionSpec.repeatable("tag", "T", "a tag"));
        }

        @Override
        public Operands operands() {
            return Operands.atLeastOne("FILE...", "program files");
        }

        @Override
        public int execute(Invocation invocation) {
            return 0;
        }
    };

    private static Args parse(String... args) throws CommandException {
        return ArgParser.parse(VALIDATE, List.of(args));
    }

    @Test
    void readsValuesFlagsRepeatsOperandsAndGlobals() throws CommandException {
        Args args = parse("a.json", "--model", "RB2-M8", "--quiet", "--tag=x", "--tag", "y", "b.json", "--data", "d",
                "--", "--c.json");
        assertEquals(Optional.of("RB2-M8"), args.value("model"));
        assertTrue(args.has("quiet"));
        assertEquals(List.of("x", "y"), args.values("tag"));
        assertEquals(Optional.of("d"), args.value("data"));
        assertEquals(List.of("a.json", "b.json", "--c.json"), args.operands());
    }

    @Test
    void typedValuesNameTheOptionWhenWrong() throws CommandException {
        Args args = Args.of(java.util.Map.of("n", List.of("x"), "z", List.of("1,2, 3")), List.of());
        assertEquals("--n takes a whole number, not 'x'", assertThrows(CommandException.class,
                () -> args.integer("n")).getMessage());
        assertEquals("--n takes a number, not 'x'", assertThrows(CommandException.class,
                () -> args.number("n")).getMessage());
        assertEquals(List.of(1, 2, 3), args.integers("z"));
    }

    /** An empty --data (an unset shell variable, say) would make the current folder the data folder. */
    @Test
    void refusesAnEmptyDataFolder() {
        for (String[] args : List.of(new String[] {"a", "--data", ""}, new String[] {"a", "--data="},
                new String[] {"a", "--data", " "})) {
            CommandException refused = assertThrows(CommandException.class, () -> parse(args));
            assertEquals("validate: option --data DIR needs a folder, not an empty value; see bootctl validate --help",
                    refused.getMessage());
            assertEquals(2, refused.exitCode());
        }
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertEquals("validate: missing FILE...; see bootctl validate --help",
                assertThrows(CommandException.class, () -> parse("--quiet")).getMessage());
        assertEquals("validate: unknown option --modle (did you mean --model?); see bootctl validate --help",
                assertThrows(CommandException.class, () -> parse("a", "--modle", "x")).getMessage());
        assertEquals("validate: option --quiet takes no value; see bootctl validate --help",
                assertThrows(CommandException.class, () -> parse("a", "--quiet=yes")).getMessage());
        assertEquals("validate: option --model M needs a value; see bootctl validate --help",
                assertThrows(CommandException.class, () -> parse("a", "--model")).getMessage());
        assertEquals(2, assertThrows(CommandException.class, () -> parse("a", "--model")).exitCode());
    }

    @Test
    void suggestsOnlyWhatIsClose() {
        List<String> names = List.of("run", "session", "programs", "validate", "plot", "bench", "emulate");
        assertEquals(Optional.of("session"), Suggest.closest("sesion", names));
        assertEquals(Optional.of("programs"), Suggest.closest("progams", names));
        assertEquals(Optional.of("validate"), Suggest.closest("valid", names));
        assertEquals(Optional.of("run"), Suggest.closest("rnu", names));
        assertEquals(Optional.empty(), Suggest.closest("xyzzy", names));
    }
}
