package org.bootctl.programs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.bootctl.api.program.Step;
import org.bootctl.programs.ProgramDefinition.Amount;
import org.bootctl.programs.ProgramDefinition.Block;
import org.bootctl.programs.ProgramDefinition.Item;
import org.bootctl.programs.ProgramDefinition.Pressure;
import org.bootctl.programs.ProgramDefinition.Range;
import org.bootctl.programs.ProgramDefinition.Selector;
import org.bootctl.programs.ProgramDefinition.StepSpec;
import org.bootctl.programs.ProgramDefinition.ZoneRef;
import org.bootctl.programs.ProgramDefinition.ZoneRef.Anchor;

/**
 * Reads a program's JSON tree into a {@link ProgramDefinition}, checking everything that does not
 * depend on a garment and reporting every problem, not just the first.
 */
final class ProgramParser {

    static final List<String> PROGRAM_KEYS =
            List.of("$schema", "id", "name", "version", "author", "description", "zones", "minCycle", "cycle", "comment");
    static final List<String> ZONES_KEYS = List.of("min", "max");
    static final List<String> STEP_KEYS = List.of("fill", "to", "vent", "hold", "limit", "comment");
    static final List<String> BLOCK_KEYS = List.of("each", "zones", "steps", "comment");
    static final List<String> GRADIENT_KEYS = List.of("start", "perZone", "min");

    static final int MAX_ZONES = 32;
    static final double MAX_HOLD_S = 3600;
    static final double MAX_LIMIT_S = 600;
    static final double MAX_MIN_CYCLE_S = 3600;
    /** The shortest fill time limit: less is no time at all to fill (the engine looks every 20 ms). */
    static final double MIN_LIMIT_S = 0.1;

    private static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final String REF = "(\\d{1,3}|top(?:-\\d{1,3})?|zone(?:[+-]\\d{1,3})?)";
    private static final Pattern RANGE = Pattern.compile(REF + "(?:-" + REF + ")?");
    private static final Pattern AMOUNT = Pattern.compile("([+-]?)(\\d{1,4}(?:\\.\\d{1,3})?)(%| ?mmHg)");

    /**
     * What a parse found: the definition when there were no problems, the info when the header was
     * readable; and, problems or not, the zone counts when readable (else null), the cycle items
     * that could be read and the minimum cycle, so that zone errors show beside the others.
     */
    record Parsed(ProgramDefinition definition, ProgramInfo info, int[] zones, List<Item> cycle, long minCycleMs) {
    }

    private final Problems problems;

    private ProgramParser(Problems problems) {
        this.problems = problems;
    }

    static Parsed parse(JsonElement root, Lines lines, Problems problems) {
        return new ProgramParser(problems).program(root, lines);
    }

    private Parsed program(JsonElement root, Lines lines) {
        if (!root.isJsonObject()) {
            problems.add("$", "a program is a JSON object: { \"id\": ..., \"cycle\": [...] }");
            return new Parsed(null, null, null, List.of(), 0);
        }
        JsonObject o = root.getAsJsonObject();
        int before = problems.size();
        checkKeys(o, "$", PROGRAM_KEYS);
        optionalString(o, "$", "$schema", 2000);
        optionalString(o, "$", "comment", 10_000);
        String id = requiredString(o, "$", "id", 64);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add("$.id", "\"" + id + "\" is not a valid id: use lower-case letters, digits and dashes"
                    + " (at most 64, not starting or ending with a dash), like \"my-program\"");
            id = null;
        }
        String name = requiredString(o, "$", "name", 80);
        String version = requiredString(o, "$", "version", 32);
        String author = optionalString(o, "$", "author", 80);
        String description = optionalString(o, "$", "description", 2000);
        int[] zones = zones(o);
        long minCycleMs = o.has("minCycle") ? millis(o.get("minCycle"), "$.minCycle", 0, MAX_MIN_CYCLE_S) : 0;
        List<Item> cycle = cycle(o);

        ProgramInfo info = id == null || name == null || version == null || zones == null ? null
                : new ProgramInfo(id, name, version, author == null ? "" : author,
                        description == null ? "" : description, zones[0], zones[1]);
        ProgramDefinition definition = info == null || problems.size() > before ? null
                : new ProgramDefinition(info, cycle, minCycleMs, lines);
        return new Parsed(definition, info, zones, cycle, Math.max(minCycleMs, 0));
    }

    private int[] zones(JsonObject o) {
        JsonElement value = present(o, "$", "zones");
        if (value == null) {
            return null;
        }
        if (!value.isJsonObject()) {
            problems.add("$.zones", "must be an object like {\"min\": 2, \"max\": 12}");
            return null;
        }
        JsonObject zones = value.getAsJsonObject();
        checkKeys(zones, "$.zones", ZONES_KEYS);
        Integer min = zoneCount(zones, "min");
        Integer max = zoneCount(zones, "max");
        if (min == null || max == null) {
            return null;
        }
        if (min > max) {
            problems.add("$.zones", "min (" + min + ") is more than max (" + max + ")");
            return null;
        }
        return new int[] {min, max};
    }

    private Integer zoneCount(JsonObject zones, String key) {
        JsonElement value = present(zones, "$.zones", key);
        if (value == null) {
            return null;
        }
        BigDecimal n = number(value);
        if (n == null || !whole(n) || n.compareTo(BigDecimal.ONE) < 0 || n.compareTo(BigDecimal.valueOf(MAX_ZONES)) > 0) {
            problems.add("$.zones." + key, "must be a whole number from 1 to " + MAX_ZONES);
            return null;
        }
        return n.intValue();
    }

    private List<Item> cycle(JsonObject o) {
        JsonElement value = present(o, "$", "cycle");
        List<Item> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (!value.isJsonArray()) {
            problems.add("$.cycle", "must be a list of steps");
            return items;
        }
        JsonArray array = value.getAsJsonArray();
        if (array.isEmpty()) {
            problems.add("$.cycle", "needs at least one step");
        }
        for (int i = 0; i < array.size(); i++) {
            String path = "$.cycle[" + i + "]";
            JsonElement element = array.get(i);
            if (!element.isJsonObject()) {
                problems.add(path, "must be an object: a step or an \"each\" block");
            } else if (element.getAsJsonObject().has("each")) {
                Block block = block(element.getAsJsonObject(), path);
                if (block != null) {
                    items.add(block);
                }
            } else {
                StepSpec step = step(element.getAsJsonObject(), path, false);
                if (step != null) {
                    items.add(step);
                }
            }
        }
        return items;
    }

    private Block block(JsonObject o, String path) {
        checkKeys(o, path, BLOCK_KEYS);
        optionalString(o, path, "comment", 10_000);
        JsonElement each = o.get("each");
        Boolean upward = null;
        if (each.isJsonPrimitive() && each.getAsJsonPrimitive().isString()) {
            upward = switch (each.getAsString()) {
                case "up" -> true;
                case "down" -> false;
                default -> null;
            };
        }
        if (upward == null) {
            problems.add(path + ".each", "must be \"up\" (distal to proximal) or \"down\" (proximal to distal)");
        }
        Selector zones = o.has("zones") ? selector(o.get("zones"), path + ".zones", false, true)
                : new Selector(List.of(new Range(path + ".zones", "all", new ZoneRef(Anchor.NUMBER, 1), new ZoneRef(Anchor.TOP, 0))));
        List<StepSpec> steps = new ArrayList<>();
        JsonElement value = present(o, path, "steps");
        if (value != null && !value.isJsonArray()) {
            problems.add(path + ".steps", "must be a list of steps");
        } else if (value != null) {
            JsonArray array = value.getAsJsonArray();
            if (array.isEmpty()) {
                problems.add(path + ".steps", "needs at least one step");
            }
            for (int i = 0; i < array.size(); i++) {
                String stepPath = path + ".steps[" + i + "]";
                JsonElement element = array.get(i);
                if (!element.isJsonObject()) {
                    problems.add(stepPath, "must be an object: a step");
                } else if (element.getAsJsonObject().has("each")) {
                    problems.add(stepPath + ".each", "an \"each\" block cannot hold another \"each\" block");
                } else {
                    StepSpec step = step(element.getAsJsonObject(), stepPath, true);
                    if (step != null) {
                        steps.add(step);
                    }
                }
            }
        }
        return upward == null || zones == null ? null : new Block(path, upward, zones, steps);
    }

    private StepSpec step(JsonObject o, String path, boolean inBlock) {
        int before = problems.size();
        boolean unknownKeys = !STEP_KEYS.containsAll(o.keySet());
        for (String key : o.keySet()) {
            if (!STEP_KEYS.contains(key) && !inBlock && (key.equals("steps") || key.equals("zones"))) {
                problems.add(path + "." + key, "\"" + key + "\" belongs to an \"each\" block: add \"each\": \"up\" or \"down\"");
            } else if (!STEP_KEYS.contains(key)) {
                problems.add(path + "." + key, KeySuggestion.unknownKey(key, STEP_KEYS));
            }
        }
        optionalString(o, path, "comment", 10_000);
        Selector fill = o.has("fill") ? selector(o.get("fill"), path + ".fill", inBlock, false) : Selector.NONE;
        Selector vent = o.has("vent") ? selector(o.get("vent"), path + ".vent", inBlock, false) : Selector.NONE;
        Pressure to = o.has("to") ? pressure(o.get("to"), path + ".to") : Pressure.FULL;
        long holdMs = o.has("hold") ? millis(o.get("hold"), path + ".hold", 0, MAX_HOLD_S) : 0;
        long limitMs = o.has("limit") ? millis(o.get("limit"), path + ".limit", MIN_LIMIT_S, MAX_LIMIT_S)
                : Step.DEFAULT_TIME_LIMIT_MS;
        if (!o.has("fill") && o.has("to")) {
            problems.add(path + ".to", "\"to\" is the pressure of \"fill\"; this step fills nothing");
        }
        if (!o.has("fill") && o.has("limit")) {
            problems.add(path + ".limit", "\"limit\" is the time \"fill\" may take; this step fills nothing");
        }
        // a step whose only key is misspelt has one problem, not two
        if (!o.has("fill") && !o.has("vent") && holdMs == 0 && !unknownKeys) {
            problems.add(path, "a step fills, vents or holds: give \"fill\", \"vent\" or \"hold\"");
        }
        return problems.size() > before || fill == null || vent == null || to == null ? null
                : new StepSpec(path, fill, to, vent, holdMs, limitMs);
    }

    /** A zone selector: a number, a string ("3", "1-3", "top", "top-1", "2-top", "all", "zone+1"), or a list of them. */
    private Selector selector(JsonElement value, String path, boolean inBlock, boolean blockZones) {
        List<Range> ranges = new ArrayList<>();
        boolean ok = true;
        if (value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            if (array.isEmpty()) {
                problems.add(path, "names no zone: give at least one");
                return null;
            }
            for (int i = 0; i < array.size(); i++) {
                ok &= range(array.get(i), path + "[" + i + "]", inBlock, blockZones, ranges);
            }
        } else {
            ok = range(value, path, inBlock, blockZones, ranges);
        }
        return ok ? new Selector(distinct(ranges)) : null;
    }

    /**
     * The ranges without repeats (the first one kept, for its path): they name the same zones, and
     * a list of thousands of them would otherwise cost memory for as long as the program is loaded.
     */
    private static List<Range> distinct(List<Range> ranges) {
        Set<List<ZoneRef>> seen = new HashSet<>();
        return ranges.stream().filter(r -> seen.add(List.of(r.from(), r.to()))).toList();
    }

    private boolean range(JsonElement value, String path, boolean inBlock, boolean blockZones, List<Range> ranges) {
        BigDecimal number = number(value);
        if (number != null) {
            if (!whole(number) || number.signum() <= 0 || number.compareTo(BigDecimal.valueOf(999)) > 0) {
                problems.add(path, number.toPlainString() + " is not a zone: zones are numbered from 1"
                        + (number.signum() > 0 && whole(number) ? " to at most " + MAX_ZONES : ""));
                return false;
            }
            ZoneRef ref = new ZoneRef(Anchor.NUMBER, number.intValue());
            ranges.add(new Range(path, ref.toString(), ref, ref));
            return true;
        }
        if (!(value.isJsonPrimitive() && value.getAsJsonPrimitive().isString())) {
            problems.add(path, "must be a zone number, a string like \"1-3\", \"top\" or \"all\", or a list of them");
            return false;
        }
        String text = value.getAsString();
        if (text.equals("all")) {
            ranges.add(new Range(path, text, new ZoneRef(Anchor.NUMBER, 1), new ZoneRef(Anchor.TOP, 0)));
            return true;
        }
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            problems.add(path, "\"" + text + "\" is not a zone: use a number, a range like \"1-3\" or \"2-top\", \"top\", \"top-1\""
                    + ", \"all\" or, in an \"each\" block, \"zone\", \"zone-1\", \"zone+1\"");
            return false;
        }
        ZoneRef from = ref(m.group(1));
        ZoneRef to = m.group(2) == null ? from : ref(m.group(2));
        if (from.anchor() == Anchor.ZONE || to.anchor() == Anchor.ZONE) {
            if (blockZones) {
                problems.add(path, "\"zone\" is the current zone of this block; it cannot choose the block's own zones");
                return false;
            }
            if (!inBlock) {
                problems.add(path, "\"" + text + "\" refers to the current zone of an \"each\" block; this step is not in one");
                return false;
            }
        }
        for (ZoneRef ref : List.of(from, to)) {
            if (ref.anchor() == Anchor.NUMBER && ref.offset() == 0) {
                problems.add(path, "\"" + text + "\" names zone 0: zones are numbered from 1");
                return false;
            }
        }
        if (from.anchor() == to.anchor() && from.offset() > to.offset()) {
            problems.add(path, "range \"" + text + "\" runs backwards; write \"" + m.group(2) + "-" + m.group(1) + "\"");
            return false;
        }
        ranges.add(new Range(path, text, from, to));
        return true;
    }

    private static ZoneRef ref(String text) {
        if (text.startsWith("top")) {
            return new ZoneRef(Anchor.TOP, text.length() == 3 ? 0 : Integer.parseInt(text.substring(3)));
        }
        if (text.startsWith("zone")) {
            return new ZoneRef(Anchor.ZONE, text.length() == 4 ? 0 : Integer.parseInt(text.substring(4).replace("+", "")));
        }
        return new ZoneRef(Anchor.NUMBER, Integer.parseInt(text));
    }

    /** A fill's target: "80%" of the level, "60 mmHg", or a gradient {start, perZone, min}. */
    private Pressure pressure(JsonElement value, String path) {
        if (value.isJsonObject()) {
            JsonObject o = value.getAsJsonObject();
            checkKeys(o, path, GRADIENT_KEYS);
            Amount start = present(o, path, "start") == null ? null : amount(o.get("start"), path + ".start", false);
            Amount perZone = present(o, path, "perZone") == null ? null : amount(o.get("perZone"), path + ".perZone", true);
            Amount min = present(o, path, "min") == null ? null : amount(o.get("min"), path + ".min", false);
            return start == null || perZone == null || min == null ? null : new Pressure(start, perZone, min);
        }
        if (!(value.isJsonPrimitive() && value.getAsJsonPrimitive().isString())) {
            problems.add(path, "must be a pressure like \"80%\" (of the level) or \"60 mmHg\", or a gradient"
                    + " {\"start\": \"100%\", \"perZone\": \"-10%\", \"min\": \"40%\"}");
            return null;
        }
        Amount amount = amount(value, path, false);
        return amount == null ? null : new Pressure(amount, null, null);
    }

    private Amount amount(JsonElement value, String path, boolean signed) {
        String text = value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : null;
        Matcher m = text == null ? null : AMOUNT.matcher(text);
        if (m == null || !m.matches() || (!signed && !m.group(1).isEmpty())) {
            String shown = text == null ? value.toString() : "\"" + text + "\"";
            problems.add(path, shown + " is not a pressure: write a percentage of the level like \""
                    + (signed ? "-10%" : "80%") + "\" or an absolute pressure like \"" + (signed ? "-5 mmHg" : "60 mmHg") + "\"");
            return null;
        }
        boolean percent = m.group(3).equals("%");
        double magnitude = Double.parseDouble(m.group(2));
        double max = percent ? 100 : Settings.MAX_BOOSTED_MMHG;
        String unit = percent ? "%" : " mmHg";
        if (signed ? magnitude == 0 : magnitude < 1) {
            problems.add(path, signed ? "a gradient changes by more than 0 per zone"
                    : "a pressure is at least 1% of the level or 1 mmHg");
            return null;
        }
        if (magnitude > max) {
            problems.add(path, format(magnitude) + unit + " is more than " + format(max) + unit
                    + (percent ? " of the level" : ", the most any zone may get"));
            return null;
        }
        return new Amount(m.group(1).equals("-") ? -magnitude : magnitude, percent);
    }

    /** Seconds given as a number, in milliseconds; -1 (and a problem) when not a number in range. */
    private long millis(JsonElement value, String path, double min, double max) {
        BigDecimal n = number(value);
        double seconds = n == null ? Double.NaN : n.doubleValue();
        if (n == null || Double.isNaN(seconds) || seconds < min || seconds > max) {
            problems.add(path, "must be a number of seconds from " + format(min) + " to " + format(max));
            return -1;
        }
        return Math.round(seconds * 1000);
    }

    private void checkKeys(JsonObject o, String path, List<String> known) {
        for (String key : o.keySet()) {
            if (!known.contains(key)) {
                problems.add(path + "." + key, KeySuggestion.unknownKey(key, known));
            }
        }
    }

    private JsonElement present(JsonObject o, String path, String key) {
        JsonElement value = o.get(key);
        if (value == null) {
            problems.add(path, "missing key \"" + key + "\"");
        }
        return value;
    }

    private String requiredString(JsonObject o, String path, String key, int maxLength) {
        return present(o, path, key) == null ? null : string(o.get(key), path + "." + key, maxLength);
    }

    private String optionalString(JsonObject o, String path, String key, int maxLength) {
        return o.has(key) ? string(o.get(key), path + "." + key, maxLength) : null;
    }

    private String string(JsonElement value, String path, int maxLength) {
        if (!(value.isJsonPrimitive() && value.getAsJsonPrimitive().isString())) {
            problems.add(path, "must be a string");
            return null;
        }
        String text = value.getAsString();
        if (text.isBlank()) {
            problems.add(path, "must not be empty");
            return null;
        }
        if (text.length() > maxLength) {
            problems.add(path, "is " + text.length() + " characters long; at most " + maxLength);
            return null;
        }
        return text;
    }

    private static BigDecimal number(JsonElement value) {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            JsonPrimitive p = value.getAsJsonPrimitive();
            return p.getAsBigDecimal();
        }
        return null;
    }

    private static boolean whole(BigDecimal n) {
        return n.stripTrailingZeros().scale() <= 0;
    }

    static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
