package org.bootctl.programs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ValidationError;

/** The programs shipped in this bundle: one JSON file each, {@code programs/<id>.json} among its resources. */
final class BuiltInPrograms {

    static final String SOURCE = "built-in";

    /** The ids of the built-in programs; they are stable. */
    static final List<String> IDS =
            List.of("sequential", "distal-release", "pulse", "gradient", "wave", "warm-up", "lymphatic", "flush");

    /**
     * A built-in as read.
     *
     * @param program the program, or null when the resource is not valid (a packaging mistake, shown with its errors)
     */
    record BuiltIn(ProgramEntry entry, JsonProgram program) {
    }

    private BuiltInPrograms() {
    }

    static List<BuiltIn> load() {
        List<BuiltIn> builtIns = new ArrayList<>();
        for (String id : IDS) {
            String location = "org.bootctl.programs/" + resource(id);
            ProgramFormat.Checked checked;
            try {
                checked = ProgramFormat.check(read(id));
            } catch (IOException e) {
                checked = ProgramFormat.Checked.refused("cannot read the built-in program: " + e.getMessage());
            }
            List<ValidationError> errors = new ArrayList<>(checked.errors());
            if (checked.info() != null && !checked.info().id().equals(id)) {
                errors.add(new ValidationError("$.id", checked.idLine(), "a built-in's id must match its file name " + id));
            }
            JsonProgram program = errors.isEmpty() ? checked.program() : null;
            builtIns.add(new BuiltIn(new ProgramEntry(id, checked.info(), SOURCE, location, errors), program));
        }
        return builtIns;
    }

    static String resource(String id) {
        return "programs/" + id + ".json";
    }

    static byte[] read(String id) throws IOException {
        try (InputStream in = BuiltInPrograms.class.getResourceAsStream("/" + resource(id))) {
            if (in == null) {
                throw new IOException(resource(id) + " is missing from the bundle");
            }
            return in.readAllBytes();
        }
    }
}
