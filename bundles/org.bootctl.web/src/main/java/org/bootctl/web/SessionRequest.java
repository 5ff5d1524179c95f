package org.bootctl.web;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bootctl.api.program.Settings;
import org.bootctl.web.contract.FieldError;
import org.bootctl.web.contract.SettingsParser;

/**
 * The body of {@code POST /api/sessions}:
 * {@code {device, program, level or pressure, minutes, boost, fitCheck, ramp, client}} ({@code client}
 * optional: an opaque reference, {@link Settings#CLIENT_RULE}).
 */
record SessionRequest(String device, String program, Settings settings) {

    static final Set<String> FIELDS = Set.of("device", "program", "level", "pressure", "minutes", "boost",
            "fitCheck", "ramp", "client");

    /** Every invalid value at once; the first one is the error's sentence. */
    static SessionRequest parse(String body) {
        JsonObject o = Json.object(body);
        List<FieldError> errors = new ArrayList<>();
        SettingsParser.onlyKnown(o, FIELDS, errors);
        String device = SettingsParser.requiredText(o, "device", "the device id", errors);
        String program = SettingsParser.requiredText(o, "program", "the program id", errors);
        Settings settings = withClient(SettingsParser.parse(o, null, errors), o, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new SessionRequest(device, program, settings);
    }

    /** The optional {@code client} field on top of the settings; a refusal names the field and the rule. */
    private static Settings withClient(Settings settings, JsonObject o, List<FieldError> errors) {
        JsonElement client = o.get("client");
        if (client == null) {
            return settings;
        }
        String code = client.isJsonPrimitive() && client.getAsJsonPrimitive().isString() ? client.getAsString() : "";
        if (!code.matches(Settings.CLIENT_PATTERN)) {
            errors.add(new FieldError("client", Settings.CLIENT_RULE)); // the refused text is not echoed
            return settings;
        }
        return settings == null ? null : settings.withClient(code);
    }

    static ApiError invalid(List<FieldError> errors) {
        return new ApiError(400, errors.get(0).message(), errors);
    }
}
