package org.bootctl.launcher.fleet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The fleet as the broker's retained messages tell it: every unit's {@code status} and
 * {@code devices/{device}}. Filled on Paho's thread, read on the command's: synchronized.
 */
final class FleetSnapshot {

    /** One unit: its status message, and its devices by id. */
    record Unit(String site, String unit, JsonObject status, Map<String, JsonObject> devices) {
    }

    private final Map<String, Unit> units = new TreeMap<>();
    private long changes;
    private boolean anyRetained;
    private long lastRetainedNanos;

    /** The subscriptions that fill it: one site, or every site. */
    static String[] topics(String site) {
        String s = site == null ? "+" : site;
        return new String[] {"bootctl/v1/" + s + "/+/status", "bootctl/v1/" + s + "/+/devices/+"};
    }

    /** A message as the subscription hands it on; a retained one also extends {@link #awaitRetained}. */
    synchronized void accept(String topic, byte[] payload, boolean retained) {
        if (retained) {
            anyRetained = true;
            lastRetainedNanos = System.nanoTime();
        }
        accept(topic, payload);
    }

    /**
     * Waits for the broker's retained messages: at least {@code least}, and on while they still come
     * until {@code quiet} passes without one, at most {@code most}. A busy broker or machine sends them
     * late, and a unit whose status came after a fixed wait would be neither shown nor asked to stop.
     */
    void awaitRetained(Duration least, Duration quiet, Duration most) throws InterruptedException {
        long start = System.nanoTime();
        for (long wait; (wait = settledAt(start, least, quiet, most) - System.nanoTime()) > 0; ) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** When a wait for the retained messages begun at {@code start} ends, as those come so far tell. */
    synchronized long settledAt(long start, Duration least, Duration quiet, Duration most) {
        long end = start + least.toNanos();
        if (anyRetained && lastRetainedNanos + quiet.toNanos() - end > 0) {
            end = lastRetainedNanos + quiet.toNanos();
        }
        long cap = start + most.toNanos();
        return end - cap > 0 ? cap : end;
    }

    synchronized void accept(String topic, byte[] payload) {
        String[] levels = topic.split("/");
        if (levels.length < 5 || levels[3].equals("programs")) {
            return;
        }
        Unit unit = units.computeIfAbsent(levels[2] + "/" + levels[3],
                k -> new Unit(levels[2], levels[3], null, new TreeMap<>()));
        JsonObject json = parse(payload);
        if (levels.length == 5 && levels[4].equals("status")) {
            units.put(levels[2] + "/" + levels[3], new Unit(unit.site(), unit.unit(), json, unit.devices()));
        } else if (levels.length == 6 && levels[4].equals("devices")) {
            if (json == null) {
                unit.devices().remove(levels[5]);
            } else {
                unit.devices().put(levels[5], json);
            }
        }
        changes++;
    }

    synchronized long changes() {
        return changes;
    }

    /** A copy, sorted by site and unit. */
    synchronized List<Unit> units() {
        List<Unit> copy = new ArrayList<>();
        units.values().forEach(u -> copy.add(new Unit(u.site(), u.unit(), u.status(), new TreeMap<>(u.devices()))));
        return copy;
    }

    private static JsonObject parse(byte[] payload) {
        if (payload.length == 0) {
            return null;
        }
        try {
            JsonElement element = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8));
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            return null; // not ours to show
        }
    }
}
