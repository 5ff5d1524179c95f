package org.bootctl.launcher.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.testing.Cli;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mqtts:// with a CA of the test's own (made with openssl): the unit connects with
 * --var fleet-ca-file and its status reaches {@code bootctl fleet status} over TLS; without the CA
 * the broker's certificate is not trusted and the command fails with exit 1.
 */
@Tag("broker")
class FleetTlsIT {

    @TempDir
    Path folder;

    @Test
    void aUnitAndTheFleetCommandsOverTlsWithAPrivateCa() throws Exception {
        Mosquitto.require();
        Distribution distribution = TestDistribution.real();
        Path certificates = Mosquitto.makeCertificates(folder.resolve("certs"));
        String ca = certificates.resolve("ca.pem").toString();
        try (Mosquitto broker = Mosquitto.start(folder.resolve("broker"), List.of("s1/u1"), certificates)) {
            String url = "mqtts://127.0.0.1:" + broker.port();
            try (FleetController unit = FleetController.start(folder, url, "s1", "u1", "--var", "fleet-ca-file=" + ca)) {
                String pw = Mosquitto.passwordFile(folder).toString();
                Cli.Result status = Waits.until("u1 online in fleet status", Duration.ofSeconds(30), () -> {
                    Cli.Result s = Cli.run(distribution, "fleet", "status", "--broker", url, "--ca-file", ca, "--user",
                            Mosquitto.ADMIN, "--password-file", pw);
                    assertEquals(0, s.exitCode(), s.toString());
                    return s;
                }, s -> s.out().contains("online"));
                assertTrue(status.out().contains("s1    u1    online") && status.out().contains("u1-dev"), status.out());

                Cli.Result untrusted = Cli.run(distribution, "fleet", "status", "--broker", url, "--user", Mosquitto.ADMIN,
                        "--password-file", pw);
                assertEquals(1, untrusted.exitCode(), untrusted.toString());
            }
        }
    }
}
