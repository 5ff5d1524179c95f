package org.bootctl.fleet;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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
 * message removes the program. Memory holds only the ids: what each topic holds is kept in
 * {@code fleet/received/{site,all}/} (an {@code all} program a site's hides is needed when the
 * site's goes), and a program over {@link #MAX_BYTES} is refused without being kept anywhere.
 * Runs on the fleet's inbox thread only.
 */
final class FleetPrograms {

    /** A program id as the format allows it, which is also a safe file name. */
    static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    /** More programs than this on the program topics are ignored (and reported). */
    static final int MAX_PROGRAMS = 500;
    /**
     * The largest program taken: the program library's own bound for a program file (ProgramFormat's
     * MAX_BYTES, in a private package of org.bootctl.programs): a larger one could never be valid.
     */
    static final int MAX_BYTES = 256 * 1024;
    private static final System.Logger LOG = System.getLogger("org.bootctl.fleet");

    /**
     * A program topic's message as the inbox holds it until it is applied: a payload over
     * {@link #MAX_BYTES} is not held, only its size (which refuses it).
     */
    record Message(byte[] bytes, int size) {

        static Message of(byte[] payload) {
            return new Message(payload.length > MAX_BYTES ? null : payload, payload.length);
        }
    }

    private final Path folder;
    private final Path received;
    private final Function<String, List<ValidationError>> validator;
    private final BiConsumer<String, Object> events;
    /** The ids each scope holds; a refused (too large) one too, so that it still hides the other scope's. */
    private final Set<String> site = new HashSet<>();
    private final Set<String> all = new HashSet<>();
    private Set<String> seenSinceResync;

    /**
     * @param folder    {@code fleet/programs/}, the folder the library watches; what the topics hold
     *                  is kept beside it, in {@code fleet/received/}
     * @param validator the library's check of program JSON (empty when valid), or one that finds
     *                  nothing while the library is away
     * @param events    an event word and its data, for the {@code events} topic
     */
    FleetPrograms(Path folder, Function<String, List<ValidationError>> validator, BiConsumer<String, Object> events) {
        this.folder = folder;
        this.received = folder.resolveSibling("received");
        this.validator = validator;
        this.events = events;
    }

    /** A message on a program topic: {@code siteWide} for the site's own, else the {@code all} topic. */
    void received(boolean siteWide, String id, byte[] payload) throws IOException {
        received(siteWide, id, Message.of(payload));
    }

    void received(boolean siteWide, String id, Message message) throws IOException {
        String scopeName = siteWide ? "site" : "all";
        if (!ID.matcher(id).matches()) {
            events.accept("program-invalid", new InvalidProgram(id, scopeName,
                    List.of(new ValidationError("$.id", 0, "the topic's id '" + id + "' is not a program id"
                            + " (a-z, 0-9 and -, up to 64)"))));
            return;
        }
        Set<String> scope = siteWide ? site : all;
        Path kept = kept(scopeName, id);
        if (message.size() == 0) {
            scope.remove(id);
            Files.deleteIfExists(kept);
        } else if (scope.contains(id) || site.size() + all.size() < MAX_PROGRAMS) {
            scope.add(id);
            if (message.bytes() == null) {
                Files.deleteIfExists(kept); // refused: the older version of this topic goes too, none is used
                String why = "the program is " + (message.size() + 1023) / 1024 + " KiB; a program is at most "
                        + MAX_BYTES / 1024 + " KiB";
                LOG.log(Level.WARNING, "bootctl fleet: the " + scopeName + " program " + id + " is refused: " + why
                        + "; publish a smaller one on its topic (or an empty retained message to remove it)");
                events.accept("program-invalid", new InvalidProgram(id, scopeName, List.of(new ValidationError("$", 0, why))));
            } else {
                write(kept, message.bytes());
            }
        } else {
            events.accept("program-invalid", new InvalidProgram(id, scopeName,
                    List.of(new ValidationError("$", 0, "more than " + MAX_PROGRAMS + " fleet programs; this one is ignored"))));
            return;
        }
        if (seenSinceResync != null && message.size() > 0) {
            seenSinceResync.add(scopeName + "/" + id);
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
        site.removeIf(id -> !seen.contains("site/" + id));
        all.removeIf(id -> !seen.contains("all/" + id));
        forget("site", site);
        forget("all", all);
        for (String id : filesNow()) {
            apply(id);
        }
    }

    /** Makes {@code fleet/programs/{id}.json} what the topics say now. */
    private void apply(String id) throws IOException {
        String scope = site.contains(id) ? "site" : all.contains(id) ? "all" : null;
        byte[] chosen = scope == null ? null : keptBytes(scope, id);
        Path file = folder.resolve(id + ".json");
        if (chosen == null) {
            Files.deleteIfExists(file); // removed, or refused
            return;
        }
        String json = new String(chosen, StandardCharsets.UTF_8);
        List<ValidationError> errors = new ArrayList<>(validator.apply(json));
        String bodyId = idOf(json);
        if (errors.isEmpty() && bodyId != null && !bodyId.equals(id)) {
            errors.add(new ValidationError("$.id", 0, "id \"" + bodyId + "\" differs from the topic's id \"" + id + "\""));
        }
        if (!errors.isEmpty()) {
            events.accept("program-invalid", new InvalidProgram(id, scope, errors));
        }
        if (Files.exists(file) && Files.size(file) == chosen.length && Arrays.equals(Files.readAllBytes(file), chosen)) {
            return;
        }
        write(file, chosen);
    }

    /** Where a scope's program is kept. */
    private Path kept(String scope, String id) {
        return received.resolve(scope).resolve(id + ".json");
    }

    /** What the scope holds for the id, or null when refused or gone (never more than {@link #MAX_BYTES} are read). */
    private byte[] keptBytes(String scope, String id) throws IOException {
        Path kept = kept(scope, id);
        try {
            return Files.size(kept) > MAX_BYTES ? null : Files.readAllBytes(kept);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Deletes what a scope no longer holds, also what an earlier run left there. */
    private void forget(String scope, Set<String> held) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(received.resolve(scope), "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!held.contains(name.substring(0, name.length() - ".json".length()))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (NoSuchFileException e) {
            // nothing kept yet
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(temp, bytes);
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
            // none written yet
        }
        ids.addAll(site);
        ids.addAll(all);
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
