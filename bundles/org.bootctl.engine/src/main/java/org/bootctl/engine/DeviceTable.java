package org.bootctl.engine;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.session.SessionException;
import org.bootctl.engine.dispatch.Identity;
import org.bootctl.engine.loop.DeviceHandle;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The devices connected, by id and by connection. Ids are unique: a connection that comes with the
 * id of a device already connected (two drivers, or a driver's two configurations, giving one id)
 * waits, and the first that waits for an id is taken on when that device goes, so a unit that
 * answered is never left out for good. Any thread; who is connected is decided under one lock.
 */
final class DeviceTable {

    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final Map<String, DeviceHandle> byId = new ConcurrentHashMap<>();
    /** By the connection's identity, never its own equals and hashCode (a driver's code). */
    private final Map<Identity<BootConnection>, DeviceHandle> byConnection = new ConcurrentHashMap<>();
    /** Connections waiting for an id to be free, in the order they came, with that id; guarded by {@link #lock}. */
    private final Map<Identity<BootConnection>, String> waiting = new LinkedHashMap<>();
    private final Object lock = new Object();

    /** A device that went, and the connection that waited for its id (or null). */
    record Gone(DeviceHandle device, BootConnection next) {
    }

    DeviceHandle get(String deviceId) {
        return deviceId == null ? null : byId.get(deviceId);
    }

    DeviceHandle require(String deviceId) throws SessionException {
        return NotFound.unless(get(deviceId), "no device '" + deviceId + "' is connected");
    }

    /** Every device connected now (a live view). */
    Collection<DeviceHandle> all() {
        return byId.values();
    }

    /** Takes {@code loop} on; false when another device has its id (it waits then, which is logged). */
    boolean connect(BootConnection connection, DeviceHandle loop) {
        synchronized (lock) {
            DeviceHandle connected = byId.putIfAbsent(loop.id(), loop);
            if (connected != null) {
                waiting.put(Identity.of(connection), loop.id());
                LOG.log(Level.ERROR, "a second device with id " + loop.id() + " (" + loop.description().model()
                        + ", driver " + bundleOf(connection) + ") waits: device " + loop.id() + " ("
                        + connected.description().model() + ", driver " + driverOf(connected)
                        + ") is connected, and ids must be unique (give each unit its own id in its driver's"
                        + " configuration); it is taken on when that one goes");
                return false;
            }
            byConnection.put(Identity.of(connection), loop);
            return true;
        }
    }

    /** Lets {@code connection}'s device go; null when it was never taken on (or went already). */
    Gone disconnect(BootConnection connection) {
        synchronized (lock) {
            if (waiting.remove(Identity.of(connection)) != null) {
                return null;
            }
            DeviceHandle loop = byConnection.remove(Identity.of(connection));
            if (loop == null) {
                return null;
            }
            byId.remove(loop.id(), loop);
            BootConnection next = null;
            for (var it = waiting.entrySet().iterator(); it.hasNext() && next == null; ) {
                var candidate = it.next();
                if (candidate.getValue().equals(loop.id())) {
                    it.remove();
                    next = candidate.getKey().service();
                }
            }
            return new Gone(loop, next);
        }
    }

    private String driverOf(DeviceHandle device) {
        return byConnection.entrySet().stream().filter(e -> e.getValue() == device)
                .map(e -> bundleOf(e.getKey().service())).findFirst().orElse("unknown");
    }

    private static String bundleOf(BootConnection connection) {
        Bundle bundle = FrameworkUtil.getBundle(connection.getClass());
        return bundle != null ? bundle.getSymbolicName() : connection.getClass().getName();
    }
}
