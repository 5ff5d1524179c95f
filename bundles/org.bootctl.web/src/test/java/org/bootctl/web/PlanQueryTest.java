package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bootctl.web.contract.FieldError;
import org.junit.jupiter.api.Test;

class PlanQueryTest {

    private static Map<String, String> query(String... pairs) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put(pairs[i], pairs[i + 1]);
        }
        return q;
    }

    @Test
    void readsDeviceLevelAndBoost() {
        PlanQuery q = PlanQuery.parse(query("device", "sim-1", "level", "6", "boost", "1,3"));
        assertEquals("sim-1", q.device());
        assertEquals(6, q.settings().level());
        assertEquals(Set.of(1, 3), q.settings().boostZones());
        assertEquals(0, q.settings().minutes());
    }

    @Test
    void pressureAndFlags() {
        PlanQuery q = PlanQuery.parse(query("device", "d", "pressure", "55.5", "ramp", "false"));
        assertEquals(55.5, q.settings().cap());
        assertEquals(false, q.settings().rampIn());
    }

    @Test
    void refusalsNameTheField() {
        assertField("device", query("level", "4"));
        assertField("level", query("device", "d"));
        assertField("level", query("device", "d", "level", "abc"));
        assertField("level", query("device", "d", "level", "9"));
        assertField("boost", query("device", "d", "level", "4", "boost", "1,x"));
        assertField("pressure", query("device", "d", "pressure", "500"));
        assertField("lvl", query("device", "d", "level", "4", "lvl", "4"));
    }

    private static void assertField(String field, Map<String, String> query) {
        ApiError e = assertThrows(ApiError.class, () -> PlanQuery.parse(query));
        assertEquals(400, e.status());
        assertEquals(field, ((FieldError) e.details().get(0)).field(), e.getMessage());
    }
}
