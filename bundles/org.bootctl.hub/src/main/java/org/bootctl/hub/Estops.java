package org.bootctl.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * {@code POST /api/fleet/estop}: the fleet's {@code cmd/estop} to every matching unit, each with a
 * requestId, and which devices confirmed: a {@code reply} of status 200 to that requestId within
 * {@link #WAIT_MS} (docs/FLEET.md: the unit answers an e-stop as its REST API does).
 */
final class Estops {

    static final long WAIT_MS = 2000;

    /** Sends a command; the hub's MQTT link in the running hub. */
    interface Sender {
        void publish(String topic, byte[] payload) throws MqttException;
    }

    private final Map<String, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();
    private final Sender sender;

    Estops(Sender sender) {
        this.sender = sender;
    }

    /** A reply from a unit (MQTT thread). */
    void reply(JsonObject reply) {
        String id = Store.text(reply, "requestId");
        CompletableFuture<Integer> f = id == null ? null : pending.get(id);
        JsonElement status = reply.get("status");
        if (f != null && status != null && status.isJsonPrimitive() && status.getAsJsonPrimitive().isNumber()) {
            f.complete(status.getAsInt());
        }
    }

    /**
     * Stops the devices of these units (each a unit object of the API), or only {@code device};
     * answers {@code {"devices":[{site, unit, device, confirmed}]}}.
     */
    JsonObject stop(List<JsonObject> units, String device) throws InterruptedException {
        record Sent(JsonObject unit, CompletableFuture<Integer> reply) {
        }
        List<Sent> sent = new ArrayList<>();
        for (JsonObject unit : units) {
            String requestId = UUID.randomUUID().toString();
            CompletableFuture<Integer> f = new CompletableFuture<>();
            pending.put(requestId, f);
            JsonObject command = new JsonObject();
            command.addProperty("requestId", requestId);
            if (device != null) {
                command.addProperty("device", device);
            }
            String topic = "bootctl/v1/" + unit.get("site").getAsString() + "/" + unit.get("unit").getAsString() + "/cmd/estop";
            try {
                sender.publish(topic, command.toString().getBytes(StandardCharsets.UTF_8));
            } catch (MqttException | RuntimeException e) {
                f.complete(-1); // not sent: not confirmed
            }
            sent.add(new Sent(unit, f));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        JsonArray devices = new JsonArray();
        try {
            for (Sent s : sent) {
                long left = Math.max(0, deadline - System.nanoTime());
                Integer status;
                try {
                    status = s.reply().get(left, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    status = null;
                }
                boolean confirmed = status != null && status == 200;
                for (JsonElement d : s.unit().getAsJsonArray("devices")) {
                    String id = d.getAsJsonObject().get("device").getAsString();
                    if (device == null || device.equals(id)) {
                        JsonObject o = new JsonObject();
                        o.addProperty("site", s.unit().get("site").getAsString());
                        o.addProperty("unit", s.unit().get("unit").getAsString());
                        o.addProperty("device", id);
                        o.addProperty("confirmed", confirmed);
                        devices.add(o);
                    }
                }
            }
        } finally {
            pending.values().removeAll(sent.stream().map(Sent::reply).toList());
        }
        JsonObject out = new JsonObject();
        out.add("devices", devices);
        return out;
    }
}
