package org.bootctl.launcher.commands;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.program.ValidationError;
import org.bootctl.launcher.ConsoleText;
import org.bootctl.launcher.cli.Command;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.Operands;
import org.bootctl.launcher.cli.OptionSpec;
import org.bootctl.launcher.runtime.OsgiRuntime;

/**
 * {@code bootctl validate FILE...}: checks program files with the program library's own
 * validator; every error on stderr as {@code FILE: $.path: message (line N)}. Exit 0 when all are
 * valid, 2 otherwise.
 */
public final class ValidateCommand implements Command {

    /** The program library's limit (docs/PROGRAMS.md): a larger file is refused unread. */
    static final int MAX_BYTES = 256 * 1024;

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String summary() {
        return "checks program files: exit 0 when all are valid, 2 with every error on stderr";
    }

    @Override
    public String description() {
        return """
                Checks program files (the JSON format of docs/PROGRAMS.md) as the program library does
                before it loads one: every error at once, one line each on stderr, e.g.
                  mine.json: $.cycle[2].fill: zone 9 does not exist on a 5-zone garment (line 9)
                and "FILE: valid" on stdout for each good one. With --model, also that the program runs
                on that model's garment. A file over 256 KiB, a folder, a device or a pipe is refused
                unread. Exit code: 0 when every file is valid, 2 otherwise (a file that cannot be read
                counts as invalid).""";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.value(ModelOption.NAME, "M", "also checks the programs against this model's"
                + " garment: " + ModelOption.HELP));
    }

    @Override
    public Operands operands() {
        return Operands.atLeastOne("FILE...", "program files (.json)");
    }

    @Override
    public int execute(Invocation invocation) throws Exception {
        if (invocation.args().operands().stream().anyMatch(String::isBlank)) { // else '' was the current folder
            throw CommandException.usage(name() + ": an empty file name: give program .json files, e.g. bootctl "
                    + name() + " my-program.json");
        }
        boolean allValid = true;
        try (OsgiRuntime runtime = Startup.listing(invocation, invocation.feature())) {
            Optional<ModelDescription> model = ModelOption.of(invocation.args(), name(), runtime);
            Garment garment = model.map(ModelOption::garment).orElse(null);
            ProgramLibrary library = ProgramLibraries.await(runtime);
            for (String file : invocation.args().operands()) {
                List<String> problems = problems(library, file, garment);
                if (problems.isEmpty()) {
                    invocation.out().println(ConsoleText.line(file) + ": valid");
                } else {
                    problems.forEach(p -> invocation.err().println(ConsoleText.line(file + ": " + p)));
                    allValid = false;
                }
            }
        }
        return allValid ? 0 : CommandException.USAGE;
    }

    /** What is wrong with one file; empty when it is a valid program. */
    private static List<String> problems(ProgramLibrary library, String file, Garment garment) {
        Path path = Paths.get(file);
        String json;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                return List.of("a folder, not a program file");
            }
            if (!attributes.isRegularFile()) { // /dev/zero or a pipe would never end
                return List.of("not a regular file (a device or a pipe?); a program is a .json file");
            }
            byte[] bytes = attributes.size() > MAX_BYTES ? null : read(path);
            if (bytes == null) {
                return List.of("$: the file is " + (Math.max(attributes.size(), MAX_BYTES + 1) + 1023) / 1024
                        + " KiB; a program file is at most " + MAX_BYTES / 1024 + " KiB");
            }
            // strict UTF-8: a file in another encoding is refused rather than misread
            json = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            return List.of("no such file");
        } catch (AccessDeniedException e) {
            return List.of("cannot read: permission denied");
        } catch (CharacterCodingException e) {
            return List.of("not UTF-8 text");
        } catch (IOException e) {
            return List.of("cannot read: " + e.getMessage());
        }
        return library.validate(json, path.getFileName().toString(), garment).stream()
                .map(ValidationError::toString).toList();
    }

    /** The file's bytes, or null when it has grown past the limit since its size was read. */
    private static byte[] read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            return bytes.length > MAX_BYTES ? null : bytes;
        }
    }
}
