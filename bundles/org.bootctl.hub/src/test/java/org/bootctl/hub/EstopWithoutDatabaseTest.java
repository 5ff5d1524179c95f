package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.ConnectionPoolDataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/**
 * repro (rev-fleet): POST /api/fleet/estop finds its units by reading the database
 * (ApiServlet.estop: queries.units()), so while the hub's database is down (or its 8 pooled
 * connections are busy: up to 30 s of loginTimeout) the dashboard's STOP answers 503 and no
 * cmd/estop is published at all, although the broker is up and the hub saw every unit's retained
 * status. The e-stop is the one request let through without a token because stopping is the safe
 * direction; it should not depend on the database.
 */
class EstopWithoutDatabaseTest {

    @Test
    void aStopForANamedUnitIsPublishedWhileTheDatabaseIsDown() throws Exception {
        ConnectionPoolDataSource down = (ConnectionPoolDataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConnectionPoolDataSource.class}, (p, m, a) -> {
                    if (m.getName().startsWith("getPooledConnection")) {
                        throw new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
                    }
                    return m.getReturnType() == int.class ? 0 : null;
                });
        Database db = new Database(JdbcConnectionPool.create(down), Database.Dialect.POSTGRESQL, "PostgreSQL (down)");
        List<String> published = new CopyOnWriteArrayList<>();
        Estops estops = new Estops((topic, payload) -> published.add(topic));
        ApiServlet api = new ApiServlet(new Guard(""), new Queries(db), estops, () -> true);

        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int[] status = {0};
        api.service((ServletRequest) request("{\"site\":\"s1\",\"unit\":\"u1\"}"), (ServletResponse) response(answer, status));

        assertEquals(List.of("bootctl/v1/s1/u1/cmd/estop"), published,
                "the stop went out; the hub answered " + status[0] + " " + answer.toString(StandardCharsets.UTF_8));
    }

    static HttpServletRequest request(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        ServletInputStream stream = new ServletInputStream() {
            public boolean isFinished() { return in.available() == 0; }
            public boolean isReady() { return true; }
            public void setReadListener(ReadListener l) { }
            public int read() { return in.read(); }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(EstopWithoutDatabaseTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> "POST";
                    case "getHeader" -> "Host".equals(a[0]) ? "127.0.0.1:8090" : null;
                    case "getLocalAddr", "getRemoteAddr" -> "127.0.0.1";
                    case "getRequestURI" -> "/api/fleet/estop";
                    case "getContextPath" -> "";
                    case "getScheme" -> "http";
                    case "getContentType" -> "application/json";
                    case "getContentLengthLong" -> (long) bytes.length;
                    case "getContentLength" -> bytes.length;
                    case "getInputStream" -> stream;
                    default -> null;
                });
    }

    static HttpServletResponse response(ByteArrayOutputStream out, int[] status) {
        ServletOutputStream stream = new ServletOutputStream() {
            public boolean isReady() { return true; }
            public void setWriteListener(WriteListener l) { }
            public void write(int b) { out.write(b); }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(EstopWithoutDatabaseTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    if (m.getName().equals("setStatus")) {
                        status[0] = (Integer) a[0];
                    }
                    return m.getName().equals("getOutputStream") ? stream : m.getReturnType() == boolean.class ? false : null;
                });
    }
}
