package org.bootctl.programs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bootctl.api.program.ValidationError;

/**
 * Program JSON read strictly into a Gson tree, remembering the line of every key and array
 * element so that errors found later can say where they are.
 *
 * @param root   the document, or null when it is not well-formed JSON
 * @param lines  JSON path (e.g. {@code $.cycle[2].fill}) to its 1-based line
 * @param errors malformed JSON (one error) or duplicate keys
 */
record JsonTree(JsonElement root, Map<String, Integer> lines, List<ValidationError> errors) {

    // JsonReader tells its position only in toString() and its messages: "... at line 3 column 7 path $.b"
    private static final Pattern LOCATION = Pattern.compile(" at line (\\d+) column (\\d+) path (\\S*)");

    static JsonTree read(String text) {
        Reading reading = new Reading();
        JsonReader in = new JsonReader(new StringReader(text));
        in.setStrictness(Strictness.STRICT);
        try {
            JsonElement root = reading.value(in, "$");
            boolean more;
            try {
                more = in.peek() != JsonToken.END_DOCUMENT;
            } catch (IOException e) {
                more = true; // a strict reader refuses a second value outright
            }
            if (more) {
                return new JsonTree(null, Map.of(), List.of(
                        new ValidationError("$", line(in), "not valid JSON: more text after the end of the program object")));
            }
            return new JsonTree(root, Map.copyOf(reading.lines), List.copyOf(reading.errors));
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            return new JsonTree(null, Map.of(), List.of(malformed(text, e)));
        }
    }

    private static String location(JsonReader in) {
        Matcher m = LOCATION.matcher(in.toString());
        return m.find() ? m.group() : "";
    }

    private static int line(JsonReader in) {
        Matcher m = LOCATION.matcher(in.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** One error for text that is not JSON, with its line and a hint a person can act on. */
    private static ValidationError malformed(String text, Exception e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = LOCATION.matcher(message);
        if (text.isBlank()) {
            return new ValidationError("$", 1, "the file is empty");
        }
        if (!m.find()) {
            return new ValidationError("$", 0, "not valid JSON: " + message);
        }
        int line = Integer.parseInt(m.group(1));
        int column = Integer.parseInt(m.group(2));
        String path = m.group(3).endsWith(".") ? m.group(3).substring(0, m.group(3).length() - 1) : m.group(3);
        String why;
        if (e instanceof EOFException) {
            why = "the file ends before the JSON does (a missing } or ]?)";
        } else if (message.startsWith("Expected ':'")) {
            why = "expected ':' after the key";
        } else if (message.startsWith("Expected name")) {
            why = "expected a key in double quotes (a trailing comma?)";
        } else if (message.startsWith("Unterminated object")) {
            why = "expected ',' or '}' after the value (a missing comma?)";
        } else if (message.startsWith("Unterminated array")) {
            why = "expected ',' or ']' after the value (a missing comma?)";
        } else if (message.startsWith("Unterminated")) {
            why = "unterminated " + message.substring("Unterminated ".length(), message.indexOf(" at line"));
        } else {
            why = hint(charAt(text, line, column));
        }
        return new ValidationError(path.isEmpty() ? "$" : path, line, "not valid JSON: " + why);
    }

    /** What the character where the reader gave up usually means. */
    private static String hint(char c) {
        return switch (c) {
            case '/', '#' -> "comments are not allowed in JSON";
            case '\'' -> "strings need double quotes, not single quotes";
            case ']', '}' -> "a value is missing (a trailing comma?)";
            case ',' -> "a value is missing before the comma";
            default -> Character.isLetter(c) || c == '_'
                    ? "unquoted text (strings need double quotes; true, false and null are lower-case)"
                    : "unexpected character '" + c + "'";
        };
    }

    /** The character at a 1-based line and column, as JsonReader counts them (the one just read). */
    private static char charAt(String text, int line, int column) {
        int start = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                return ' ';
            }
            start = nl + 1;
        }
        int index = start + column - 2;
        for (int i = Math.max(index, start); i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return ' ';
    }

    /** The state of one read: lines by path and duplicate keys. */
    private static final class Reading {
        final Map<String, Integer> lines = new HashMap<>();
        final List<ValidationError> errors = new ArrayList<>();

        JsonElement value(JsonReader in, String path) throws IOException {
            var token = in.peek();
            lines.putIfAbsent(path, line(in));
            switch (token) {
                case BEGIN_OBJECT -> {
                    JsonObject object = new JsonObject();
                    in.beginObject();
                    while (in.hasNext()) {
                        in.peek();
                        int line = line(in);
                        String name = in.nextName();
                        String child = path + "." + name;
                        if (object.has(name)) {
                            errors.add(new ValidationError(child, line, "duplicate key"));
                        } else {
                            lines.put(child, line);
                        }
                        object.add(name, value(in, child));
                    }
                    in.endObject();
                    return object;
                }
                case BEGIN_ARRAY -> {
                    JsonArray array = new JsonArray();
                    in.beginArray();
                    while (in.hasNext()) {
                        array.add(value(in, path + "[" + array.size() + "]"));
                    }
                    in.endArray();
                    return array;
                }
                case STRING -> {
                    return new JsonPrimitive(in.nextString());
                }
                case NUMBER -> {
                    return new JsonPrimitive(new BigDecimal(in.nextString()));
                }
                case BOOLEAN -> {
                    return new JsonPrimitive(in.nextBoolean());
                }
                case NULL -> {
                    in.nextNull();
                    return JsonNull.INSTANCE;
                }
                default -> throw new IOException("unexpected " + token + location(in));
            }
        }
    }
}
