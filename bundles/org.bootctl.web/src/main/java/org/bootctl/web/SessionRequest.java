package org.bootctl.web;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bootctl.api.program.Settings;

/**
 * The body of {@code POST /api/sessions}:
 * {@code {device, program, level or pressure, minutes, boost, fitCheck, ramp}}.
 */
record SessionRequest(String device, String program, Settings settings) {

    static final Set<String> FIELDS = Set.of("device", "program", "level", "pressure", "minutes", "boost",
            "fitCheck", "ramp");

    /** Every invalid value at once; the first one is the error's sentence. */
    static SessionRequest parse(String body) {
        JsonObject o = Json.object(body);
        List<FieldError> errors = new ArrayList<>();
        SettingsParser.onlyKnown(o, FIELDS, errors);
        String device = SettingsParser.requiredText(o, "device", "the device id", errors);
        String program = SettingsParser.requiredText(o, "program", "the program id", errors);
        Settings settings = SettingsParser.parse(o, null, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new SessionRequest(device, program, settings);
    }

    static ApiError invalid(List<FieldError> errors) {
        return new ApiError(400, errors.get(0).message(), errors);
    }
}
