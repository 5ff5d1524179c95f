package org.bootctl.programs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bootctl.api.program.ValidationError;

/** Collects validation errors, each with the line of its path (or of the nearest enclosing path). */
final class Problems {

    private final Map<String, Integer> lines;
    private final Set<ValidationError> errors = new LinkedHashSet<>();

    Problems(Map<String, Integer> lines) {
        this.lines = lines;
    }

    void add(String path, String message) {
        errors.add(new ValidationError(path, line(lines, path), message));
    }

    void addAll(List<ValidationError> more) {
        errors.addAll(more);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int size() {
        return errors.size();
    }

    List<ValidationError> list() {
        return List.copyOf(new ArrayList<>(errors));
    }

    /** The line of {@code path}, else of its parent, and so on; 0 when unknown. */
    static int line(Map<String, Integer> lines, String path) {
        for (String p = path; !p.isEmpty(); p = parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
