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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bootctl.api.program.ValidationError;

/**
 * Program JSON read strictly into a Gson tree, never to be changed. Memory stays a small multiple
 * of the text: no path is kept per element (lines are looked up again only for errors, see
 * {@link Lines}), equal values and empty lists and objects are shared, lists have no room to
 * spare, nesting is bounded and so are duplicate-key errors.
 *
 * @param root   the document, or null when it is not well-formed JSON
 * @param lines  the line of every JSON path (e.g. {@code $.cycle[2].fill}), looked up when asked
 * @param errors malformed JSON (one error) or duplicate keys
 */
record JsonTree(JsonElement root, Lines lines, List<ValidationError> errors) {

    /**
     * The deepest nesting of lists and objects read. A program needs 6 ({@code $.cycle[0].steps[0].fill[0]});
     * the rest leaves room for a mistaken value to be reported as what it is rather than as too deep.
     */
    static final int MAX_DEPTH = 20;

    // JsonReader tells its position only in toString() and its messages: "... at line 3 column 7 path $.b"
    private static final Pattern LOCATION = Pattern.compile(" at line (\\d+) column (\\d+) path (\\S*)");

    static JsonTree read(String text) {
        Reading reading = new Reading();
        JsonReader in = new JsonReader(new StringReader(text));
        in.setStrictness(Strictness.STRICT);
        try {
            JsonElement root = reading.value(in, 0);
            boolean more;
            try {
                more = in.peek() != JsonToken.END_DOCUMENT;
            } catch (IOException e) {
                more = true; // a strict reader refuses a second value outright
            }
            if (more) {
                return new JsonTree(null, Lines.NONE, List.of(
                        new ValidationError("$", line(in), "not valid JSON: more text after the end of the program object")));
            }
            return new JsonTree(root, new Lines(text), List.copyOf(reading.errors));
        } catch (TooDeep e) {
            return new JsonTree(null, Lines.NONE, List.of(e.error));
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            return new JsonTree(null, Lines.NONE, List.of(malformed(text, e)));
        }
    }

    private static String location(JsonReader in) {
        Matcher m = LOCATION.matcher(in.toString());
        return m.find() ? m.group() : "";
    }

    /** The 1-based line the reader is at; 0 when it does not say. */
    static int line(JsonReader in) {
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

    /** Nesting deeper than {@link #MAX_DEPTH}: reading stops there. */
    private static final class TooDeep extends IOException {
        private static final long serialVersionUID = 1L;
        final transient ValidationError error;

        TooDeep(ValidationError error) {
            super(error.message());
            this.error = error;
        }
    }

    /** The state of one read: duplicate keys, and the values already made, to share equal ones. */
    private static final class Reading {
        /** Values are shared up to this many distinct ones: enough for a real program, small when it is not. */
        private static final int SHARED = 1024;
        private static final int SHARED_LENGTH = 64;

        final List<ValidationError> errors = new ArrayList<>();
        private int duplicates;
        private final Map<String, JsonPrimitive> numbers = new HashMap<>();
        private final Map<String, JsonPrimitive> primitives = new HashMap<>();
        private final Map<String, String> strings = new HashMap<>();

        JsonElement value(JsonReader in, int depth) throws IOException {
            var token = in.peek();
            switch (token) {
                case BEGIN_OBJECT -> {
                    tooDeep(in, depth);
                    in.beginObject();
                    if (!in.hasNext()) {
                        in.endObject();
                        return EMPTY_OBJECT;
                    }
                    JsonObject object = new JsonObject();
                    while (in.hasNext()) {
                        in.peek();
                        int line = line(in);
                        String name = shared(strings, in.nextName());
                        if (object.has(name)) {
                            duplicate(in.getPath(), line);
                        }
                        object.add(name, value(in, depth + 1));
                    }
                    in.endObject();
                    return object;
                }
                case BEGIN_ARRAY -> {
                    tooDeep(in, depth);
                    in.beginArray();
                    if (!in.hasNext()) {
                        in.endArray();
                        return EMPTY_ARRAY;
                    }
                    List<JsonElement> elements = new ArrayList<>();
                    while (in.hasNext()) {
                        elements.add(value(in, depth + 1));
                    }
                    in.endArray();
                    JsonArray array = new JsonArray(elements.size()); // no room to spare
                    elements.forEach(array::add);
                    return array;
                }
                case STRING -> {
                    return shared(primitives, in.nextString(), JsonPrimitive::new);
                }
                case NUMBER -> {
                    return shared(numbers, in.nextString(), n -> new JsonPrimitive(new BigDecimal(n)));
                }
                case BOOLEAN -> {
                    return in.nextBoolean() ? TRUE : FALSE;
                }
                case NULL -> {
                    in.nextNull();
                    return JsonNull.INSTANCE;
                }
                default -> throw new IOException("unexpected " + token + location(in));
            }
        }

        private static void tooDeep(JsonReader in, int depth) throws TooDeep {
            if (depth >= MAX_DEPTH) {
                throw new TooDeep(new ValidationError(in.getPath(), line(in), "lists and objects are nested more than "
                        + MAX_DEPTH + " deep here; a program needs at most 6"));
            }
        }

        private void duplicate(String path, int line) {
            if (duplicates++ < Problems.MAX_ERRORS) {
                errors.add(new ValidationError(path, line, "duplicate key"));
            }
        }

        private static String shared(Map<String, String> made, String text) {
            return shared(made, text, Function.identity());
        }

        private static <T> T shared(Map<String, T> made, String text, Function<String, T> make) {
            T value = made.get(text);
            if (value == null) {
                value = make.apply(text);
                if (made.size() < SHARED && text.length() <= SHARED_LENGTH) {
                    made.put(text, value);
                }
            }
            return value;
        }
    }

    // shared by every tree: nothing changes a tree once it is read
    private static final JsonObject EMPTY_OBJECT = new JsonObject();
    private static final JsonArray EMPTY_ARRAY = new JsonArray(0);
    private static final JsonPrimitive TRUE = new JsonPrimitive(true);
    private static final JsonPrimitive FALSE = new JsonPrimitive(false);
}
