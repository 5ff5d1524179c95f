package org.bootctl.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.PlanException;
import org.bootctl.api.program.ProgramFormatException;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.ValidationError;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated program JSON into the validator (issue 9): whatever comes in, only
 * validation errors come out — each with a path from {@code $} and words — or a valid program that
 * compiles on every garment it claims. Seeded: a failure names its seed and round, and
 * {@code -Dbootctl.fuzz.seed=N} replays it.
 */
class ProgramFuzzTest {

    private static final long SEED = Long.getLong("bootctl.fuzz.seed", 20261126L);
    private static final int ROUNDS = Integer.getInteger("bootctl.fuzz.rounds", 3000);
    private static final Gson COMPACT = new Gson();
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().create();

    /** Texts that are not what a program expects, and so are good to put where one expects something. */
    private static final List<String> ODD_VALUES = List.of("null", "true", "false", "0", "-0", "-1", "1e308", "-1e308",
            "1e400", "1e-400", "99999999999999999999999999", "0.0000000001", "1E999999999", "3.0", "\"\"", "\" \"",
            "\"100%\"", "\"0%\"", "\"101%\"", "\"-5%\"", "\"1e3%\"", "\"120 mmHg\"", "\"121 mmHg\"", "\"0 mmHg\"",
            "\"60mmHg\"", "\" 60 mmHg\"", "\"all\"", "\"top\"", "\"top-99\"", "\"zone\"", "\"zone+1\"", "\"zone-999\"",
            "\"3-1\"", "\"1-\"", "\"-\"", "\"0\"", "\"33\"", "\"top-top\"", "\"up\"", "\"down\"", "\"sideways\"",
            "[]", "{}", "[[]]", "[{}]", "[null]", "\"\\u0000\"", "\"\\ud800\"", "\"\u00e9\u4e2d\ud83d\ude00\"",
            "{\"start\": \"100%\", \"perZone\": \"0%\", \"min\": \"30%\"}",
            "{\"start\": \"100%\", \"perZone\": \"-200%\"}", "{\"perZone\": \"+5 mmHg\"}");

    private static final String JSON_CHARS = "{}[]\",:0123456789.-+eE%topzneallmHg \n\t\\u";

    // ---- the corpus: the built-ins and the guide's examples ----

    private static List<String> corpus() throws IOException {
        List<String> seeds = new ArrayList<>();
        for (String id : BuiltInPrograms.IDS) {
            seeds.add(new String(BuiltInPrograms.read(id), StandardCharsets.UTF_8));
        }
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("../../docs/PROGRAMS.md")));
        while (block.find()) {
            seeds.add(block.group(1)); // fragments too: they are JSON a person may paste
        }
        return seeds;
    }

    // ---- properties of any answer ----

    /** Checks one document with the validator's every entry point; returns the program when it was valid. */
    private static JsonProgram checkAnything(String json, Garment garment, String where) {
        ProgramFormat.Checked checked;
        try {
            checked = ProgramFormat.check(json, garment);
        } catch (Throwable t) {
            throw new AssertionError(where + ": the validator threw " + t + " on:\n" + abbreviate(json), t);
        }
        assertErrorsWellFormed(checked.errors(), where, json);
        assertEquals(checked.valid(), checked.program() != null, where + ": valid exactly when there is a program");
        try {
            JsonProgram read = ProgramFormat.read(json, "fuzz");
            if (garment == null) {
                assertTrue(checked.valid(), where + ": read() accepted what check() refused");
            }
            assertNotNull(read, where);
        } catch (ProgramFormatException e) {
            assertFalse(e.errors().isEmpty(), where + ": a refusal gives its reasons");
            assertErrorsWellFormed(e.errors(), where, json);
        } catch (Throwable t) {
            throw new AssertionError(where + ": read() threw " + t + " on:\n" + abbreviate(json), t);
        }
        return checked.program();
    }

    private static void assertErrorsWellFormed(List<ValidationError> errors, String where, String json) {
        for (ValidationError error : errors) {
            assertNotNull(error.path(), where);
            assertTrue(error.path().startsWith("$"), where + ": path " + error.path() + " in " + error
                    + "\n" + abbreviate(json));
            assertNotNull(error.message(), where);
            assertFalse(error.message().isBlank(), where + ": an error without words at " + error.path());
            assertTrue(error.line() >= 0, where + ": line " + error.line());
        }
    }

    /** A valid program compiles on each zone count it claims (up to 12 here), with one action per zone in every step. */
    private static void assertCompilesEverywhere(JsonProgram program, SplittableRandom random, String where) {
        int min = program.info().minZones();
        int max = Math.min(program.info().maxZones(), 12);
        for (int zones = min; zones <= max; zones++) {
            Settings settings = randomSettings(random, zones);
            try {
                Plan plan = program.compile(garment(zones, 1 + random.nextInt(2)), settings);
                assertPlanWithinLimits(plan, zones, settings, where + " on " + zones + " zones with " + settings);
            } catch (PlanException e) {
                fail(where + ": a valid program did not compile on " + zones + " zones: " + e.getMessage());
            }
        }
    }

    // ---- 1. mutated and random JSON ----

    @Test
    void mutatedProgramsGiveErrorsWithPathsOrAProgramThatCompiles() throws IOException {
        List<String> seeds = corpus();
        SplittableRandom random = new SplittableRandom(SEED);
        int valid = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String where = "seed " + SEED + " round " + round;
            String json = seeds.get(random.nextInt(seeds.size()));
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                json = mutate(json, random);
            }
            Garment garment = random.nextInt(3) == 0 ? null : garment(1 + random.nextInt(16), 1 + random.nextInt(2));
            JsonProgram program = checkAnything(json, garment, where);
            if (program != null) {
                valid++;
                assertCompilesEverywhere(program, random, where);
            }
        }
        assertTrue(valid > ROUNDS / 50, "seed " + SEED + ": some mutants stay valid, so the compile path is exercised: "
                + valid);
        assertTrue(valid < ROUNDS, "seed " + SEED + ": most mutants are refused: " + valid);
    }

    @Test
    void randomBytesAndTruncatedFilesAreRefusedWithAReason() throws IOException {
        List<String> seeds = corpus();
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int round = 0; round < ROUNDS; round++) {
            String where = "seed " + (SEED + 1) + " round " + round;
            byte[] bytes;
            switch (random.nextInt(4)) {
                case 0 -> { // noise
                    bytes = new byte[random.nextInt(200)];
                    random.nextBytes(bytes);
                }
                case 1 -> { // a file cut short, perhaps inside a multi-byte character
                    byte[] whole = (seeds.get(random.nextInt(seeds.size())) + "\"\u00e9\u4e2d\ud83d\ude00\"")
                            .getBytes(StandardCharsets.UTF_8);
                    bytes = java.util.Arrays.copyOf(whole, random.nextInt(whole.length));
                }
                case 2 -> { // a byte flipped somewhere
                    bytes = seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
                default -> { // a byte-order mark, then a program or noise
                    byte[] body = mutate(seeds.get(random.nextInt(seeds.size())), random).getBytes(StandardCharsets.UTF_8);
                    bytes = new byte[body.length + 3];
                    bytes[0] = (byte) 0xEF;
                    bytes[1] = (byte) 0xBB;
                    bytes[2] = (byte) 0xBF;
                    System.arraycopy(body, 0, bytes, 3, body.length);
                }
            }
            ProgramFormat.Checked checked;
            try {
                checked = ProgramFormat.check(bytes);
            } catch (Throwable t) {
                throw new AssertionError(where + ": the validator threw " + t, t);
            }
            assertErrorsWellFormed(checked.errors(), where, new String(bytes, StandardCharsets.ISO_8859_1));
            if (checked.valid()) {
                assertCompilesEverywhere(checked.program(), random, where);
            }
        }
    }

    @Test
    void extremesAreRefusedWithAReasonNotACrash() {
        String deepArrays = "[".repeat(100_000) + "]".repeat(100_000);
        String deepObjects = "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000);
        String deepCycle = ValidationTest.program("[".repeat(5_000) + "]".repeat(5_000));
        String longString = "{\"id\": \"" + "x".repeat(200_000) + "\"}";
        String tooBig = " ".repeat(ProgramFormat.MAX_BYTES + 1);
        String manyKeys = "{" + String.join(",", IntStream.range(0, 20_000).mapToObj(i -> "\"k" + i + "\": " + i).toList())
                + "}";
        String manySteps = ValidationTest.program("[" + String.join(",", java.util.Collections.nCopies(5_000,
                "{\"fill\": \"all\", \"hold\": 1}")) + "]");
        String bigBlock = ValidationTest.program("[{\"each\": \"up\", \"steps\": [" + String.join(",",
                java.util.Collections.nCopies(400, "{\"fill\": \"zone\"}")) + "]}]");
        String hugeExponent = ValidationTest.program("[{\"fill\": 1, \"hold\": 1e2147483648}]");
        String nulls = "{\"id\": null, \"name\": null, \"version\": null, \"zones\": null, \"cycle\": null}";
        List<String> extremes = List.of(deepArrays, deepObjects, deepCycle, longString, tooBig, manyKeys, manySteps,
                bigBlock, hugeExponent, nulls, "", "\uFEFF", "\u0000", "{", "}", "\"", "null", "1", "[]", "{}");
        for (int i = 0; i < extremes.size(); i++) {
            String json = extremes.get(i);
            ProgramFormat.Checked checked;
            try {
                checked = ProgramFormat.check(json, garment(5, 1));
            } catch (Throwable t) {
                throw new AssertionError("extreme " + i + ": the validator threw " + t + " on " + abbreviate(json), t);
            }
            assertFalse(checked.valid(), "extreme " + i + " is not a program");
            assertErrorsWellFormed(checked.errors(), "extreme " + i, json);
        }
    }

    // ---- 2. random valid programs: no target above the session's limit ----

    @Test
    void noPlanTargetAboveTheSessionLimitHoldsKeepTargetsOneActionPerZone() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        int valid = 0;
        int plans = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String where = "seed " + (SEED + 2) + " round " + round;
            String json = PRETTY.toJson(randomProgram(random));
            JsonProgram program = checkAnything(json, null, where);
            if (program == null) {
                continue;
            }
            valid++;
            for (int g = 0; g < 4; g++) {
                int lo = Math.max(2, program.info().minZones());
                int hi = Math.min(12, program.info().maxZones());
                if (lo > hi) {
                    continue;
                }
                int zones = lo + random.nextInt(hi - lo + 1);
                Settings settings = randomSettings(random, zones);
                String on = where + " on " + zones + " zones with " + settings + ":\n" + json;
                try {
                    Plan plan = program.compile(garment(zones, 1 + random.nextInt(2)), settings);
                    assertPlanWithinLimits(plan, zones, settings, on);
                    plans++;
                } catch (PlanException e) {
                    fail(on + "\n a valid program did not compile: " + e.getMessage());
                }
            }
        }
        assertTrue(valid > ROUNDS / 3, "seed " + (SEED + 2) + ": the generator makes mostly valid programs: " + valid);
        assertTrue(plans > ROUNDS, "plans checked: " + plans);
    }

    /**
     * Every fill and hold target within the zone's limit (the cap, or cap + 10 boosted, never
     * above 120) and above 0; a hold keeps exactly the target the zone had; one action per zone;
     * a cycle starts vented (no hold in the first step).
     */
    static void assertPlanWithinLimits(Plan plan, int zones, Settings settings, String where) {
        assertFalse(plan.steps().isEmpty(), where + ": a plan has steps");
        double[] previous = new double[zones + 1];
        for (int s = 0; s < plan.steps().size(); s++) {
            var actions = plan.steps().get(s).actions();
            assertEquals(zones, actions.size(), where + ": step " + s + " has one action per zone");
            for (int zone = 1; zone <= zones; zone++) {
                var action = actions.get(zone - 1);
                double limit = Math.min(settings.limit(zone), Settings.MAX_BOOSTED_MMHG);
                switch (action.kind()) {
                    case FILL -> {
                        assertTrue(action.targetMmHg() > 0 && action.targetMmHg() <= limit, where + ": step " + s
                                + " zone " + zone + " fills to " + action.targetMmHg() + " above its limit " + limit);
                        previous[zone] = action.targetMmHg();
                    }
                    case HOLD -> {
                        assertTrue(previous[zone] > 0, where + ": step " + s + " zone " + zone + " holds what it never had");
                        assertEquals(previous[zone], action.targetMmHg(), where + ": step " + s + " zone " + zone
                                + " holds another target than it had");
                        assertTrue(action.targetMmHg() <= limit, where + ": step " + s + " zone " + zone + " holds above "
                                + limit);
                    }
                    case VENT -> previous[zone] = 0;
                }
            }
        }
    }

    // ---- generators ----

    private static Garment garment(int zones, int limbs) {
        return new Garment(IntStream.rangeClosed(1, zones).mapToObj(i -> "zone" + i).toList(), limbs,
                Math.max(140, Math.min(300, 130 + zones * 3)));
    }

    /** Levels 1..7 or caps 10..120 mmHg, a random set of boosted zones (sometimes beyond the garment), ramp on or off. */
    static Settings randomSettings(SplittableRandom random, int zones) {
        Settings base = random.nextBoolean() ? Settings.level(1 + random.nextInt(7), random.nextInt(61))
                : Settings.pressure(random.nextBoolean() ? 10 + random.nextInt(111) : 10 + random.nextDouble() * 110,
                        random.nextInt(61));
        Set<Integer> boost = new HashSet<>();
        int boosted = random.nextInt(4) == 0 ? zones : random.nextInt(3);
        for (int i = 0; i < boosted; i++) {
            boost.add(1 + random.nextInt(zones + 2));
        }
        return base.withBoost(boost).withRampIn(random.nextBoolean()).withFitCheck(random.nextBoolean());
    }

    /** A program built from the format's parts, which most of the time is valid on every zone count it claims. */
    static JsonObject randomProgram(SplittableRandom random) {
        int min = 1 + random.nextInt(6);
        int max = min + random.nextInt(13 - min);
        JsonObject o = new JsonObject();
        o.addProperty("id", "fuzz-" + random.nextInt(1000));
        o.addProperty("name", "Fuzz");
        o.addProperty("version", "1");
        JsonObject zones = new JsonObject();
        zones.addProperty("min", min);
        zones.addProperty("max", max);
        o.add("zones", zones);
        o.addProperty("minCycle", 5 + random.nextInt(120));
        JsonArray cycle = new JsonArray();
        int items = 1 + random.nextInt(6);
        for (int i = 0; i < items; i++) {
            if (random.nextInt(3) == 0) {
                JsonObject block = new JsonObject();
                block.addProperty("each", random.nextBoolean() ? "up" : "down");
                if (random.nextBoolean()) {
                    block.add("zones", selector(random, min, false));
                }
                JsonArray steps = new JsonArray();
                int n = 1 + random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    steps.add(step(random, min, true));
                }
                block.add("steps", steps);
                cycle.add(block);
            } else {
                cycle.add(step(random, min, false));
            }
        }
        o.add("cycle", cycle);
        return o;
    }

    private static JsonObject step(SplittableRandom random, int minZones, boolean inBlock) {
        JsonObject step = new JsonObject();
        switch (random.nextInt(4)) {
            case 0, 1 -> {
                step.add("fill", selector(random, minZones, inBlock));
                if (random.nextInt(4) != 0) {
                    step.add("to", pressure(random));
                }
                if (random.nextBoolean()) {
                    step.addProperty("limit", 1 + random.nextInt(60));
                }
            }
            case 2 -> step.add("vent", selector(random, minZones, inBlock));
            default -> step.addProperty("hold", 1 + random.nextInt(10));
        }
        if (random.nextBoolean() || step.has("hold")) {
            step.addProperty("hold", random.nextInt(3) == 0 ? random.nextInt(10) + 0.5 : random.nextInt(6));
        }
        return step;
    }

    /** Zones that exist on every garment of at least {@code minZones}. */
    private static JsonElement selector(SplittableRandom random, int minZones, boolean inBlock) {
        int kinds = inBlock ? 7 : 5;
        JsonElement one = switch (random.nextInt(kinds)) {
            case 0 -> new JsonPrimitive(1 + random.nextInt(minZones));
            case 1 -> new JsonPrimitive("all");
            case 2 -> new JsonPrimitive(minZones == 1 ? "top" : "top-" + random.nextInt(minZones));
            case 3 -> new JsonPrimitive((1 + random.nextInt(minZones)) + "-top");
            case 4 -> new JsonPrimitive("1-" + (1 + random.nextInt(minZones)));
            case 5 -> new JsonPrimitive("zone");
            default -> new JsonPrimitive("zone" + (random.nextBoolean() ? "+" : "-") + (1 + random.nextInt(3)));
        };
        if (random.nextInt(5) == 0) {
            JsonArray list = new JsonArray();
            list.add(one);
            list.add(new JsonPrimitive(1));
            return list;
        }
        return one;
    }

    private static JsonElement pressure(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> new JsonPrimitive((1 + random.nextInt(100)) + "%");
            case 1 -> new JsonPrimitive((1 + random.nextInt(120)) + (random.nextBoolean() ? " mmHg" : ".5 mmHg"));
            default -> {
                JsonObject gradient = new JsonObject();
                gradient.addProperty("start", (1 + random.nextInt(100)) + "%");
                int step = 1 + random.nextInt(30);
                gradient.addProperty("perZone", (random.nextBoolean() ? "-" : "+") + step
                        + (random.nextBoolean() ? "%" : " mmHg"));
                if (random.nextBoolean()) {
                    gradient.addProperty("min", (1 + random.nextInt(60)) + "%");
                }
                yield gradient;
            }
        };
    }

    // ---- mutations ----

    static String mutate(String json, SplittableRandom random) {
        if (json.isEmpty()) {
            return ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
        }
        int at = random.nextInt(json.length());
        return switch (random.nextInt(10)) {
            case 0 -> json.substring(0, at) + json.substring(Math.min(json.length(), at + 1 + random.nextInt(8)));
            case 1 -> json.substring(0, at) + JSON_CHARS.charAt(random.nextInt(JSON_CHARS.length())) + json.substring(at);
            case 2 -> json.substring(0, at) + (char) random.nextInt(0x10000) + json.substring(at + 1);
            case 3 -> json.substring(0, at); // truncated
            case 4 -> { // a stretch repeated
                int end = Math.min(json.length(), at + 1 + random.nextInt(40));
                yield json.substring(0, end) + json.substring(at, end) + json.substring(end);
            }
            default -> structural(json, random);
        };
    }

    /** Drops or duplicates a key, or puts an odd value, a deep nest or another part of the program somewhere. */
    private static String structural(String json, SplittableRandom random) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (RuntimeException e) {
            return json + ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
        }
        List<JsonElement> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
        }
        JsonElement target = containers.get(random.nextInt(containers.size()));
        int how = random.nextInt(5);
        if (target.isJsonObject()) {
            JsonObject object = target.getAsJsonObject();
            List<String> keys = new ArrayList<>(object.keySet());
            if (keys.isEmpty() || how == 4) {
                object.add(random.nextBoolean() ? "hodl" : keys.isEmpty() ? "fill" : keys.get(0), value(random, root));
            } else {
                String key = keys.get(random.nextInt(keys.size()));
                switch (how) {
                    case 0 -> object.remove(key);
                    case 1 -> { // a duplicate key, which a JsonObject cannot hold: written as text
                        String text = COMPACT.toJson(root);
                        String needle = "\"" + key + "\":";
                        int where = text.indexOf(needle);
                        return where < 0 ? text : text.substring(0, where) + needle
                                + ODD_VALUES.get(random.nextInt(ODD_VALUES.size())) + "," + text.substring(where);
                    }
                    default -> object.add(key, value(random, root));
                }
            }
        } else {
            JsonArray array = target.getAsJsonArray();
            if (array.isEmpty() || how == 4) {
                array.add(value(random, root));
            } else {
                int i = random.nextInt(array.size());
                switch (how) {
                    case 0 -> array.remove(i);
                    case 1 -> array.add(array.get(i).deepCopy());
                    default -> array.set(i, value(random, root));
                }
            }
        }
        return random.nextBoolean() ? PRETTY.toJson(root) : COMPACT.toJson(root);
    }

    private static JsonElement value(SplittableRandom random, JsonElement root) {
        switch (random.nextInt(5)) {
            case 0 -> { // a deep nest
                JsonElement nest = new JsonPrimitive(1);
                int depth = 1 + random.nextInt(random.nextBoolean() ? 20 : 400);
                for (int i = 0; i < depth; i++) {
                    JsonArray wrap = new JsonArray();
                    wrap.add(nest);
                    nest = wrap;
                }
                return nest;
            }
            case 1 -> { // another part of this program, in the wrong place
                List<JsonElement> all = new ArrayList<>();
                collect(root, all);
                return all.isEmpty() ? JsonNull.INSTANCE : all.get(random.nextInt(all.size())).deepCopy();
            }
            case 2 -> {
                return new JsonPrimitive(new BigDecimal(random.nextLong()).scaleByPowerOfTen(random.nextInt(-30, 30)));
            }
            default -> {
                return JsonParser.parseString(ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
            }
        }
    }

    private static void collect(JsonElement element, List<JsonElement> containers) {
        if (element.isJsonObject()) {
            containers.add(element);
            for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
                collect(e.getValue(), containers);
            }
        } else if (element.isJsonArray()) {
            containers.add(element);
            element.getAsJsonArray().forEach(child -> collect(child, containers));
        }
    }

    private static String abbreviate(String json) {
        return json.length() <= 2000 ? json : json.substring(0, 2000) + "… (" + json.length() + " characters)";
    }
}
