package org.bootctl.tools.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own, for the bench and the hub's tests: {@code initdb} and
 * {@code pg_ctl} (Debian's {@code postgresql}) in a temporary folder, on a free loopback port,
 * password authentication (scram-sha-256, a random password) for user {@link #USER}. Durable
 * commits as a real server has them (fsync on) for the bench; a test may turn fsync off. As root
 * it runs as user nobody, which PostgreSQL requires. Stopped and deleted by {@link #close()}.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The cluster's user. */
    public static final String USER = "bootctl";

    private final Path folder;
    private final int port;
    private final List<String> as;
    private final String password;

    private LocalPostgres(Path folder, int port, List<String> as, String password) {
        this.folder = folder;
        this.port = port;
        this.as = as;
        this.password = password;
    }

    /** Whether initdb and pg_ctl are installed. */
    public static boolean installed() {
        return tool("initdb") != null && tool("pg_ctl") != null;
    }

    /**
     * Makes and starts a cluster.
     *
     * @param durable fsync on, as a real server (the bench); off for a test's speed
     * @throws IOException when PostgreSQL is not installed or does not start
     */
    public static LocalPostgres start(boolean durable) throws IOException, InterruptedException {
        if (!installed()) {
            throw new IOException("PostgreSQL is not installed (Debian: apt-get install postgresql)");
        }
        // in the temporary folder, not under a caller's: user nobody must reach it
        Path folder = BenchLeftovers.temporaryFolder("bootctl-pg-");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        List<String> as = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            run(List.of("chown", "nobody", folder.toString()), List.of());
            as.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        String password = Long.toHexString(new java.security.SecureRandom().nextLong());
        Path passwordFile = folder.resolve("pw");
        run(List.of("sh", "-c", "printf '%s\\n' " + password + " > " + passwordFile), as);
        List<String> initdb = new ArrayList<>(List.of(tool("initdb"), "-D", folder.resolve("data").toString(), "-U", USER,
                "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8"));
        if (!durable) {
            initdb.add("--no-sync");
        }
        run(initdb, as);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LocalPostgres pg = new LocalPostgres(folder, port, as, password);
        run(List.of(tool("pg_ctl"), "-D", folder.resolve("data").toString(), "-l", folder.resolve("log").toString(), "-w",
                "-t", "60", "-o", "-k " + folder + " -p " + port + " -h 127.0.0.1" + (durable ? "" : " -F"), "start"), as);
        return pg;
    }

    /** The JDBC URL of its {@code postgres} database. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A file in {@code where} holding the password, for the hub's hub-db-password-file. */
    public Path passwordFile(Path where) throws IOException {
        Path file = where.resolve("pg-password");
        Files.writeString(file, password + "\n");
        return file;
    }

    /** Restarts the server (as an administrator does): every connection it had is ended. */
    public void restart() throws IOException, InterruptedException {
        run(List.of(tool("pg_ctl"), "-D", folder.resolve("data").toString(), "-l", folder.resolve("log").toString(), "-m", "fast",
                "-w", "-t", "60", "restart"), as);
    }

    @Override
    public void close() {
        try {
            run(List.of(tool("pg_ctl"), "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop"), as);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // deleted below all the same
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder
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
            throw new IOException(String.join(" ", full) + " failed: " + output.strip());
        }
    }
}
