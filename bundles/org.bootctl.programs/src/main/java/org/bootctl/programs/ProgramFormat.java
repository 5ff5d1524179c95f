package org.bootctl.programs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
     * What checking program JSON found.
     *
     * @param program the program when valid, else null
     * @param info    what the program says of itself, when it could be read that far, else null
     */
    record Checked(JsonProgram program, ProgramInfo info, List<ValidationError> errors, Map<String, Integer> lines) {

        Checked {
            errors = List.copyOf(errors);
        }

        static Checked refused(String message) {
            return new Checked(null, null, List.of(new ValidationError("$", 0, message)), Map.of());
        }

        boolean valid() {
            return errors.isEmpty();
        }

        int line(String path) {
            return Problems.line(lines, path);
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
            return new Checked(null, null, tree.errors(), tree.lines());
        }
        Problems problems = new Problems(tree.lines());
        problems.addAll(tree.errors());
        ProgramParser.Parsed parsed = ProgramParser.parse(tree.root(), tree.lines(), problems);
        ProgramInfo info = parsed.info();
        if (info != null && garment != null && !info.supports(garment)) {
            problems.add("$.zones", "the program runs on garments of " + zoneRange(info) + "; this one has "
                    + garment.zones());
        }
        if (parsed.definition() != null) {
            checkZoneCounts(parsed.definition(), garment, problems);
        }
        JsonProgram program = problems.isEmpty() ? new JsonProgram(parsed.definition()) : null;
        return new Checked(program, info, problems.list(), tree.lines());
    }

    /**
     * Unrolls the cycle on the garment, then on every zone count the program claims; an error is
     * reported for the first zone count where its path fails, not once per count.
     */
    private static void checkZoneCounts(ProgramDefinition definition, Garment garment, Problems problems) {
        List<Integer> counts = new ArrayList<>();
        if (garment != null && definition.info().supports(garment)) {
            counts.add(garment.zones());
        }
        for (int n = definition.info().minZones(); n <= definition.info().maxZones(); n++) {
            counts.add(n);
        }
        Set<String> reported = new HashSet<>();
        for (int zones : counts) {
            Problems found = new Problems(definition.lines());
            CycleExpander.expand(definition, zones, found);
            for (ValidationError error : found.list()) {
                if (!reported.contains(error.path())) {
                    problems.addAll(List.of(error));
                }
            }
            found.list().forEach(e -> reported.add(e.path()));
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

    /** Checks a program file; only an unreadable file throws. A file too big is not read. */
    static Checked checkFile(Path file) throws IOException {
        long size = Files.size(file);
        return size > MAX_BYTES ? tooBig(size) : check(Files.readAllBytes(file));
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
    static String zoneRange(ProgramInfo info) {
        return info.minZones() == info.maxZones() ? info.minZones() + " zones"
                : info.minZones() + " to " + info.maxZones() + " zones";
    }
}
