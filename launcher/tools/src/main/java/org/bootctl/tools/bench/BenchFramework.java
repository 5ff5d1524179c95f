package org.bootctl.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.session.DeviceStatus;
import org.bootctl.api.session.SessionService;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.commands.Startup;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.runtime.HealthProblem;
import org.bootctl.launcher.runtime.OsgiRuntime;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A framework of its own for one part of the bench: the feature (usually without UI bundles), a data
 * folder of its own (deleted on close), more simulated devices on demand, and the services a
 * bench needs, found through the API only.
 */
final class BenchFramework implements AutoCloseable {

    /** The simulator's factory PID: one configuration per simulated device. */
    static final String SIM_DEVICE_PID = "org.bootctl.sim.device";
    static final Duration APPEAR = Duration.ofSeconds(10);

    private final OsgiRuntime runtime;
    private final Path data;

    private BenchFramework(OsgiRuntime runtime, Path data) {
        this.runtime = runtime;
        this.data = data;
    }

    /** The invocation's feature (default: simulator) with {@code variables} set, started headless. */
    static BenchFramework start(Invocation invocation, Map<String, String> variables) throws CommandException,
            InterruptedException {
        return start(invocation, invocation.feature(variables));
    }

    /** A feature of the bench's own, started headless. */
    static BenchFramework start(Invocation invocation, Feature feature) throws CommandException, InterruptedException {
        return start(invocation, feature, true);
    }

    /**
     * A feature started as {@code bootctl run} starts it ({@code headless} false: the web UI, the
     * shell and the deploy folder too) or without its UI bundles.
     */
    static BenchFramework start(Invocation invocation, Feature feature, boolean headless) throws CommandException,
            InterruptedException {
        Path data;
        try {
            data = BenchLeftovers.temporaryFolder("bootctl-bench-");
        } catch (IOException e) {
            throw CommandException.failure("bench: cannot create a data folder: " + e.getMessage());
        }
        OsgiRuntime runtime;
        try {
            runtime = OsgiRuntime.start(feature, invocation.distribution(), data, headless);
        } catch (CommandException e) {
            delete(data);
            throw e;
        }
        List<HealthProblem> problems = runtime.health().await(Startup.TIMEOUT);
        if (!problems.isEmpty()) {
            runtime.close();
            delete(data);
            throw CommandException.failure("bench: feature " + feature.name() + " did not come up: "
                    + problems.get(problems.size() - 1).message());
        }
        return new BenchFramework(runtime, data);
    }

    OsgiRuntime runtime() {
        return runtime;
    }

    Path data() {
        return data;
    }

    SessionService sessions() throws CommandException, InterruptedException {
        return service(SessionService.class);
    }

    <S> S service(Class<S> type) throws CommandException, InterruptedException {
        return runtime.awaitService(type, null, APPEAR).orElseThrow(() -> CommandException.failure(
                "bench: no " + type.getSimpleName() + " service in feature " + runtime.feature().name()));
    }

    /** One more simulated device, configured as the feature configures its own. */
    void addSimulatedDevice(String id, String model, boolean virtualTime) throws CommandException,
            InterruptedException {
        ConfigurationAdmin admin = service(ConfigurationAdmin.class);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("id", id);
        properties.put("model", model);
        properties.put("faults", "");
        properties.put("virtualTime", virtualTime);
        properties.put("seed", (long) id.hashCode());
        try {
            Configuration configuration = admin.getFactoryConfiguration(SIM_DEVICE_PID, id, "?");
            configuration.update(properties);
        } catch (IOException e) {
            throw CommandException.failure("bench: cannot configure simulated device " + id + ": " + e.getMessage());
        }
    }

    /** The device as the engine knows it, once it is there. */
    DeviceStatus awaitDevice(String id) throws CommandException, InterruptedException {
        SessionService sessions = sessions();
        long deadline = System.nanoTime() + APPEAR.toNanos();
        while (true) {
            Optional<DeviceStatus> device = sessions.device(id);
            if (device.isPresent()) {
                return device.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw CommandException.failure("bench: device " + id + " did not appear within "
                        + APPEAR.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }

    /** Waits for a program to be registered (program bundles register theirs a moment after they start). */
    void awaitProgram(String programId) throws CommandException, InterruptedException {
        SessionService sessions = sessions();
        long deadline = System.nanoTime() + APPEAR.toNanos();
        while (sessions.programs().stream().noneMatch(p -> p.id().equals(programId))) {
            if (System.nanoTime() - deadline >= 0) {
                throw CommandException.failure("bench: no program '" + programId + "' within " + APPEAR.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }

    /** The driver's connection service of a device. */
    BootConnection connection(String id) throws CommandException, InterruptedException {
        String filter = "(" + BootConnection.DEVICE_ID + "=" + id + ")";
        long deadline = System.nanoTime() + APPEAR.toNanos();
        while (true) {
            try {
                for (ServiceReference<BootConnection> reference
                        : runtime.context().getServiceReferences(BootConnection.class, filter)) {
                    BootConnection connection = runtime.context().getService(reference);
                    if (connection != null) {
                        return connection;
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(filter, e);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw CommandException.failure("bench: no connection service for device " + id);
            }
            Thread.sleep(5);
        }
    }

    Optional<Bundle> bundle(String symbolicName) {
        return Stream.of(runtime.context().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst();
    }

    @Override
    public void close() {
        runtime.close();
        delete(data);
    }

    static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left in the temp folder
        }
    }
}
