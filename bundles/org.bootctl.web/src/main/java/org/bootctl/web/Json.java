package org.bootctl.web;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;

/** The one Gson of the bundle (nulls written, so every documented field is always there) and strict parsing. */
final class Json {

    static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

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

    /** Parses strict JSON (no comments, no single quotes, nothing after the value); 400 naming the problem. */
    static JsonElement parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("the body is empty; it must be JSON");
        }
        try (JsonReader reader = new JsonReader(new StringReader(body))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw ApiError.badRequest("malformed JSON: more than one value in the body");
            }
            return element;
        } catch (JsonParseException | java.io.IOException | IllegalStateException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw ApiError.badRequest("malformed JSON: " + firstLine(why));
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "cannot be read";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
