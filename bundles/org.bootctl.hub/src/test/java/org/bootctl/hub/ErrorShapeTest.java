package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** issue 17: the hub's errors "as in docs/API.md": {@code {"error", "details"}}, and a 401 names its scheme. */
class ErrorShapeTest {

    private final Map<String, String> headers = new HashMap<>();
    private final int[] status = new int[1];
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Test
    void everyErrorHasTheApisShape() throws Exception {
        ApiServlet.error(response(), 404, "no unit s1/zz");
        assertEquals(404, status[0]);
        JsonObject error = JsonParser.parseString(body.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("no unit s1/zz", error.get("error").getAsString());
        assertTrue(error.get("details").isJsonArray() && error.getAsJsonArray("details").isEmpty(), error.toString());
    }

    @Test
    void a401AsksForTheBearerScheme() throws Exception {
        ApiServlet.error(response(), 401, "this request needs the access token: Authorization: Bearer <token>");
        assertEquals("Bearer", headers.get("WWW-Authenticate"));
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
