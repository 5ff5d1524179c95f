package org.bootctl.programs;

import static org.bootctl.programs.Fixtures.garment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.ProgramFormatException;
import org.bootctl.api.program.ValidationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid programs, each with the exact error it must give (path, message and line), and valid ones. */
class ValidationTest {

    /** A valid program for 2 to 8 zones around {@code cycle}, which starts on line 7. */
    static String program(String cycle) {
        return """
                {
                  "id": "test",
                  "name": "Test",
                  "version": "1",
                  "zones": {"min": 2, "max": 8},
                  "minCycle": 10,
                  "cycle": %s
                }
                """.formatted(cycle);
    }

    /** A valid program for 2 to 8 zones with {@code field} added after the version (on line 5). */
    static String withField(String field) {
        return """
                {
                  "id": "test",
                  "name": "Test",
                  "version": "1",
                  %s,
                  "zones": {"min": 2, "max": 8},
                  "cycle": [{"fill": 1, "hold": 10}]
                }
                """.formatted(field);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // malformed JSON: one error, with its line
                invalid("missing colon", "{\n  \"id\" \"x\"\n}", null, 2, "$.id: not valid JSON: expected ':' after the key"),
                invalid("missing comma in list", program("[\n {\"hold\": 10}\n {\"hold\": 10}\n]"), null, 9,
                        "$.cycle[1]: not valid JSON: expected ',' or ']' after the value (a missing comma?)"),
                invalid("trailing comma in object", "{\n  \"id\": \"x\",\n}", null, 3,
                        "$.id: not valid JSON: expected a key in double quotes (a trailing comma?)"),
                invalid("trailing comma in list", program("[\n {\"hold\": 10},\n]"), null, 9,
                        "$.cycle[1]: not valid JSON: a value is missing (a trailing comma?)"),
                invalid("comment", "{\n  // my program\n  \"id\": \"x\"\n}", null, 2,
                        "$: not valid JSON: comments are not allowed in JSON"),
                invalid("single quotes", "{\n  'id': \"x\"\n}", null, 2,
                        "$: not valid JSON: strings need double quotes, not single quotes"),
                invalid("unquoted word", program("[{\"fill\": all}]"), null, 7,
                        "$.cycle[0].fill: not valid JSON: unquoted text (strings need double quotes; true, false and null are lower-case)"),
                invalid("unterminated object", "{\n  \"id\": \"x\",\n  \"name\": \"y\"\n", null, 4,
                        "$.name: not valid JSON: the file ends before the JSON does (a missing } or ]?)"),
                invalid("two objects", "{}\n{}", null, 2, "$: not valid JSON: more text after the end of the program object"),
                invalid("empty file", "  \n", null, 1, "$: the file is empty"),
                invalid("not an object", "[1, 2]", null, 1, "$: a program is a JSON object: { \"id\": ..., \"cycle\": [...] }"),
                invalid("duplicate key", program("[{\"hold\": 10, \"hold\": 2}]"), null, 7, "$.cycle[0].hold: duplicate key"),

                // the header
                invalid("missing id", "{\n \"name\": \"T\", \"version\": \"1\", \"zones\": {\"min\": 2, \"max\": 8},\n"
                        + " \"cycle\": [{\"hold\": 10}]\n}", null, 1, "$: missing key \"id\""),
                invalid("id not a string", program("[{\"hold\": 10}]").replace("\"test\"", "7"), null, 2, "$.id: must be a string"),
                invalid("id with capitals", program("[{\"hold\": 10}]").replace("\"test\"", "\"My Program\""), null, 2,
                        "$.id: \"My Program\" is not a valid id: use lower-case letters, digits and dashes"
                                + " (at most 64, not starting or ending with a dash), like \"my-program\""),
                invalid("id ending in a dash", program("[{\"hold\": 10}]").replace("\"test\"", "\"test-\""), null, 2,
                        "$.id: \"test-\" is not a valid id: use lower-case letters, digits and dashes"
                                + " (at most 64, not starting or ending with a dash), like \"my-program\""),
                invalid("empty name", program("[{\"hold\": 10}]").replace("\"Test\"", "\"  \""), null, 3, "$.name: must not be empty"),
                invalid("long author", withField("\"author\": \"" + "a".repeat(81) + "\""), null, 5,
                        "$.author: is 81 characters long; at most 80"),
                invalid("misspelt top-level key", withField("\"descripton\": \"x\""), null, 5,
                        "$.descripton: unknown key; did you mean \"description\"?"),
                invalid("key in the wrong case", withField("\"mincycle\": 30"), null, 5,
                        "$.mincycle: unknown key; did you mean \"minCycle\"?"),
                invalid("unknown top-level key", withField("\"speed\": 3"), null, 5,
                        "$.speed: unknown key; expected one of $schema, id, name, version, author, description, zones, minCycle, cycle, comment"),
                invalid("zones as a string", program("[{\"hold\": 10}]").replace("{\"min\": 2, \"max\": 8}", "\"2-8\""), null, 5,
                        "$.zones: must be an object like {\"min\": 2, \"max\": 12}"),
                invalid("zones without max", program("[{\"hold\": 10}]").replace(", \"max\": 8", ""), null, 5,
                        "$.zones: missing key \"max\""),
                invalid("zones min of 0", program("[{\"hold\": 10}]").replace("\"min\": 2", "\"min\": 0"), null, 5,
                        "$.zones.min: must be a whole number from 1 to 32"),
                invalid("zones max of 2.5", program("[{\"hold\": 10}]").replace("\"max\": 8", "\"max\": 2.5"), null, 5,
                        "$.zones.max: must be a whole number from 1 to 32"),
                invalid("zones min above max", program("[{\"hold\": 10}]").replace("\"min\": 2", "\"min\": 9"), null, 5,
                        "$.zones: min (9) is more than max (8)"),
                invalid("misspelt zones key", program("[{\"hold\": 10}]").replace("\"min\": 2", "\"min\": 2, \"mx\": 3"), null, 5,
                        "$.zones.mx: unknown key; did you mean \"max\"?"),
                invalid("negative minCycle", program("[{\"hold\": 10}]").replace("\"minCycle\": 10", "\"minCycle\": -1"), null, 6,
                        "$.minCycle: must be a number of seconds from 0 to 3600"),

                // the cycle and its steps
                invalid("cycle not a list", program("{\"hold\": 10}"), null, 7, "$.cycle: must be a list of steps"),
                invalid("empty cycle", program("[]"), null, 7, "$.cycle: needs at least one step"),
                invalid("step not an object", program("[\"fill 1\"]"), null, 7,
                        "$.cycle[0]: must be an object: a step or an \"each\" block"),
                invalid("empty step", program("[\n {\"hold\": 10},\n {}\n]"), null, 9,
                        "$.cycle[1]: a step fills, vents or holds: give \"fill\", \"vent\" or \"hold\""),
                invalid("misspelt hold", program("[\n {\"fill\": 1},\n {\"hodl\": 10}\n]"), null, 9,
                        "$.cycle[1].hodl: unknown key; did you mean \"hold\"?"),
                invalid("unknown step key", program("[{\"fill\": 1, \"speed\": 2, \"hold\": 10}]"), null, 7,
                        "$.cycle[0].speed: unknown key; expected one of fill, to, vent, hold, limit, comment"),
                invalid("steps without each", program("[{\"steps\": [{\"fill\": \"zone\"}], \"hold\": 10}]"), null, 7,
                        "$.cycle[0].steps: \"steps\" belongs to an \"each\" block: add \"each\": \"up\" or \"down\""),
                invalid("to without fill", program("[{\"to\": \"80%\", \"hold\": 10}]"), null, 7,
                        "$.cycle[0].to: \"to\" is the pressure of \"fill\"; this step fills nothing"),
                invalid("limit without fill", program("[{\"vent\": \"all\", \"limit\": 5, \"hold\": 10}]"), null, 7,
                        "$.cycle[0].limit: \"limit\" is the time \"fill\" may take; this step fills nothing"),
                invalid("negative hold", program("[{\"fill\": 1, \"hold\": -2}]"), null, 7,
                        "$.cycle[0].hold: must be a number of seconds from 0 to 3600"),
                invalid("hold as text", program("[{\"fill\": 1, \"hold\": \"10s\"}]"), null, 7,
                        "$.cycle[0].hold: must be a number of seconds from 0 to 3600"),
                invalid("limit of 0", program("[{\"fill\": 1, \"limit\": 0, \"hold\": 10}]"), null, 7,
                        "$.cycle[0].limit: must be a number of seconds from 0.1 to 600"),

                // pressures
                invalid("pressure without unit", program("[{\"fill\": 1, \"to\": \"80\", \"hold\": 10}]"), null, 7,
                        "$.cycle[0].to: \"80\" is not a pressure: write a percentage of the level like \"80%\" or an absolute pressure like \"60 mmHg\""),
                invalid("pressure as a number", program("[{\"fill\": 1, \"to\": 80, \"hold\": 10}]"), null, 7,
                        "$.cycle[0].to: must be a pressure like \"80%\" (of the level) or \"60 mmHg\", or a gradient"
                                + " {\"start\": \"100%\", \"perZone\": \"-10%\", \"min\": \"40%\"}"),
                invalid("percentage above 100", program("[{\"fill\": 1, \"to\": \"120%\", \"hold\": 10}]"), null, 7,
                        "$.cycle[0].to: 120% is more than 100% of the level"),
                invalid("absolute above 120 mmHg", program("[{\"fill\": 1, \"to\": \"150 mmHg\", \"hold\": 10}]"), null, 7,
                        "$.cycle[0].to: 150 mmHg is more than 120 mmHg, the most any zone may get"),
                invalid("zero pressure", program("[{\"fill\": 1, \"to\": \"0%\", \"hold\": 10}]"), null, 7,
                        "$.cycle[0].to: a pressure is at least 1% of the level or 1 mmHg"),
                invalid("negative pressure", program("[{\"fill\": 1, \"to\": \"-5 mmHg\", \"hold\": 10}]"), null, 7,
                        "$.cycle[0].to: \"-5 mmHg\" is not a pressure: write a percentage of the level like \"80%\" or an absolute pressure like \"60 mmHg\""),
                invalid("gradient without min", program("[{\"fill\": 1, \"to\": {\"start\": \"100%\", \"perZone\": \"-10%\"}, \"hold\": 10}]"),
                        null, 7, "$.cycle[0].to: missing key \"min\""),
                invalid("gradient of 0 per zone", program("[{\"fill\": 1, \"to\": {\"start\": \"100%\", \"perZone\": \"0%\", \"min\": \"50%\"}, \"hold\": 10}]"),
                        null, 7, "$.cycle[0].to.perZone: a gradient changes by more than 0 per zone"),
                invalid("misspelt gradient key", program("[{\"fill\": 1, \"to\": {\"start\": \"100%\", \"perzone\": \"-5%\", \"perZone\": \"-5%\", \"min\": \"50%\"}, \"hold\": 10}]"),
                        null, 7, "$.cycle[0].to.perzone: unknown key; did you mean \"perZone\"?"),

                // zone selectors
                invalid("zone 0", program("[{\"fill\": 0, \"hold\": 10}]"), null, 7,
                        "$.cycle[0].fill: 0 is not a zone: zones are numbered from 1"),
                invalid("zone 1000", program("[{\"fill\": [1, 1000], \"hold\": 10}]"), null, 7,
                        "$.cycle[0].fill[1]: 1000 is not a zone: zones are numbered from 1 to at most 32"),
                invalid("zone 1.5", program("[{\"fill\": 1.5, \"hold\": 10}]"), null, 7,
                        "$.cycle[0].fill: 1.5 is not a zone: zones are numbered from 1"),
                invalid("unknown zone word", program("[{\"fill\": \"bottom\", \"hold\": 10}]"), null, 7,
                        "$.cycle[0].fill: \"bottom\" is not a zone: use a number, a range like \"1-3\" or \"2-top\", \"top\", \"top-1\""
                                + ", \"all\" or, in an \"each\" block, \"zone\", \"zone-1\", \"zone+1\""),
                invalid("backwards range", program("[{\"fill\": [1, \"3-2\"], \"hold\": 10}]"), null, 7,
                        "$.cycle[0].fill[1]: range \"3-2\" runs backwards; write \"2-3\""),
                invalid("empty zone list", program("[{\"vent\": [], \"hold\": 10}]"), null, 7,
                        "$.cycle[0].vent: names no zone: give at least one"),
                invalid("zone as boolean", program("[{\"vent\": true, \"hold\": 10}]"), null, 7,
                        "$.cycle[0].vent: must be a zone number, a string like \"1-3\", \"top\" or \"all\", or a list of them"),
                invalid("current zone outside a block", program("[{\"fill\": \"zone\", \"hold\": 10}]"), null, 7,
                        "$.cycle[0].fill: \"zone\" refers to the current zone of an \"each\" block; this step is not in one"),

                // each blocks
                invalid("each sideways", program("[{\"each\": \"sideways\", \"steps\": [{\"fill\": \"zone\", \"hold\": 10}]}]"), null, 7,
                        "$.cycle[0].each: must be \"up\" (distal to proximal) or \"down\" (proximal to distal)"),
                invalid("each without steps", program("[{\"each\": \"up\"}]"), null, 7, "$.cycle[0]: missing key \"steps\""),
                invalid("each with no steps", program("[{\"each\": \"up\", \"steps\": []}]"), null, 7, "$.cycle[0].steps: needs at least one step"),
                invalid("nested each", program("[{\"each\": \"up\", \"steps\": [\n {\"each\": \"down\", \"steps\": []}\n]}]"), null, 8,
                        "$.cycle[0].steps[0].each: an \"each\" block cannot hold another \"each\" block"),
                invalid("block over the current zone", program("[{\"each\": \"up\", \"zones\": \"zone\", \"steps\": [{\"fill\": \"zone\", \"hold\": 10}]}]"),
                        null, 7, "$.cycle[0].zones: \"zone\" is the current zone of this block; it cannot choose the block's own zones"),
                invalid("fill key on a block", program("[{\"each\": \"up\", \"fill\": \"zone\", \"steps\": [{\"fill\": \"zone\", \"hold\": 10}]}]"),
                        null, 7, "$.cycle[0].fill: unknown key; expected one of each, zones, steps, comment"),

                // what depends on the zone count: checked on the garment and on every count the program claims
                invalid("zone 9 on a 5-zone garment", program("[\n {\"fill\": 1},\n {\"fill\": 2},\n {\"fill\": 9, \"hold\": 10}\n]")
                        .replace("\"max\": 8", "\"max\": 12").replace("\"min\": 2", "\"min\": 9"), garment(5), 5,
                        "$.zones: the program runs on garments of 9 to 12 zones; this one has 5"),
                invalid("zone 9 named by a 5-zone program", program("[\n {\"fill\": 1},\n {\"fill\": 2},\n {\"fill\": 9, \"hold\": 10}\n]")
                        .replace("\"min\": 2", "\"min\": 5").replace("\"max\": 8", "\"max\": 12"), garment(5), 10,
                        "$.cycle[2].fill: zone 9 does not exist on a 5-zone garment"),
                invalid("zone 9 without a garment", program("[{\"fill\": [1, 9], \"hold\": 10}]"), null, 7,
                        "$.cycle[0].fill[1]: zone 9 does not exist on a 2-zone garment"),
                invalid("top-2 on a 2-zone garment", program("[{\"fill\": \"top-2\", \"hold\": 10}]"), null, 7,
                        "$.cycle[0].fill: \"top-2\" is zone 0 on a 2-zone garment; zones are numbered from 1"),
                invalid("range backwards on some garments", program("[{\"fill\": \"top-1-3\", \"hold\": 10}]")
                        .replace("\"min\": 2", "\"min\": 3"), null, 7,
                        "$.cycle[0].fill: range \"top-1-3\" runs backwards on a 5-zone garment (zone 4 to zone 3)"),
                invalid("garment too big", program("[{\"fill\": 1, \"hold\": 10}]"), garment(12), 5,
                        "$.zones: the program runs on garments of 2 to 8 zones; this one has 12"),
                invalid("filled and vented at once", program("[{\"each\": \"up\", \"steps\": [{\"fill\": \"zone\", \"vent\": \"1-top\", \"hold\": 10}]}]"),
                        null, 7, "$.cycle[0].steps[0]: zone 1 is both filled and vented"),
                invalid("cycle too short", program("[{\"each\": \"up\", \"steps\": [{\"fill\": \"zone\", \"hold\": 1}]}]")
                        .replace("\"minCycle\": 10", "\"minCycle\": 4"), null, 7,
                        "$.cycle: a cycle lasts at least 5 s; on a 2-zone garment this one holds for 2 s in all (add holds, or set \"minCycle\")"),
                invalid("too many steps", program("[{\"each\": \"up\", \"steps\": [" + "{\"fill\": \"zone\"},".repeat(125)
                        + "{\"fill\": \"zone\"}]}]"), null, 7, "$.cycle: the cycle expands to more than 1000 steps on an 8-zone garment"),
                invalid("no step left", program("[{\"each\": \"up\", \"steps\": [{\"vent\": \"zone+1\"}]}]")
                        .replace("\"min\": 2", "\"min\": 1"), null, 7, "$.cycle: no step is left on a 1-zone garment")
        );
    }

    private static Arguments invalid(String name, String json, Garment garment, int line, String error) {
        return Arguments.of(name, json, garment, line, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void anInvalidProgramGivesItsExactError(String name, String json, Garment garment, int line, String error) {
        List<ValidationError> errors = ProgramFormat.validate(json, garment);
        assertEquals(List.of(error), errors.stream().map(e -> e.path() + ": " + e.message()).toList(), name);
        assertEquals(line, errors.get(0).line(), name + ": line");
    }

    @Test
    void atLeastThirtyInvalidPrograms() {
        assertTrue(invalid().count() >= 30);
    }

    @Test
    void everyErrorAtOnceInFileOrder() {
        String json = """
                {
                  "id": "Bad Id",
                  "name": "Test",
                  "version": "1",
                  "zones": {"min": 2, "max": 8},
                  "cycle": [
                    {"fill": 1, "to": "80"},
                    {"hodl": 2},
                    {"vent": "sideways"}
                  ]
                }
                """;
        List<String> errors = ProgramFormat.validate(json, null).stream().map(ValidationError::toString).toList();
        assertEquals(List.of(
                "$.id: \"Bad Id\" is not a valid id: use lower-case letters, digits and dashes (at most 64, not starting"
                        + " or ending with a dash), like \"my-program\" (line 2)",
                "$.cycle[0].to: \"80\" is not a pressure: write a percentage of the level like \"80%\" or an absolute"
                        + " pressure like \"60 mmHg\" (line 7)",
                "$.cycle[1].hodl: unknown key; did you mean \"hold\"? (line 8)",
                "$.cycle[2].vent: \"sideways\" is not a zone: use a number, a range like \"1-3\" or \"2-top\", \"top\", \"top-1\""
                        + ", \"all\" or, in an \"each\" block, \"zone\", \"zone-1\", \"zone+1\" (line 9)"), errors);
    }

    @Test
    void zoneErrorsShowBesideTheOthers() {
        // PROGRAMS.md's own example: an unknown key and a zone the garment lacks, both at once
        String json = program("[\n {\"fill\": 1, \"hold\": 5},\n {\"fill\": 2, \"hodl\": 8},\n {\"fill\": 9}\n]")
                .replace("\"max\": 8", "\"max\": 5");
        assertEquals(List.of(
                "$.cycle[1].hodl: unknown key; did you mean \"hold\"? (line 9)",
                "$.cycle[2].fill: zone 9 does not exist on a 2-zone garment (line 10)"),
                ProgramFormat.validate(json, null).stream().map(ValidationError::toString).toList());
    }

    @Test
    void aLimitThatWouldRoundToNoTimeIsRefusedAndTheShortestAllowedCompiles() throws Exception {
        // "valid" before, then refused at start: "time limit must be positive: 0 ms"
        assertEquals(List.of("$.cycle[0].limit: must be a number of seconds from 0.1 to 600 (line 7)"),
                ProgramFormat.validate(program("[{\"fill\": 1, \"limit\": 0.000001, \"hold\": 10}]"), null).stream()
                        .map(ValidationError::toString).toList());
        JsonProgram shortest = ProgramFormat.read(program("[{\"fill\": 1, \"limit\": 0.1, \"hold\": 10}]"), "t");
        assertEquals(100, shortest.compile(garment(4), org.bootctl.api.program.Settings.level(3, 5))
                .steps().get(0).timeLimitMs());
    }

    @Test
    void nestingIsBoundedWithOneErrorAndItsLine() {
        String deep = program("[{\"fill\": 1, \"hold\": 10, \"comment\": " + "[".repeat(250) + "]".repeat(250) + "}]");
        assertEquals(List.of("$.cycle[0].comment" + "[0]".repeat(JsonTree.MAX_DEPTH - 3) + ": lists and objects are nested"
                + " more than 20 deep here; a program needs at most 6 (line 7)"),
                ProgramFormat.validate(deep, null).stream().map(ValidationError::toString).toList());
    }

    @Test
    void atMostAHundredErrorsAreKeptThenANote() {
        List<ValidationError> errors = ProgramFormat.validate(program("[" + "0,".repeat(5000) + "0]"), null);
        assertEquals(Problems.MAX_ERRORS + 1, errors.size());
        assertEquals("$.cycle[99]: must be an object: a step or an \"each\" block (line 7)", errors.get(99).toString());
        assertEquals("$: more errors than these 100; fix them and check again", errors.get(100).toString());
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedUnread() {
        String big = program("[{\"fill\": 1, \"hold\": 10}]").replace("\"Test\"", "\"" + "x".repeat(256 * 1024) + "\"");
        List<ValidationError> errors = ProgramFormat.validate(big, null);
        assertEquals(List.of("$: the file is 257 KiB; a program file is at most 256 KiB"),
                errors.stream().map(e -> e.path() + ": " + e.message()).toList());
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] bytes = program("[{\"fill\": 1, \"hold\": 10}]").replace("Test", "T\u00e9st").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of("$: the file is not UTF-8 text"),
                ProgramFormat.check(bytes).errors().stream().map(e -> e.path() + ": " + e.message()).toList());
    }

    @Test
    void anInvalidProgramIsRefusedWithEveryError() {
        ProgramFormatException e = assertThrows(ProgramFormatException.class,
                () -> ProgramFormat.read(program("[{\"hodl\": 1}, {\"fill\": 0}]"), "mine.json"));
        assertEquals(2, e.errors().size());
        assertTrue(e.getMessage().startsWith("mine.json: $.cycle[0].hodl: unknown key; did you mean \"hold\"?"), e.getMessage());
    }

    @Test
    void theHeaderIsReadEvenWhenTheCycleIsNot() {
        ProgramFormat.Checked checked = ProgramFormat.check(program("[{\"fill\": \"x\"}]"), null);
        assertNull(checked.program());
        assertNotNull(checked.info());
        assertEquals("test", checked.info().id());
        assertEquals(2, checked.info().minZones());
        assertEquals(8, checked.info().maxZones());
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("the smallest program", "{\"id\": \"a\", \"name\": \"A\", \"version\": \"1\","
                        + " \"zones\": {\"min\": 1, \"max\": 1}, \"cycle\": [{\"hold\": 5}]}"),
                Arguments.of("every key", """
                        {
                          "$schema": "../docs/program.schema.json",
                          "id": "every-key-2",
                          "name": "Every key",
                          "version": "2.1.0",
                          "author": "Someone",
                          "description": "Uses every key of the format.",
                          "comment": "free text",
                          "zones": {"min": 3, "max": 32},
                          "minCycle": 12.5,
                          "cycle": [
                            {"fill": [1, "2-top-1"], "to": "60 mmHg", "limit": 30, "comment": "c"},
                            {"fill": "top", "to": "55.5%", "hold": 0.5},
                            {"each": "down", "zones": "2-top", "comment": "c", "steps": [
                              {"fill": "zone", "to": {"start": "90%", "perZone": "-2.5 mmHg", "min": "20 mmHg"}, "vent": ["zone+1", "zone+2-top"]},
                              {"vent": "zone-1-zone", "hold": 1}
                            ]},
                            {"vent": "all"}
                          ]
                        }
                        """),
                Arguments.of("a byte-order mark", "\uFEFF" + program("[{\"fill\": 1, \"hold\": 10}]")),
                Arguments.of("exactly 5 s of holds", program("[{\"fill\": \"all\", \"hold\": 5}]").replace("\"minCycle\": 10", "\"minCycle\": 0")),
                Arguments.of("exactly 1000 steps on 8 zones", program("[{\"each\": \"up\", \"steps\": ["
                        + "{\"fill\": \"zone\"},".repeat(124) + "{\"fill\": \"zone\"}]}]"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void aValidProgramHasNoError(String name, String json) {
        assertEquals(List.of(), ProgramFormat.validate(json, null));
        assertNotNull(ProgramFormat.check(json, null).program());
    }

    @Test
    void loadReadsAndChecksAnyFile(@TempDir Path folder) throws Exception {
        Path good = Files.writeString(folder.resolve("any-name.json"), program("[{\"fill\": \"all\", \"hold\": 10}]"));
        assertEquals("test", ProgramFormat.load(good).info().id());

        Path bad = Files.writeString(folder.resolve("bad.json"), program("[{\"fill\": 0, \"hold\": 10}]"));
        ProgramFormatException e = assertThrows(ProgramFormatException.class, () -> ProgramFormat.load(bad));
        assertEquals(bad + ": $.cycle[0].fill: 0 is not a zone: zones are numbered from 1 (line 7)", e.getMessage());

        Path big = Files.write(folder.resolve("big.json"), new byte[ProgramFormat.MAX_BYTES + 1]);
        assertEquals("$: the file is 257 KiB; a program file is at most 256 KiB",
                assertThrows(ProgramFormatException.class, () -> ProgramFormat.load(big)).errors().get(0).toString());
        assertThrows(NoSuchFileException.class, () -> ProgramFormat.load(folder.resolve("missing.json")));
        assertEquals("$: a folder, not a program file",
                assertThrows(ProgramFormatException.class, () -> ProgramFormat.load(folder)).errors().get(0).toString());
    }

    @Test
    void aDeviceOrAPipeIsRefusedUnread(@TempDir Path folder) throws Exception {
        // /dev/zero has size 0 and never ends: reading it ran the controller out of memory
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
        Path link = Files.createSymbolicLink(folder.resolve("zero.json"), zero);
        for (Path file : List.of(zero, link)) {
            assertEquals("$: not a regular file (a device or a pipe?); a program is a .json file",
                    assertThrows(ProgramFormatException.class, () -> ProgramFormat.load(file)).errors().get(0).toString());
        }
    }

    @Test
    void aValidProgramIsValidOnAGarmentItSupports() {
        assertEquals(List.of(), ProgramFormat.validate(program("[{\"fill\": \"all\", \"hold\": 10}]"), garment(5)));
    }
}
