package org.bootctl.launcher.fleet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bootctl.testing.Tools;
import org.bootctl.testing.Waits;

/**
 * A real Mosquitto of the test's own, on a free loopback port, set up as docs/FLEET.md says a
 * studio sets it up: no anonymous clients, a password file, an ACL (each unit publishes only
 * under its own prefix and reads only its cmd/ and the program topics; "admin" reads and writes
 * everything), optionally TLS with a certificate the test makes. Persistence is on (saved every
 * second), so a subscriber's session and its queued messages outlive a broker killed with SIGKILL.
 */
final class Mosquitto implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String PASSWORD = "secret-pw";

    private final Path folder;
    private final Path config;
    private final int port;
    private Process process;

    private Mosquitto(Path folder, Path config, int port) {
        this.folder = folder;
        this.config = config;
        this.port = port;
    }

    /** Fails under CI=true when Mosquitto is missing (.ci/run installs it); skips otherwise. */
    static void require() {
        Tools.require("the Debian packages mosquitto and mosquitto-clients", "mosquitto", "mosquitto_passwd");
    }

    /**
     * @param units each unit as {@code site/unit}; its user is {@code site-unit} with {@link #PASSWORD}
     * @param tls   a folder with {@code ca.pem}, {@code server.pem} and {@code server.key}, or null for plain MQTT
     */
    static Mosquitto start(Path folder, List<String> units, Path tls) throws IOException, InterruptedException {
        require();
        Files.createDirectories(folder);
        Path passwords = folder.resolve("passwords");
        Path acl = folder.resolve("acl");
        List<String> users = new ArrayList<>(List.of(ADMIN));
        StringBuilder rules = new StringBuilder("user " + ADMIN + "\ntopic readwrite bootctl/#\n\n");
        for (String unit : units) {
            String[] su = unit.split("/");
            String user = su[0] + "-" + su[1];
            users.add(user);
            rules.append("user ").append(user).append('\n')
                    .append("topic write bootctl/v1/").append(unit).append("/#\n")
                    .append("topic read bootctl/v1/").append(unit).append("/cmd/#\n")
                    .append("topic read bootctl/v1/").append(su[0]).append("/programs/#\n")
                    .append("topic read bootctl/v1/all/programs/#\n\n");
        }
        Files.writeString(acl, rules);
        Files.deleteIfExists(passwords);
        Files.createFile(passwords);
        for (String user : users) {
            run(List.of(tool("mosquitto_passwd"), "-b", passwords.toString(), user, PASSWORD));
        }
        int port = freePort();
        String listener = "listener " + port + " 127.0.0.1\n" + (tls == null ? "" : "cafile " + tls.resolve("ca.pem")
                + "\ncertfile " + tls.resolve("server.pem") + "\nkeyfile " + tls.resolve("server.key") + "\n");
        Path config = folder.resolve("mosquitto.conf");
        Files.writeString(config, listener + "allow_anonymous false\npassword_file " + passwords + "\nacl_file " + acl
                + "\npersistence true\npersistence_location " + folder + "/\nautosave_interval 1\n"
                // the window docs/HUB.md asks of a hub's broker: many messages held unacknowledged across a kill
                + "max_inflight_messages 1000\n"
                + "log_dest file " + folder.resolve("mosquitto.log") + "\n"
                // started as root, mosquitto would become user mosquitto and lose the test's files
                + "user " + System.getProperty("user.name") + "\n");
        Mosquitto broker = new Mosquitto(folder, config, port);
        broker.startProcess();
        return broker;
    }

    int port() {
        return port;
    }

    String url() {
        return "mqtt://127.0.0.1:" + port;
    }

    /** SIGKILL: what a crash or a pulled plug does to the broker. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Until the broker has saved its state (every second: autosave_interval) since {@code since},
     * e.g. since a client subscribed: a broker killed before that forgets the client's session, and
     * what is published before it subscribes again is not kept for it.
     */
    void awaitSavedSince(Instant since, Duration wait) {
        Path saved = folder.resolve("mosquitto.db");
        Waits.until("the broker's state saved to " + saved, wait, () -> Files.exists(saved)
                && Files.getLastModifiedTime(saved).toInstant().isAfter(since.plusMillis(1100)));
    }

    /** Back on the same port, with what it had saved. */
    void restart() throws IOException, InterruptedException {
        startProcess();
    }

    private void startProcess() throws IOException, InterruptedException {
        process = new ProcessBuilder(tool("mosquitto"), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("stdout.log").toFile()).start();
        Waits.until(() -> "mosquitto listening on port " + port + "; it said: " + said(), Duration.ofSeconds(10), () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError("mosquitto did not start on port " + port + ": " + said());
                }
                return false;
            }
        });
    }

    private String said() {
        try {
            return Files.readString(folder.resolve("stdout.log"));
        } catch (IOException e) {
            return "(no stdout.log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A password file for the controllers' --var fleet-password-file. */
    static Path passwordFile(Path folder) throws IOException {
        Path file = folder.resolve("fleet-password");
        Files.writeString(file, PASSWORD + "\n");
        return file;
    }

    /** A CA and a server certificate for 127.0.0.1 and localhost, made with openssl. */
    static Path makeCertificates(Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        String ca = folder.resolve("ca").toString();
        String server = folder.resolve("server").toString();
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=bootctl test CA",
                "-keyout", ca + ".key", "-out", ca + ".pem"));
        Files.writeString(folder.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", server + ".key", "-out", server + ".csr"));
        run(List.of("openssl", "x509", "-req", "-in", server + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                "-CAcreateserial", "-days", "2", "-extfile", folder.resolve("san.ext").toString(), "-out", server + ".pem"));
        return folder;
    }

    private static String tool(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return name;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
