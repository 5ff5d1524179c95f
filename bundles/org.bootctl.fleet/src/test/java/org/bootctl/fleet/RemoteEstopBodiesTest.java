package org.bootctl.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.session.SessionService;
import org.junit.jupiter.api.Test;

/**
 * issue 16: "estop is always accepted (venting harms nobody)", and the REST API's e-stop reads no
 * body at all. Over MQTT an estop whose body a sender got wrong in any way (no requestId, a number
 * for it, a field of its own, a key twice, not JSON, too large) was answered 400 and not carried
 * out: the devices kept running. Each is carried out now: the device it names, or every device.
 */
class RemoteEstopBodiesTest {

    private final List<String> stopped = new ArrayList<>();
    private final List<AuditEvent> audited = new ArrayList<>();

    @Test
    void everyEstopStopsWhateverItsBody() {
        SessionService engine = (SessionService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SessionService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "emergencyStop" -> {
                        stopped.add((String) args[0]);
                        yield true;
                    }
                    case "emergencyStopAll" -> {
                        stopped.add("*");
                        yield null;
                    }
                    case "device" -> Optional.empty();
                    case "devices" -> List.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        RemoteCommands commands = new RemoteCommands(() -> engine, false, audited::add, new Topics("s1", "u1"));

        assertStops(commands, "{}", "*", null);
        assertStops(commands, "{\"device\":\"d1\"}", "d1", null);
        assertStops(commands, "{\"requestId\":\"r1\",\"device\":\"d1\",\"reason\":\"panic\"}", "d1", "r1");
        assertStops(commands, "{\"requestId\":5,\"device\":\"d1\"}", "d1", null);
        assertStops(commands, "{\"requestId\":\"" + "x".repeat(200) + "\",\"device\":\"d1\"}", "d1", null);
        assertStops(commands, "{\"requestId\":\"r2\",\"requestId\":\"r3\"}", "*", "r3");
        assertStops(commands, "{\"requestId\":\"r4\",\"device\":7}", "*", "r4");
        assertStops(commands, "stop!", "*", null);
        assertStops(commands, "{\"requestId\":\"r5\",\"device\":\"d1\"," + " ".repeat(RemoteCommands.MAX_BYTES) + "}", "*", null);
        stopped.clear();
        RemoteCommands.Reply cleared = commands.handle("estop", new byte[0]);
        assertEquals(List.of(), stopped, "an empty message clears a retained one on the broker: it is no stop");
        assertEquals(400, cleared.status());
        assertEquals(10, audited.size(), "every estop is audited");
        assertEquals(AuditEvent.ESTOP, audited.get(2).action());
        assertEquals("r1", audited.get(2).details().get("requestId"));
        assertEquals("200", audited.get(2).details().get("status"));
    }

    private void assertStops(RemoteCommands commands, String body, String expected, String requestId) {
        stopped.clear();
        RemoteCommands.Reply reply = commands.handle("estop", body.getBytes(StandardCharsets.UTF_8));
        String shown = body.length() > 80 ? body.substring(0, 80) + "..." : body;
        assertEquals(List.of(expected), stopped, shown + " was answered " + reply.status() + " " + reply.body());
        assertEquals(200, reply.status(), shown + ": " + reply.body());
        assertEquals(requestId, reply.requestId(), shown);
    }
}
