package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureReader;
import org.bootctl.launcher.testing.TestDistribution;
import org.bootctl.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The web server listens where the feature says, and nowhere wider even before (or without)
 * its configuration: Felix HTTP starts Jetty as its bundle starts, ahead of ConfigurationAdmin.
 */
class HttpBindingIT {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    private Feature simulator(Map<String, String> variables) throws Exception {
        return FeatureReader.read(TestDistribution.real().features().resolve("simulator.json"), variables);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void readsTheFeaturesAddressPortAndToken() throws Exception {
        HttpBinding plain = HttpBinding.of(simulator(Map.of()));
        assertEquals(new HttpBinding(true, "127.0.0.1", 8080, ""), plain);
        assertTrue(plain.loopback());
        assertEquals(Map.of(HttpBinding.HOST, "127.0.0.1", HttpBinding.PORT, "8080"), plain.frameworkProperties());
        HttpBinding wide = HttpBinding.of(simulator(Map.of("http-bind", "0.0.0.0", "http-port", "9000",
                "web-token", " s3cret ")));
        assertEquals(new HttpBinding(true, "0.0.0.0", 9000, "s3cret"), wide);
        assertFalse(wide.loopback());

        Path none = Files.writeString(folder.resolve("none.json"), "{ \"id\": \"x:none:1\", \"bundles\": [] }");
        HttpBinding unconfigured = HttpBinding.of(FeatureReader.read(none, Map.of()));
        assertFalse(unconfigured.configured());
        assertEquals("127.0.0.1", unconfigured.host(), "loopback unless a feature says otherwise");
    }

    @Test
    void onlyLoopbackAddressesAndLocalhostCountAsThisMachine() {
        for (String host : List.of("127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]",
                "0:0:0:0:0:0:0:1")) {
            assertTrue(new HttpBinding(true, host, 80, "").loopback(), host);
        }
        for (String host : List.of("0.0.0.0", "", "::", "192.168.1.10", "10.0.0.1", "my-unit.local",
                "localhost.example.com", "128.0.0.1")) {
            assertFalse(new HttpBinding(true, host, 80, "").loopback(), host);
        }
    }

    @Test
    void aPortInUseIsRefusedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            HttpBinding binding = new HttpBinding(true, "127.0.0.1", taken.getLocalPort(), "");
            var refused = org.junit.jupiter.api.Assertions.assertThrows(
                    org.bootctl.launcher.cli.CommandException.class, binding::checkAvailable);
            assertEquals(1, refused.exitCode());
            assertEquals("run: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use (another bootctl"
                    + " run?): choose another with --port N", refused.getMessage());
        }
        new HttpBinding(true, "127.0.0.1", freePort(), "").checkAvailable(); // a free one passes
    }

    /** bootctl hub on a port in use names itself, not run (it said "run: ... (another bootctl run?)"). */
    @Test
    void aHubOnAPortInUseIsRefusedAsTheHub() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            int code = org.bootctl.launcher.Main.run(List.of("hub", "--broker", "mqtt://127.0.0.1:1", "--port",
                    String.valueOf(taken.getLocalPort()), "--data", folder.resolve("hub-data").toString()),
                    new java.io.PrintStream(out, true), new java.io.PrintStream(err, true), false, TestDistribution.real());
            assertEquals(1, code, err.toString());
            assertEquals("bootctl: hub: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use (another"
                    + " bootctl hub?): choose another with --port N", err.toString().strip());
        }
    }

    /**
     * The framework properties carry the address, so Felix HTTP without any configuration (as it
     * is before ConfigurationAdmin delivers one, here after it is deleted) still listens on the
     * bound address and port only, not on every interface at 8080.
     */
    @Test
    void withoutItsConfigurationFelixHttpStillListensOnTheBoundAddressOnly() throws Exception {
        int port = freePort();
        Distribution distribution = TestDistribution.real();
        try (OsgiRuntime runtime = OsgiRuntime.start(simulator(Map.of("http-port", Integer.toString(port))),
                distribution, folder.resolve("data"), false)) {
            assertEquals("127.0.0.1", runtime.context().getProperty(HttpBinding.HOST));
            assertEquals(Integer.toString(port), runtime.context().getProperty(HttpBinding.PORT));
            assertEquals("http://127.0.0.1:" + port + "/", awaitEndpoint(runtime, u -> true));

            List<ServiceEvent> changes = Collections.synchronizedList(new ArrayList<>());
            ServiceListener listener = changes::add;
            runtime.context().addServiceListener(listener, "(osgi.http.endpoint=*)");
            ConfigurationAdmin admin = runtime.service(ConfigurationAdmin.class, null).orElseThrow();
            Configuration http = admin.getConfiguration(HttpBinding.HTTP_PID, "?");
            assertEquals(Integer.toString(port), String.valueOf(http.getProperties().get(HttpBinding.PORT)));
            http.delete();
            Waits.until("Felix HTTP registered or modified its endpoint", DEADLINE, () -> changes.stream()
                    .anyMatch(e -> e.getType() == ServiceEvent.REGISTERED || e.getType() == ServiceEvent.MODIFIED));
            assertFalse(changes.isEmpty(), "Felix HTTP took up the deleted configuration");
            assertEquals("http://127.0.0.1:" + port + "/", awaitEndpoint(runtime, u -> true),
                    "the framework properties' address, not every interface");
            for (InetAddress other : otherAddresses()) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(other, port), 2000);
                    throw new AssertionError("reachable on " + other.getHostAddress() + ":" + port);
                } catch (IOException refused) {
                    // as it should be
                }
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                assertTrue(socket.isConnected());
            }
        }
    }

    private static String awaitEndpoint(OsgiRuntime runtime, java.util.function.Predicate<String> wanted)
            throws InterruptedException {
        return Waits.until("an HTTP endpoint", DEADLINE, () -> runtime.httpEndpoint().filter(wanted), Optional::isPresent)
                .orElseThrow();
    }

    /** This machine's IPv4 addresses that are not loopback (none on some CI machines). */
    private static List<InetAddress> otherAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    addresses.add(address);
                }
            }
        }
        return addresses;
    }
}
