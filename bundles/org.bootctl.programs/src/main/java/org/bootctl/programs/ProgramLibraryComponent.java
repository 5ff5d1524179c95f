package org.bootctl.programs;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramEntry;
import org.bootctl.api.program.ProgramFormatException;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.ProgramLibrary;
import org.bootctl.api.program.ValidationError;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The program library: registers the built-in programs and the valid files of the watched
 * {@code programs/} folder in the data folder as {@link Program} services, and lists them together
 * with the programs other bundles register.
 */
@Component(service = ProgramLibrary.class, immediate = true)
public final class ProgramLibraryComponent implements ProgramLibrary {

    /** Service property with the program's id, on every program this bundle registers. */
    static final String ID_PROPERTY = "bootctl.program.id";
    static final String BUNDLE_SOURCE = "bundle";
    /** Programs the fleet rolled out (docs/FLEET.md): files of the data folder's {@code fleet/programs/}. */
    static final String FLEET_SOURCE = "fleet";

    private static final System.Logger LOG = System.getLogger("org.bootctl.programs");
    /** As the engine's bound on a program's own code (docs/PROGRAM-BUNDLES.md). */
    static final long INFO_MS = 2_000;

    /** Programs registered by other bundles, by service id. */
    private final Map<Long, ProgramEntry> bundlePrograms = new ConcurrentHashMap<>();
    /** Their service rankings, by service id: of two bundles' programs of one id the engine runs the higher's. */
    private final Map<Long, Integer> bundleRankings = new ConcurrentHashMap<>();
    /** The bundle programs whose id clash was logged, by service id: one line each. */
    private final Set<Long> clashesTold = ConcurrentHashMap.newKeySet();
    /** Threads that may be inside other bundles' info() at once: those that hang hold no more. */
    static final int INFO_READERS = 4;
    /** Reads that may wait for a reader (behind ones that hang); a program beyond is listed as not read. */
    static final int INFO_WAITING = 1000;
    /**
     * Reads what other bundles' programs say of themselves; a hanging info() keeps its thread until
     * its program goes (interrupted), and programs that hang hold {@link #INFO_READERS} threads at most,
     * however many come and go.
     */
    private final ThreadPoolExecutor infoReader = new ThreadPoolExecutor(INFO_READERS, INFO_READERS, 30,
            TimeUnit.SECONDS, new LinkedBlockingQueue<>(INFO_WAITING), task -> {
                Thread thread = new Thread(task, "bootctl-program-info");
                thread.setDaemon(true);
                return thread;
            });
    /** The reads under way, by service id: cancelled (interrupted) when the program goes. */
    private final Map<Long, Future<?>> infoReads = new ConcurrentHashMap<>();

    {
        infoReader.allowCoreThreadTimeOut(true);
    }
    private final List<ServiceRegistration<Program>> builtInRegistrations = new ArrayList<>();
    private volatile List<ProgramEntry> builtIns = List.of();
    private volatile ProgramFolder folder;
    private volatile ProgramFolder fleetFolder;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog auditLog;
    private FolderWatcher watcher;
    private FolderWatcher fleetWatcher;

    @Activate
    void activate(BundleContext context) {
        List<BuiltInPrograms.BuiltIn> loaded = BuiltInPrograms.load();
        for (BuiltInPrograms.BuiltIn builtIn : loaded) {
            if (builtIn.program() == null) {
                LOG.log(Level.ERROR, "built-in program " + builtIn.entry().id() + " is not valid: " + builtIn.entry().errors());
            } else {
                builtInRegistrations.add(register(context, builtIn.program(), BuiltInPrograms.SOURCE));
            }
        }
        builtIns = loaded.stream().map(BuiltInPrograms.BuiltIn::entry).toList();

        String data = context.getProperty("bootctl.data");
        Path programs = Path.of(data == null || data.isBlank() ? "./data" : data).resolve("programs");
        Map<String, String> reserved = loaded.stream().collect(Collectors.toMap(
                b -> b.entry().id(), b -> "the built-in program " + b.entry().id()));
        Registrar registrar = (program, source, location) -> {
            ServiceRegistration<Program> registration = register(context, program, source);
            return () -> unregister(registration);
        };
        ProgramFolder files = new ProgramFolder(programs, reserved, registrar, this::audit);
        // a fleet program gives way to a built-in of its id and to a file of the unit's own programs/
        Path fleetPrograms = programs.resolveSibling("fleet").resolve("programs");
        ProgramFolder fleet = new ProgramFolder(fleetPrograms, id -> reserved.containsKey(id) ? reserved.get(id)
                : files.entries().stream().filter(e -> e.valid() && e.id().equals(id)).findFirst()
                        .map(e -> "the file programs/" + Path.of(e.location()).getFileName()).orElse(null),
                registrar, this::auditFleet, FLEET_SOURCE, true);
        folder = files;
        fleetFolder = fleet;
        // the first scan runs on the watcher's thread: no file I/O here
        watcher = new FolderWatcher(programs, () -> {
            files.scan();
            fleet.scan(); // a file of programs/ may have taken or given back a fleet program's id
        });
        watcher.start();
        // made by the fleet bundle when it first receives a program; never here
        fleetWatcher = new FolderWatcher(fleetPrograms, fleet::scan, false);
        fleetWatcher.start();
    }

    @Deactivate
    void deactivate() {
        stopReadingInfo();
        watcher.stop();
        fleetWatcher.stop();
        folder.close();
        fleetFolder.close();
        builtInRegistrations.forEach(ProgramLibraryComponent::unregister);
        builtInRegistrations.clear();
    }

    /** A program's info() still running is interrupted and its thread let go; none is read from now on. */
    void stopReadingInfo() {
        infoReader.shutdownNow();
    }

    /**
     * A program of another bundle is listed at once as not yet described; what it says of itself is
     * read on a thread of its own within {@link #INFO_MS} (never the registering thread, which a
     * hanging info() would hold for good), then replaces that entry unless the program left meanwhile.
     */
    @Reference(service = Program.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeProgram")
    void addProgram(Program program, ServiceReference<Program> reference) {
        Bundle bundle = reference.getBundle();
        if (bundle == null || bundle.equals(FrameworkUtil.getBundle(ProgramLibraryComponent.class))) {
            return; // gone already, or one of ours: listed as built-in or file
        }
        long serviceId = serviceId(reference);
        String name = bundle.getSymbolicName();
        Object givenId = reference.getProperty(ID_PROPERTY);
        String id = givenId == null ? name : givenId.toString();
        ProgramEntry pending = failed(id, name, "the program has not described itself yet (its info() is running)");
        bundleRankings.put(serviceId, reference.getProperty(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0);
        bundlePrograms.put(serviceId, pending);
        CompletableFuture<ProgramInfo> reading = new CompletableFuture<>();
        FutureTask<Void> read = new FutureTask<>(() -> {
            try {
                reading.complete(program.info());
            } catch (Throwable e) { // an Error too: the program's, listed as its failure
                reading.completeExceptionally(e);
            }
            return null;
        });
        try {
            infoReader.execute(read);
        } catch (RejectedExecutionException stoppingOrFull) {
            if (!infoReader.isShutdown()) { // else the library stops: listed as not described
                bundlePrograms.replace(serviceId, pending, failed(id, name, "the program's info() was not read: "
                        + INFO_WAITING + " programs already wait behind ones whose info() does not return"));
            }
            return;
        }
        infoReads.put(serviceId, read);
        reading.orTimeout(INFO_MS, TimeUnit.MILLISECONDS)
                .whenComplete((info, failure) -> {
                    infoReads.remove(serviceId, read);
                    bundlePrograms.replace(serviceId, pending, bundleEntry(id, name, info,
                            failure instanceof CompletionException c ? c.getCause() : failure));
                });
    }

    void removeProgram(ServiceReference<Program> reference) {
        long serviceId = serviceId(reference);
        bundlePrograms.remove(serviceId);
        bundleRankings.remove(serviceId);
        clashesTold.remove(serviceId);
        Future<?> read = infoReads.remove(serviceId);
        if (read != null && read.cancel(true)) { // an info() still running is interrupted, one waiting never called
            infoReader.purge();
        }
    }

    @Override
    public List<ProgramEntry> entries() {
        ProgramFolder files = folder;
        List<ProgramEntry> all = new ArrayList<>(builtIns);
        if (files != null) {
            all.addAll(files.entries());
        }
        ProgramFolder fleet = fleetFolder;
        if (fleet != null) {
            all.addAll(fleet.entries());
        }
        all.addAll(bundleEntries(all));
        all.sort(Comparator.comparing(ProgramEntry::id).thenComparing(ProgramEntry::source)
                .thenComparing(ProgramEntry::location));
        return List.copyOf(all);
    }

    /**
     * The other bundles' programs, each whose id a built-in, a valid file or a program of the
     * engine's choice (the higher ranking, then the older service) already has listed as not valid,
     * naming that one: the engine runs the other, so this one would never be run under its id.
     */
    private List<ProgramEntry> bundleEntries(List<ProgramEntry> own) {
        Map<String, String> taken = new HashMap<>();
        for (ProgramEntry entry : own) {
            if (entry.valid()) {
                taken.putIfAbsent(entry.id(), BuiltInPrograms.SOURCE.equals(entry.source())
                        ? "the built-in program " + entry.id()
                        : FLEET_SOURCE.equals(entry.source())
                        ? "the fleet program fleet/programs/" + Path.of(entry.location()).getFileName()
                        : "the file programs/" + Path.of(entry.location()).getFileName());
            }
        }
        List<Long> preferred = new ArrayList<>(bundlePrograms.keySet());
        preferred.sort(Comparator.comparingInt((Long id) -> bundleRankings.getOrDefault(id, 0)).reversed()
                .thenComparing(Comparator.naturalOrder()));
        List<ProgramEntry> listed = new ArrayList<>();
        for (Long serviceId : preferred) {
            ProgramEntry entry = bundlePrograms.get(serviceId);
            if (entry == null) {
                continue; // gone meanwhile
            }
            String usedBy = entry.valid() ? taken.putIfAbsent(entry.id(), "the program of bundle " + entry.location())
                    : null;
            if (usedBy == null) {
                listed.add(entry);
                continue;
            }
            String why = "id \"" + entry.id() + "\" is already used by " + usedBy
                    + "; give this program an id of its own (docs/PROGRAM-BUNDLES.md)";
            if (clashesTold.add(serviceId)) {
                LOG.log(Level.WARNING, "program " + entry.id() + " of bundle " + entry.location() + " is not listed as"
                        + " valid and is not run under its id: " + why);
            }
            listed.add(new ProgramEntry(entry.id(), entry.info(), BUNDLE_SOURCE, entry.location(),
                    List.of(new ValidationError("$.id", 0, why))));
        }
        return listed;
    }

    @Override
    public List<ValidationError> validate(String json, String origin, Garment garment) {
        return ProgramFormat.validate(json, garment);
    }

    @Override
    public Program load(Path file) throws IOException, ProgramFormatException {
        return ProgramFormat.load(file);
    }

    @Override
    public ProgramEntry save(String json) throws IOException, ProgramFormatException {
        return folder.save(json);
    }

    @Override
    public boolean delete(String id) throws IOException {
        return folder.delete(id);
    }

    /** A program the folder gained or lost by itself (a file dropped, edited or deleted) goes into the audit log. */
    private void audit(String action, String id, Path file) {
        AuditLog log = auditLog;
        if (log != null) {
            log.record(new AuditEvent(action, AuditEvent.PROGRAMS_FOLDER, id,
                    Map.of("file", "programs/" + file.getFileName())));
        }
    }

    /** A program the fleet rolled out or withdrew. */
    private void auditFleet(String action, String id, Path file) {
        AuditLog log = auditLog;
        if (log != null) {
            log.record(new AuditEvent(action, AuditEvent.FLEET_PROGRAMS, id,
                    Map.of("file", "fleet/programs/" + file.getFileName())));
        }
    }

    private static ServiceRegistration<Program> register(BundleContext context, Program program, String source) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Program.SOURCE, source);
        properties.put(ID_PROPERTY, program.info().id());
        return context.registerService(Program.class, program, properties);
    }

    private static void unregister(ServiceRegistration<Program> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregisters a stopping bundle's services itself
        }
    }

    private static long serviceId(ServiceReference<Program> reference) {
        return (Long) reference.getProperty(Constants.SERVICE_ID);
    }

    /** A program another bundle registered; one whose info() failed or did not answer is listed with that error. */
    private static ProgramEntry bundleEntry(String id, String bundle, ProgramInfo info, Throwable failure) {
        if (failure instanceof TimeoutException) {
            LOG.log(Level.WARNING, "program " + id + " of bundle " + bundle + " did not describe itself (info())"
                    + " within " + INFO_MS + " ms; it cannot be started");
            return failed(id, bundle, "the program's info() did not answer within " + INFO_MS + " ms");
        }
        if (failure != null || info == null) {
            return failed(id, bundle, "the program's info() failed: " + (failure != null ? failure : "it gave null"));
        }
        if (info.id() == null || info.id().isBlank()) { // every list of programs is sorted by id
            return failed(id, bundle, "the program's info() gave no id");
        }
        return new ProgramEntry(info.id(), info, BUNDLE_SOURCE, bundle, List.of());
    }

    private static ProgramEntry failed(String id, String bundle, String why) {
        return new ProgramEntry(id, null, BUNDLE_SOURCE, bundle, List.of(new ValidationError("$", 0, why)));
    }
}
