package org.bootctl.launcher.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.Main;
import org.bootctl.testing.Waits;

/**
 * {@code bootctl} as a process of its own, started as bin/bootctl starts it (this build's classes
 * and the distribution's lib/), for what only a process shows: a command that runs until stopped,
 * stdin, SIGTERM, SIGKILL. Its stdout and stderr are collected line by line, each apart and both
 * together in the order they came. The one process helper of the integration tests.
 */
public final class BootctlProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final List<String> both = new ArrayList<>();

    private BootctlProcess(Process process) {
        this.process = process;
        collect(process.getInputStream(), out);
        collect(process.getErrorStream(), err);
    }

    /**
     * With a small JVM, as a shared machine runs several (96 MiB, serial GC, C1 only), its temporary
     * files in {@code folder/tmp} and no BOOTCTL_FEATURES of the caller's environment.
     */
    public static BootctlProcess startSmall(Path folder, String... args) throws IOException {
        Path tmp = Files.createDirectories(folder.resolve("tmp"));
        List<String> command = javaCommand("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + tmp);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().remove("BOOTCTL_FEATURES");
        return new BootctlProcess(builder.start());
    }

    /**
     * {@code bootctl emulate MODEL --port PORT [--fault F]...} with a small JVM, returned once it says
     * it is on the port (ended, and the test failed, when it does not within 30 s).
     */
    public static BootctlProcess emulate(Path folder, String model, String port, String... faults) throws IOException {
        List<String> args = new ArrayList<>(List.of("emulate", model, "--port", port));
        for (String fault : faults) {
            args.add("--fault");
            args.add(fault);
        }
        BootctlProcess emulator = startSmall(folder, args.toArray(String[]::new));
        try {
            emulator.awaitOutput("bootctl emulate: " + model + " on " + port + " (", 30_000);
        } catch (AssertionError e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    public static BootctlProcess start(Path workingFolder, String... args) throws IOException {
        return start(workingFolder, List.of("-Xmx256m"), args);
    }

    /** With these JVM options (as BOOTCTL_JAVA_OPTS gives bin/bootctl), e.g. a smaller heap. */
    public static BootctlProcess start(Path workingFolder, List<String> jvmOptions, String... args) throws IOException {
        return start(workingFolder, jvmOptions, Map.of(), args);
    }

    /** With these JVM options and these variables added to the environment. */
    public static BootctlProcess start(Path workingFolder, List<String> jvmOptions, Map<String, String> environment,
                                       String... args) throws IOException {
        List<String> command = javaCommand(jvmOptions.toArray(String[]::new));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingFolder.toFile());
        builder.environment().putAll(environment);
        return new BootctlProcess(builder.start());
    }

    /**
     * The command line bin/bootctl runs, with this build's classes in place of the launcher jar:
     * usable in the test phase, before the jar is packaged. Arguments to bootctl go after it.
     */
    public static List<String> javaCommand(String... jvmOptions) throws IOException {
        Distribution distribution = TestDistribution.real();
        List<String> classPath = new ArrayList<>();
        classPath.add(Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString());
        try (Stream<Path> jars = Files.list(distribution.home().resolve("lib"))) {
            jars.filter(j -> !j.getFileName().toString().startsWith("bootctl-launcher")).sorted()
                    .forEach(j -> classPath.add(j.toString()));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-D" + Distribution.HOME + "=" + distribution.home(), "-cp",
                String.join(java.io.File.pathSeparator, classPath), Main.class.getName()));
        return command;
    }

    private void collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                        both.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException ended) {
                // the process went away
            }
        }, "bootctl-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for a line of stdout that matches; fails with everything printed so far. */
    public synchronized String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> line = out.stream().filter(wanted).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("no such line within " + timeout.toSeconds() + " s (process "
                        + (process.isAlive() ? "running" : "ended") + "):\n" + this);
            }
            wait(100); // woken by each new line
        }
    }

    /** The first line of stdout or stderr containing {@code text}, waiting for it (and failing with the output so far). */
    public String awaitOutput(String text, long timeoutMillis) {
        Waits.until(() -> "a line with '" + text + "' from bootctl (alive: " + process.isAlive() + "):\n" + this,
                timeoutMillis, () -> line(text).isPresent());
        return line(text).orElseThrow();
    }

    /** The first line of stdout or stderr containing {@code text}, if any yet. */
    public synchronized Optional<String> line(String text) {
        return both.stream().filter(l -> l.contains(text)).findFirst();
    }

    /** Every line of stdout and stderr so far, in the order they came. */
    public synchronized List<String> lines() {
        return List.copyOf(both);
    }

    /** Everything it printed so far, stdout and stderr together, for failure messages. */
    public String output() {
        return String.join("\n", lines());
    }

    public boolean alive() {
        return process.isAlive();
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** The process id, e.g. for {@code kill -INT}. */
    public long pid() {
        return process.pid();
    }

    /** SIGTERM, as a service manager stops it. */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL, as a crash ends it: no shutdown hook runs. Returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The exit code, once it has ended; fails if it has not within the timeout. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout.toSeconds() + " s:\n" + this);
        }
        return process.exitValue();
    }

    public synchronized List<String> out() {
        return List.copyOf(out);
    }

    public synchronized List<String> err() {
        return List.copyOf(err);
    }

    @Override
    public synchronized String toString() {
        return "--- stdout:\n" + String.join("\n", out) + "\n--- stderr:\n" + String.join("\n", err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
