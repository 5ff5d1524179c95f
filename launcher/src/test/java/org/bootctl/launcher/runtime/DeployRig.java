package org.bootctl.launcher.runtime;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bootctl.launcher.testing.Runtimes;
import org.bootctl.testing.Waits;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * The deploy tests' rig: the simulator feature in a real Felix with FileInstall watching
 * {@code data/deploy}, the deploy lines it prints ({@code bootctl deploy: ...}, the guard's and the
 * launcher's), its audit file and every bundle event from the moment it is up. Made before each
 * test (it captures standard output from then on), closed after it.
 */
final class DeployRig implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Path data;
    private final PrintStream stdout;
    /** The deploy lines printed on standard output. */
    final List<String> logged = new CopyOnWriteArrayList<>();
    /** Every bundle event of the framework, as "TYPE symbolic-name", from the moment it is up. */
    final List<String> events = new CopyOnWriteArrayList<>();
    OsgiRuntime runtime;
    AuditFile audit;

    DeployRig(Path data) {
        this.data = data;
        stdout = System.out;
        System.setOut(new PrintStream(stdout, true) {
            @Override
            public void println(String line) {
                if (line != null && line.startsWith("bootctl deploy: ")) {
                    logged.add(line);
                }
                super.println(line);
            }
        });
    }

    /** Starts the simulator feature (HTTP on a free loopback port) with these variables; fails unless it is healthy. */
    void start(Map<String, String> variables) throws Exception {
        runtime = Runtimes.simulator(data, variables);
        audit = new AuditFile(data);
        runtime.context().addBundleListener((SynchronousBundleListener) event -> events.add(
                type(event.getType()) + " " + event.getBundle().getSymbolicName()));
    }

    private static String type(int type) {
        return switch (type) {
            case BundleEvent.INSTALLED -> "INSTALLED";
            case BundleEvent.RESOLVED -> "RESOLVED";
            case BundleEvent.UNRESOLVED -> "UNRESOLVED";
            case BundleEvent.STARTING -> "STARTING";
            case BundleEvent.STARTED -> "STARTED";
            case BundleEvent.STOPPING -> "STOPPING";
            case BundleEvent.STOPPED -> "STOPPED";
            case BundleEvent.UPDATED -> "UPDATED";
            case BundleEvent.UNINSTALLED -> "UNINSTALLED";
            default -> "EVENT" + type;
        };
    }

    /** Puts a jar into deploy/ in one step (written beside it, then moved), as an installer should. */
    Path deploy(Path jar, String name) throws Exception {
        Path folder = data.resolve(HotDeploy.FOLDER);
        Path part = Files.copy(jar, folder.resolve("." + name + ".part"), StandardCopyOption.REPLACE_EXISTING);
        return Files.move(part, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Where a test writes the jars it makes, outside deploy/. */
    Path made(String file) {
        return data.resolve("made").resolve(file);
    }

    Optional<Bundle> bundle(String symbolicName) {
        return Arrays.stream(runtime.context().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    /** The deploy lines so far that start so. */
    List<String> lines(String start) {
        return logged.stream().filter(l -> l.startsWith(start)).toList();
    }

    /** The first deploy line that starts so, waiting for it. */
    String logLine(String start) {
        Waits.until(() -> "a log line starting " + start + "; logged: " + logged, DEADLINE.toMillis(),
                () -> !lines(start).isEmpty());
        return lines(start).get(0);
    }

    @Override
    public void close() {
        System.setOut(stdout);
        if (runtime != null) {
            runtime.close();
        }
    }
}
