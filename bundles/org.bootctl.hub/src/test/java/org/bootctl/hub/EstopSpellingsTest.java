package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The fleet e-stop from another machine, without the token (stopping is the safe direction), in
 * the spellings the web UI takes for its own e-stop: a trailing {@code /}, the method in small
 * letters, a letter of the path percent-encoded. Each named the e-stop, and each was refused: 401
 * (the guard saw no e-stop, so it asked for the token) or 405 "POST is not allowed" with
 * {@code Allow: GET}, and no {@code cmd/estop} went out.
 */
class EstopSpellingsTest {

    @Test
    void everySpellingOfTheStopIsSent() throws Exception {
        for (String[] spelling : new String[][] {{"POST", "/api/fleet/estop/"}, {"post", "/api/fleet/estop"},
            {"POST", "/api/fleet/%65stop"}}) {
            List<String> published = new CopyOnWriteArrayList<>();
            Estops estops = new Estops((topic, payload) -> published.add(topic));
            estops.known().seen("s1", "u1", "d1", false);
            ApiServlet api = new ApiServlet(new Guard("the-token"), null, estops, () -> false);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int[] status = {0};
            api.service(request(spelling[0], spelling[1], "{\"site\":\"s1\"}"), EstopWithoutDatabaseTest.response(answer, status));
            assertEquals(List.of("bootctl/v1/s1/u1/cmd/estop"), published, spelling[0] + " " + spelling[1] + " was answered "
                    + status[0] + " " + answer.toString(StandardCharsets.UTF_8));
            assertEquals(200, status[0], answer.toString(StandardCharsets.UTF_8));
        }
    }

    /** From 10.0.0.9 (another machine), without a token, to the hub on 10.0.0.1. */
    private static HttpServletRequest request(String method, String uri, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        ServletInputStream stream = new ServletInputStream() {
            public boolean isFinished() { return in.available() == 0; }
            public boolean isReady() { return true; }
            public void setReadListener(ReadListener l) { }
            public int read() { return in.read(); }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(EstopSpellingsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getHeader" -> "Host".equals(a[0]) ? "10.0.0.1:8090" : null;
                    case "getLocalAddr" -> "10.0.0.1";
                    case "getRemoteAddr" -> "10.0.0.9";
                    case "getRequestURI" -> uri;
                    case "getContextPath" -> "";
                    case "getScheme" -> "http";
                    case "getContentType" -> "application/json";
                    case "getContentLengthLong" -> (long) bytes.length;
                    case "getContentLength" -> bytes.length;
                    case "getInputStream" -> stream;
                    default -> null;
                });
    }
}
