package org.bootctl.launcher.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bootctl.launcher.runtime.WebWarmup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up run sends its own web server after the ready line goes through every request it
 * makes (none refused, none left hanging) and changes nothing: no session, no device stopped,
 * nothing audited, the client's rate allowance left for a person.
 */
class WebWarmupIT {

    @TempDir
    Path data;

    @Test
    void warmsTheServerWithoutChangingAnything() throws Exception {
        try (WebRuntime web = WebRuntime.start(data, Map.of())) {
            web.settle("sim-1");
            InetSocketAddress server = new InetSocketAddress(web.base.getHost(), web.base.getPort());

            assertTrue(WebWarmup.now(server, null), "every warm-up request was answered");

            // (settle may audit a fault it cleared: what matters is that no stop and no start is there)
            assertTrue(audit().stream().noneMatch(l -> l.contains("\"estop\"") || l.contains("warm-up")
                    || l.contains("session-started")), "the warm-up audits nothing: " + audit());
            var device = web.get("/api/devices/sim-1");
            assertEquals(200, device.statusCode(), "a person is not rate-limited after it: " + device.body());
            var status = WebRuntime.object(device);
            assertTrue(status.get("session").isJsonNull() && status.get("fault").isJsonNull(),
                    "no session started, no device stopped or latched: " + status);
        }
    }

    private List<String> audit() throws Exception {
        Path file = data.resolve("audit.jsonl");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
