package org.bootctl.engine;

import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionException.Reason;
import org.bootctl.engine.dispatch.Identity;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The Program services (whiteboard) that can be chosen now, by id. Where two share an id the
 * program library's (a built-in, a program file, a fleet program) wins over any other bundle's, so a
 * deployed bundle can never take a built-in's id, whatever its ranking or the order of coming (the
 * library lists such a bundle program as not valid); among the rest the one with the higher
 * service ranking wins (then the older service).
 *
 * <p>What a program says of itself ({@link Program#info()}, immutable by contract) is read once, as
 * it comes, on a thread of this registry's, never the caller's nor the one that registered it. A
 * program that has not answered within {@link ProgramCompiler#LIMIT_MS} ms of coming (until it
 * does), or that fails to answer, is left out of the list and cannot be started (logged once,
 * naming its bundle); a caller waits at most until that bound. A bundle's programs are read a few at
 * a time ({@link BundleLanes}): a hanging info() keeps its thread (a bundle's hanging ones a few
 * threads in all, its later programs waiting behind them) until the program goes (interrupted) or
 * the engine stops ({@link #close}).
 */
final class ProgramRegistry {

    static final String PROGRAM_ID = "bootctl.program.id";
    /** The bundle that registers the built-ins and the program files: the program library. */
    static final String LIBRARY_BUNDLE = "org.bootctl.programs";
    private static final System.Logger LOG = System.getLogger(ProgramRegistry.class.getName());

    private static final class Entry {
        final Program program;
        /** The id of the service property, else null: the program's own info then gives it. */
        final String givenId;
        final boolean library;
        final int ranking;
        final long serviceId;
        final CompletableFuture<ProgramInfo> info = new CompletableFuture<>();
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ProgramCompiler.LIMIT_MS);
        final AtomicBoolean told = new AtomicBoolean();
        /** The read of its info(), cancelled (interrupted) when the program goes. */
        volatile Future<?> reading;

        Entry(Program program, String givenId, boolean library, int ranking, long serviceId) {
            this.program = program;
            this.givenId = givenId;
            this.library = library;
            this.ranking = ranking;
            this.serviceId = serviceId;
        }

        /** What the program says of itself, waiting at most until its bound; null when it did not say it. */
        ProgramInfo described() {
            long left = deadline - System.nanoTime();
            if (!info.isDone() && left > 0) {
                try {
                    info.get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // told below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            if (!info.isDone()) {
                return tellOnce("did not describe itself (info()) within " + ProgramCompiler.LIMIT_MS + " ms");
            }
            try {
                return info.join();
            } catch (CompletionException e) {
                return tellOnce("failed to describe itself (info()): " + e.getCause());
            }
        }

        /** The id it is chosen by, or null while (or when) it has none. */
        String id(ProgramInfo described) {
            return givenId != null ? givenId : described != null ? described.id() : null;
        }

        private ProgramInfo tellOnce(String what) {
            if (told.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "program " + (givenId != null ? "'" + givenId + "' " : "") + "of bundle "
                        + bundleOf(program) + " " + what + "; it is not listed and cannot be started");
            }
            return null;
        }
    }

    private static final Comparator<Entry> PREFERRED = Comparator.comparing((Entry e) -> !e.library)
            .thenComparing(Comparator.comparingInt((Entry e) -> e.ranking).reversed())
            .thenComparingLong(e -> e.serviceId);

    /** By the program's identity, never its own equals and hashCode (a plugin's code). */
    private final Map<Identity<Program>, Entry> entries = new ConcurrentHashMap<>();
    private final ExecutorService reader = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "bootctl-program-info");
        thread.setDaemon(true);
        return thread;
    });
    /** A bundle's programs are read a few at a time: those whose info() hangs hold a few threads, whatever they do. */
    private final BundleLanes lanes = new BundleLanes(reader);

    /** Whether a program is the program library's: by the bundle its class comes from, never what it says. */
    private final Predicate<Program> fromLibrary;

    ProgramRegistry() {
        this(program -> {
            Bundle bundle = FrameworkUtil.getBundle(program.getClass());
            return bundle != null && LIBRARY_BUNDLE.equals(bundle.getSymbolicName());
        });
    }

    ProgramRegistry(Predicate<Program> fromLibrary) {
        this.fromLibrary = fromLibrary;
    }

    void add(Program program, Map<String, ?> properties) {
        String id = properties.get(PROGRAM_ID) instanceof String s && !s.isBlank() ? s : null;
        int ranking = properties.get("service.ranking") instanceof Integer r ? r : 0;
        long serviceId = properties.get("service.id") instanceof Long l ? l : Long.MAX_VALUE;
        Entry entry = new Entry(program, id, fromLibrary.test(program), ranking, serviceId);
        entries.put(Identity.of(program), entry);
        try {
            entry.reading = lanes.submit(program, () -> read(program, id, entry));
        } catch (RejectedExecutionException closed) { // the engine stops: it is never listed
            entry.info.completeExceptionally(closed);
        }
    }

    private static Void read(Program program, String id, Entry entry) {
        try {
            ProgramInfo info = program.info();
            if (info == null || (id == null && info.id() == null)) {
                entry.info.completeExceptionally(new IllegalStateException("it gave " + (info == null
                        ? "no info" : "no id")));
            } else {
                entry.info.complete(info);
            }
        } catch (Throwable e) { // an Error too: it is the program's, told as its failure
            entry.info.completeExceptionally(e);
        }
        return null;
    }

    /** The engine stops: a program's info() still running is interrupted and its thread let go. */
    void close() {
        reader.shutdownNow();
    }

    void remove(Program program) {
        Entry gone = entries.remove(Identity.of(program));
        Future<?> reading = gone == null ? null : gone.reading;
        if (reading != null) {
            reading.cancel(true); // an info() still running is interrupted; one still waiting is never called
        }
    }

    Program require(String id) throws SessionException {
        return find(id).orElseThrow(() -> new SessionException(Reason.NOT_FOUND, "no program '" + id + "'"));
    }

    Optional<Program> find(String id) {
        // waits only for the programs that may have this id
        Described found = chosen(e -> e.givenId == null || e.givenId.equals(id)).get(id);
        return Optional.ofNullable(found).map(d -> d.entry().program);
    }

    /** What each id's program says of itself, sorted by id; programs that fail to say, or take too long, are left out. */
    List<ProgramInfo> infos() {
        return chosen(e -> true).values().stream().map(Described::info).toList();
    }

    private record Described(Entry entry, ProgramInfo info) {
    }

    /** The preferred program of each id among those that described themselves in time, by id. */
    private Map<String, Described> chosen(Predicate<Entry> among) {
        Map<String, Described> chosen = new TreeMap<>();
        // every entry's bound runs from its coming, so the waits together last the bound at most
        for (Entry e : entries.values().stream().filter(among).toList()) {
            ProgramInfo info = e.described();
            String id = e.id(info);
            if (info != null && id != null) {
                chosen.merge(id, new Described(e, info),
                        (a, b) -> PREFERRED.compare(a.entry(), b.entry()) <= 0 ? a : b);
            }
        }
        return chosen;
    }

    private static String bundleOf(Program program) {
        Bundle bundle = FrameworkUtil.getBundle(program.getClass());
        return bundle != null ? bundle.getSymbolicName() + " (" + bundle.getBundleId() + ")"
                : program.getClass().getName();
    }
}
