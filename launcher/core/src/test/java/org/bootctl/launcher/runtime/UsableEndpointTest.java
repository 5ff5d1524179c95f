package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The URL of the ready line (issue 6: "The ready line shows the URL") when the web server listens on
 * every address: Felix lists one endpoint per address, IPv6 ones with their interface.
 */
class UsableEndpointTest {

    @Test
    void anIpv4AddressBeforeAnIpv6OneWithItsInterface() {
        // what Felix published for --bind 0.0.0.0 on this machine; the ready line showed the first
        assertEquals(Optional.of("http://192.0.2.2:18432/"), OsgiRuntime.usableEndpoint(
                List.of("http://[fd00:0:0:0:0:0:0:2%eth0]:18432/", "http://192.0.2.2:18432/")));
    }

    @Test
    void anIpv6AddressLosesAnInterfaceItDoesNotNeedAndEscapesOneItDoes() {
        String global = OsgiRuntime.usableEndpoint(List.of("http://[fd00:0:0:0:0:0:0:2%eth0]:8080/")).orElseThrow();
        assertEquals("http://[fd00:0:0:0:0:0:0:2]:8080/", global);
        assertEquals("fd00:0:0:0:0:0:0:2", URI.create(global).getHost().replaceAll("[\\[\\]]", ""));
        assertEquals(Optional.of("http://[fe80:0:0:0:0:0:0:1%25eth0]:8080/"),
                OsgiRuntime.usableEndpoint(List.of("http://[fe80:0:0:0:0:0:0:1%eth0]:8080/")));
    }

    /** {@code run --bind ::1} printed {@code http://::1:18436/}, and its warm-up ended the controller ("hostname can't be null"). */
    @Test
    void anIpv6AddressWithoutBracketsGetsThem() {
        String loopback = OsgiRuntime.usableEndpoint(List.of("http://::1:18436/")).orElseThrow();
        assertEquals("http://[::1]:18436/", loopback);
        assertEquals("[::1]", URI.create(loopback).getHost());
        assertEquals(18436, URI.create(loopback).getPort());
        assertEquals(Optional.of("http://[fd00:0:0:0:0:0:0:2]:8080/"),
                OsgiRuntime.usableEndpoint(List.of("http://fd00:0:0:0:0:0:0:2%eth0:8080/")));
        assertEquals(Optional.of("http://localhost:8080/"), OsgiRuntime.usableEndpoint(List.of("http://localhost:8080/")));
    }

    @Test
    void aWarmUpOfAnAddressWithNoHostIsSkippedNotThrown() {
        URI unread = URI.create("http://::1:18436/");
        assertEquals(null, unread.getHost());
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> WebWarmup.inBackground(unread, ""));
    }

    @Test
    void aSingleLoopbackEndpointIsTakenAsItIs() {
        assertEquals(Optional.of("http://127.0.0.1:8080/"), OsgiRuntime.usableEndpoint(List.of("http://127.0.0.1:8080/")));
        assertEquals(Optional.of("http://[::1]:8080/"), OsgiRuntime.usableEndpoint(List.of(" ", "http://[::1]:8080/")));
        assertEquals(Optional.empty(), OsgiRuntime.usableEndpoint(List.of()));
    }
}
