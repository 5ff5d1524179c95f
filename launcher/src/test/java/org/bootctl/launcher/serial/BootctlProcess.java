package org.bootctl.launcher.serial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/bootctl} of the distribution the build collected, run as a process as a person
 * runs it, its output (stdout and stderr together) collected line by line. Closing it ends it:
 * SIGTERM, then SIGKILL when it does not end in time.
 */
final class BootctlProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private BootctlProcess(Process process) {
        this.process = process;
        Thread collector = new Thread(this::collect, "bootctl-output " + process.pid());
        collector.setDaemon(true);
        collector.start();
    }

    /** Starts {@code bootctl ARGS...} with a small JVM; its temporary files go to {@code folder/tmp}. */
    static BootctlProcess start(Path folder, String... args) throws IOException {
        Path tmp = Files.createDirectories(folder.resolve("tmp"));
        // as bin/bootctl runs it, but with this build's classes: the launcher jar is packaged after the tests
        List<String> command = org.bootctl.launcher.testing.BootctlProcess.javaCommand(
                "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().remove("BOOTCTL_FEATURES");
        return new BootctlProcess(builder.start());
    }

    /**
     * {@code bootctl emulate MODEL --port PORT [--fault F]...}, returned once it says it is on the port.
     */
    static BootctlProcess emulate(Path folder, String model, String port, String... faults) throws IOException {
        List<String> args = new ArrayList<>(List.of("emulate", model, "--port", port));
        for (String fault : faults) {
            args.add("--fault");
            args.add(fault);
        }
        BootctlProcess emulator = start(folder, args.toArray(String[]::new));
        try {
            emulator.awaitLine("bootctl emulate: " + model + " on " + port + " (", 30_000);
        } catch (AssertionError e) {
            try {
                emulator.close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
        return emulator;
    }

    private void collect() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException ended) {
            // the process went away
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Everything it printed so far, for failure messages. */
    String output() {
        return String.join("\n", lines());
    }

    Optional<String> line(String containing) {
        return lines().stream().filter(l -> l.contains(containing)).findFirst();
    }

    /** The first line containing {@code text}, waiting for it (and failing with the output so far). */
    String awaitLine(String text, long timeoutMillis) {
        Waits.until(() -> "a line with '" + text + "' from bootctl (alive: " + process.isAlive() + "):\n" + output(),
                timeoutMillis, () -> line(text).isPresent());
        return line(text).orElseThrow();
    }

    /** Waits for it to end by itself; its exit code. */
    int awaitExit(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("bootctl did not end within " + timeoutMillis + " ms:\n" + output());
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: nothing in it runs any more, no shutdown hook either. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM (as Ctrl-C), then SIGKILL after a deadline. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.toHandle().destroy(); // Process.destroy() would also close our end of its output
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
