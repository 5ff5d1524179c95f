package org.bootctl.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.logging.Logger;

/**
 * The units and devices the hub has heard of, from their retained status and device messages as
 * they arrive (before the database): whom a fleet e-stop goes to, so stopping never waits on the
 * database. Bounded to a large fleet ({@value #MAX_UNITS} units of at most {@value #MAX_DEVICES}
 * devices); beyond that the e-stop asks the database.
 */
final class KnownUnits {

    private static final Logger LOG = Logger.getLogger(KnownUnits.class.getName());
    static final int MAX_UNITS = 10_000;
    static final int MAX_DEVICES = 256;

    /** "site/unit": its devices. Sorted, so an e-stop's answer lists them in a stable order. */
    private final Map<String, Set<String>> units = new ConcurrentSkipListMap<>();
    private volatile boolean warned;

    /** A unit's retained message: {@code device} null for its status; {@code gone} for a device's empty message. */
    void seen(String site, String unit, String device, boolean gone) {
        String key = site + "/" + unit;
        Set<String> devices = units.get(key);
        if (devices == null) {
            if (gone) {
                return;
            }
            if (units.size() >= MAX_UNITS) {
                full(key);
                return;
            }
            devices = units.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        }
        if (device == null) {
            return;
        }
        if (gone) {
            devices.remove(device);
        } else if (devices.size() < MAX_DEVICES || devices.contains(device)) {
            devices.add(device);
        } else {
            full(key + "/" + device);
        }
    }

    private void full(String what) {
        if (!warned) {
            warned = true;
            LOG.warning("bootctl hub: " + what + " is past the " + MAX_UNITS + " units (" + MAX_DEVICES
                    + " devices each) the hub keeps in memory for the e-stop; a stop for it reads the database");
        }
    }

    /**
     * The units of {@code site} (only {@code unit}, or only those with {@code device}, when given) as
     * the API's unit objects: {@code {"site","unit","devices":[{"device"}]}}.
     */
    List<JsonObject> matching(String site, String unit, String device) {
        List<JsonObject> out = new ArrayList<>();
        String prefix = site + "/";
        for (Map.Entry<String, Set<String>> e : ((ConcurrentSkipListMap<String, Set<String>>) units)
                .tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            String name = e.getKey().substring(prefix.length());
            if ((unit != null && !unit.equals(name)) || (device != null && !e.getValue().contains(device))) {
                continue;
            }
            JsonArray devices = new JsonArray();
            e.getValue().stream().sorted().forEach(d -> {
                JsonObject o = new JsonObject();
                o.addProperty("device", d);
                devices.add(o);
            });
            JsonObject u = new JsonObject();
            u.addProperty("site", site);
            u.addProperty("unit", name);
            u.add("devices", devices);
            out.add(u);
        }
        return out;
    }
}
