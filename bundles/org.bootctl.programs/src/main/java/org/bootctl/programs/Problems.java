package org.bootctl.programs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.bootctl.api.program.ValidationError;

/**
 * Collects validation errors, each with the line of its path (or of the nearest enclosing path),
 * looked up once when the list is asked for. At most {@link #MAX_ERRORS} are kept: a hostile file
 * can make one error per byte, and nobody fixes more than a hundred before checking again.
 */
final class Problems {

    static final int MAX_ERRORS = 100;
    private static final int UNKNOWN = -1;

    /** One error; its line is {@link #UNKNOWN} until looked up. */
    private record Problem(String path, String message, int line) {
    }

    private final Lines lines;
    private final Set<Problem> problems = new LinkedHashSet<>();
    private int dropped;
    private List<ValidationError> listed;

    Problems(Lines lines) {
        this.lines = lines;
    }

    void add(String path, String message) {
        keep(new Problem(path, message, UNKNOWN));
    }

    void addAll(List<ValidationError> more) {
        more.forEach(e -> keep(new Problem(e.path(), e.message(), e.line())));
    }

    /** The problems of {@code other} whose path passes {@code paths}. */
    void addAll(Problems other, Predicate<String> paths) {
        other.problems.stream().filter(p -> paths.test(p.path())).forEach(this::keep);
    }

    /** The paths of the problems kept. */
    Set<String> paths() {
        Set<String> paths = new LinkedHashSet<>();
        problems.forEach(p -> paths.add(p.path()));
        return paths;
    }

    private void keep(Problem problem) {
        if (problems.contains(problem)) {
            return;
        }
        if (problems.size() < MAX_ERRORS) {
            problems.add(problem);
        } else {
            dropped++;
        }
        listed = null;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** How many problems were added (not only kept): it grows with every new one. */
    int size() {
        return problems.size() + dropped;
    }

    /** Every problem kept, in the order found, with its line; then a note when some were not kept. */
    List<ValidationError> list() {
        if (listed == null) {
            Map<String, Integer> found = lines.of(problems.stream().filter(p -> p.line() == UNKNOWN)
                    .map(Problem::path).toList());
            List<ValidationError> errors = new ArrayList<>();
            for (Problem p : problems) {
                errors.add(new ValidationError(p.path(), p.line() == UNKNOWN ? found.get(p.path()) : p.line(),
                        p.message()));
            }
            if (dropped > 0) {
                errors.add(new ValidationError("$", 0, "more errors than these " + MAX_ERRORS
                        + "; fix them and check again"));
            }
            listed = List.copyOf(errors);
        }
        return listed;
    }
}
