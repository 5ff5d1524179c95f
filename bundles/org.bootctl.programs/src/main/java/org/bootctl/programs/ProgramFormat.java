package org.bootctl.programs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.ProgramFormatException;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.ValidationError;

/**
 * The JSON program format as a whole: size, syntax, content, and the zone counts the program
 * claims to support (its cycle is unrolled on every one of them, so a file that is valid runs on
 * every garment it claims).
 */
final class ProgramFormat {

    static final int MAX_BYTES = 256 * 1024;

    /**
     * What checking program JSON found: no more than that (never the JSON, nor its lines, unless
     * the program is valid), so that an invalid file costs only its errors while it is listed.
     *
     * @param program the program when valid, else null
     * @param info    what the program says of itself, when it could be read that far, else null
     * @param idLine  the line of {@code $.id}, or 0
     */
    record Checked(JsonProgram program, ProgramInfo info, List<ValidationError> errors, int idLine) {

        Checked {
            errors = List.copyOf(errors);
        }

        static Checked refused(String message) {
            return new Checked(null, null, List.of(new ValidationError("$", 0, message)), 0);
        }

        boolean valid() {
            return errors.isEmpty();
        }
    }

    private ProgramFormat() {
    }

    /** Checks program JSON; with a garment (may be null) also that the program runs on it. */
    static Checked check(String json, Garment garment) {
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return tooBig(bytes);
        }
        JsonTree tree = JsonTree.read(json.startsWith("\uFEFF") ? json.substring(1) : json);
        if (tree.root() == null) {
            return new Checked(null, null, tree.errors(), 0);
        }
        Problems problems = new Problems(tree.lines());
        problems.addAll(tree.errors());
        ProgramParser.Parsed parsed = ProgramParser.parse(tree.root(), tree.lines(), problems);
        ProgramInfo info = parsed.info();
        int[] zones = parsed.zones();
        if (zones != null && garment != null && (garment.zones() < zones[0] || garment.zones() > zones[1])) {
            problems.add("$.zones", "the program runs on garments of " + zoneRange(zones[0], zones[1])
                    + "; this one has " + garment.zones());
        }
        if (zones != null) {
            checkZoneCounts(parsed, garment, tree.lines(), problems);
        }
        JsonProgram program = problems.isEmpty() ? new JsonProgram(parsed.definition()) : null;
        int idLine = info == null ? 0 : tree.lines().of("$.id");
        return new Checked(program, info, problems.list(), idLine);
    }

    /**
     * Unrolls the cycle on the garment, then on every zone count the program claims; an error is
     * reported for the first zone count where its path fails, not once per count. A program with
     * other problems has the zones of the items that could be read checked, so that every error
     * shows at once.
     */
    private static void checkZoneCounts(ProgramParser.Parsed parsed, Garment garment, Lines lines, Problems problems) {
        int[] zones = parsed.zones();
        List<Integer> counts = new ArrayList<>();
        if (garment != null && garment.zones() >= zones[0] && garment.zones() <= zones[1]) {
            counts.add(garment.zones());
        }
        for (int n = zones[0]; n <= zones[1]; n++) {
            counts.add(n);
        }
        Set<String> reported = new HashSet<>();
        for (int count : counts) {
            Problems found = new Problems(lines);
            if (parsed.definition() != null) {
                CycleExpander.expand(parsed.definition(), count, found);
            } else {
                CycleExpander.checkZones(parsed.cycle(), count, found);
            }
            problems.addAll(found, path -> !reported.contains(path));
            reported.addAll(found.paths());
        }
    }

    static List<ValidationError> validate(String json, Garment garment) {
        return check(json, garment).errors();
    }

    /** The program in {@code json}, or every reason it is not valid. */
    static JsonProgram read(String json, String origin) throws ProgramFormatException {
        Checked checked = check(json, null);
        if (!checked.valid()) {
            throw new ProgramFormatException(origin, checked.errors());
        }
        return checked.program();
    }

    /** Reads and checks a program file. */
    static JsonProgram load(Path file) throws IOException, ProgramFormatException {
        Checked checked = checkFile(file);
        if (!checked.valid()) {
            throw new ProgramFormatException(file.toString(), checked.errors());
        }
        return checked.program();
    }

    /** Checks a program file; only an unreadable file throws. A file too big, or not a file, is not read. */
    static Checked checkFile(Path file) throws IOException {
        try {
            return check(readFile(file));
        } catch (Refused e) {
            return e.checked;
        }
    }

    /** A program file refused unread: too big, or not a regular file. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Checked checked;

        Refused(Checked checked) {
            super(checked.errors().get(0).message(), null, false, false);
            this.checked = checked;
        }
    }

    /**
     * The bytes of a program file: never more than {@link #MAX_BYTES} + 1 of them, and nothing of
     * what is not a regular file (a folder, a device such as /dev/zero, a pipe that would block).
     */
    static byte[] readFile(Path file) throws IOException, Refused {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new Refused(Checked.refused(attributes.isDirectory() ? "a folder, not a program file"
                    : "not a regular file (a device or a pipe?); a program is a .json file"));
        }
        if (attributes.size() > MAX_BYTES) {
            throw new Refused(tooBig(attributes.size()));
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1); // bounded even if it grows meanwhile
            if (bytes.length > MAX_BYTES) {
                throw new Refused(tooBig(bytes.length));
            }
            return bytes;
        }
    }

    /** Checks the bytes of a program file, which must be UTF-8 text. */
    static Checked check(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return tooBig(bytes.length);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return check(text, null);
        } catch (CharacterCodingException e) {
            return Checked.refused("the file is not UTF-8 text");
        }
    }

    static Checked tooBig(long bytes) {
        return Checked.refused("the file is " + (bytes + 1023) / 1024 + " KiB; a program file is at most "
                + MAX_BYTES / 1024 + " KiB");
    }

    /** "2 to 12 zones", or "5 zones" when the program takes one size only. */
    static String zoneRange(int min, int max) {
        return min == max ? min + " zones" : min + " to " + max + " zones";
    }
}
