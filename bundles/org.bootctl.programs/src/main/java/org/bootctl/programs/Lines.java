package org.bootctl.programs;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The line of each JSON path (e.g. {@code $.cycle[2].fill}) of a well-formed program, found by
 * reading its text again when an error needs one. Keeping a path per element instead would cost
 * many times the text itself (a 256 KiB file of nested lists held ~100 MB that way).
 * A key's line is the line of the key (the first one, for a duplicate); an array element's is the
 * line where its value starts.
 */
final class Lines {

    /** For text that is not JSON: every line is unknown (0). */
    static final Lines NONE = new Lines(null);

    private final String text;

    Lines(String text) {
        this.text = text;
    }

    /** The line of {@code path}, else of the nearest path that encloses it; 0 when none is known. */
    int of(String path) {
        return of(Set.of(path)).get(path);
    }

    /** {@link #of(String)} for many paths, in one reading of the text. */
    Map<String, Integer> of(Collection<String> paths) {
        Set<String> wanted = new HashSet<>();
        for (String path : paths) {
            for (String p = path; !p.isEmpty(); p = parent(p)) {
                wanted.add(p);
            }
        }
        Map<String, Integer> found = find(wanted);
        Map<String, Integer> lines = new HashMap<>();
        for (String path : paths) {
            int line = 0;
            for (String p = path; !p.isEmpty(); p = parent(p)) {
                Integer l = found.get(p);
                if (l != null) {
                    line = l;
                    break;
                }
            }
            lines.put(path, line);
        }
        return lines;
    }

    private Map<String, Integer> find(Set<String> wanted) {
        Map<String, Integer> found = new HashMap<>();
        if (text == null || wanted.isEmpty()) {
            return found;
        }
        JsonReader in = new JsonReader(new StringReader(text));
        in.setStrictness(Strictness.STRICT);
        try {
            while (found.size() < wanted.size()) {
                JsonToken token = in.peek();
                switch (token) {
                    case END_DOCUMENT -> {
                        return found;
                    }
                    case NAME -> {
                        int line = JsonTree.line(in);
                        in.nextName();
                        note(in.getPath(), line, wanted, found);
                    }
                    case END_ARRAY -> in.endArray();
                    case END_OBJECT -> in.endObject();
                    default -> {
                        String path = in.getPath();
                        if (wanted.contains(path) && !found.containsKey(path)) {
                            found.put(path, JsonTree.line(in));
                        }
                        if (token == JsonToken.BEGIN_ARRAY) {
                            in.beginArray();
                        } else if (token == JsonToken.BEGIN_OBJECT) {
                            in.beginObject();
                        } else {
                            in.skipValue();
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the text was read once already; a line not found here is reported as unknown (0)
        }
        return found;
    }

    private static void note(String path, int line, Set<String> wanted, Map<String, Integer> found) {
        if (wanted.contains(path)) {
            found.putIfAbsent(path, line);
        }
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
