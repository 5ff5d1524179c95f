package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.bootctl.web.RequestGuard.Facts;
import org.junit.jupiter.api.Test;

class RequestGuardTest {

    private static final String JSON = "application/json";
    private final RequestGuard open = new RequestGuard("", Set.of());
    private final RequestGuard locked = new RequestGuard("s3cret-token", Set.of());

    /** A well-formed request from a browser on this machine, to be varied by each test. */
    private static Facts request(String method, String path) {
        return new Facts(method, path, "GET".equals(method) ? null : JSON, "GET".equals(method) ? -1 : 2, false,
                null, "localhost:8080", "http", "127.0.0.1", true, null);
    }

    private static Facts with(Facts f, String field, Object value) {
        return new Facts(
                field.equals("method") ? (String) value : f.method(),
                field.equals("path") ? (String) value : f.path(),
                field.equals("contentType") ? (String) value : f.contentType(),
                field.equals("contentLength") ? (Long) value : f.contentLength(),
                field.equals("chunked") ? (Boolean) value : f.chunked(),
                field.equals("origin") ? (String) value : f.origin(),
                field.equals("host") ? (String) value : f.host(),
                f.scheme(),
                field.equals("localAddress") ? (String) value : f.localAddress(),
                field.equals("remoteLoopback") ? (Boolean) value : f.remoteLoopback(),
                field.equals("authorization") ? (String) value : f.authorization());
    }

    private static Facts remote(Facts f) {
        return with(with(with(f, "remoteLoopback", false), "localAddress", "192.168.1.5"), "host", "192.168.1.5:8080");
    }

    @Test
    void readsAndWellFormedChangesFromThisMachinePass() {
        assertTrue(open.check(request("GET", "/api/devices")).allowed());
        assertTrue(open.check(request("POST", "/api/sessions")).allowed());
        assertTrue(open.check(with(request("POST", "/api/sessions"), "contentType", "application/json; charset=UTF-8")).allowed());
        assertTrue(open.check(with(request("POST", "/api/sessions"), "origin", "http://localhost:8080")).allowed());
    }

    @Test
    void hostMustBeLocalhostTheBoundAddressOrConfigured() {
        for (String host : new String[] {"localhost", "localhost:8080", "LOCALHOST:80", "127.0.0.1:8080", "127.1.2.3",
                "[::1]:8080", "[::1]"}) {
            assertTrue(open.hostAllowed(host, "127.0.0.1"), host);
        }
        assertTrue(open.hostAllowed("192.168.1.5:8080", "192.168.1.5"), "the address the request came in on");
        assertFalse(open.hostAllowed("192.168.1.6:8080", "192.168.1.5"), "another address");
        assertFalse(open.hostAllowed("attacker.example:8080", "127.0.0.1"), "DNS rebinding");
        assertFalse(open.hostAllowed("localhost.attacker.example", "127.0.0.1"));
        assertFalse(open.hostAllowed("", "127.0.0.1"));
        assertFalse(open.hostAllowed(null, "127.0.0.1"));
        assertTrue(new RequestGuard("", Set.of("Boot-Unit.local")).hostAllowed("boot-unit.local:8080", "10.0.0.2"));
    }

    @Test
    void aForeignHostIsRefusedEvenForReading() {
        RequestGuard.Verdict v = open.check(with(request("GET", "/api/history"), "host", "rebound.example:8080"));
        assertEquals(403, v.status());
        assertTrue(v.message().contains("rebound.example"));
    }

    @Test
    void changesMustBeJson() {
        assertEquals(415, open.check(with(request("POST", "/api/sessions"), "contentType", null)).status());
        assertEquals(415, open.check(with(request("POST", "/api/sessions"), "contentType", "text/plain")).status());
        assertEquals(415, open.check(with(request("POST", "/api/sessions/x/stop"), "contentType",
                "application/x-www-form-urlencoded")).status());
        assertEquals(415, open.check(with(request("POST", "/api/sessions/x/pause"), "contentType", "application/jsonx")).status());
    }

    /** Issue 6: "405 wrong method", also when the body is not JSON (it was 415) or there is none. */
    @Test
    void aMethodAPathDoesNotTakeIs405WhateverItsContentType() {
        for (String[] wrong : new String[][] {{"PUT", "/api/devices"}, {"POST", "/api/history"}, {"PUT", "/api/sessions"},
                {"PATCH", "/api/programs/sequential"}, {"POST", "/api/devices/sim-1"}, {"DELETE", "/api/sessions/x"},
                {"POST", "/api/events"}, {"PUT", "/index.html"}, {"POST", "/"}}) {
            for (String type : new String[] {null, "text/plain", JSON}) {
                RequestGuard.Verdict v = open.check(with(with(request(wrong[0], wrong[1]), "contentType", type),
                        "contentLength", type == null ? -1L : 2L));
                assertEquals(405, v.status(), wrong[0] + " " + wrong[1] + " as " + type);
                assertTrue(v.message().startsWith(wrong[0] + " is not allowed here; use "), v.message());
                assertTrue(v.allow() != null && !v.allow().contains(wrong[0]), v.allow());
            }
        }
        assertEquals("GET, HEAD", open.check(request("PUT", "/api/devices")).allow());
        assertEquals("POST", open.check(request("PUT", "/api/sessions")).allow());
        // the guard's own checks still come first: a foreign page, and a remote client without the token
        assertEquals(403, open.check(with(request("PUT", "/api/devices"), "origin", "http://evil.example")).status());
        assertEquals(401, locked.check(remote(request("PUT", "/api/devices"))).status());
        // a path that is not this bundle's (a plugin's servlet) is left to the usual checks
        assertEquals(415, open.check(with(request("PUT", "/plugin/thing"), "contentType", null)).status());
    }

    @Test
    void deleteWithoutBodyNeedsNoContentType() {
        Facts delete = with(with(request("DELETE", "/api/programs/mine"), "contentType", null), "contentLength", -1L);
        assertTrue(open.check(delete).allowed());
        assertEquals(415, open.check(with(delete, "contentLength", 5L)).status());
        assertEquals(415, open.check(with(delete, "chunked", true)).status());
    }

    @Test
    void originMustBeThisServer() {
        Facts post = request("POST", "/api/sessions");
        assertEquals(403, open.check(with(post, "origin", "http://evil.example")).status());
        assertEquals(403, open.check(with(post, "origin", "null")).status());
        assertEquals(403, open.check(with(post, "origin", "http://localhost:9999")).status());
        assertEquals(403, open.check(with(post, "origin", "https://localhost:8080")).status());
        assertTrue(open.check(with(post, "origin", "HTTP://LOCALHOST:8080")).allowed());
    }

    @Test
    void bodiesOverTheLimitAre413() {
        assertEquals(413, open.check(with(request("POST", "/api/programs"), "contentLength", 256L * 1024 + 1)).status());
        assertTrue(open.check(with(request("POST", "/api/programs"), "contentLength", 256L * 1024)).allowed());
    }

    @Test
    void withATokenRemoteChangesNeedIt() {
        Facts post = remote(request("POST", "/api/sessions"));
        assertEquals(401, locked.check(post).status());
        assertEquals(401, locked.check(with(post, "authorization", "Bearer wrong")).status());
        assertEquals(401, locked.check(with(post, "authorization", "Basic czNjcmV0LXRva2Vu")).status());
        assertEquals(401, locked.check(with(post, "authorization", "Bearer s3cret-token-and-more")).status());
        assertTrue(locked.check(with(post, "authorization", "Bearer s3cret-token")).allowed());
        assertTrue(locked.check(with(post, "authorization", "bearer s3cret-token")).allowed());
        assertTrue(locked.check(remote(request("GET", "/api/devices"))).allowed(), "reading needs no token");
        assertTrue(open.check(post).allowed(), "no token configured: the launcher allows that only on loopback");
    }

    @Test
    void withATokenLocalChangesPassButProgramAdministrationAlwaysNeedsIt() {
        assertTrue(locked.check(request("POST", "/api/sessions")).allowed());
        assertEquals(401, locked.check(request("POST", "/api/programs")).status());
        Facts delete = with(with(request("DELETE", "/api/programs/mine"), "contentType", null), "contentLength", -1L);
        assertEquals(401, locked.check(delete).status());
        assertTrue(locked.check(with(delete, "authorization", "Bearer s3cret-token")).allowed());
        assertTrue(open.check(request("POST", "/api/programs")).allowed(), "no token: loopback may upload");
    }

    @Test
    void emergencyStopIsAlwaysLetThrough() {
        Facts estop = new Facts("POST", "/api/devices/sim-1/estop", null, -1, false, "http://evil.example",
                "evil.example", "http", "192.168.1.5", false, null);
        assertTrue(locked.check(estop).allowed());
        assertTrue(locked.check(with(estop, "path", "/api/estop")).allowed());
        assertTrue(locked.check(with(estop, "contentType", "text/plain")).allowed());
        assertEquals(403, locked.check(with(estop, "path", "/api/devices/sim-1/clear-fault")).status(),
                "clearing a fault is not an emergency");
        assertEquals(403, locked.check(with(estop, "path", "/api/devices/a/b/estop")).status());
    }

    @Test
    void theTokenComparisonIsExactWhateverTheLength() {
        assertTrue(locked.tokenMatches("Bearer s3cret-token"));
        assertTrue(locked.tokenMatches("BEARER s3cret-token "), "the scheme is case-insensitive, spaces around are not the token");
        for (String wrong : new String[] {null, "", "Bearer", "Bearer ", "Bearer s3cret-toke", "Bearer s3cret-token2",
                "Bearer S3CRET-TOKEN", "Bearer s3cret token", "Bearers3cret-token", "Basic s3cret-token", "s3cret-token",
                "Bearer " + "s3cret-token".repeat(1000), "Bearer s3cret-t\u00f6ken"}) {
            assertFalse(locked.tokenMatches(wrong), String.valueOf(wrong));
        }
        assertFalse(open.tokenMatches("Bearer "), "no token set: nothing matches, the empty one neither");
        assertFalse(open.tokenMatches("Bearer anything"));
        RequestGuard unicode = new RequestGuard("t\u00f6ken-\u2603", Set.of());
        assertTrue(unicode.tokenMatches("Bearer t\u00f6ken-\u2603"));
        assertFalse(unicode.tokenMatches("Bearer toeken-\u2603"));
    }

    @Test
    void emergencyStopIsRecognisedWhateverTheMethodCase() {
        assertTrue(RequestGuard.emergencyStop(request("POST", "/api/devices/sim-1/estop")));
        assertTrue(RequestGuard.emergencyStop(request("post", "/api/estop")));
        assertFalse(RequestGuard.emergencyStop(request("GET", "/api/devices/sim-1/estop")));
        assertFalse(RequestGuard.emergencyStop(request("POST", "/api/devices/sim-1/estop/x")));
        assertFalse(RequestGuard.emergencyStop(request("POST", "/api/devices/sim-1/clear-fault")));
    }

    /** Issue 12, finding 7: white space alone (an em space, a no-break space …) is a token nobody can send. */
    @Test
    void aTokenOfWhiteSpaceIsNoneAnybodyCanSend() {
        for (String blank : new String[] {"\u2003", " ", "\u00a0", "\u2007\u202f", "\t\n", "\u3000", "\ufeff"}) {
            RequestGuard guard = new RequestGuard(blank, Set.of());
            assertTrue(RequestGuard.blank(blank), blank);
            assertTrue(guard.hasToken(), "not taken as no token: '" + blank + "'");
            for (String sent : new String[] {null, "Bearer " + blank, "Bearer ", "Bearer  ", "Bearer \u2003"}) {
                assertFalse(guard.tokenMatches(sent), "'" + blank + "' matched " + sent);
                assertEquals(401, guard.check(with(request("POST", "/api/programs"), "authorization", sent)).status());
                assertEquals(401, guard.check(remote(with(request("POST", "/api/sessions"), "authorization", sent))).status());
            }
            assertTrue(guard.check(remote(request("POST", "/api/devices/sim-1/estop"))).allowed(), "the stop still passes");
        }
        assertFalse(RequestGuard.blank("a\u2003"));
        assertFalse(new RequestGuard("", Set.of()).hasToken(), "empty: no token");
    }
}
