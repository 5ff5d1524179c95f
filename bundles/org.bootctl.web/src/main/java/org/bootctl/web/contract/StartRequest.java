package org.bootctl.web.contract;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bootctl.api.program.Settings;

/**
 * What starts a session, as {@code POST /api/sessions} and the fleet's {@code cmd/start} take it:
 * {@code {device, program, level or pressure, minutes, boost, fitCheck, ramp, client}} ({@code client}
 * optional: an opaque reference, {@link Settings#CLIENT_RULE}).
 *
 * @param device   the device id
 * @param program  the program id
 * @param settings the settings, the client reference included
 */
public record StartRequest(String device, String program, Settings settings) {

    /** The fields of a start. */
    public static final Set<String> FIELDS = Set.of("device", "program", "level", "pressure", "minutes", "boost",
            "fitCheck", "ramp", "client");

    /**
     * Reads a start, adding every invalid value to {@code errors} (the first one is the error's sentence).
     *
     * @param alsoKnown fields the carrier adds (e.g. the fleet's {@code requestId}), not refused as unknown
     * @return the request, or null when {@code errors} got at least one error
     */
    public static StartRequest read(JsonObject o, Set<String> alsoKnown, List<FieldError> errors) {
        int before = errors.size();
        Set<String> known = new HashSet<>(FIELDS);
        known.addAll(alsoKnown);
        SettingsParser.onlyKnown(o, known, errors);
        String device = SettingsParser.requiredText(o, "device", "the device id", errors);
        String program = SettingsParser.requiredText(o, "program", "the program id", errors);
        Settings settings = withClient(SettingsParser.parse(o, null, errors), o, errors);
        return errors.size() > before ? null : new StartRequest(device, program, settings);
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
}
