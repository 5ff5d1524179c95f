package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fleet e-stop is let through the token check, so any client that reaches the hub may send it:
 * one that sends its body a byte at a time must not hold a server thread for as long as it likes
 * (the body is read within {@link ApiServlet#BODY_DEADLINE_MS}, then 408), or a few hundred such
 * clients would leave no thread for anybody's e-stop.
 */
class EstopSlowBodyTest {

    private final Map<String, String> headers = new HashMap<>();
    private final int[] status = new int[1];
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Test
    void aBodySentAByteAtATimeIsRefusedOnceItsTimeIsUp() {
        // 16 KiB at a byte each 50 ms would hold the thread for 14 minutes; the deadline is 5 s
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new ApiServlet(new Guard(""), null, null, () -> true)
                .serve(request(), response()), "the e-stop's body is read for as long as the client sends it");
        assertEquals(408, status[0], body.toString(StandardCharsets.UTF_8));
        assertTrue(body.toString(StandardCharsets.UTF_8).contains("did not arrive within 5 s"), body.toString(StandardCharsets.UTF_8));
        assertEquals("close", headers.get("Connection"));
    }

    /** A POST /api/fleet/estop whose body never ends: a space each 50 ms. */
    private static HttpServletRequest request() {
        ServletInputStream trickle = new ServletInputStream() {
            @Override
            public int read() throws IOException {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                b[off] = (byte) read();
                return 1;
            }

            @Override
            public boolean isFinished() {
                return false;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(EstopSlowBodyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "POST";
                    case "getRequestURI" -> "/api/fleet/estop";
                    case "getContextPath" -> "";
                    case "getContentType" -> "application/json";
                    case "getContentLengthLong" -> -1L;
                    case "getInputStream" -> trickle;
                    default -> null;
                });
    }

    private HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus" -> {
                        status[0] = (Integer) args[0];
                        yield null;
                    }
                    case "setHeader" -> {
                        headers.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "getOutputStream" -> out;
                    default -> null;
                });
    }
}
