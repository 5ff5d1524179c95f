package org.bootctl.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Set;
import org.bootctl.web.BundlesApi.BundleView;
import org.bootctl.web.RequestGuard.Facts;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/** GET /api/bundles: the JSON of one bundle, the state words, and the token it needs. */
class BundlesApiTest {

    @Test
    void aBundleIsWrittenWithIdNameVersionStateWordAndLocation() {
        BundleView view = BundleView.of(12, "org.bootctl.example.program", "0.1.0", Bundle.ACTIVE,
                "file:/srv/bootctl/data/deploy/ripple.jar");
        JsonObject json = JsonParser.parseString(Json.write(view)).getAsJsonObject();
        assertEquals(Set.of("id", "symbolicName", "version", "state", "location"), json.keySet());
        assertEquals(12, json.get("id").getAsLong());
        assertEquals("org.bootctl.example.program", json.get("symbolicName").getAsString());
        assertEquals("0.1.0", json.get("version").getAsString());
        assertEquals("ACTIVE", json.get("state").getAsString());
        assertEquals("file:/srv/bootctl/data/deploy/ripple.jar", json.get("location").getAsString());

        JsonObject nameless = JsonParser.parseString(Json.write(BundleView.of(3, null, "0.0.0", Bundle.INSTALLED, "x")))
                .getAsJsonObject();
        assertTrue(nameless.get("symbolicName").isJsonNull(), "a bundle without a symbolic name says null: " + nameless);
    }

    @Test
    void statesAreWords() {
        assertEquals(List.of("ACTIVE", "RESOLVED", "INSTALLED", "STARTING", "STOPPING", "UNINSTALLED"),
                List.of(Bundle.ACTIVE, Bundle.RESOLVED, Bundle.INSTALLED, Bundle.STARTING, Bundle.STOPPING,
                        Bundle.UNINSTALLED).stream().map(BundlesApi::state).toList());
        assertEquals("UNKNOWN", BundlesApi.state(0));
    }

    private static Facts get(String path, boolean loopback, String authorization) {
        return new Facts("GET", path, null, -1, false, null, loopback ? "localhost:8080" : "192.168.1.5:8080",
                "http", loopback ? "127.0.0.1" : "192.168.1.5", loopback, authorization);
    }

    @Test
    void withATokenTheListNeedsItFromEveryClientThisMachineIncluded() {
        RequestGuard locked = new RequestGuard("s3cret", Set.of());
        for (boolean loopback : new boolean[] {true, false}) {
            assertEquals(401, locked.check(get("/api/bundles", loopback, null)).status(), "loopback " + loopback);
            assertEquals(401, locked.check(get("/api/bundles/", loopback, "Bearer wrong")).status());
            assertTrue(locked.check(get("/api/bundles", loopback, "Bearer s3cret")).allowed());
            assertTrue(locked.check(get("/api/devices", loopback, null)).allowed(), "other reads stay open");
        }
        RequestGuard open = new RequestGuard("", Set.of());
        assertTrue(open.check(get("/api/bundles", true, null)).allowed(), "no token set: an ordinary read");
    }
}
