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

    @Test
    void theSchemaTakesThePressuresTheParserTakesAndNoOthers() throws IOException {
        // the schema once took "121 mmHg" and "9999%": an editor said valid what bootctl refused
        JsonObject defs = schema().getAsJsonObject("$defs");
        Pattern pressure = Pattern.compile(defs.getAsJsonObject("pressure").get("pattern").getAsString());
        JsonObject signedPressure = defs.getAsJsonObject("signedPressure");
        Pattern signed = Pattern.compile(signedPressure.get("pattern").getAsString());
        Pattern notSigned = Pattern.compile(signedPressure.getAsJsonObject("not").get("pattern").getAsString());
        List<String> amounts = new ArrayList<>();
        for (String number : List.of("0", "0.5", "1", "1.5", "9.999", "10", "57", "99.999", "100", "100.0", "100.001",
                "101", "119.999", "120", "120.000", "120.001", "121", "200", "999", "9999")) {
            for (String unit : List.of("%", " mmHg", "mmHg")) {
                amounts.add(number + unit);
            }
        }
        for (String amount : amounts) {
            String json = ValidationTest.program("[{\"fill\": 1, \"to\": \"" + amount + "\", \"hold\": 10}]");
            assertEquals(ProgramFormat.validate(json, null).isEmpty(), pressure.matcher(amount).matches(), amount);
            for (String sign : List.of("", "-", "+")) {
                String change = sign + amount;
                String gradient = ValidationTest.program("[{\"fill\": \"all\", \"to\": {\"start\": \"100%\", \"perZone\": \""
                        + change + "\", \"min\": \"1%\"}, \"hold\": 10}]");
                assertEquals(ProgramFormat.validate(gradient, null).isEmpty(),
                        signed.matcher(change).matches() && !notSigned.matcher(change).matches(), change);
            }
        }
    }

    private static List<String> sorted(List<String> keys) {
        List<String> copy = new ArrayList<>(keys);
        copy.sort(null);
        return copy;
    }
}
