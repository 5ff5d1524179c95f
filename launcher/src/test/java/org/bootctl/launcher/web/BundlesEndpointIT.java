package org.bootctl.launcher.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/bundles in the real runtime: every bundle with its state, a deployed one included; the token it needs. */
class BundlesEndpointIT {

    private static final String TOKEN = "bundles-t0ken";

    @TempDir
    Path data;

    private static Optional<JsonObject> find(JsonArray bundles, String symbolicName) {
        return StreamSupport.stream(bundles.spliterator(), false).map(JsonElement::getAsJsonObject)
                .filter(b -> !b.get("symbolicName").isJsonNull() && b.get("symbolicName").getAsString().equals(symbolicName))
                .findFirst();
    }

    @Test
    void theListNeedsTheTokenAndShowsEveryBundleADeployedOneIncluded() throws Exception {
        try (WebRuntime web = WebRuntime.start(data, Map.of("web-token", TOKEN))) {
            HttpResponse<String> without = web.get("/api/bundles");
            assertEquals(401, without.statusCode(), "an admin read, even from this machine: " + without.body());
            assertEquals(401, web.send(HttpRequest.newBuilder(web.base.resolve("/api/bundles"))
                    .header("Authorization", "Bearer wrong").GET()).statusCode());
            assertEquals(200, web.get("/api/devices").statusCode(), "other reads need no token");

            HttpRequest.Builder authorized = HttpRequest.newBuilder(web.base.resolve("/api/bundles"))
                    .header("Authorization", "Bearer " + TOKEN).GET();
            JsonArray bundles = WebRuntime.array(web.send(authorized));
            JsonObject system = bundles.get(0).getAsJsonObject();
            assertEquals(0, system.get("id").getAsLong(), "ordered by id, the framework first");
            JsonObject engine = find(bundles, "org.bootctl.engine").orElseThrow(() -> new AssertionError(bundles.toString()));
            assertEquals("ACTIVE", engine.get("state").getAsString());
            assertEquals("0.1.0", engine.get("version").getAsString());
            assertTrue(engine.get("location").getAsString().endsWith(".jar"), engine.toString());
            assertEquals("ACTIVE", find(bundles, "org.apache.felix.fileinstall").orElseThrow().get("state").getAsString());

            Path jar = Path.of(System.getProperty("bootctl.test.bundles"), "org.bootctl.example.program.jar");
            Path part = Files.copy(jar, data.resolve("deploy/ripple.jar.part"));
            Files.move(part, data.resolve("deploy/ripple.jar"), StandardCopyOption.ATOMIC_MOVE);
            JsonObject deployed = web.await("the deployed bundle listed ACTIVE",
                    () -> find(WebRuntime.array(web.send(authorized)), "org.bootctl.example.program"),
                    b -> b.isPresent() && b.get().get("state").getAsString().equals("ACTIVE")).orElseThrow();
            assertTrue(deployed.get("location").getAsString().endsWith("/deploy/ripple.jar"), deployed.toString());
        }
    }
}
