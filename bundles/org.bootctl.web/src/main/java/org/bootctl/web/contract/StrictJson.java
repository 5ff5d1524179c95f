package org.bootctl.web.contract;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parsing of a request body, for the REST API and the fleet's commands alike: no comments,
 * no single quotes, nothing after the value, no key twice in one object (as program files), a
 * bounded nesting depth and a bounded number of values. A mistake is a {@link Malformed} that
 * says where, in our words: never Gson's hints or class names.
 */
public final class StrictJson {

    /** Deeper than any body of this API, shallow enough for any thread's stack. */
    public static final int MAX_DEPTH = 32;
    /**
     * Far more values than any body of this API has (a start has nine); a body of many small values
     * costs many times its size as a tree, so one with more is refused while it is read, before
     * more than this many are built.
     */
    public static final int MAX_VALUES = 1000;
    private static final Pattern POSITION = Pattern.compile("at line (\\d+) column (\\d+)");

    /** A body that is not strict JSON; its message is the one the API answers with (400). */
    public static final class Malformed extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private StrictJson() {
    }

    /** Parses strict JSON; {@link Malformed} naming the problem and where it is. */
    public static JsonElement parse(String body) {
        if (body == null || body.isBlank()) {
            throw new Malformed("the body is empty; it must be JSON");
        }
        try (JsonReader reader = new JsonReader(new StringReader(body))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = read(reader, 0, new int[1]);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new Malformed("malformed JSON: more than one value in the body");
            }
            return element;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new Malformed(malformed(e.getMessage()));
        }
    }

    /** @param count the values read so far, the one about to be read not yet among them */
    private static JsonElement read(JsonReader in, int depth, int[] count) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new Malformed("malformed JSON: nested deeper than " + MAX_DEPTH + " levels at " + in.getPath());
        }
        if (++count[0] > MAX_VALUES) {
            throw new Malformed("the body has more than " + MAX_VALUES + " values (at " + in.getPath()
                    + "); no request of this API needs as many");
        }
        switch (in.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject object = new JsonObject();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    if (object.has(name)) {
                        throw new Malformed("malformed JSON: the key \"" + name + "\" appears twice in one object"
                                + " (at " + in.getPath() + ")");
                    }
                    object.add(name, read(in, depth + 1, count));
                }
                in.endObject();
                return object;
            }
            case BEGIN_ARRAY -> {
                JsonArray array = new JsonArray();
                in.beginArray();
                while (in.hasNext()) {
                    array.add(read(in, depth + 1, count));
                }
                in.endArray();
                return array;
            }
            case STRING -> {
                return new JsonPrimitive(in.nextString());
            }
            case NUMBER -> {
                return JsonParser.parseString(in.nextString()); // the number as Gson keeps it, unconverted
            }
            case BOOLEAN -> {
                return new JsonPrimitive(in.nextBoolean());
            }
            case NULL -> {
                in.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new java.io.EOFException("End of input"); // a value must come here
        }
    }

    /** Gson's message in words for a person: what, and at which line and column; no advice about Gson itself. */
    public static String malformed(String gsonMessage) {
        String text = gsonMessage == null ? "" : gsonMessage;
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline);
        }
        Matcher at = POSITION.matcher(text);
        String where = at.find() ? " at line " + at.group(1) + " column " + at.group(2) : "";
        String what;
        if (text.contains("setStrictness") || text.isEmpty()) {
            what = "not strict JSON (no comments, single quotes, unquoted names or leading zeros)";
        } else {
            int cut = text.indexOf(" at line ");
            what = (cut < 0 ? text : text.substring(0, cut)).replaceAll("^([\\w$]+\\.)+[\\w$]+:\\s*", "");
            what = what.isBlank() ? "cannot be read" : what.substring(0, 1).toLowerCase() + what.substring(1);
        }
        return "malformed JSON: " + what + where;
    }
}
