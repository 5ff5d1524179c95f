package org.bootctl.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * {@code POST /api/fleet/estop}: the fleet's {@code cmd/estop} to every matching unit, each with a
 * requestId, and which devices confirmed within {@link #WAIT_MS}. A device confirms by what its
 * unit publishes after the command (docs/FLEET.md's topics, unchanged): the {@code reply} to that
 * requestId (status 200, its body the device or every device, as the REST API answers) naming it
 * in a state without a running session; its retained {@code devices/{device}} message in such a
 * state, when that message reached the hub after the command went out and its {@code updated} (if
 * any) is not before the command's time, the newest of the device's in its batch (an older one from
 * the writer's backlog never confirms); or an {@code estop} event for it. A unit that answers 200
 * but still reports a device running has not stopped that device, so it is not confirmed.
 */
final class Estops {

    private static final Logger LOG = Logger.getLogger(Estops.class.getName());
    static final long WAIT_MS = 2000;
    /** A device in one of these has no session running: stopped, whatever stopped it. */
    static final Set<String> STOPPED = Set.of("IDLE", "COMPLETED", "STOPPED", "FAULT");

    /** Sends a command; the hub's MQTT link in the running hub. */
    interface Sender {
        void publish(String topic, byte[] payload) throws MqttException;
    }

    /** One device waiting for its confirmation. */
    private static final class Watch {
        final String site;
        final String unit;
        final String device;
        final CountDownLatch all;
        volatile String by;
        volatile String state;
        /** When its unit's command went out: {@link System#nanoTime()} and the wall clock; null before. */
        volatile long sentNanos;
        volatile Instant sentAt;

        Watch(String site, String unit, String device, CountDownLatch all) {
            this.site = site;
            this.unit = unit;
            this.device = device;
            this.all = all;
        }

        synchronized void confirm(String how, String seen) {
            if (by == null) {
                by = how;
                state = seen;
                all.countDown();
            }
        }
    }

    /** "site/unit/device": the watches of the stops under way. */
    private final Map<String, List<Watch>> watches = new ConcurrentHashMap<>();
    /** requestId: the watches of that unit's devices. */
    private final Map<String, List<Watch>> requests = new ConcurrentHashMap<>();
    private final Sender sender;
    private final KnownUnits known = new KnownUnits();

    Estops(Sender sender) {
        this.sender = sender;
    }

    /** Whom a stop goes to without the database: fed by the retained messages as they arrive. */
    KnownUnits known() {
        return known;
    }

    /** A unit's reply (MQTT thread): 200 with the device, or every device, as the REST API answers an estop. */
    void reply(JsonObject reply) {
        String id = Store.text(reply, "requestId");
        List<Watch> waiting = id == null ? null : requests.get(id);
        JsonElement status = reply.get("status");
        if (waiting == null || status == null || !status.isJsonPrimitive() || !status.getAsJsonPrimitive().isNumber()
                || status.getAsInt() != 200) {
            return;
        }
        devicesOf(reply.get("body")).forEach(d -> {
            String device = Store.text(d, "id");
            String state = Store.text(d, "state");
            if (device != null && STOPPED.contains(state)) {
                waiting.stream().filter(w -> w.device.equals(device)).forEach(w -> w.confirm("reply", state));
            }
        });
    }

    /** The devices an estop answer's body names: one device, or an array of every device. */
    private static Stream<JsonObject> devicesOf(JsonElement body) {
        Stream<JsonElement> all = body == null ? Stream.empty()
                : body.isJsonArray() ? body.getAsJsonArray().asList().stream() : Stream.of(body);
        return all.filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject);
    }

    /**
     * A device's retained message, once stored: {@code arrived} when it reached the hub
     * ({@link System#nanoTime()}), {@code updated} its own time (null when it has none). It confirms
     * only when it came after the command: a state from before says nothing about the stop.
     */
    void deviceState(String site, String unit, String device, String state, long arrived, Instant updated) {
        if (STOPPED.contains(state)) {
            watches.getOrDefault(key(site, unit, device), List.of()).forEach(w -> {
                Instant sentAt = w.sentAt;
                if (sentAt != null && arrived - w.sentNanos > 0 && (updated == null || !updated.isBefore(sentAt))) {
                    w.confirm("state", state);
                }
            });
        }
    }

    /** An event, once stored: an {@code estop} names the device it stopped. */
    void event(String site, String unit, JsonObject event) {
        String device = Store.text(event, "device");
        if ("estop".equals(Store.text(event, "event")) && device != null) {
            watches.getOrDefault(key(site, unit, device), List.of()).forEach(w -> w.confirm("event", null));
        }
    }

    /** Units that more is known of only later (the database's, read within a bound); none when it does not answer. */
    interface Later {
        List<JsonObject> units() throws InterruptedException;
    }

    /**
     * Stops the devices of these units (each a unit object of the API; a unit whose devices are not
     * known yet gets the command all the same), or only {@code device}; answers
     * {@code {"devices":[{site, unit, device, confirmed, confirmedBy?, state?}], "units":[{site, unit, sent}]}}.
     */
    JsonObject stop(List<JsonObject> units, String device) throws InterruptedException {
        return stop(units, device, List::of);
    }

    /**
     * As {@link #stop(List, String)}, and once these units have the command, the units {@code more}
     * names besides them get it too, and their devices not among these are watched as well: the
     * units the hub heard of are stopped at once, those only the database knows a moment later.
     */
    JsonObject stop(List<JsonObject> units, String device, Later more) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        Stop stop = new Stop(device);
        try {
            stop.send(units);
            List<JsonObject> besides;
            try {
                besides = more.units();
            } catch (RuntimeException e) { // the stops sent are answered for all the same
                LOG.warning("bootctl hub: an e-stop could not learn of more units (" + e + "): check the site's other units");
                besides = List.of();
            }
            stop.add(besides);
            stop.await(deadline);
        } finally {
            stop.forget();
        }
        return stop.answer();
    }

    /** One e-stop under way: the units it went to and the devices it waits for. */
    private final class Stop {
        final String device;
        final List<Watch> all = new ArrayList<>();
        final List<CountDownLatch> latches = new ArrayList<>();
        /** "site/unit": the requestId its command went with. */
        final Map<String, String> requestIds = new LinkedHashMap<>();
        final JsonArray sent = new JsonArray();

        Stop(String device) {
            this.device = device;
        }

        /** Watches the devices of {@code units} first (a quick unit's answer is not missed), then sends each its command. */
        void send(List<JsonObject> units) {
            List<String[]> targets = new ArrayList<>(); // site, unit, device
            for (JsonObject unit : units) {
                for (JsonElement d : unit.getAsJsonArray("devices")) {
                    String id = d.getAsJsonObject().get("device").getAsString();
                    if (device == null || device.equals(id)) {
                        targets.add(new String[] {unit.get("site").getAsString(), unit.get("unit").getAsString(), id});
                    }
                }
            }
            List<Watch> watched = watch(targets);
            for (JsonObject unit : units) {
                String site = unit.get("site").getAsString();
                String name = unit.get("unit").getAsString();
                String requestId = UUID.randomUUID().toString();
                List<Watch> ofUnit = new CopyOnWriteArrayList<>(
                        watched.stream().filter(w -> w.site.equals(site) && w.unit.equals(name)).toList());
                requests.put(requestId, ofUnit);
                requestIds.put(site + "/" + name, requestId);
                JsonObject command = new JsonObject();
                command.addProperty("requestId", requestId);
                if (device != null) {
                    command.addProperty("device", device);
                }
                Instant at = Instant.now();
                long nanos = System.nanoTime();
                for (Watch w : ofUnit) {
                    w.sentNanos = nanos;
                    w.sentAt = at; // written last: a state is compared only once both are there
                }
                boolean out;
                try {
                    sender.publish("bootctl/v1/" + site + "/" + name + "/cmd/estop", command.toString().getBytes(StandardCharsets.UTF_8));
                    out = true;
                } catch (MqttException | RuntimeException e) {
                    out = false; // its devices stay unconfirmed
                    LOG.warning("bootctl hub: could not send the e-stop to unit " + site + "/" + name + " (" + e
                            + "): stop its devices on site and check the hub's broker link");
                }
                JsonObject u = new JsonObject();
                u.addProperty("site", site);
                u.addProperty("unit", name);
                u.addProperty("sent", out);
                sent.add(u);
            }
        }

        /**
         * Units named later: those not sent to yet get the command; devices of units that have it
         * are watched from now on (the command went to the whole unit, or to this device).
         */
        void add(List<JsonObject> units) {
            List<JsonObject> unsent = new ArrayList<>();
            List<String[]> moreDevices = new ArrayList<>();
            for (JsonObject unit : units) {
                String site = unit.get("site").getAsString();
                String name = unit.get("unit").getAsString();
                if (!requestIds.containsKey(site + "/" + name)) {
                    unsent.add(unit);
                    continue;
                }
                for (JsonElement d : unit.getAsJsonArray("devices")) {
                    String id = d.getAsJsonObject().get("device").getAsString();
                    boolean watched = all.stream().anyMatch(w -> w.site.equals(site) && w.unit.equals(name) && w.device.equals(id));
                    if (!watched && (device == null || device.equals(id))) {
                        moreDevices.add(new String[] {site, name, id});
                    }
                }
            }
            for (Watch w : watch(moreDevices)) {
                List<Watch> ofUnit = requests.get(requestIds.get(w.site + "/" + w.unit));
                Watch sibling = all.stream().filter(o -> o != w && o.site.equals(w.site) && o.unit.equals(w.unit)
                        && o.sentAt != null).findFirst().orElse(null);
                if (sibling != null) { // else its unit's command time is unknown: only a reply or an event confirms it
                    w.sentNanos = sibling.sentNanos;
                    w.sentAt = sibling.sentAt;
                }
                if (ofUnit != null) {
                    ofUnit.add(w);
                }
            }
            send(unsent);
        }

        private List<Watch> watch(List<String[]> targets) {
            CountDownLatch latch = new CountDownLatch(targets.size());
            latches.add(latch);
            List<Watch> made = targets.stream().map(t -> new Watch(t[0], t[1], t[2], latch)).toList();
            for (Watch w : made) {
                watches.computeIfAbsent(key(w.site, w.unit, w.device), k -> new CopyOnWriteArrayList<>()).add(w);
            }
            all.addAll(made);
            return made;
        }

        void await(long deadline) throws InterruptedException {
            for (CountDownLatch latch : latches) {
                latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }

        void forget() {
            requestIds.values().forEach(requests::remove);
            for (Watch w : all) {
                watches.computeIfPresent(key(w.site, w.unit, w.device), (k, list) -> {
                    list.remove(w);
                    return list.isEmpty() ? null : list;
                });
            }
        }

        JsonObject answer() {
            JsonArray devices = new JsonArray();
            for (Watch w : all) {
                JsonObject o = new JsonObject();
                o.addProperty("site", w.site);
                o.addProperty("unit", w.unit);
                o.addProperty("device", w.device);
                String by = w.by;
                o.addProperty("confirmed", by != null);
                if (by != null) {
                    o.addProperty("confirmedBy", by);
                    if (w.state != null) {
                        o.addProperty("state", w.state);
                    }
                }
                devices.add(o);
            }
            JsonObject out = new JsonObject();
            out.add("devices", devices);
            out.add("units", sent);
            return out;
        }
    }

    private static String key(String site, String unit, String device) {
        return site + "/" + unit + "/" + device;
    }
}
