package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Router.Handler list = r -> Reply.ok("list");
    private final Router.Handler plan = r -> Reply.ok("plan");
    private final Router.Handler delete = r -> Reply.noContent();
    private final Router router = new Router()
            .add("GET", "/programs", list)
            .add("GET", "/programs/{id}/plan", plan)
            .add("DELETE", "/programs/{id}", delete);

    @Test
    void matchesTemplatesAndBindsTheirValues() {
        assertSame(list, router.match("GET", "/programs").handler());
        assertSame(list, router.match("GET", "/programs/").handler());
        Router.Match m = router.match("GET", "/programs/wave 2/plan");
        assertSame(plan, m.handler());
        assertEquals(Map.of("id", "wave 2"), m.params());
    }

    @Test
    void unknownPathsAre404() {
        assertEquals(404, assertThrows(ApiError.class, () -> router.match("GET", "/nothing")).status());
        assertEquals(404, assertThrows(ApiError.class, () -> router.match("GET", null)).status());
        assertEquals(404, assertThrows(ApiError.class, () -> router.match("GET", "/programs//plan")).status());
        assertEquals(404, assertThrows(ApiError.class, () -> router.match("GET", "/programs/a/plan/x")).status());
    }

    @Test
    void aKnownPathWithAnotherMethodIs405NamingTheAllowedOnes() {
        Router.MethodNotAllowed e = assertThrows(Router.MethodNotAllowed.class, () -> router.match("POST", "/programs/x"));
        assertEquals(405, e.status());
        assertEquals("DELETE", e.allow());
        assertEquals("POST is not allowed here; use DELETE", e.getMessage());
    }

    @Test
    void aPathValueIsANameNeverAWayElsewhere() {
        for (String id : new String[] {"..", ".", "..\\..\\etc\\passwd", "a\\b", "x\u0000.json", "new\nline", "del\u007f"}) {
            assertEquals(404, assertThrows(ApiError.class, () -> router.match("DELETE", "/programs/" + id)).status(), id);
            assertEquals(404, assertThrows(ApiError.class, () -> router.match("GET", "/programs/" + id + "/plan")).status());
        }
        assertEquals(404, assertThrows(ApiError.class, () -> router.match("DELETE", "/programs/../x")).status(),
                "a slash never gets into a value");
        assertSame(delete, router.match("DELETE", "/programs/..my.program..").handler(), "dots inside a name are fine");
    }
}
