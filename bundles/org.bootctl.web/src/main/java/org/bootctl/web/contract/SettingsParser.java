package org.bootctl.web.contract;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bootctl.api.program.Settings;

/**
 * Reads the settings words of a request ({@code level} or {@code pressure}, {@code minutes},
 * {@code boost}, {@code fitCheck}, {@code ramp}) and checks each value, so every refusal names its
 * field. The ranges are the API's own ({@link Settings}).
 */
public final class SettingsParser {

    /**
     * The most unknown fields one request is told of, one error each (the last says how many more):
     * with the known fields' own errors (ten at most) a request is answered with at most 100, as a
     * program file is.
     */
    public static final int MAX_UNKNOWN = 90;

    private SettingsParser() {
    }

    /**
     * @param minutesDefault used when {@code minutes} is absent; null makes it required
     * @return the settings, or null when {@code errors} got at least one error
     */
    public static Settings parse(JsonObject o, Double minutesDefault, List<FieldError> errors) {
        int before = errors.size();
        Integer level = o.has("level") ? wholeNumber(o.get("level"), "level",
                "level must be a whole number 1.." + Settings.MAX_LEVEL, 1, Settings.MAX_LEVEL, errors) : null;
        Double pressure = o.has("pressure") ? number(o.get("pressure"), "pressure",
                "pressure must be a number of mmHg " + (int) Settings.MIN_CAP_MMHG + ".." + (int) Settings.MAX_CAP_MMHG,
                Settings.MIN_CAP_MMHG, Settings.MAX_CAP_MMHG, errors) : null;
        if (o.has("level") && o.has("pressure")) {
            errors.add(new FieldError("level", "give either level or pressure, not both"));
        } else if (!o.has("level") && !o.has("pressure")) {
            errors.add(new FieldError("level", "level is missing: give an intensity level 1.." + Settings.MAX_LEVEL
                    + " or a pressure in mmHg"));
        }
        Double minutes = minutesDefault;
        if (o.has("minutes")) {
            minutes = number(o.get("minutes"), "minutes", "minutes must be a number 0.." + (int) Settings.MAX_MINUTES
                    + " (0 runs until stopped)", 0, Settings.MAX_MINUTES, errors);
        } else if (minutesDefault == null) {
            errors.add(new FieldError("minutes", "minutes is missing: give the session length 0.."
                    + (int) Settings.MAX_MINUTES + " (0 runs until stopped)"));
        }
        Set<Integer> boost = o.has("boost") ? zones(o.get("boost"), errors) : Set.of();
        boolean fitCheck = !o.has("fitCheck") || bool(o.get("fitCheck"), "fitCheck", errors);
        boolean ramp = !o.has("ramp") || bool(o.get("ramp"), "ramp", errors);
        if (errors.size() > before) {
            return null;
        }
        try {
            return new Settings(level == null ? 0 : level, pressure == null ? 0 : pressure, minutes, boost, ramp,
                    fitCheck);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("settings", e.getMessage()));
            return null;
        }
    }

    /** A text field that must be there and not be blank. */
    public static String requiredText(JsonObject o, String field, String what, List<FieldError> errors) {
        JsonElement value = o.get(field);
        if (value == null || value.isJsonNull()) {
            errors.add(new FieldError(field, field + " is missing: give " + what));
            return null;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString() || value.getAsString().isBlank()) {
            errors.add(new FieldError(field, field + " must be a text: " + what + ", not " + value));
            return null;
        }
        return value.getAsString();
    }

    /**
     * Refuses fields a request does not know, so a misspelt one is never silently ignored. At most
     * {@link #MAX_UNKNOWN} such errors: the last one then says how many more unknown fields there are.
     */
    public static void onlyKnown(JsonObject o, Set<String> known, List<FieldError> errors) {
        String knownFields = String.join(", ", new TreeSet<>(known));
        List<String> unknown = o.keySet().stream().filter(name -> !known.contains(name)).toList();
        for (int i = 0; i < unknown.size() && i < MAX_UNKNOWN; i++) {
            String name = unknown.get(i);
            int more = unknown.size() - i - 1;
            String also = i == MAX_UNKNOWN - 1 && more > 0 ? " (and " + more + " more unknown fields)" : "";
            errors.add(new FieldError(name, "unknown field '" + name + "'" + also + "; known fields: " + knownFields));
        }
    }

    private static Integer wholeNumber(JsonElement value, String field, String rule, int min, int max,
                                       List<FieldError> errors) {
        if (isNumber(value)) {
            double d = value.getAsDouble();
            if (d == Math.rint(d) && d >= min && d <= max) {
                return (int) d;
            }
        }
        errors.add(new FieldError(field, rule + ", not " + value));
        return null;
    }

    private static Double number(JsonElement value, String field, String rule, double min, double max,
                                 List<FieldError> errors) {
        if (isNumber(value)) {
            double d = value.getAsDouble();
            if (Double.isFinite(d) && d >= min && d <= max) {
                return d;
            }
        }
        errors.add(new FieldError(field, rule + ", not " + value));
        return null;
    }

    private static boolean bool(JsonElement value, String field, List<FieldError> errors) {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
            return value.getAsBoolean();
        }
        errors.add(new FieldError(field, field + " must be true or false, not " + value));
        return false;
    }

    private static Set<Integer> zones(JsonElement value, List<FieldError> errors) {
        Set<Integer> zones = new TreeSet<>();
        if (value.isJsonArray()) {
            for (JsonElement zone : (JsonArray) value) {
                if (!isNumber(zone) || zone.getAsDouble() != Math.rint(zone.getAsDouble()) || zone.getAsDouble() < 1
                        || zone.getAsDouble() > 64) {
                    errors.add(new FieldError("boost", "boost must be a list of zone numbers from 1, not " + value));
                    return Set.of();
                }
                zones.add(zone.getAsInt());
            }
            return zones;
        }
        errors.add(new FieldError("boost", "boost must be a list of zone numbers from 1, not " + value));
        return Set.of();
    }

    private static boolean isNumber(JsonElement value) {
        return value instanceof JsonPrimitive p && p.isNumber();
    }
}
