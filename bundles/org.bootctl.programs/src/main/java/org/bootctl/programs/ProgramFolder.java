package org.bootctl.programs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramFormatException;
import org.bootctl.api.program.ValidationError;
import org.bootctl.programs.ProgramFormat.Checked;
import org.bootctl.programs.Registrar.Registration;

/**
 * The user-program folder: {@link #scan()} makes the registered programs match the folder's
 * {@code *.json} files. A valid file is registered; an invalid one is listed with its errors and
 * never registered; an edited one is registered anew; a deleted one is unregistered. An id already
 * taken by a built-in, or by another file, is refused with a message naming both.
 * Thread-safe: the folder watcher, save and delete may call it at once.
 */
final class ProgramFolder {

    static final String SOURCE = "file";
    /**
     * The most bytes of program files the user folder loads in all (a file counts 1 KiB at least,
     * an invalid one 1 KiB): a loaded program keeps up to 16 bytes of heap per byte of its file, so
     * 1 MiB of files holds 16 MiB at most, a quarter of the smallest heap bootctl runs in; about 500
     * programs of the built-ins' size. Files past it are listed with that error, their programs let go.
     */
    static final long MAX_FOLDER_BYTES = 1024 * 1024;
    private static final long MIN_FILE_BYTES = 1024;

    /**
     * Hears of programs the folder itself gained or lost ({@link AuditEvent#PROGRAM_INSTALLED} or
     * {@link AuditEvent#PROGRAM_REMOVED}), for the audit log; not of {@link #save} and {@link #delete},
     * whose callers say who they are themselves.
     */
    @FunctionalInterface
    interface Changes {
        Changes NONE = (action, id, file) -> { };

        void changed(String action, String id, Path file);
    }

    /**
     * One file as last seen: the digest of its bytes (null when it was refused unread), not the
     * bytes; an invalid file keeps only its errors.
     */
    private record FileState(byte[] digest, long size, Checked checked, ProgramEntry entry, Registration registration) {

        boolean sameBytes(FileState other) {
            return other != null && digest != null && Arrays.equals(digest, other.digest);
        }
    }

    private final Path folder;
    /** What holds an id files here may not have, e.g. "the built-in program sequential"; null when free. */
    private final Function<String, String> reserved;
    private final Registrar registrar;
    private final Changes changes;
    private final String source;
    /** Whether a program's id must be its file's name (the fleet's folder, where the name is the topic's id). */
    private final boolean idIsFileName;
    /** The most bytes of files loaded at once ({@link #MAX_FOLDER_BYTES} for the user folder). */
    private final long maxBytes;
    private final Map<Path, FileState> files = new TreeMap<>();
    private volatile List<ProgramEntry> entries = List.of();
    private boolean closed;

    /**
     * @param reserved ids files may not use, each with what uses it, e.g.
     *                 {@code sequential -> "the built-in program sequential"}
     */
    ProgramFolder(Path folder, Map<String, String> reserved, Registrar registrar) {
        this(folder, reserved, registrar, Changes.NONE);
    }

    ProgramFolder(Path folder, Map<String, String> reserved, Registrar registrar, Changes changes) {
        this(folder, Map.copyOf(reserved)::get, registrar, changes, SOURCE, false, MAX_FOLDER_BYTES);
    }

    /**
     * A folder whose programs are listed and registered with another source ({@code fleet}),
     * giving way to every id {@code reserved} names a holder for at the time of a scan.
     */
    ProgramFolder(Path folder, Function<String, String> reserved, Registrar registrar, Changes changes, String source,
                  boolean idIsFileName) {
        this(folder, reserved, registrar, changes, source, idIsFileName, Long.MAX_VALUE);
    }

    private ProgramFolder(Path folder, Function<String, String> reserved, Registrar registrar, Changes changes,
                          String source, boolean idIsFileName, long maxBytes) {
        this.maxBytes = maxBytes;
        this.folder = folder;
        this.reserved = reserved;
        this.registrar = registrar;
        this.changes = changes;
        this.source = source;
        this.idIsFileName = idIsFileName;
    }

    /** The folder's programs as last scanned, valid or not, sorted by id. */
    List<ProgramEntry> entries() {
        return entries;
    }

    /** Reads the folder and registers, re-registers and unregisters programs to match it. */
    synchronized void scan() {
        scan(Set.of());
    }

    /** As {@link #scan()}; changes to {@code byCaller} are the caller's to report, not the folder's. */
    private void scan(Set<Path> byCaller) {
        if (closed) {
            return;
        }
        Map<Path, FileState> now = new LinkedHashMap<>();
        long budget = maxBytes;
        for (Path file : list()) {
            FileState state = read(file, files.get(file));
            if (state == null) {
                continue;
            }
            long cost = state.checked().valid() ? state.size() : MIN_FILE_BYTES; // an invalid file keeps its errors only
            if (cost > budget) { // its program is let go: it keeps only this error
                state = new FileState(null, 0, Checked.refused(folderFull("not loaded", cost)), null, null);
            } else {
                budget -= cost;
                state = new FileState(state.digest(), cost, state.checked(), null, null);
            }
            now.put(file, state);
        }
        Map<Path, ValidationError> refused = collisions(now);

        // unregister first, so an id handed from one file to another is never registered twice
        Map<Path, FileState> next = new TreeMap<>();
        for (Map.Entry<Path, FileState> e : files.entrySet()) {
            FileState old = e.getValue();
            FileState current = now.get(e.getKey());
            boolean keep = current != null && current.sameBytes(old)
                    && !refused.containsKey(e.getKey()) && current.checked().valid();
            if (old.registration() != null && !keep) {
                old.registration().unregister();
            }
        }
        for (Map.Entry<Path, FileState> e : now.entrySet()) {
            Path file = e.getKey();
            FileState state = e.getValue();
            FileState old = files.get(file);
            ValidationError collision = refused.get(file);
            List<ValidationError> errors = new ArrayList<>(state.checked().errors());
            if (collision != null) {
                errors.add(collision);
            }
            Registration registration = null;
            if (errors.isEmpty()) {
                boolean unchanged = old != null && old.registration() != null && state.sameBytes(old);
                registration = unchanged ? old.registration()
                        : registrar.register(state.checked().program(), source, file.toString());
            }
            next.put(file, new FileState(state.digest(), state.size(), state.checked(), entry(file, state.checked(), errors),
                    registration));
        }
        List<Runnable> report = changes(files, next, byCaller);
        files.clear();
        files.putAll(next);
        report.forEach(Runnable::run);
        entries = files.values().stream().map(FileState::entry)
                .sorted(Comparator.comparing(ProgramEntry::id).thenComparing(ProgramEntry::location))
                .toList();
    }

    /**
     * Checks program JSON, writes it atomically as {@code <id>.json} and registers it.
     *
     * @throws FileAlreadyExistsException when {@code <id>.json} holds another program, or one that
     *                                    cannot be read: nothing is written (its reason says which)
     */
    synchronized ProgramEntry save(String json) throws IOException, ProgramFormatException {
        scan(); // a file dropped a moment ago may hold the id already
        Checked checked = ProgramFormat.check(json, null);
        String origin = checked.info() != null ? checked.info().id() + ".json" : "program";
        if (!checked.valid()) {
            throw new ProgramFormatException(origin, checked.errors());
        }
        String id = checked.info().id();
        Path target = folder.resolve(id + ".json");
        String usedBy = reserved.apply(id);
        if (usedBy == null) {
            usedBy = files.entrySet().stream()
                    .filter(e -> !e.getKey().equals(target) && e.getValue().registration() != null
                            && e.getValue().entry().id().equals(id))
                    .map(e -> "file " + e.getKey().getFileName()).findFirst().orElse(null);
        }
        if (usedBy != null) {
            throw new ProgramFormatException(origin, List.of(
                    new ValidationError("$.id", checked.idLine(), "id \"" + id + "\" is already used by " + usedBy)));
        }
        refuseToOverwriteAnother(target, id);
        refuseBeyondTheFolderBound(target, json, origin, checked);
        Files.createDirectories(folder);
        Path temp = folder.resolve("." + id + ".json.tmp");
        try {
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        scan(Set.of(target));
        FileState saved = files.get(target);
        if (saved == null) {
            throw new IOException(target + " vanished as it was saved");
        }
        return saved.entry();
    }

    /** An upload that would take the folder past its bound ({@link #MAX_FOLDER_BYTES}) is refused before it is written. */
    private void refuseBeyondTheFolderBound(Path target, String json, String origin, Checked checked)
            throws ProgramFormatException {
        long others = files.entrySet().stream().filter(e -> !e.getKey().equals(target))
                .mapToLong(e -> e.getValue().size()).sum();
        long size = cost(json.getBytes(StandardCharsets.UTF_8).length);
        if (others + size > maxBytes) {
            throw new ProgramFormatException(origin, List.of(new ValidationError("$", 0, folderFull("not saved", size))));
        }
    }

    private String folderFull(String what, long size) {
        return what + ": the program files here take more than " + maxBytes / 1024 + " KiB together with this one ("
                + (size + 1023) / 1024 + " KiB); delete programs no longer needed from " + folder.getFileName() + "/";
    }

    /** What a file of {@code bytes} counts against the folder's bound. */
    private static long cost(long bytes) {
        return Math.max(bytes, MIN_FILE_BYTES);
    }

    /**
     * A file's name need not match its program's id (docs/PROGRAMS.md): the file {@code <id>.json}
     * may hold another program, or none that can be read. Saving over it would lose that program
     * without a word, so it is refused, naming the file and what it holds.
     */
    private void refuseToOverwriteAnother(Path target, String id) throws FileAlreadyExistsException {
        FileState there = files.get(target);
        if (there == null) {
            return;
        }
        String name = folder.getFileName() + "/" + target.getFileName();
        if (there.checked().info() == null) {
            throw new FileAlreadyExistsException(name, null, name + " is there already and cannot be read as a"
                    + " program; saving program '" + id + "' would overwrite it: delete or fix that file first");
        }
        String other = there.checked().info().id();
        if (!other.equals(id)) {
            throw new FileAlreadyExistsException(name, null, name + " holds program '" + other + "'; saving program '"
                    + id + "' there would overwrite it: delete program '" + other + "' first or give this one another id");
        }
    }

    /**
     * Deletes every file of the program {@code id}.
     *
     * @return false when no file has that id (built-in programs are never files)
     */
    synchronized boolean delete(String id) throws IOException {
        scan();
        List<Path> doomed = files.entrySet().stream()
                .filter(e -> e.getValue().entry().id().equals(id)).map(Map.Entry::getKey).toList();
        for (Path file : doomed) {
            Files.deleteIfExists(file);
        }
        scan(Set.copyOf(doomed));
        return !doomed.isEmpty();
    }

    /** Unregisters everything; later scans do nothing. */
    synchronized void close() {
        closed = true;
        for (FileState state : files.values()) {
            if (state.registration() != null) {
                state.registration().unregister();
            }
        }
        files.clear();
        entries = List.of();
    }

    /**
     * The programs gained and lost between two scans, as calls to {@link #changes}: a file whose
     * program was registered anew (added or edited) installed it; one whose program left (deleted,
     * broken, or its id now another's) removed it.
     */
    private List<Runnable> changes(Map<Path, FileState> before, Map<Path, FileState> after, Set<Path> byCaller) {
        Set<Path> seen = new TreeSet<>(before.keySet());
        seen.addAll(after.keySet());
        List<Runnable> report = new ArrayList<>();
        for (Path file : seen) {
            FileState old = before.get(file);
            FileState now = after.get(file);
            Registration was = old == null ? null : old.registration();
            Registration is = now == null ? null : now.registration();
            if (was == is || byCaller.contains(file)) {
                continue;
            }
            if (was != null && (is == null || !old.entry().id().equals(now.entry().id()))) {
                report.add(() -> changes.changed(AuditEvent.PROGRAM_REMOVED, old.entry().id(), file));
            }
            if (is != null) {
                report.add(() -> changes.changed(AuditEvent.PROGRAM_INSTALLED, now.entry().id(), file));
            }
        }
        return report;
    }

    /**
     * The folder's {@code *.json} files, those loaded now first (so a file added later never puts
     * one out of the folder's bound), each group by name; hidden files (temporary ones) are left out.
     */
    private List<Path> list() {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : stream) {
                if (!file.getFileName().toString().startsWith(".") && Files.isRegularFile(file)) {
                    found.add(file);
                }
            }
        } catch (NoSuchFileException e) {
            return found;
        } catch (IOException e) {
            // keep what we have rather than unregister everything over a passing error
            return new ArrayList<>(files.keySet());
        }
        found.sort(Comparator.comparing((Path p) -> files.get(p) == null || files.get(p).registration() == null)
                .thenComparing(Path::toString));
        return found;
    }

    /** The file now, re-checked only when its bytes changed; null when it is gone. */
    private static FileState read(Path file, FileState old) {
        try {
            byte[] bytes = ProgramFormat.readFile(file);
            long size = cost(bytes.length);
            FileState now = new FileState(digest(bytes), size, null, null, null);
            Checked checked = now.sameBytes(old) ? old.checked() : ProgramFormat.check(bytes);
            return new FileState(now.digest(), size, checked, null, null);
        } catch (ProgramFormat.Refused e) {
            return new FileState(null, 0, e.checked, null, null);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
            return new FileState(null, 0, Checked.refused("cannot read the file: " + why), null, null);
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * Which valid files may not have their id: built-in ids are reserved; among files, one that
     * already holds an id keeps it, else the first by file name gets it.
     */
    private Map<Path, ValidationError> collisions(Map<Path, FileState> now) {
        List<Path> order = new ArrayList<>(now.keySet());
        order.sort(Comparator.comparing((Path p) -> !holds(p, now.get(p))).thenComparing(Path::toString));
        Map<String, Path> owners = new HashMap<>();
        Map<Path, ValidationError> refused = new HashMap<>();
        for (Path file : order) {
            Checked checked = now.get(file).checked();
            if (!checked.valid()) {
                continue;
            }
            String id = checked.info().id();
            String usedBy = reserved.apply(id) != null ? reserved.apply(id)
                    : owners.containsKey(id) ? "file " + owners.get(id).getFileName() : null;
            String name = file.getFileName().toString();
            if (idIsFileName && !name.equals(id + ".json")) {
                refused.put(file, new ValidationError("$.id", checked.idLine(), "id \"" + id
                        + "\" differs from the topic's id \"" + name.substring(0, name.length() - ".json".length()) + "\""));
            } else if (usedBy != null) {
                refused.put(file, new ValidationError("$.id", checked.idLine(),
                        "id \"" + id + "\" is already used by " + usedBy));
            } else {
                owners.put(id, file);
            }
        }
        return refused;
    }

    /** Whether a file is registered now under the id it still has. */
    private boolean holds(Path file, FileState current) {
        FileState old = files.get(file);
        return old != null && old.registration() != null && current.checked().valid()
                && old.entry().id().equals(current.checked().info().id());
    }

    private ProgramEntry entry(Path file, Checked checked, List<ValidationError> errors) {
        String name = file.getFileName().toString();
        String id = checked.info() != null ? checked.info().id() : name.substring(0, name.length() - ".json".length());
        return new ProgramEntry(id, checked.info(), source, file.toString(), errors);
    }
}
