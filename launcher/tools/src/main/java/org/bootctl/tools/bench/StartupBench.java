package org.bootctl.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.GlobalOptions;
import org.bootctl.launcher.cli.Invocation;

/**
 * Start-up as a person sees it: the distribution's {@code bin/bootctl run} (simulator feature,
 * web UI included) started as a process of its own, timed from the spawn to its
 * {@code bootctl ready:} line; its peak resident memory (VmHWM in /proc/PID/status) read a
 * moment after it is ready (the device runs meanwhile); then stopped with SIGTERM. Four sets:
 * bin/bootctl's defaults; those with {@code -Xmx64m} (the {@code _small} figures); the defaults
 * without the class-data archive bin/bootctl makes on the first run; and {@code java} started
 * directly with the JVM's own defaults (G1, C2, no archive), as bin/bootctl started it before it
 * had defaults of its own. Where a runtime trimmed by jlink is at hand (runtime/ of the
 * self-contained archive, or the build's target/runtime-ARCH beside the distribution), a fifth:
 * bin/bootctl on that runtime with {@code -Xmx64m} (the {@code _trimmed} figures).
 */
final class StartupBench {

    /** What the targets are judged with: bin/bootctl's defaults and a 64 MB heap limit. */
    static final String SMALL_FLAGS = "-Xmx64m";
    /** Leaves bin/bootctl's class-data archive alone: the JVM maps only the JDK's own. */
    static final String NO_ARCHIVE_FLAGS = "-Xshare:auto";
    private static final long READY_TIMEOUT_MILLIS = 30_000;

    /**
     * Median ready time and peak RSS of some runs with one way of starting; {@code archived}
     * when every measured start mapped bin/bootctl's class-data archive.
     */
    record Figures(String label, double readyMs, double rssMb, int runs, boolean archived) {
    }

    /**
     * The ways of starting; {@code jvmDefaults} null where the JVM cannot be found, {@code trimmed}
     * where no trimmed runtime is at hand.
     */
    record Result(Figures defaults, Figures small, Figures noArchive, Figures jvmDefaults, Figures trimmed) {
    }

    /**
     * How one start is launched: the command, the BOOTCTL_JAVA_OPTS it gets (null: none) and the
     * JAVA_HOME (null: as this process has it).
     */
    private record Launch(List<String> command, String javaOpts, Path javaHome) {

        Launch(List<String> command, String javaOpts) {
            this(command, javaOpts, null);
        }
    }

    private StartupBench() {
    }

    static Result run(Invocation invocation, int runs, long settleMillis) throws CommandException, InterruptedException {
        Path home = invocation.distribution().home();
        Path script = home.resolve("bin").resolve("bootctl");
        if (!Files.isExecutable(script)) {
            throw CommandException.failure("bench: no executable " + script + " (build the distribution first)");
        }
        List<String> viaScript = List.of(script.toString());
        // one unmeasured start first where an archive is wanted: the first run with a set of options makes it
        Figures defaults = figures(invocation, new Launch(viaScript, null), "bin/bootctl (its defaults)", runs,
                settleMillis, true);
        Figures small = figures(invocation, new Launch(viaScript, SMALL_FLAGS), "bin/bootctl, BOOTCTL_JAVA_OPTS="
                + SMALL_FLAGS, runs, settleMillis, true);
        Figures noArchive = figures(invocation, new Launch(viaScript, NO_ARCHIVE_FLAGS), "bin/bootctl, BOOTCTL_JAVA_OPTS="
                + NO_ARCHIVE_FLAGS + " (no class archive)", runs, settleMillis, false);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Figures jvmDefaults = null;
        if (Files.isExecutable(java)) {
            List<String> plain = new ArrayList<>(List.of(java.toString(), "-Dbootctl.home=" + home));
            String features = System.getProperty("bootctl.features");
            if (features != null) {
                plain.add("-Dbootctl.features=" + features);
            }
            plain.addAll(List.of("-cp", home.resolve("lib") + "/*", "org.bootctl.launcher.Main"));
            jvmDefaults = figures(invocation, new Launch(plain, null), "java alone (JVM defaults: G1, C2; no class archive)",
                    runs, settleMillis, false);
        }
        Figures trimmed = null;
        Path runtime = trimmedRuntime(home);
        if (runtime != null) {
            trimmed = figures(invocation, new Launch(viaScript, SMALL_FLAGS, runtime), "bin/bootctl, trimmed runtime (jlink), "
                    + SMALL_FLAGS, runs, settleMillis, true);
        }
        return new Result(defaults, small, noArchive, jvmDefaults, trimmed);
    }

    /** runtime/ of the self-contained archive, or the build's beside the distribution; null when neither is. */
    static Path trimmedRuntime(Path home) {
        Path own = home.resolve("runtime");
        if (Files.isExecutable(own.resolve("bin/java"))) {
            return own;
        }
        Path built = home.resolveSibling("runtime-" + System.getProperty("os.arch"));
        return Files.isExecutable(built.resolve("bin/java")) ? built : null;
    }

    private static Figures figures(Invocation invocation, Launch launch, String label, int runs, long settleMillis,
                                   boolean warmUp) throws CommandException, InterruptedException {
        if (warmUp) {
            once(invocation, launch, settleMillis);
        }
        List<Double> ready = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        boolean archived = true;
        for (int i = 0; i < runs; i++) {
            Start one = once(invocation, launch, settleMillis);
            ready.add(one.readyMs());
            rss.add(one.rssMb());
            archived &= one.archived();
        }
        return new Figures(label, Stats.median(ready), Stats.median(rss), runs, archived);
    }

    /** What one start gave. */
    private record Start(double readyMs, double rssMb, boolean archived) {
    }

    /** One start, stopped with SIGTERM once measured. */
    private static Start once(Invocation invocation, Launch launch, long settleMillis) throws CommandException,
            InterruptedException {
        Path data;
        try {
            data = BenchLeftovers.temporaryFolder("bootctl-bench-startup-");
        } catch (IOException e) {
            throw CommandException.failure("bench: cannot create a data folder: " + e.getMessage());
        }
        Process process = null;
        try {
            List<String> command = new ArrayList<>(launch.command());
            command.addAll(List.of("run", "--data", data.toString(), "--var", "http-port=" + freePort(),
                    "--var", "device=startup-1"));
            invocation.args().value(GlobalOptions.FEATURE).ifPresent(f -> command.addAll(List.of("--feature", f)));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
            Map<String, String> environment = builder.environment();
            environment.remove("BOOTCTL_JAVA_OPTS");
            if (launch.javaOpts() != null) {
                environment.put("BOOTCTL_JAVA_OPTS", launch.javaOpts());
            }
            if (launch.javaHome() != null) {
                environment.put("JAVA_HOME", launch.javaHome().toString());
            }
            long start = System.nanoTime();
            process = builder.start();
            drain(process.getErrorStream());
            long readyNanos = awaitReady(process, start);
            Thread.sleep(settleMillis);
            double rssMb = peakRssKb(process.pid()) / 1024.0;
            return new Start(readyNanos / 1e6, rssMb, mapsArchive(process.pid()));
        } catch (IOException e) {
            throw CommandException.failure("bench: cannot run " + launch.command().get(0) + ": " + e.getMessage());
        } finally {
            if (process != null) {
                process.destroy(); // SIGTERM: the launcher stops the framework cleanly
                // the first run of a set of options writes the class archive as it exits
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            BenchFramework.delete(data);
        }
    }

    /**
     * Whether the process is a JVM mapping bin/bootctl's class archive. The first run of a set
     * of options is not: the script waits for it (to take the archive into use), and its own
     * memory is what /proc shows then.
     */
    private static boolean mapsArchive(long pid) {
        try {
            String commandLine = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8);
            return commandLine.contains("-XX:SharedArchiveFile=");
        } catch (IOException e) {
            return false;
        }
    }

    private static long awaitReady(Process process, long start) throws IOException, CommandException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = start + READY_TIMEOUT_MILLIS * 1_000_000L;
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("bootctl ready:")) {
                long ready = System.nanoTime() - start;
                drain(process.getInputStream());
                return ready;
            }
            if (System.nanoTime() - deadline > 0) {
                break;
            }
        }
        throw CommandException.failure("bench: bootctl run printed no ready line (exit "
                + (process.isAlive() ? "none yet" : process.exitValue()) + ")");
    }

    /** Peak resident set size in kB, from /proc (Linux). */
    static long peakRssKb(long pid) throws IOException, CommandException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw CommandException.failure("bench: no VmHWM in /proc/" + pid + "/status");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Reads a stream to its end on a daemon thread, so the child never blocks on a full pipe. */
    private static void drain(InputStream stream) {
        Thread thread = new Thread(() -> {
            try {
                stream.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the process ended
            }
        }, "bootctl-bench-drain");
        thread.setDaemon(true);
        thread.start();
    }
}
