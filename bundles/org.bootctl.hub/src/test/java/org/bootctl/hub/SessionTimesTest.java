package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * {@code from} and {@code to} of {@code GET /api/fleet/sessions}: any time a client may write reaches
 * the database as one it can hold. PostgreSQL holds no year past 294276, and
 * {@code to=+999999999-12-31T00:00:00Z} was answered 503 "the hub's database does not answer (ERROR:
 * timestamp out of range ...)" with a stack trace in the log: a client's mistake taken for a fault of
 * the database. Brought within the times the hub stores, the records selected are the same.
 */
class SessionTimesTest {

    @Test
    void aTimeBeyondWhatIsStoredSelectsAsTheEndOfWhatIsStored() throws Exception {
        LocalDateTime to = ApiServlet.time(query("to", "+999999999-12-31T00:00:00Z"), "to", true);
        assertTrue(!to.isAfter(Store.MAX_TIME.plusSeconds(1)) && to.isAfter(Store.MAX_TIME), String.valueOf(to));
        LocalDateTime from = ApiServlet.time(query("from", "-999999999-01-01T00:00:00Z"), "from", false);
        assertEquals(Store.MIN_TIME, from);
        assertEquals(Store.MIN_TIME, ApiServlet.time(query("from", "0000-01-01"), "from", false));
    }

    @Test
    void timesWithinWhatIsStoredAreAsWritten() throws Exception {
        assertEquals(LocalDateTime.of(2026, 12, 7, 0, 0), ApiServlet.time(query("to", "2026-12-06"), "to", true));
        assertEquals(LocalDateTime.of(2026, 12, 6, 13, 0), ApiServlet.time(query("from", "2026-12-06T14:00:00+01:00"), "from", false));
        assertEquals(Store.MAX_TIME.plusSeconds(1), ApiServlet.time(query("to", "9999-12-31"), "to", true));
    }

    private static HttpServletRequest query(String name, String value) {
        return (HttpServletRequest) Proxy.newProxyInstance(SessionTimesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> method.getName().equals("getParameter") && name.equals(args[0]) ? value : null);
    }
}
