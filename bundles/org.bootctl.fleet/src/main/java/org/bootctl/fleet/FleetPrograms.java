package org.bootctl.fleet;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bootctl.api.program.ValidationError;

/**
 * Program rollout: the retained programs of {@code bootctl/v1/{site}/programs/{id}} and
 * {@code bootctl/v1/all/programs/{id}} become files of the data folder's {@code fleet/programs/},
 * which the program library watches and checks exactly as it checks {@code programs/}, listing them
 * with source {@code fleet}. A site's program wins over an {@code all} program of the same id;
 * the library lets a file of the unit's own {@code programs/} win over both. An empty retained
 * message removes the program. Runs on the fleet's inbox thread only.
 */
final class FleetPrograms {

    /** A program id as the format allows it, which is also a safe file name. */
    static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    /** More programs than this on the program topics are ignored (and reported). */
    static final int MAX_PROGRAMS = 500;
    static final int MAX_BYTES = 256 * 1024;

    private final Path folder;
    private final Function<String, List<ValidationError>> validator;
    private final BiConsumer<String, Object> events;
    private final Map<String, byte[]> site = new HashMap<>();
    private final Map<String, byte[]> all = new HashMap<>();
    private Set<String> seenSinceResync;

    /**
     * @param validator the library's check of program JSON (empty when valid), or one that finds
     *                  nothing while the library is away
     * @param events    an event word and its data, for the {@code events} topic
     */
    FleetPrograms(Path folder, Function<String, List<ValidationError>> validator, BiConsumer<String, Object> events) {
        this.folder = folder;
        this.validator = validator;
        this.events = events;
    }

    /** A message on a program topic: {@code siteWide} for the site's own, else the {@code all} topic. */
    void received(boolean siteWide, String id, byte[] payload) throws IOException {
        if (!ID.matcher(id).matches()) {
            events.accept("program-invalid", new InvalidProgram(id, siteWide ? "site" : "all",
                    List.of(new ValidationError("$.id", 0, "the topic's id '" + id + "' is not a program id"
                            + " (a-z, 0-9 and -, up to 64)"))));
            return;
        }
        Map<String, byte[]> scope = siteWide ? site : all;
        if (payload.length == 0) {
            scope.remove(id);
        } else if (scope.containsKey(id) || site.size() + all.size() < MAX_PROGRAMS) {
            scope.put(id, payload);
        } else {
            events.accept("program-invalid", new InvalidProgram(id, siteWide ? "site" : "all",
                    List.of(new ValidationError("$", 0, "more than " + MAX_PROGRAMS + " fleet programs; this one is ignored"))));
            return;
        }
        if (seenSinceResync != null && payload.length > 0) {
            seenSinceResync.add((siteWide ? "site/" : "all/") + id);
        }
        apply(id);
    }

    /** The link came back: programs not sent again within the settling time were removed meanwhile. */
    void beginResync() {
        seenSinceResync = new HashSet<>();
    }

    void endResync() throws IOException {
        if (seenSinceResync == null) {
            return;
        }
        Set<String> seen = seenSinceResync;
        seenSinceResync = null;
        site.keySet().removeIf(id -> !seen.contains("site/" + id));
        all.keySet().removeIf(id -> !seen.contains("all/" + id));
        for (String id : filesNow()) {
            apply(id);
        }
    }

    /** Makes {@code fleet/programs/{id}.json} what the topics say now. */
    private void apply(String id) throws IOException {
        byte[] chosen = site.containsKey(id) ? site.get(id) : all.get(id);
        Path file = folder.resolve(id + ".json");
        if (chosen == null) {
            Files.deleteIfExists(file);
            return;
        }
        String json = new String(chosen, StandardCharsets.UTF_8);
        List<ValidationError> errors = new ArrayList<>(chosen.length > MAX_BYTES
                ? List.of(new ValidationError("$", 0, "the program is larger than " + MAX_BYTES / 1024 + " KiB"))
                : validator.apply(json));
        String bodyId = idOf(json);
        if (errors.isEmpty() && bodyId != null && !bodyId.equals(id)) {
            errors.add(new ValidationError("$.id", 0, "id \"" + bodyId + "\" differs from the topic's id \"" + id + "\""));
        }
        if (!errors.isEmpty()) {
            events.accept("program-invalid", new InvalidProgram(id, site.containsKey(id) ? "site" : "all", errors));
        }
        if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), chosen)) {
            return;
        }
        Files.createDirectories(folder);
        Path temp = folder.resolve("." + id + ".json.tmp");
        Files.write(temp, chosen);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private List<String> filesNow() throws IOException {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                ids.add(name.substring(0, name.length() - ".json".length()));
            }
        } catch (NoSuchFileException e) {
            return ids;
        }
        ids.addAll(site.keySet());
        ids.addAll(all.keySet());
        return ids.stream().distinct().toList();
    }

    private static String idOf(String json) {
        try {
            JsonElement element = Json.parse(json);
            JsonElement id = element.isJsonObject() ? element.getAsJsonObject().get("id") : null;
            if (id != null && id.isJsonPrimitive()) {
                return id.getAsString();
            }
        } catch (IOException e) {
            // the validator says what is wrong
        }
        return null;
    }

    /** The data of a {@code program-invalid} event. */
    record InvalidProgram(String id, String scope, List<ValidationError> errors) {
    }
}
