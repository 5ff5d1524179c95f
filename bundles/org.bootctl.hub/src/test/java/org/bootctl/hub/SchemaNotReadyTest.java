package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's API is up before its migrations are done (the e-stop needs only the broker), and
 * {@code bootctl hub} asks {@code GET /api/fleet/units} until it answers: until the schema is
 * there, a read is told the database is being prepared, without asking it; it asked, and logged
 * "relation units does not exist" with its stack at every first start.
 */
class SchemaNotReadyTest {

    @Test
    void aReadBeforeTheMigrationsAreDoneIsToldToComeBackAndLogsNothing(@TempDir Path folder) throws Exception {
        Database db = Database.open("", "", "", folder);
        AtomicBoolean ready = new AtomicBoolean();
        ApiServlet api = new ApiServlet(new Guard(""), new Queries(db), new Estops((topic, payload) -> { }), ready::get);
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ApiServlet.class.getName());
        logger.addHandler(handler);
        try {
            String early = get(api, "/api/fleet/units");
            assertEquals("503 " + "{\"error\":\"" + ApiServlet.PREPARING + ": try again in a moment\",\"details\":[]}", early);
            assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList(), "nothing is wrong: nothing to log");

            Migrations.run(db);
            ready.set(true);
            assertEquals("200 []", get(api, "/api/fleet/units"));
        } finally {
            logger.removeHandler(handler);
            db.close();
        }
    }

    /** The status and the body of a GET. */
    private static String get(ApiServlet api, String path) throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(SchemaNotReadyTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> "GET";
                    case "getHeader" -> "Host".equals(a[0]) ? "127.0.0.1:8090" : null;
                    case "getLocalAddr", "getRemoteAddr" -> "127.0.0.1";
                    case "getRequestURI" -> path;
                    case "getContextPath" -> "";
                    case "getScheme" -> "http";
                    default -> null;
                });
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int[] status = {0};
        api.service((ServletRequest) request, (ServletResponse) EstopWithoutDatabaseTest.response(answer, status));
        String body = answer.toString(StandardCharsets.UTF_8).strip();
        assertTrue(status[0] != 0, "no status set");
        return status[0] + " " + body;
    }
}
