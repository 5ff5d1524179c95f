package org.bootctl.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The published documents agree with the code: the schema's keys with the parser's, the examples with the format. */
class DocsTest {

    private static final Path DOCS = Path.of("../../docs");

    private static JsonObject schema() throws IOException {
        return JsonParser.parseString(Files.readString(DOCS.resolve("program.schema.json"))).getAsJsonObject();
    }

    private static List<String> keys(JsonObject object) {
        return List.copyOf(object.getAsJsonObject("properties").keySet());
    }

    @Test
    void theSchemaHasTheKeysTheParserKnows() throws IOException {
        JsonObject schema = schema();
        JsonObject defs = schema.getAsJsonObject("$defs");
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").getAsString());
        assertEquals(sorted(ProgramParser.PROGRAM_KEYS), sorted(keys(schema)));
        assertEquals(sorted(ProgramParser.ZONES_KEYS), sorted(keys(schema.getAsJsonObject("properties").getAsJsonObject("zones"))));
        assertEquals(sorted(ProgramParser.STEP_KEYS), sorted(keys(defs.getAsJsonObject("step"))));
        assertEquals(sorted(ProgramParser.BLOCK_KEYS), sorted(keys(defs.getAsJsonObject("block"))));
        assertEquals(sorted(ProgramParser.GRADIENT_KEYS),
                sorted(keys(defs.getAsJsonObject("target").getAsJsonArray("oneOf").get(1).getAsJsonObject())));
    }

    @Test
    void everyProgramInTheGuideIsValidAndEveryBuiltInShownIsTheShippedOne() throws IOException {
        String guide = Files.readString(DOCS.resolve("PROGRAMS.md"));
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        int programs = 0;
        while (block.find()) {
            String json = block.group(1);
            if (!json.startsWith("{\n  \"id\"")) {
                continue; // a fragment, not a program
            }
            programs++;
            assertEquals(List.of(), ProgramFormat.validate(json, null), json);
            String id = JsonParser.parseString(json).getAsJsonObject().get("id").getAsString();
            if (BuiltInPrograms.IDS.contains(id)) {
                JsonElement shipped = JsonParser.parseString(new String(BuiltInPrograms.read(id), StandardCharsets.UTF_8));
                assertEquals(shipped, JsonParser.parseString(json), id + " in PROGRAMS.md differs from the built-in");
            }
        }
        assertTrue(programs >= 7, "the guide shows " + programs + " programs");
    }

    private static List<String> sorted(List<String> keys) {
        List<String> copy = new ArrayList<>(keys);
        copy.sort(null);
        return copy;
    }
}
