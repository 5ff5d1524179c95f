package org.bootctl.launcher.web;

import static org.bootctl.launcher.web.WebRuntime.array;
import static org.bootctl.launcher.web.WebRuntime.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.bootctl.launcher.testbundles.AcmeBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bootctl run} with a driver bundle in {@code deploy/} that describes a model of its own:
 * {@code /api/models} lists it beside the built-in ones, the simulator simulates it
 * ({@code --var model=ACME-X6}) and a session runs on it over REST. Real Felix, polls with deadlines.
 */
@Tag("realtime")
class ModelsEndpointIT {

    @TempDir
    Path data;
    private WebRuntime web;

    @AfterEach
    void close() {
        if (web != null) {
            web.close();
        }
    }

    private static List<String> models(JsonArray models) {
        return StreamSupport.stream(models.spliterator(), false)
                .map(m -> m.getAsJsonObject().get("model").getAsString()).toList();
    }

    @Test
    void aModelDescribedInDeployIsListedSimulatedAndRunsASessionOverRest() throws Exception {
        AcmeBundle.writeTo(Files.createDirectories(data.resolve("deploy")).resolve("acme.jar"));
        web = WebRuntime.start(data, Map.of("model", AcmeBundle.MODEL));

        HttpResponse<String> listed = web.await("ACME-X6 in /api/models", () -> web.get("/api/models"),
                r -> r.statusCode() == 200 && models(array(r)).contains(AcmeBundle.MODEL));
        assertEquals(List.of("RB2-L5", "RB2-A4", "RB2-M8", "RB1-L4", "ACME-X6"), models(array(listed)));

        JsonObject x6 = object(web.get("/api/models/acme-x6"));
        assertEquals(6, x6.getAsJsonArray("zones").size());
        assertEquals("upper thigh", x6.getAsJsonArray("zones").get(5).getAsJsonObject().get("name").getAsString());
        assertEquals(12, x6.getAsJsonArray("channels").size());
        assertEquals(130, x6.getAsJsonObject("limits").get("hardLimitMmHg").getAsDouble());
        assertEquals("HOST", x6.get("regulation").getAsString());
        assertEquals(5.0, x6.get("fillSeconds").getAsDouble());
        assertEquals(404, web.get("/api/models/ACME-X7").statusCode());

        HttpResponse<String> device = web.await("the simulated ACME-X6", () -> web.get("/api/devices/sim-1"),
                r -> r.statusCode() == 200);
        JsonObject sim = object(device);
        assertEquals(AcmeBundle.MODEL, sim.get("model").getAsString());
        assertEquals(6, sim.getAsJsonArray("zones").size());

        HttpResponse<String> started = web.post("/api/sessions", WebApiIT.QUICK);
        assertEquals(201, started.statusCode(), started.body());
        JsonElement session = object(started).get("device");
        assertEquals("sim-1", session.getAsString());
    }
}
