package org.bootctl.launcher.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.PathNames;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureBundle;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * One running Felix with one feature's bundles: installs them all from the distribution,
 * applies the feature's configurations as soon as ConfigurationAdmin is up, and starts the
 * non-fragments in start order. A shutdown hook stops the framework on Ctrl-C or SIGTERM, so
 * every component's deactivate runs (the engine vents every device there). The web server's
 * address goes in as framework properties too ({@link HttpBinding}), so it is never wider than configured.
 */
public final class OsgiRuntime implements AutoCloseable {

    /** Framework property: the data folder (history, traces, user programs), an absolute path. */
    public static final String DATA = "bootctl.data";
    /** Framework property the engine reads: "false" when another process may run sessions in the data folder. */
    public static final String DATA_OWNER = "bootctl.data.owner";
    /** Framework property: the feature's name. */
    public static final String FEATURE = "bootctl.feature";
    /** Framework property: "true" in a command that runs and exits (the deploy guard then speaks on stderr). */
    public static final String HEADLESS = "bootctl.headless";

    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final AtomicBoolean SIGNALLED = new AtomicBoolean();
    /** SCR's log level: a framework property at its start, its configuration's property later. */
    private static final String SCR_LOG_LEVEL = "ds.loglevel";
    /** The configuration SCR reads its settings from while it runs. */
    private static final String SCR_PID = "org.apache.felix.scr.ScrService";
    /** Prefixes of system properties passed on to the framework. */
    private static final List<String> OVERRIDABLE = List.of("felix.", "ds.", "gosh.", "org.osgi.framework.");

    private final Feature feature;
    private final Distribution distribution;
    private final Framework framework;
    private final Path storage;
    /** Held while the framework runs: a later start's sweep leaves the storage alone (FrameworkStorage). */
    private final FileChannel storageLock;
    private final Map<Long, String> startFailures = new ConcurrentHashMap<>();
    private final Thread shutdownHook;
    private volatile Runnable afterSignalStop = () -> { };

    private OsgiRuntime(Feature feature, Distribution distribution, Framework framework, Path storage,
                        FileChannel storageLock) {
        this.storageLock = storageLock;
        this.feature = feature;
        this.distribution = distribution;
        this.framework = framework;
        this.storage = storage;
        this.shutdownHook = new Thread(this::stopOnSignal, "bootctl-shutdown");
    }

    /**
     * Starts a framework with the feature's bundles and configurations. Returns once every
     * bundle had its start; {@link #health()} tells whether all is up.
     *
     * @param headless leave out the bundles marked {@code "ui": true}
     */
    public static OsgiRuntime start(Feature feature, Distribution distribution, Path dataFolder, boolean headless)
            throws CommandException {
        return start(feature, distribution, dataFolder, headless, true);
    }

    /**
     * @param dataFolder null for a throwaway one inside the framework's storage folder: deleted with
     *                   it when the framework stops, and swept with it if this process is killed
     * @param ownsData false for a command that runs no sessions beside one that may (it does not
     *                 hold the {@link DataFolderLock}): its engine then leaves the history's open
     *                 sessions alone
     */
    public static OsgiRuntime start(Feature feature, Distribution distribution, Path dataFolder, boolean headless,
                                    boolean ownsData) throws CommandException {
        Map<FeatureBundle, Path> files = FeatureInstaller.locate(feature, feature.bundles(headless), distribution);
        Path data = dataFolder == null ? null : createFolder(dataFolder);
        Path storage;
        FileChannel storageLock;
        try {
            storage = FrameworkStorage.create();
        } catch (IOException e) {
            throw CommandException.failure("cannot create the framework's storage folder: " + e.getMessage());
        }
        try {
            storageLock = FrameworkStorage.hold(storage);
        } catch (IOException | RuntimeException noLocks) {
            storageLock = null; // a temporary folder without file locks: its lock file, unlockable, keeps sweeps off
        }
        FrameworkStorage.sweepInBackground(storage);
        if (data == null) {
            data = createFolder(storage.resolve(FrameworkStorage.THROWAWAY_DATA));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, storage.resolve(FrameworkStorage.CACHE).toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // the feature's bundles a level above deploy/'s, so they stop first (FeatureInstaller.FEATURE_START_LEVEL)
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(FeatureInstaller.FEATURE_START_LEVEL));
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                SystemPackages.extraExports(OsgiRuntime.class.getClassLoader()));
        properties.put(DATA, data.toString());
        properties.put(DATA_OWNER, Boolean.toString(ownsData));
        properties.put(FEATURE, feature.name());
        properties.put(HEADLESS, Boolean.toString(headless));
        properties.put("felix.log.level", "1"); // errors only
        // SCR prints failures with stack traces; the start-up health check names them in one line
        // (a bad --var sim-faults=leak:99 printed both). So SCR keeps quiet while the feature comes
        // up; a daemon turns its errors on once it has said whether it is ready (scrErrorsFromNowOn:
        // later failures have no other voice); a command that exits keeps it quiet.
        properties.put(SCR_LOG_LEVEL, "0");
        properties.putAll(HttpBinding.of(feature).frameworkProperties());
        boolean hotDeploy = HotDeploy.wanted(feature.bundles(headless));
        if (hotDeploy) {
            properties.putAll(HotDeploy.frameworkProperties(data, HotDeploy.guarded(feature.bundles(headless))));
        }
        properties.putAll(overrides(System.getProperties()));
        OsgiRuntime runtime = new OsgiRuntime(feature, distribution, newFramework(properties), storage, storageLock);
        try {
            runtime.framework.start();
            Runtime.getRuntime().addShutdownHook(runtime.shutdownHook);
            if (hotDeploy) {
                runtime.context().addBundleListener(HotDeploy.log(data, System.out::println));
                runtime.context().registerService(org.osgi.service.cm.ConfigurationListener.class,
                        HotDeploy.configLog(data, runtime.context(), System.out::println), null);
            }
            runtime.startFailures.putAll(FeatureInstaller.installAndStart(feature, files, runtime.context(), true));
            return runtime;
        } catch (BundleException e) {
            runtime.close();
            throw CommandException.failure("the OSGi framework does not start: " + e.getMessage());
        } catch (CommandException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * Framework properties given as system properties ({@code BOOTCTL_JAVA_OPTS="-Dds.loglevel=debug"}):
     * those of Felix, SCR, the shell and the OSGi framework itself.
     */
    static Map<String, String> overrides(Properties system) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String name : system.stringPropertyNames()) {
            if (OVERRIDABLE.stream().anyMatch(name::startsWith) && !name.equals(Constants.FRAMEWORK_STORAGE)) {
                overrides.put(name, system.getProperty(name));
            }
        }
        return overrides;
    }

    /** Whether a Ctrl-C or SIGTERM is stopping the process: then nothing should call System.exit. */
    public static boolean signalled() {
        return SIGNALLED.get();
    }

    private static Path createFolder(Path folder) throws CommandException {
        try {
            return Files.createDirectories(folder.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw CommandException.usage("cannot create the data folder " + PathNames.show(folder) + ": " + e);
        }
    }

    private static Framework newFramework(Map<String, String> properties) throws CommandException {
        Iterator<FrameworkFactory> factories =
                ServiceLoader.load(FrameworkFactory.class, OsgiRuntime.class.getClassLoader()).iterator();
        if (!factories.hasNext()) {
            throw CommandException.failure("no OSGi framework on the launcher's class path (lib/ lacks Felix)");
        }
        return factories.next().newFramework(properties);
    }

    public Feature feature() {
        return feature;
    }

    public Framework framework() {
        return framework;
    }

    /** The system bundle's context: services found here use the types the launcher shares. */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** A health check of this runtime. */
    public RuntimeHealth health() {
        return new RuntimeHealth(context(), feature.configuredPids(), startFailures);
    }

    /**
     * For a headless command, once the feature is up: the bundles of the data folder's
     * {@code deploy/}, as {@code run} would take them ({@link HeadlessDeploy}).
     */
    public void installDeployed(java.io.PrintStream err) throws CommandException, InterruptedException {
        String data = context().getProperty(DATA);
        HeadlessDeploy.installAndStart(feature, distribution, context(), Path.of(data), err);
    }

    /** Bundles in state ACTIVE, the system bundle not counted. */
    public int activeBundles() {
        return (int) Arrays.stream(context().getBundles())
                .filter(b -> b.getBundleId() != 0 && b.getState() == Bundle.ACTIVE)
                .count();
    }

    /**
     * Installs and starts the feature's console bundles ({@code "console": true}) into the running
     * framework: last, so they stop first, and after the ready line, so the prompt follows it.
     *
     * @return what failed to start, one line each; empty when the console runs
     */
    public List<String> startConsole() throws CommandException {
        Map<FeatureBundle, Path> files = FeatureInstaller.locate(feature, feature.consoleBundles(), distribution);
        List<Bundle> console = FeatureInstaller.install(feature, files, context());
        // JLine looks for its terminal providers through the thread's context class loader; without
        // the console's own bundles there it finds none and settles for a dumb terminal
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        Map<Long, String> failures;
        thread.setContextClassLoader(new BundlesClassLoader(console));
        try {
            failures = FeatureInstaller.start(feature, console, context(), false);
        } finally {
            thread.setContextClassLoader(before);
        }
        startFailures.putAll(failures);
        return failures.entrySet().stream()
                .map(f -> new HealthProblem(HealthProblem.Kind.BUNDLE_FAILED, symbolicName(f.getKey()), null,
                        f.getValue(), false).message())
                .toList();
    }

    private String symbolicName(long bundleId) {
        Bundle bundle = context().getBundle(bundleId);
        return bundle == null || bundle.getSymbolicName() == null ? "#" + bundleId : bundle.getSymbolicName();
    }

    /**
     * Where the web server listens, as Felix HTTP publishes it (service property
     * {@code osgi.http.endpoint}, e.g. {@code http://127.0.0.1:8080/}); empty while it does not.
     * Bound to every address, Felix lists one endpoint per address of the machine: see
     * {@link #usableEndpoint}.
     */
    public Optional<String> httpEndpoint() {
        try {
            ServiceReference<?>[] references = context().getServiceReferences((String) null, "(osgi.http.endpoint=*)");
            if (references == null) {
                return Optional.empty();
            }
            for (ServiceReference<?> reference : references) {
                Object endpoint = reference.getProperty("osgi.http.endpoint");
                List<String> all = endpoint instanceof String[] array ? Arrays.asList(array)
                        : endpoint instanceof Collection<?> collection ? collection.stream().map(String::valueOf).toList()
                        : endpoint == null ? List.of() : List.of(endpoint.toString());
                Optional<String> usable = usableEndpoint(all);
                if (usable.isPresent()) {
                    return usable;
                }
            }
            return Optional.empty();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IllegalStateException stopped) {
            return Optional.empty();
        }
    }

    /**
     * The endpoint a person (or a client) can open: an IPv4 address first, then an IPv6 one. Felix
     * writes IPv6 addresses with their interface ({@code http://[fd00:0:0:0:0:0:0:2%eth0]:8080/}),
     * which no browser or URL parser takes: the interface is dropped where the address does not
     * need it (all but link-local ones) and written {@code %25} (RFC 6874) where it does. Bound to
     * one IPv6 address, Felix writes it without brackets ({@code http://::1:8080/}, whose host a URI
     * reads as none): it gets them.
     */
    static Optional<String> usableEndpoint(List<String> endpoints) {
        List<String> named = endpoints.stream().filter(e -> e != null && !e.isBlank()).map(String::trim)
                .map(OsgiRuntime::bracketed).toList();
        return named.stream().filter(e -> !e.contains("[")).findFirst()
                .or(() -> named.stream().filter(e -> !e.contains("%")).findFirst())
                .or(() -> named.stream().filter(e -> !e.toLowerCase(java.util.Locale.ROOT).contains("[fe80:")).findFirst()
                        .map(e -> e.replaceFirst("%[^\\]]*]", "]")))
                .or(() -> named.stream().findFirst().map(e -> e.replaceFirst("%(?!25)", "%25")));
    }

    /** {@code http://::1:8080/} as {@code http://[::1]:8080/}; any other endpoint as it is. */
    private static String bracketed(String endpoint) {
        int scheme = endpoint.indexOf("://");
        if (scheme < 0) {
            return endpoint;
        }
        int start = scheme + 3;
        int slash = endpoint.indexOf('/', start);
        String authority = endpoint.substring(start, slash < 0 ? endpoint.length() : slash);
        int port = authority.lastIndexOf(':');
        if (authority.startsWith("[") || port == authority.indexOf(':')) {
            return endpoint; // a name, an IPv4 address or a bracketed IPv6 one
        }
        return endpoint.substring(0, start) + "[" + authority.substring(0, port) + "]" + endpoint.substring(start + port);
    }

    /** The highest-ranked service of a type (and an optional LDAP filter), now. */
    public <S> Optional<S> service(Class<S> type, String filter) {
        try {
            return context().getServiceReferences(type, filter).stream()
                    .sorted(Comparator.reverseOrder())
                    .map(reference -> context().getService(reference))
                    .filter(s -> s != null)
                    .findFirst();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad service filter " + filter, e);
        } catch (IllegalStateException stopped) {
            return Optional.empty();
        }
    }

    /** A service of a type, waiting for it up to {@code timeout}. */
    public <S> Optional<S> awaitService(Class<S> type, String filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<S> service = service(type, filter);
            if (service.isPresent() || System.nanoTime() - deadline >= 0) {
                return service;
            }
            Thread.sleep(20);
        }
    }

    /**
     * For a daemon, once it has said whether it is ready (the health check named each start-up
     * failure in one line): SCR prints its errors from now on, the only voice of a component that
     * fails later (a configuration dropped in deploy/). A {@code -Dds.loglevel} given is left as given.
     */
    public void scrErrorsFromNowOn() {
        if (System.getProperty(SCR_LOG_LEVEL) != null) {
            return;
        }
        service(ConfigurationAdmin.class, null).ifPresent(admin -> {
            try {
                admin.getConfiguration(SCR_PID, "?").update(new Hashtable<>(Map.of(SCR_LOG_LEVEL, "error")));
            } catch (IOException | RuntimeException e) {
                System.err.println("bootctl: SCR's errors stay unprinted: " + e.getMessage());
            }
        });
    }

    /** Runs {@code action} after a Ctrl-C or SIGTERM has stopped the framework, e.g. to say so. */
    public void afterSignalStop(Runnable action) {
        afterSignalStop = action;
    }

    /** Blocks until the framework stops: by a signal, or by a bundle (a shell's exit). */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Stops the framework (every bundle stops, every component deactivates) and removes its storage. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyStopping) {
            // the hook is running or was never added
        }
        stop();
    }

    private void stopOnSignal() {
        SIGNALLED.set(true);
        stop();
        afterSignalStop.run();
    }

    private synchronized void stop() {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MILLIS);
        } catch (BundleException | InterruptedException e) {
            System.err.println("bootctl: the framework did not stop cleanly: " + e.getMessage());
        }
        deleteStorage();
    }

    private void deleteStorage() {
        try {
            if (storageLock != null) {
                storageLock.close();
            }
        } catch (IOException e) {
            // released at the process's end anyway
        }
        delete(storage);
    }

    /** Deletes a folder and everything in it, as far as it can. */
    public static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left in the temp folder
        }
    }
}
