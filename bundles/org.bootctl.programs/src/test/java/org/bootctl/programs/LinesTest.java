package org.bootctl.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Lines looked up again when asked are the lines a path per element gave before. */
class LinesTest {

    private static final Pattern LINE = Pattern.compile(" at line (\\d+) ");

    @Test
    void everyPathOfEveryBuiltInAndOfATrickyFileHasTheLineItHadBefore() throws IOException {
        List<String> texts = new java.util.ArrayList<>();
        for (String id : BuiltInPrograms.IDS) {
            texts.add(new String(BuiltInPrograms.read(id), StandardCharsets.UTF_8));
        }
        texts.add("""
                {
                  "id": "x", "id": "y",
                  "cycle": [
                    {"fill": [1,
                       "2-top"], "hold":
                       3},
                    [[], {}, null, true, -1.5e3],
                    {"a.b": {"c": [0, {"d": 1}]}}
                  ],
                  "zones": {"min": 2,
                    "max": 8}
                }
                """);
        for (String text : texts) {
            Map<String, Integer> before = pathPerElement(text);
            assertTrue(before.size() > 5);
            assertEquals(before, new Lines(text).of(before.keySet()), text);
        }
    }

    @Test
    void aPathThatIsNotThereHasTheLineOfTheNearestEnclosingOne() {
        Lines lines = new Lines("{\n \"cycle\": [\n  {\"hold\": 1}\n ]\n}");
        assertEquals(3, lines.of("$.cycle[0].fill"));
        assertEquals(2, lines.of("$.cycle"));
        assertEquals(1, lines.of("$.zones"));
        assertEquals(0, Lines.NONE.of("$.id"));
    }

    /** The lines as JsonTree kept them before: a path string for every element. */
    private static Map<String, Integer> pathPerElement(String text) throws IOException {
        JsonReader in = new JsonReader(new StringReader(text));
        in.setStrictness(Strictness.STRICT);
        Map<String, Integer> lines = new HashMap<>();
        walk(in, "$", lines);
        return lines;
    }

    private static void walk(JsonReader in, String path, Map<String, Integer> lines) throws IOException {
        var token = in.peek();
        lines.putIfAbsent(path, line(in));
        switch (token) {
            case BEGIN_OBJECT -> {
                in.beginObject();
                java.util.Set<String> names = new java.util.HashSet<>();
                while (in.hasNext()) {
                    in.peek();
                    int line = line(in);
                    String name = in.nextName();
                    if (names.add(name)) {
                        lines.put(path + "." + name, line);
                    }
                    walk(in, path + "." + name, lines);
                }
                in.endObject();
            }
            case BEGIN_ARRAY -> {
                in.beginArray();
                for (int i = 0; in.hasNext(); i++) {
                    walk(in, path + "[" + i + "]", lines);
                }
                in.endArray();
            }
            default -> in.skipValue();
        }
    }

    private static int line(JsonReader in) {
        Matcher m = LINE.matcher(in.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
