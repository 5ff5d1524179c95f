package org.bootctl.launcher.fleet;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bootctl.launcher.testing.Tools;

/**
 * A real PostgreSQL of the test's own (Debian's postgresql: initdb and pg_ctl), a cluster in a
 * temporary folder on a free loopback port, with password authentication (scram-sha-256) for
 * user {@link #USER}. PostgreSQL refuses to run as root, so as root the cluster belongs to user
 * nobody and its tools run through runuser. Stopped and deleted by {@link #close()}.
 */
final class Postgres implements AutoCloseable {

    static final String USER = "bootctl";
    static final String PASSWORD = "pg-secret";

    private final Path folder;
    private final int port;
    private final List<String> as;

    private Postgres(Path folder, int port, List<String> as) {
        this.folder = folder;
        this.port = port;
        this.as = as;
    }

    /** Fails under CI=true when PostgreSQL is missing (.ci/run installs it); skips otherwise. */
    static void require() {
        Tools.require(tool("initdb") != null && tool("pg_ctl") != null, "PostgreSQL (initdb, pg_ctl)",
                "the Debian package postgresql");
    }

    static Postgres start() throws IOException, InterruptedException {
        require();
        // not under the test's own folder: user nobody must reach it
        Path folder = Files.createTempDirectory(Path.of("/tmp"), "bootctl-pg-");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        List<String> as = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            run(List.of("chown", "nobody", folder.toString()), List.of());
            as.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        Path passwordFile = folder.resolve("pw");
        run(List.of("sh", "-c", "printf '%s\\n' " + PASSWORD + " > " + passwordFile), as);
        run(List.of(tool("initdb"), "-D", folder.resolve("data").toString(), "-U", USER, "--auth=scram-sha-256",
                "--pwfile=" + passwordFile, "-E", "UTF8", "--no-sync"), as);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Postgres pg = new Postgres(folder, port, as);
        run(List.of(tool("pg_ctl"), "-D", folder.resolve("data").toString(), "-l", folder.resolve("log").toString(), "-w",
                "-t", "60", "-o", "-k " + folder + " -p " + port + " -h 127.0.0.1 -F", "start"), as);
        return pg;
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A password file for the hub's --var hub-db-password-file. */
    Path passwordFile(Path testFolder) throws IOException {
        Path file = testFolder.resolve("pg-password");
        Files.writeString(file, PASSWORD + "\n");
        return file;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(List.of(tool("pg_ctl"), "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop"), as);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** On the PATH, or where Debian puts it: /usr/lib/postgresql/VERSION/bin (the newest). */
    private static String tool(String name) {
        List<Path> dirs = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            dirs.add(Path.of(dir));
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.sorted(Comparator.reverseOrder()).forEach(v -> dirs.add(v.resolve("bin")));
        } catch (IOException none) {
            // not installed there
        }
        for (Path dir : dirs) {
            if (Files.isExecutable(dir.resolve(name))) {
                return dir.resolve(name).toString();
            }
        }
        return null;
    }

    private static void run(List<String> command, List<String> as) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(as);
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", full) + " failed: " + output);
        }
    }
}
