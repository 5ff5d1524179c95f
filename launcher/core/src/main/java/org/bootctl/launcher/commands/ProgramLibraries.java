package org.bootctl.launcher.commands;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Suggest;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The program library of a started runtime and its programs, for the commands that list, check and plot them. */
public final class ProgramLibraries {

    /** The user-program folder in the data folder, which the programs bundle watches. */
    public static final String FOLDER = "programs";
    /** How long the library's first look at the folder may take; it runs on a thread of its own. */
    static final Duration SCAN = Duration.ofSeconds(3);
    /** How long a bundle's program gets to say what it is (its info()); the engine gives it less. */
    public static final Duration INFO_LIMIT = Duration.ofSeconds(5);

    private ProgramLibraries() {
    }

    /** The library, once it is a service. */
    public static ProgramLibrary await(OsgiRuntime runtime) throws CommandException, InterruptedException {
        return runtime.awaitService(ProgramLibrary.class, null, HeadlessSession.APPEAR)
                .orElseThrow(() -> CommandException.failure("feature " + runtime.feature().name()
                        + " has no program library (is org.bootctl.programs in it?)"));
    }

    /**
     * Waits until the library lists every program file of the folder, so a file dropped there a
     * moment ago shows (valid or not). Gives up quietly after {@link #SCAN}.
     */
    public static void awaitScan(ProgramLibrary library, Path folder) throws InterruptedException {
        Set<Path> files = programFiles(folder);
        long deadline = System.nanoTime() + SCAN.toNanos();
        while (!listed(library).containsAll(files) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
    }

    private static Set<Path> listed(ProgramLibrary library) {
        Set<Path> listed = new HashSet<>();
        for (ProgramEntry entry : library.entries()) {
            if ("file".equals(entry.source()) && entry.location() != null) {
                listed.add(Path.of(entry.location()).toAbsolutePath().normalize());
            }
        }
        return listed;
    }

    /** The {@code *.json} files the library reads (hidden ones are temporary files it skips). */
    private static Set<Path> programFiles(Path folder) {
        Set<Path> files = new HashSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : stream) {
                if (!file.getFileName().toString().startsWith(".") && Files.isRegularFile(file)) {
                    files.add(file.toAbsolutePath().normalize());
                }
            }
        } catch (IOException e) {
            // no folder yet: nothing to wait for
        }
        return files;
    }

    /**
     * The program of that id that can be chosen now: built-in, a valid file of the folder, or
     * another bundle's. An invalid file or an unknown id is a usage error that says why. Bundles'
     * programs say what they are on threads of their own, all at once, within {@link #INFO_LIMIT}:
     * one whose info() hangs is passed over (and named, when the id is not found), never waited on.
     */
    public static Program find(OsgiRuntime runtime, ProgramLibrary library, String id, String command)
            throws CommandException, InterruptedException {
        List<Reading> reads = new ArrayList<>();
        try {
            for (ServiceReference<Program> reference : runtime.context().getServiceReferences(Program.class, null)) {
                Program program = runtime.context().getService(reference);
                if (program != null) {
                    reads.add(new Reading(program, read(program)));
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + INFO_LIMIT.toNanos();
        int silent = 0;
        for (Reading read : reads) {
            try {
                ProgramInfo info = read.info().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (info != null && id.equals(info.id())) {
                    return read.program();
                }
            } catch (TimeoutException e) {
                silent++;
                read.info().cancel(true);
            } catch (ExecutionException e) {
                // a third-party program that cannot say what it is: not the one asked for
            }
        }
        List<ProgramEntry> entries = library.entries();
        Optional<ProgramEntry> invalid = entries.stream().filter(e -> e.id().equals(id) && !e.valid()).findFirst();
        if (invalid.isPresent()) {
            throw notValid(command, invalid.get());
        }
        List<String> ids = new ArrayList<>(entries.stream().filter(ProgramEntry::valid).map(ProgramEntry::id)
                .distinct().sorted().toList());
        String unanswered = silent == 0 ? "" : "; " + silent + " bundle program" + (silent == 1 ? "" : "s")
                + " did not say what " + (silent == 1 ? "it is" : "they are") + " (info()) within "
                + INFO_LIMIT.toSeconds() + " s";
        throw CommandException.usage(command + ": unknown program '" + id + "' (programs: "
                + (ids.isEmpty() ? "none" : String.join(", ", ids)) + unanswered + ")" + Suggest.didYouMean(id, ids, ""));
    }

    /**
     * Refuses an id the library lists only as invalid (no valid program has it), naming the file
     * and its first error, as starting it over REST does: "unknown program" would send the user
     * looking for a program that is right there. Not while a bundle's program of that id may still
     * become valid: the library lists one as not described until its info() has answered.
     */
    public static void refuseInvalid(ProgramLibrary library, String id, String command) throws CommandException {
        List<ProgramEntry> same = library.entries().stream().filter(e -> e.id().equals(id)).toList();
        boolean mayYetRun = same.stream().anyMatch(e -> e.valid() || "bundle".equals(e.source()));
        if (!same.isEmpty() && !mayYetRun) {
            throw notValid(command, same.get(0));
        }
    }

    private static CommandException notValid(String command, ProgramEntry invalid) {
        return CommandException.usage(command + ": program '" + invalid.id() + "' (" + invalid.location()
                + ") is not valid: " + invalid.errors().get(0));
    }

    /**
     * What a program says of itself, within {@link #INFO_LIMIT}; a program that does not answer
     * (or answers nothing) is a failure that says so.
     */
    public static ProgramInfo describe(Program program, String command) throws CommandException, InterruptedException {
        CompletableFuture<ProgramInfo> read = read(program);
        try {
            ProgramInfo info = read.get(INFO_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (info == null || info.id() == null) {
                throw CommandException.failure(command + ": the program gave no " + (info == null ? "info" : "id"));
            }
            return info;
        } catch (TimeoutException e) {
            read.cancel(true);
            throw CommandException.failure(command + ": the program did not say what it is (info()) within "
                    + INFO_LIMIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw CommandException.failure(command + ": the program failed to say what it is (info()): " + e.getCause());
        }
    }

    /** A program (a plugin's object: never a map key) and the read of what it says it is. */
    private record Reading(Program program, CompletableFuture<ProgramInfo> info) {
    }

    /** Reads a program's info() on a daemon thread: one that never returns keeps that thread, not the command. */
    private static CompletableFuture<ProgramInfo> read(Program program) {
        CompletableFuture<ProgramInfo> read = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                read.complete(program.info());
            } catch (Throwable e) { // an Error too: the program's failure, not the command's
                read.completeExceptionally(e);
            }
        }, "bootctl-program-info");
        thread.setDaemon(true);
        thread.start();
        return read;
    }
}
