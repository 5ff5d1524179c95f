package org.bootctl.launcher.fleet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.OptionalLong;
import org.bootctl.api.device.DeviceText;

/**
 * Fields as a unit (or anyone on the broker) sent them, read for a person: a field of the wrong
 * type is shown as {@value #UNKNOWN}, never a crash, and every text goes through
 * {@link DeviceText#clean} (control characters escaped, at most {@value DeviceText#MAX_LENGTH}
 * characters), so no unit can repaint the operator's terminal or hide other units.
 */
final class UnitFields {

    /** What a field of the wrong type is shown as. */
    static final String UNKNOWN = "?";
    /** What an absent field is shown as. */
    static final String NONE = "-";

    private UnitFields() {
    }

    /** A text or number field, cleaned; {@value #NONE} when absent, {@value #UNKNOWN} when an object or array. */
    static String text(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return NONE;
        }
        return e.isJsonPrimitive() ? DeviceText.clean(e.getAsString()) : UNKNOWN;
    }

    /** A name taken from a topic level: cleaned as a field is. */
    static String name(String topicLevel) {
        return DeviceText.clean(topicLevel);
    }

    /** A whole number, when the field is one. */
    static OptionalLong number(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(e.getAsJsonPrimitive().getAsBigDecimal().longValueExact());
        } catch (ArithmeticException | NumberFormatException notWhole) {
            return OptionalLong.empty();
        }
    }

    /** The field as an object, or null when it is absent or not one. */
    static JsonObject object(JsonElement e) {
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    /**
     * JSON text with DEL and the C1 control characters (which Gson writes raw, and some terminals
     * obey: U+009B starts an escape sequence) written as escapes; valid JSON stays valid, as they
     * can only be inside strings.
     */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x7f && c <= 0x9f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
