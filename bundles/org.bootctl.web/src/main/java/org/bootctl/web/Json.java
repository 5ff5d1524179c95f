package org.bootctl.web;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.bootctl.web.contract.StrictJson;

/**
 * The one Gson of the bundle (nulls written, so every documented field is always there) and strict
 * parsing of request bodies ({@link StrictJson}, which the fleet's commands share): a mistake is a
 * 400 that says where, in our words: never Gson's hints or class names.
 */
final class Json {

    static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    static final int MAX_DEPTH = StrictJson.MAX_DEPTH;
    static final int MAX_VALUES = StrictJson.MAX_VALUES;

    private Json() {
    }

    static String write(Object value) {
        return GSON.toJson(value);
    }

    /** Parses a request body that must be one JSON object; 400 otherwise. */
    static JsonObject object(String body) {
        JsonElement element = parse(body);
        if (!element.isJsonObject()) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        return element.getAsJsonObject();
    }

    /** Parses strict JSON; 400 naming the problem and where it is. */
    static JsonElement parse(String body) {
        try {
            return StrictJson.parse(body);
        } catch (StrictJson.Malformed e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }
}
