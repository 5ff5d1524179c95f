package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * issue 17: the hub's security rules are bootctl run's (docs/API.md, rule 7): a request that
 * changes something is JSON (415 otherwise), except a DELETE without a body, which goes on to
 * the API's own answer (405 with Allow, as {@code run} gives for a path without DELETE).
 */
class GuardContentTypeTest {

    private final Guard guard = new Guard(null);

    @Test
    void aDeleteWithoutABodyNeedsNoContentType() {
        assertNull(guard.check(request("DELETE", null, -1, Map.of())), "on to the API, which answers 405");
        assertNull(guard.check(request("DELETE", null, 0, Map.of())));
    }

    @Test
    void anyOtherChangeMustBeJson() {
        assertEquals(415, guard.check(request("POST", null, 2, Map.of())).status());
        assertEquals(415, guard.check(request("POST", "text/plain", 2, Map.of())).status());
        assertEquals(415, guard.check(request("POST", null, -1, Map.of())).status(), "a POST without a body too");
        assertEquals(415, guard.check(request("DELETE", "text/plain", 2, Map.of())).status(), "a DELETE with a body");
        assertEquals(415, guard.check(request("DELETE", null, -1, Map.of("Transfer-Encoding", "chunked"))).status());
        assertNull(guard.check(request("POST", "application/json; charset=utf-8", 2, Map.of())));
    }

    private HttpServletRequest request(String method, String type, long length, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(extra);
        headers.put("Host", "127.0.0.1:8090");
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getContentType" -> type;
                    case "getContentLengthLong" -> length;
                    case "getRequestURI" -> "/api/fleet/units";
                    case "getContextPath" -> "";
                    case "getScheme" -> "http";
                    case "getLocalAddr", "getRemoteAddr" -> "127.0.0.1";
                    default -> null;
                });
    }
}
