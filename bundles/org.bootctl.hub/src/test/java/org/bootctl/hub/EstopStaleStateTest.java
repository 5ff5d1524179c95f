package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * repro (rev-fleet): an e-stop is confirmed by any stopped state the writer commits while the stop
 * waits, whenever the unit published it. The writer commits in batches and tells Estops after the
 * commit, in arrival order (Ingest.dispatch: after.put("device " + n, ...)), so a batch that holds a
 * device's old IDLE and then its newer RUNNING (the writer was behind: slow database, a busy
 * fleet) confirms the stop on the superseded IDLE, although the newest word is RUNNING and the unit
 * never answered. Nothing compares the message's "updated" time with the command's.
 */
class EstopStaleStateTest {

    @Test
    void aStateSupersededInTheSameBatchDoesNotConfirmAStop() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        CountDownLatch published = new CountDownLatch(1);
        Estops estops = new Estops((topic, payload) -> {
            sent.add(topic);
            published.countDown();
        });
        JsonObject unit = JsonParser.parseString("{\"site\":\"s1\",\"unit\":\"u1\",\"devices\":[{\"device\":\"d1\"}]}").getAsJsonObject();
        long arrived = System.nanoTime(); // both reached the hub before the stop: the writer's backlog
        Thread writer = new Thread(() -> {
            try {
                published.await(30, TimeUnit.SECONDS); // told while the stop waits, however late it went out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // one committed batch, told in arrival order: the device's backlog from before the stop
            estops.deviceState("s1", "u1", "d1", "IDLE", arrived, null);
            estops.deviceState("s1", "u1", "d1", "RUNNING", arrived + 1, null);
        });
        writer.start();
        JsonObject answer = estops.stop(List.of(unit), null);
        writer.join();
        JsonObject d1 = answer.getAsJsonArray("devices").get(0).getAsJsonObject();
        assertFalse(d1.get("confirmed").getAsBoolean(), "confirmed on a state the same batch superseded: " + d1);
    }
}
