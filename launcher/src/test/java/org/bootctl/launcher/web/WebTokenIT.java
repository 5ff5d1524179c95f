package org.bootctl.launcher.web;

import static org.bootctl.launcher.web.WebRuntime.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;

/** With an access token configured (variable web-token, PID org.bootctl.web). Clients here are all on loopback. */
@Tag("realtime")
class WebTokenIT {

    static final String TOKEN = "t0ken-for-tests-9f2c";
    static final String PROGRAM = """
            {"id": "token-test", "name": "Token test", "version": "1.0.0", "zones": {"min": 2, "max": 12},
             "minCycle": 20, "cycle": [{"each": "up", "steps": [{"fill": "zone", "to": "80%"}]}, {"vent": "all", "hold": 2}]}""";

    @TempDir
    static Path data;
    static WebRuntime web;

    @BeforeAll
    static void start() throws Exception {
        web = WebRuntime.start(data, Map.of("web-token", TOKEN));
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    private static HttpResponse<String> upload(String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(web.base.resolve("/api/programs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PROGRAM));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return web.send(request);
    }

    @Test
    void programUploadAndDeleteNeedTheTokenEvenOnLoopback() {
        HttpResponse<String> none = upload(null);
        assertEquals(401, none.statusCode(), none.body());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(object(none).get("error").getAsString().contains("token"));
        assertEquals(401, upload("Bearer wrong").statusCode());
        assertEquals(401, upload("Basic " + TOKEN).statusCode());
        assertEquals(201, upload("Bearer " + TOKEN).statusCode());

        HttpRequest.Builder delete = HttpRequest.newBuilder(web.base.resolve("/api/programs/token-test")).DELETE();
        assertEquals(401, web.send(delete).statusCode());
        assertEquals(204, web.send(HttpRequest.newBuilder(web.base.resolve("/api/programs/token-test")).DELETE()
                .header("Authorization", "Bearer " + TOKEN)).statusCode());
    }

    @Test
    void sessionsFromThisMachineAndEmergencyStopNeedNoToken() throws Exception {
        HttpResponse<String> started = web.post("/api/sessions", WebApiIT.QUICK);
        assertEquals(201, started.statusCode(), started.body());
        String id = object(started).get("id").getAsString();
        HttpResponse<String> estop = web.send(HttpRequest.newBuilder(web.base.resolve("/api/devices/sim-1/estop"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, estop.statusCode(), estop.body());
        web.awaitState(id, "STOPPED");
        web.await("the fault cleared", () -> web.post("/api/devices/sim-1/clear-fault", null), r -> r.statusCode() == 200);
    }

    @Test
    void theTokenIsNeverAServiceProperty() throws Exception {
        ServiceReference<?>[] services = web.runtime.context().getAllServiceReferences(null, null);
        for (ServiceReference<?> service : services) {
            for (String key : service.getPropertyKeys()) {
                Object value = service.getProperty(key);
                String text = value instanceof String[] array ? String.join(",", array) : String.valueOf(value);
                assertFalse(text.contains(TOKEN), key + " of " + service + " shows the token");
            }
        }
    }
}
