package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.bootctl.api.session.SessionException.Reason;
import org.bootctl.api.session.SessionException;
import org.bootctl.web.contract.FieldError;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void sessionExceptionsMapToTheirStatus() {
        assertEquals(404, Errors.of(new SessionException(Reason.NOT_FOUND, "no device 'x'")).status());
        ApiError refused = Errors.of(new SessionException(Reason.REFUSED, "zone 3 target 125 mmHg is over the limit"));
        assertEquals(400, refused.status());
        assertEquals("zone 3 target 125 mmHg is over the limit", refused.getMessage());
        assertEquals(409, Errors.of(new SessionException(Reason.CONFLICT, "device busy")).status());
        assertEquals(400, Errors.of(new IllegalArgumentException("level must be 1..7")).status());
        assertNull(Errors.of(new NullPointerException()), "a bug here is a 500, not the client's fault");
    }

    @Test
    void bodiesAreReadUpToTheLimit() throws IOException {
        assertEquals("abc", Bodies.read(new ByteArrayInputStream("abc".getBytes()), 3));
        ApiError e = assertThrows(ApiError.class, () -> Bodies.read(new ByteArrayInputStream(new byte[11]), 10));
        assertEquals(413, e.status());
        assertEquals(413, assertThrows(ApiError.class,
                () -> Bodies.read(new ByteArrayInputStream(new byte[Bodies.LIMIT + 1]), Bodies.LIMIT)).status());
    }

    @Test
    void historyLimit() {
        assertEquals(HistoryApi.DEFAULT_LIMIT, HistoryApi.limit(null));
        assertEquals(5, HistoryApi.limit("5"));
        assertEquals(1000, HistoryApi.limit("1000"));
        for (String bad : new String[] {"0", "-1", "1001", "x", "", "2.5"}) {
            ApiError e = assertThrows(ApiError.class, () -> HistoryApi.limit(bad), bad);
            assertEquals(400, e.status());
            assertEquals("limit", ((FieldError) e.details().get(0)).field());
        }
    }
}
