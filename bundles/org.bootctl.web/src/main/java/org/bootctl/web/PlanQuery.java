package org.bootctl.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bootctl.api.program.Settings;
import org.bootctl.web.contract.FieldError;
import org.bootctl.web.contract.SettingsParser;

/**
 * The query of {@code GET /api/programs/{id}/plan}: {@code device=ID} and {@code level=N} (or
 * {@code pressure=MMHG}), optionally {@code boost=1,3}, {@code minutes}, {@code ramp}, {@code fitCheck}.
 * The values are read as the words of a session request, so the same checks name the same fields.
 */
record PlanQuery(String device, Settings settings) {

    static final Set<String> FIELDS = Set.of("device", "level", "pressure", "minutes", "boost", "fitCheck", "ramp");

    static PlanQuery parse(Map<String, String> query) {
        JsonObject o = new JsonObject();
        query.forEach((name, text) -> o.add(name, "boost".equals(name) ? zones(text) : value(text)));
        List<FieldError> errors = new ArrayList<>();
        SettingsParser.onlyKnown(o, FIELDS, errors);
        String device = SettingsParser.requiredText(o, "device", "the device id (?device=ID)", errors);
        Settings settings = SettingsParser.parse(o, 0.0, errors);
        if (!errors.isEmpty()) {
            throw SessionRequest.invalid(errors);
        }
        return new PlanQuery(device, settings);
    }

    private static JsonPrimitive value(String text) {
        if ("true".equals(text) || "false".equals(text)) {
            return new JsonPrimitive(Boolean.parseBoolean(text));
        }
        try {
            return new JsonPrimitive(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return new JsonPrimitive(text);
        }
    }

    private static JsonArray zones(String text) {
        JsonArray zones = new JsonArray();
        if (!text.isBlank()) {
            for (String zone : text.split(",", -1)) {
                zones.add(value(zone));
            }
        }
        return zones;
    }
}
