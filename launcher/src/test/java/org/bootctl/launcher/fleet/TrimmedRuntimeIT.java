package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained archive's trimmed runtime (runtime/, no other Java: JAVA_HOME unset) on the
 * code paths a board takes only sometimes, past what PackageIT's simulator run loads: TLS to a
 * broker whose certificate is EC (the EC provider is a module jlink adds only when named), and the
 * bench's hub part (java.net.http). Both failed on a runtime without those modules.
 */
@Tag("broker")
class TrimmedRuntimeIT {

    @TempDir
    static Path folder;
    static Path bootctl;

    @BeforeAll
    static void unpack() throws Exception {
        Path target = TestDistribution.real().home().getParent();
        Path archive;
        try (Stream<Path> files = Files.list(target)) {
            archive = files.filter(f -> f.getFileName().toString().matches("bootctl-.*-linux-.*\\.tar\\.gz"))
                    .findFirst().orElseThrow(() -> new AssertionError("no self-contained archive in " + target));
        }
        Path unpacked = Files.createDirectories(folder.resolve("trimmed"));
        Result tar = run(List.of("tar", "xzf", archive.toString(), "-C", unpacked.toString()), 120);
        assertEquals(0, tar.code(), tar.output());
        try (Stream<Path> files = Files.list(unpacked)) {
            bootctl = files.findFirst().orElseThrow().resolve("bin/bootctl");
        }
    }

    @Test
    void fleetStatusReachesABrokerWithAnEcCertificateOverTls() throws Exception {
        Mosquitto.require();
        Path certificates = ecCertificates(folder.resolve("ec-certs"));
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), certificates)) {
            Result status = run(List.of(bootctl.toString(), "fleet", "status", "--broker",
                    "mqtts://127.0.0.1:" + broker.port(), "--ca-file", certificates.resolve("ca.pem").toString(),
                    "--user", Mosquitto.ADMIN, "--password-file", Mosquitto.passwordFile(folder).toString()), 120);
            // before: "cannot reach the broker ...: Received fatal alert: handshake_failure", exit 1
            assertEquals(0, status.code(), status.output());
            assertTrue(status.output().contains("no unit has published to this broker"), status.output());
        }
    }

    @Test
    void theBenchsHubPartRuns() throws Exception {
        Mosquitto.require(); // without it the hub part is skipped, and nothing would be shown
        Path json = folder.resolve("bench.json");
        Result bench = run(List.of(bootctl.toString(), "bench", "--smoke", "--only", "hub", "--json", json.toString()), 600);
        // before: "bootctl: internal error: java.lang.NoClassDefFoundError: java/net/http/HttpClient", exit 1
        assertEquals(0, bench.code(), bench.output());
        assertFalse(bench.output().contains("NoClassDefFoundError"), bench.output());
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertTrue(root.get("hub").isJsonObject() && root.getAsJsonObject("hub").get("h2").isJsonObject(),
                "the hub part measured H2:\n" + root.get("hub"));
    }

    /** A CA and a server certificate for 127.0.0.1, both on the P-256 curve (as Mosquitto.start wants them). */
    private static Path ecCertificates(Path dir) throws Exception {
        Files.createDirectories(dir);
        String ca = dir.resolve("ca").toString();
        String server = dir.resolve("server").toString();
        List<String> ec = List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes");
        List<List<String>> steps = new ArrayList<>();
        List<String> caStep = new ArrayList<>(List.of("openssl", "req", "-x509", "-days", "2", "-subj", "/CN=bootctl EC test CA"));
        caStep.addAll(ec);
        caStep.addAll(List.of("-keyout", ca + ".key", "-out", ca + ".pem"));
        steps.add(caStep);
        List<String> serverStep = new ArrayList<>(List.of("openssl", "req", "-subj", "/CN=127.0.0.1"));
        serverStep.addAll(ec);
        serverStep.addAll(List.of("-keyout", server + ".key", "-out", server + ".csr"));
        steps.add(serverStep);
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        steps.add(List.of("openssl", "x509", "-req", "-in", server + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                "-CAcreateserial", "-days", "2", "-extfile", dir.resolve("san.ext").toString(), "-out", server + ".pem"));
        for (List<String> step : steps) {
            Result r = run(step, 60);
            assertEquals(0, r.code(), step + ": " + r.output());
        }
        return dir;
    }

    record Result(int code, String output) {
    }

    /** Runs a command to its end with the trimmed runtime as the only Java bin/bootctl may take. */
    private static Result run(List<String> command, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(folder.toFile());
        builder.environment().remove("JAVA_HOME"); // bin/bootctl then takes runtime/ beside it
        builder.environment().remove("BOOTCTL_FEATURES");
        Path tmp = Files.createDirectories(folder.resolve("tmp"));
        builder.environment().put("BOOTCTL_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
        builder.environment().put("XDG_CACHE_HOME", folder.resolve("cache").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output;
        try {
            output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                fail(command + " still running after " + timeoutSeconds + " s");
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
