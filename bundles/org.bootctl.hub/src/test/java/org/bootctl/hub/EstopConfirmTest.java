package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Which device states confirm a fleet e-stop, and whom it goes to without the database. */
class EstopConfirmTest {

    @Test
    void aStoppedStateThatCameAfterTheCommandConfirms() throws Exception {
        JsonObject d1 = stop((e, sent) -> e.deviceState("s1", "u1", "d1", "STOPPED", System.nanoTime(), null));
        assertTrue(d1.get("confirmed").getAsBoolean(), d1.toString());
        assertEquals("state", d1.get("confirmedBy").getAsString());
        JsonObject updated = stop((e, sent) -> e.deviceState("s1", "u1", "d1", "IDLE", System.nanoTime(), Instant.now()));
        assertTrue(updated.get("confirmed").getAsBoolean(), updated.toString());
    }

    @Test
    void aStoppedStatePublishedBeforeTheCommandDoesNotConfirm() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        JsonObject d1 = stop((e, sent) -> e.deviceState("s1", "u1", "d1", "IDLE", System.nanoTime(), before));
        assertFalse(d1.get("confirmed").getAsBoolean(), "its own time says it is older than the stop: " + d1);
    }

    @Test
    void aReplyConfirmsTheDeviceItNamesStoppedWhateverElseItsBodyHolds() throws Exception {
        for (String body : List.of("{\"id\":\"d1\",\"state\":\"STOPPED\"}",
                "[1,null,\"x\",[],{\"state\":\"IDLE\"},{\"id\":\"d1\",\"state\":\"STOPPED\"}]")) {
            JsonObject d1 = stop((e, sent) -> e.reply(reply(sent, body)));
            assertTrue(d1.get("confirmed").getAsBoolean(), body + ": " + d1);
            assertEquals("reply", d1.get("confirmedBy").getAsString(), body);
        }
        for (String body : List.of("\"stopped\"", "[{\"id\":\"d1\",\"state\":\"RUNNING\"}]", "null")) {
            JsonObject d1 = stop((e, sent) -> e.reply(reply(sent, body)));
            assertFalse(d1.get("confirmed").getAsBoolean(), body + " names no stopped d1: " + d1);
        }
    }

    @Test
    void theUnitsKnownFromTheBrokerAreWhomAStopGoesTo() {
        KnownUnits known = new KnownUnits();
        known.seen("s1", "u1", null, false);
        known.seen("s1", "u1", "d1", false);
        known.seen("s1", "u1", "d2", false);
        known.seen("s1", "u2", "d9", false);
        known.seen("s10", "u1", "d1", false);
        known.seen("s1", "u1", "d2", true);
        known.seen("s2", "gone", "d1", true);
        assertEquals("[{\"site\":\"s1\",\"unit\":\"u1\",\"devices\":[{\"device\":\"d1\"}]}, "
                + "{\"site\":\"s1\",\"unit\":\"u2\",\"devices\":[{\"device\":\"d9\"}]}]", known.matching("s1", null, null).toString());
        assertEquals(List.of("u2"), known.matching("s1", null, "d9").stream().map(u -> u.get("unit").getAsString()).toList());
        assertEquals(0, known.matching("s2", null, null).size(), "a device's empty message names no unit");
    }

    /** A 200 reply to the command {@code sent}, with {@code body} (JSON text). */
    private static JsonObject reply(String sent, String body) {
        JsonObject reply = new JsonObject();
        reply.addProperty("requestId", JsonParser.parseString(sent).getAsJsonObject().get("requestId").getAsString());
        reply.addProperty("status", 200);
        reply.add("body", JsonParser.parseString(body));
        return reply;
    }

    /**
     * Stops s1/u1 (device d1) while {@code unit} says something once the command went out (it gets
     * the command's payload); d1's answer.
     */
    private static JsonObject stop(BiConsumer<Estops, String> unit) throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        List<String> payloads = new CopyOnWriteArrayList<>();
        CountDownLatch published = new CountDownLatch(1);
        Estops estops = new Estops((topic, payload) -> {
            sent.add(topic);
            payloads.add(new String(payload, StandardCharsets.UTF_8));
            published.countDown();
        });
        estops.known().seen("s1", "u1", "d1", false);
        Thread answer = new Thread(() -> {
            try {
                published.await(30, TimeUnit.SECONDS); // however late the command goes out, the unit answers after it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            unit.accept(estops, payloads.get(0));
        });
        answer.start();
        JsonObject out = estops.stop(estops.known().matching("s1", "u1", null), null);
        answer.join();
        assertEquals(List.of("bootctl/v1/s1/u1/cmd/estop"), sent);
        assertTrue(out.getAsJsonArray("units").get(0).getAsJsonObject().get("sent").getAsBoolean(), out.toString());
        return out.getAsJsonArray("devices").get(0).getAsJsonObject();
    }
}
