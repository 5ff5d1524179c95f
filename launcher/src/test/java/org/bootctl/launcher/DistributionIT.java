package org.bootctl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive a manufacturer installs, unpacked somewhere else and run as a process through its
 * own bin/bootctl with nothing but Java: it comes up, and SIGTERM stops it cleanly. Runs in the
 * integration-test phase (failsafe), after package made the archive.
 */
class DistributionIT {

    @TempDir
    static Path folder;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path target = TestDistribution.real().home().getParent();
        Path archive;
        try (Stream<Path> files = Files.list(target)) {
            archive = files.filter(f -> f.getFileName().toString().matches("bootctl-[0-9.]+\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no bootctl-*.tar.gz in " + target));
        }
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", folder.toString())
                .redirectErrorStream(true).start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar: " + output(tar.getInputStream()));
        try (Stream<Path> files = Files.list(folder)) {
            home = files.filter(f -> f.getFileName().toString().startsWith("bootctl-")).findFirst().orElseThrow();
        }
        assertTrue(Files.isExecutable(home.resolve("bin/bootctl")), "bin/bootctl is executable");
    }

    /** bin/bootctl with a JVM temp folder of its own, so leftovers are easy to see. */
    private static ProcessBuilder bootctl(String... args) throws IOException {
        return bootctl(home, args);
    }

    /** The bin/bootctl of another distribution folder, as {@link #bootctl(String...)} starts it. */
    private static ProcessBuilder bootctl(Path home, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/bootctl").toString()));
        command.addAll(List.of(args));
        Path tmp = Files.createDirectories(folder.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("BOOTCTL_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
        builder.environment().remove("BOOTCTL_FEATURES");
        return builder;
    }

    private static String output(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theArchiveShipsTheApiReference() throws Exception {
        Path index = home.resolve("docs/api/index.html");
        assertTrue(Files.isRegularFile(index), "docs/api/index.html in the archive");
        assertTrue(Files.readString(index).contains("bootctl API"), "the API's javadoc, titled");
        // every exported package has its page, the driver SPI's included
        for (String pkg : List.of("audit", "device", "program", "session", "time")) {
            assertTrue(Files.isRegularFile(home.resolve("docs/api/org/bootctl/api/" + pkg + "/package-summary.html")),
                    "javadoc of org.bootctl.api." + pkg);
        }
        assertTrue(Files.isRegularFile(home.resolve("docs/api/org/bootctl/api/device/BootConnection.html")));
    }

    @Test
    void helpAndUsageErrorsWorkFromTheArchive() throws Exception {
        Process help = bootctl("--help").start();
        String out = output(help.getInputStream());
        assertTrue(help.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue(), out);
        assertTrue(out.contains("commands:") && out.contains("features: emulator-rb1, emulator-rb2, hub, rb1, rb2, simulator, studio"),
                out);

        Process nope = bootctl("nope").start();
        String err = output(nope.getErrorStream());
        assertTrue(nope.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, nope.exitValue());
        assertEquals("bootctl: unknown command 'nope'; see bootctl --help", err.strip());
    }

    @Test
    void theToolsShipInToolsOffTheClassPathAndALauncherWithoutThemSaysSo() throws Exception {
        assertTrue(jars(home.resolve("tools")).stream().anyMatch(n -> n.startsWith("bootctl-tools-")),
                "the tools' jar in tools/: " + jars(home.resolve("tools")));
        assertTrue(jars(home.resolve("lib")).stream().noneMatch(n -> n.startsWith("bootctl-tools-")
                || n.startsWith("org.bootctl.timebase-")), "lib/ is the controller's class path alone: " + jars(home.resolve("lib")));
        Process plot = bootctl("plot", "--help").start();
        String usage = output(plot.getInputStream());
        assertTrue(plot.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, plot.exitValue(), usage);
        assertTrue(usage.startsWith("usage: bootctl plot"), usage);

        // the same distribution without tools/: the launcher runs, a tool's name says what is missing
        Path bare = folder.resolve("without-tools");
        for (String part : List.of("bin", "lib", "features")) {
            copy(home.resolve(part), bare.resolve(part));
        }
        Process bench = bootctl(bare, "bench", "--quick").start();
        String err = output(bench.getErrorStream());
        assertTrue(bench.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, bench.exitValue(), err);
        assertEquals("bootctl: the bench command is not installed in this distribution: tools/ is missing", err.strip());
        Process help = bootctl(bare, "--help").start();
        String overview = output(help.getInputStream());
        assertTrue(help.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue(), overview);
        assertTrue(overview.contains("  session ") && !overview.contains("  bench "), overview);
    }

    private static List<String> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void runComesUpAndStopsCleanlyOnSigterm() throws Exception {
        // any free port: 8080 may be taken on a build machine, and run refuses a port in use
        Process process = bootctl("--data", folder.resolve("data").toString(), "--var", "http-port=0")
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            Thread collector = new Thread(() -> {
                try {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException ended) {
                    // the process went away
                }
            });
            collector.setDaemon(true);
            collector.start();

            String ready = awaitLine(lines, "bootctl ready: feature simulator, ", 60_000);
            assertTrue(ready.matches("bootctl ready: feature simulator, \\d+ bundles active, http://127\\.0\\.0\\.1:\\d+/"),
                    ready);
            assertTrue(process.isAlive(), "run keeps running");
            assertTrue(Files.isDirectory(folder.resolve("data")), "the data folder is made");
            assertEquals(1, felixStorage().size(), "one framework storage while running");

            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "bootctl ends after SIGTERM:\n" + lines);
            collector.join(10_000);
            // the shutdown hook printed this after every bundle stopped and every component deactivated
            synchronized (lines) {
                assertTrue(lines.contains("bootctl stopped"), lines.toString());
            }
            assertEquals(List.of(), felixStorage(), "the framework storage is removed");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theReadmeSpeaksOfThisDistribution() throws IOException {
        String readme = Files.readString(home.resolve("README.md"));
        assertTrue(readme.contains("bin/bootctl --help") && readme.contains("bin/bootctl session"), readme);
        assertFalse(readme.contains("./bootctl") || readme.contains(".ci/run") || readme.contains("mvn "),
                "no word of the source tree's tools:\n" + readme);
    }

    /**
     * Ctrl-C ends the first run (Java as the script's child, writing the class-data archive) as it
     * ends later runs (Java in the script's place): "bootctl stopped" and exit code 130. Options of
     * run come without its name.
     */
    @Test
    void ctrlCEndsTheFirstRunAndLaterRunsAlike() throws Exception {
        Path cache = home.resolve("cache");
        if (Files.isDirectory(cache)) {
            try (Stream<Path> files = Files.list(cache)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        for (String run : List.of("first run", "later run")) {
            Process process = bootctl("--port", "0", "--data", folder.resolve("data-ctrl-c").toString())
                    .redirectErrorStream(true).start();
            List<String> lines = collect(process);
            try {
                awaitLine(lines, "bootctl ready: feature simulator, ", 60_000);
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
                assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0);
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), run + ": bootctl ends after Ctrl-C:\n" + lines);
                assertEquals(130, process.exitValue(), run + ": " + lines);
                awaitLine(lines, "bootctl stopped", 10_000);
            } finally {
                process.destroyForcibly();
            }
            if (run.equals("first run")) {
                try (Stream<Path> files = Files.list(cache)) {
                    assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa")),
                            "the first run wrote the class-data archive, so the next is a later run");
                }
            }
        }
    }

    /**
     * A distribution in a folder whose path has spaces comes up on every run, not only the first:
     * the class-data archive the first run writes in its cache/ was named to Java split at the
     * space, and every later start failed ("Could not find or load main class").
     */
    @Test
    void aDistributionInAFolderWithSpacesComesUpAgainWithItsClassArchive() throws Exception {
        Path spaced = folder.resolve("my boots/bootctl here");
        Path cache = copyWithoutArchives(spaced);
        for (String run : List.of("first run", "later run")) {
            runUntilReady(spaced, folder.resolve("data-spaced"), run);
            if (run.equals("first run")) {
                try (Stream<Path> files = Files.list(cache)) {
                    assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa")),
                            "the first run wrote the class-data archive, so the next maps it");
                }
            }
        }
    }

    /**
     * A class-data archive cut short (a full disk, a write lost with the power) is not mapped but
     * made again: the JVM mapping one crashed (SIGBUS) at every start, so bootctl never came up.
     */
    @Test
    void aClassArchiveCutShortIsMadeAgainInsteadOfCrashingEveryStart() throws Exception {
        Path copy = folder.resolve("cut-archive");
        Path cache = copyWithoutArchives(copy);
        for (String run : List.of("first run", "run on the cut archive", "run after")) {
            runUntilReady(copy, folder.resolve("data-cut"), run);
            List<Path> archives;
            try (Stream<Path> files = Files.list(cache)) {
                archives = files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
            }
            assertEquals(1, archives.size(), run + ": " + archives);
            Path archive = archives.get(0);
            if (run.equals("first run")) {
                byte[] whole = Files.readAllBytes(archive);
                archive.toFile().setWritable(true);
                Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 8));
            } else {
                assertTrue(Files.size(archive) > 1_000_000, run + ": the archive is whole again: " + Files.size(archive));
            }
        }
    }

    /**
     * Only a run makes the class-data archive (docs/BENCHMARKS.md: commands other than run never
     * make one): the fleet's and the hub's commands start Java in the script's place like every
     * other, not as the archiving child that dumps its classes at exit (a write of megabytes, and
     * time, thrown away since only a run marks its archive usable). A stand-in java (JAVA_HOME,
     * with a base archive so sharing is possible) records how the script started it.
     */
    @Test
    void onlyARunIsStartedToArchiveItsClasses() throws Exception {
        Path javaHome = folder.resolve("recording-java");
        Files.createDirectories(javaHome.resolve("lib/server"));
        Files.writeString(javaHome.resolve("lib/server/classes.jsa"), "");
        Path calls = javaHome.resolve("calls");
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$*\" > '" + calls + "'\n");
        assertTrue(java.toFile().setExecutable(true));
        List<List<String>> commands = List.of(
                List.of("fleet", "status", "--broker", "mqtt://127.0.0.1:1"),
                List.of("hub", "--broker", "mqtt://127.0.0.1:1"),
                List.of("--data", folder.resolve("data-recorded").toString(), "run", "--port", "0"));
        for (List<String> command : commands) {
            Files.deleteIfExists(calls);
            ProcessBuilder builder = bootctl(command.toArray(String[]::new));
            builder.environment().put("JAVA_HOME", javaHome.toString());
            Process process = builder.redirectErrorStream(true).start();
            String out = output(process.getInputStream());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), out);
            String started = Files.readString(calls);
            assertEquals(command.contains("run"), started.contains("-XX:ArchiveClassesAtExit"),
                    String.join(" ", command) + " started Java as: " + started);
        }
    }

    /** A copy of the distribution at {@code to} without the class archives its runs made; its cache/ folder. */
    private static Path copyWithoutArchives(Path to) throws IOException {
        copy(home, to);
        Path cache = to.resolve("cache");
        if (Files.isDirectory(cache)) {
            try (Stream<Path> files = Files.list(cache)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        return cache;
    }

    /** Runs the distribution at {@code distribution} until its ready line, then stops it with SIGTERM. */
    private static void runUntilReady(Path distribution, Path data, String run) throws Exception {
        Process process = bootctl(distribution, "--port", "0", "--data", data.toString()).redirectErrorStream(true).start();
        List<String> lines = collect(process);
        try {
            awaitLine(lines, "bootctl ready: feature simulator, ", 60_000);
            process.toHandle().destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), run + ": bootctl ends after SIGTERM:\n" + lines);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Every line the process prints, as it prints it. */
    private static List<String> collect(Process process) {
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread collector = new Thread(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ended) {
                // the process went away
            }
        });
        collector.setDaemon(true);
        collector.start();
        return lines;
    }

    private static List<Path> felixStorage() throws IOException {
        try (Stream<Path> files = Files.list(folder.resolve("tmp"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("bootctl-felix-")).toList();
        }
    }

    private static String awaitLine(List<String> lines, String start, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lines) {
            while (lines.stream().noneMatch(l -> l.startsWith(start))) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    fail("no line starting '" + start + "' within " + timeoutMillis + " ms:\n" + lines);
                }
                lines.wait(left);
            }
            return lines.stream().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
        }
    }
}
