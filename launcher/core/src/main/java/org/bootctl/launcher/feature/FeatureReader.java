package org.bootctl.launcher.feature;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bootctl.launcher.cli.Suggest;

/**
 * Reads a feature file: checks its shape, gives every variable its value ({@code --var}
 * overrides a default) and substitutes {@code ${name}} in configuration strings. Every
 * problem is a {@link FeatureException} naming the file.
 */
public final class FeatureReader {

    /** The top-level keys of the Feature Service format; anything else is most likely a typo. */
    private static final Set<String> KEYS = Set.of("feature-resource-version", "id", "name", "description",
            "docURL", "license", "scm", "vendor", "copyright", "complete", "final", "categories", "variables",
            "bundles", "configurations", "extensions", "prototype");
    /** The largest feature file read: the distribution's are a few KiB. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private FeatureReader() {
    }

    /**
     * @param file      a feature file
     * @param overrides variable values from the command line; each must be declared
     */
    public static Feature read(Path file, Map<String, String> overrides) throws FeatureException {
        JsonObject root = parse(file);
        for (String key : root.keySet()) {
            if (!KEYS.contains(key)) {
                throw new FeatureException(file, "unknown key \"" + key + "\"" + Suggest.didYouMean(key, KEYS, ""));
            }
        }
        String id = string(file, root, "id", true);
        String description = string(file, root, "description", false);
        Map<String, String> variables = variables(file, root, overrides);
        List<FeatureBundle> bundles = bundles(file, root);
        List<FeatureConfiguration> configurations = configurations(file, root, variables);
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        return new Feature(name, file, id, description == null ? "" : description, variables, bundles, configurations);
    }

    /** The names of the variables a feature file declares, in file order. */
    public static Set<String> declaredVariables(Path file) throws FeatureException {
        JsonElement element = parse(file).get("variables");
        return element == null ? Set.of()
                : new java.util.LinkedHashSet<>(object(file, element, "\"variables\"").keySet());
    }

    private static JsonObject parse(Path file) throws FeatureException {
        try (Reader in = new StringReader(text(file))) {
            JsonReader reader = new JsonReader(in);
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (!atEnd(reader)) {
                throw new FeatureException(file, "not valid JSON: more follows the top-level object");
            }
            if (!element.isJsonObject()) {
                throw new FeatureException(file, "not a feature: the top level must be a JSON object");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new FeatureException(file, "not valid JSON: " + jsonProblem(e));
        } catch (IOException e) {
            throw new FeatureException(file, "cannot read: " + e.getMessage());
        }
    }

    /**
     * The file's text, at most {@link #MAX_BYTES}: a larger one (a log or a disk image named by
     * mistake) is refused unread rather than filling the heap ("Java heap space" said nothing).
     */
    private static String text(Path file) throws IOException, FeatureException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new FeatureException(file, "the file is over " + MAX_BYTES / 1024 + " KiB, the most a feature"
                        + " file may be (is it a feature file?)");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString(); // strict, as before
        }
    }

    private static boolean atEnd(JsonReader reader) throws IOException {
        try {
            return reader.peek() == JsonToken.END_DOCUMENT;
        } catch (MalformedJsonException e) {
            return false;
        }
    }

    /**
     * Gson's message without the exception class in front and the troubleshooting link behind,
     * and its advice to programmers (use a lenient reader) said as what is wrong in the file.
     */
    private static String jsonProblem(JsonParseException e) {
        Throwable cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        message = message.replaceFirst("^[\\w.]+Exception: ", "");
        message = message.replaceFirst("^Use JsonReader\\.set\\w+\\([^)]*\\) to accept malformed JSON",
                "unexpected text (a comment, single quotes or an unquoted word?)");
        int link = message.indexOf("\nSee ");
        return (link >= 0 ? message.substring(0, link) : message).trim();
    }

    private static String string(Path file, JsonObject root, String key, boolean required) throws FeatureException {
        JsonElement value = root.get(key);
        if (value == null || value.isJsonNull()) {
            if (required) {
                throw new FeatureException(file, "missing \"" + key + "\"");
            }
            return null;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new FeatureException(file, "\"" + key + "\" must be a string");
        }
        return value.getAsString();
    }

    private static Map<String, String> variables(Path file, JsonObject root, Map<String, String> overrides)
            throws FeatureException {
        JsonElement element = root.get("variables");
        JsonObject declared = element == null ? new JsonObject() : object(file, element, "\"variables\"");
        for (String name : overrides.keySet()) {
            if (!declared.has(name)) {
                throw new FeatureException(file, "--var " + name + ": the feature declares no variable \"" + name
                        + "\"" + (declared.keySet().isEmpty() ? "" : " (it has: " + String.join(", ", declared.keySet()) + ")")
                        + Suggest.didYouMean(name, declared.keySet(), ""));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> variable : declared.entrySet()) {
            String name = variable.getKey();
            JsonElement fallback = variable.getValue();
            if (overrides.containsKey(name)) {
                values.put(name, overrides.get(name));
            } else if (fallback.isJsonNull()) {
                throw new FeatureException(file, "variable \"" + name + "\" has no default: give --var " + name + "=VALUE");
            } else if (fallback.isJsonPrimitive()) {
                values.put(name, fallback.getAsString());
            } else {
                throw new FeatureException(file, "variable \"" + name + "\": a default is a string, number or boolean");
            }
        }
        return values;
    }

    private static List<FeatureBundle> bundles(Path file, JsonObject root) throws FeatureException {
        JsonElement element = root.get("bundles");
        if (element == null) {
            throw new FeatureException(file, "missing \"bundles\"");
        }
        if (!element.isJsonArray()) {
            throw new FeatureException(file, "\"bundles\" must be an array");
        }
        List<FeatureBundle> bundles = new ArrayList<>();
        JsonArray array = element.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            bundles.add(bundle(file, array.get(i), "bundles[" + i + "]"));
        }
        return bundles;
    }

    /** {@code "g:a:v"}, or {@code {"id": "g:a:v", "start-order": 10, "ui": true, "console": true}} with any other metadata. */
    private static FeatureBundle bundle(Path file, JsonElement element, String where) throws FeatureException {
        JsonObject entry;
        if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()) {
            entry = new JsonObject();
            entry.add("id", element);
        } else {
            entry = object(file, element, where);
        }
        JsonElement idElement = entry.get("id");
        if (idElement == null || !idElement.isJsonPrimitive() || !idElement.getAsJsonPrimitive().isString()) {
            throw new FeatureException(file, where + ": needs an \"id\" string, group:artifact:version");
        }
        String id = idElement.getAsString();
        String[] parts = id.split(":", -1);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw new FeatureException(file, where + ": bundle id \"" + id + "\" is not group:artifact:version");
        }
        int startOrder = FeatureBundle.LAST;
        JsonElement order = entry.get("start-order");
        if (order != null) {
            if (!isWholeNumber(order) || order.getAsLong() < 0 || order.getAsLong() >= Integer.MAX_VALUE) {
                throw new FeatureException(file, where + ": \"start-order\" must be a whole number of 0 or more");
            }
            startOrder = order.getAsInt();
        }
        boolean ui = flag(file, entry, "ui", where);
        boolean console = flag(file, entry, "console", where);
        return new FeatureBundle(id, parts[0], parts[1], parts[2], startOrder, ui, console);
    }

    /** A true/false bundle mark such as {@code "ui"}; false when absent. */
    private static boolean flag(Path file, JsonObject entry, String key, String where) throws FeatureException {
        JsonElement element = entry.get(key);
        if (element == null) {
            return false;
        }
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isBoolean()) {
            throw new FeatureException(file, where + ": \"" + key + "\" must be true or false");
        }
        return element.getAsBoolean();
    }

    private static List<FeatureConfiguration> configurations(Path file, JsonObject root, Map<String, String> variables)
            throws FeatureException {
        JsonElement element = root.get("configurations");
        if (element == null) {
            return List.of();
        }
        List<FeatureConfiguration> configurations = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : object(file, element, "\"configurations\"").entrySet()) {
            String key = entry.getKey();
            if (key.isBlank() || key.startsWith("~") || key.endsWith("~")) {
                throw new FeatureException(file, "configuration \"" + key + "\": a key is a PID or factoryPid~name");
            }
            String where = "configuration " + key;
            Map<String, Object> properties = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> property : object(file, entry.getValue(), where).entrySet()) {
                String at = where + ", property " + property.getKey();
                properties.put(property.getKey(), value(file, property.getValue(), at, variables));
            }
            configurations.add(FeatureConfiguration.of(key, properties));
        }
        return configurations;
    }

    /** A JSON value as ConfigurationAdmin takes it; arrays of one kind become typed arrays. */
    private static Object value(Path file, JsonElement element, String where, Map<String, String> variables)
            throws FeatureException {
        if (element.isJsonPrimitive()) {
            return scalar(file, element.getAsJsonPrimitive(), where, variables);
        }
        if (element.isJsonArray()) {
            JsonArray array = element.getAsJsonArray();
            List<Object> items = new ArrayList<>();
            for (JsonElement item : array) {
                if (!item.isJsonPrimitive()) {
                    throw new FeatureException(file, where + ": an array holds strings, numbers or booleans only");
                }
                items.add(scalar(file, item.getAsJsonPrimitive(), where, variables));
            }
            Class<?> type = items.isEmpty() ? String.class : items.get(0).getClass();
            if (items.stream().allMatch(i -> i instanceof Long || i instanceof Double)
                    && items.stream().anyMatch(i -> i instanceof Double)) {
                type = Double.class;
                items.replaceAll(i -> ((Number) i).doubleValue());
            }
            Class<?> kind = type;
            if (!items.stream().allMatch(kind::isInstance)) {
                throw new FeatureException(file, where + ": an array's values must all be of one kind");
            }
            Object typed = Array.newInstance(kind, items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(typed, i, items.get(i));
            }
            return typed;
        }
        throw new FeatureException(file, where + ": a value is a string, number, boolean or an array of them");
    }

    private static Object scalar(Path file, JsonPrimitive primitive, String where, Map<String, String> variables)
            throws FeatureException {
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        if (primitive.isNumber()) {
            return isWholeNumber(primitive) ? (Object) primitive.getAsLong() : (Object) primitive.getAsDouble();
        }
        return substitute(file, primitive.getAsString(), where, variables);
    }

    /** Replaces every {@code ${name}} with the variable's value; a name not declared is an error. */
    static String substitute(Path file, String text, String where, Map<String, String> variables)
            throws FeatureException {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = variables.get(name);
            if (value == null) {
                throw new FeatureException(file, where + ": undefined variable ${" + name + "}"
                        + Suggest.closest(name, variables.keySet()).map(c -> " (did you mean ${" + c + "}?)").orElse(""));
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static boolean isWholeNumber(JsonElement element) {
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            return false;
        }
        String text = element.getAsString();
        return !text.contains(".") && !text.contains("e") && !text.contains("E");
    }

    private static JsonObject object(Path file, JsonElement element, String where) throws FeatureException {
        if (!element.isJsonObject()) {
            throw new FeatureException(file, where + " must be a JSON object");
        }
        return element.getAsJsonObject();
    }
}
