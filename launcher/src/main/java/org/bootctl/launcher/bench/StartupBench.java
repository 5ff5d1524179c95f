package org.bootctl.launcher.bench;

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
 * moment after it is ready (2 s; the device runs meanwhile); then stopped with SIGTERM. Once with default JVM flags, once with
 * the small-board flags {@link #SMALL_FLAGS}, and once with {@code -Xmx64m} alone.
 */
final class StartupBench {

    /**
     * What a small board would run with: a heap of at most 64 MB that starts small and grows as
     * needed (so untouched heap is not resident), the serial collector (what the JVM picks by
     * itself on one core or under 2 GB), and C1 only (the loop's work is small; C2's compile
     * threads and code cache are not worth their memory there).
     */
    static final String SMALL_FLAGS = "-Xms8m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    static final String HEAP_ONLY_FLAGS = "-Xmx64m";
    private static final long READY_TIMEOUT_MILLIS = 30_000;

    /** Median ready time and peak RSS of some runs with one set of flags. */
    record Figures(String flags, double readyMs, double rssMb, int runs) {
    }

    /**
     * Default flags, small-board flags, heap limit alone, and the small-board flags with an AppCDS
     * archive of the classes a first start loaded (what an installer could make once), or null
     * where the JVM would not write one.
     */
    record Result(Figures defaults, Figures small, Figures heapOnly, Figures smallWithCds) {
    }

    private StartupBench() {
    }

    static Result run(Invocation invocation, int runs, long settleMillis) throws CommandException, InterruptedException {
        Path script = invocation.distribution().home().resolve("bin").resolve("bootctl");
        if (!Files.isExecutable(script)) {
            throw CommandException.failure("bench: no executable " + script + " (build the distribution first)");
        }
        return new Result(figures(invocation, script, "", runs, settleMillis),
                figures(invocation, script, SMALL_FLAGS, runs, settleMillis),
                figures(invocation, script, HEAP_ONLY_FLAGS, runs, settleMillis),
                withArchive(invocation, script, runs, settleMillis));
    }

    private static Figures figures(Invocation invocation, Path script, String flags, int runs, long settleMillis)
            throws CommandException, InterruptedException {
        List<Double> ready = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double[] one = once(invocation, script, flags, settleMillis);
            ready.add(one[0]);
            rss.add(one[1]);
        }
        return new Figures(flags.isEmpty() ? "(defaults)" : flags, Stats.median(ready), Stats.median(rss), runs);
    }

    /** The small-board flags with a class-data archive written by one unmeasured start first. */
    private static Figures withArchive(Invocation invocation, Path script, int runs, long settleMillis)
            throws CommandException, InterruptedException {
        Path archive;
        try {
            archive = Files.createTempDirectory("bootctl-bench-cds-").resolve("bootctl.jsa");
        } catch (IOException e) {
            return null;
        }
        try {
            once(invocation, script, SMALL_FLAGS + " -XX:ArchiveClassesAtExit=" + archive, settleMillis);
            if (!Files.isRegularFile(archive)) {
                return null;
            }
            Figures figures = figures(invocation, script, SMALL_FLAGS + " -XX:SharedArchiveFile=" + archive, runs,
                    settleMillis);
            return new Figures(SMALL_FLAGS + " + AppCDS", figures.readyMs(), figures.rssMb(), figures.runs());
        } finally {
            BenchFramework.delete(archive.getParent());
        }
    }

    /** One start: {ready ms, peak RSS MB}. */
    private static double[] once(Invocation invocation, Path script, String flags, long settleMillis) throws CommandException,
            InterruptedException {
        Path data;
        try {
            data = Files.createTempDirectory("bootctl-bench-startup-");
        } catch (IOException e) {
            throw CommandException.failure("bench: cannot create a data folder: " + e.getMessage());
        }
        Process process = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(script.toString(), "run", "--data", data.toString(),
                    "--var", "http-port=" + freePort(), "--var", "device=startup-1")
                    .redirectErrorStream(false);
            Map<String, String> environment = builder.environment();
            environment.remove("BOOTCTL_JAVA_OPTS");
            if (!flags.isEmpty()) {
                environment.put("BOOTCTL_JAVA_OPTS", flags);
            }
            invocation.args().value(GlobalOptions.FEATURE)
                    .ifPresent(f -> builder.command().addAll(List.of("--feature", f)));
            long start = System.nanoTime();
            process = builder.start();
            drain(process.getErrorStream());
            long readyNanos = awaitReady(process, start);
            Thread.sleep(settleMillis);
            double rssMb = peakRssKb(process.pid()) / 1024.0;
            return new double[] {readyNanos / 1e6, rssMb};
        } catch (IOException e) {
            throw CommandException.failure("bench: cannot run " + script + ": " + e.getMessage());
        } finally {
            if (process != null) {
                process.destroy(); // SIGTERM: the launcher stops the framework cleanly
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            BenchFramework.delete(data);
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
