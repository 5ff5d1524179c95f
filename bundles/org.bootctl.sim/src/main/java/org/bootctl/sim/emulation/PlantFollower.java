package org.bootctl.sim.emulation;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.SimulatedUnit;

/**
 * Runs an emulator in front of the simulated unit its configuration names, while both are there:
 * it keeps the simulator's plants by device id and starts, stops or moves the emulator as the
 * configured one comes and goes. Written once for every emulator component ({@link EmulatorComponent}); each
 * carries a private copy of this package (bnd {@code -conditionalpackage}), nothing imports it.
 *
 * <p>It takes {@link SimulatedUnit} services only, which the simulator alone registers: whatever a
 * configuration names, an emulator never becomes a second writer to a real unit's connection.
 *
 * @param <E> the emulator
 */
public final class PlantFollower<E extends AutoCloseable> {

    private final System.Logger log;
    /** Starts an emulator in front of a plant, or throws saying why it cannot. */
    private final Function<BootConnection, E> start;
    private final Map<String, BootConnection> plants = new ConcurrentHashMap<>();
    // guarded by this
    private String device;
    private String label;
    private BootConnection plant;
    private E emulator;

    public PlantFollower(System.Logger log, Function<BootConnection, E> start) {
        this.log = log;
        this.start = start;
    }

    /** A simulated unit came: the plant if the configuration names its device id. */
    public void add(SimulatedUnit unit, Map<String, Object> properties) {
        Object id = properties.get(BootConnection.DEVICE_ID);
        if (id != null && unit instanceof BootConnection connection) {
            plants.put(id.toString(), connection);
            follow();
        }
    }

    /** A simulated unit went: the emulator in front of it stops. */
    public void remove(SimulatedUnit unit, Map<String, Object> properties) {
        Object id = properties.get(BootConnection.DEVICE_ID);
        if (id != null && unit instanceof BootConnection connection && plants.remove(id.toString(), connection)) {
            follow();
        }
    }

    /**
     * From now on, runs the emulator in front of the device with this id; null: none.
     *
     * @param label names the emulator in the log line of a failed start, e.g. {@code RB1 emulator on /dev/pts/3}
     * @return whether that device is there now
     */
    public synchronized boolean follow(String device, String label) {
        this.device = device == null ? null : device.trim(); // as the simulator takes its id
        this.label = label;
        follow();
        return this.device != null && plants.containsKey(this.device);
    }

    /** Stops the emulator and follows no device any more. */
    public synchronized void stop() {
        device = null;
        follow();
    }

    /** The running emulator, or null. */
    public synchronized E emulator() {
        return emulator;
    }

    private synchronized void follow() {
        BootConnection wanted = device == null ? null : plants.get(device);
        if (wanted == plant) {
            return;
        }
        if (emulator != null) {
            try {
                emulator.close();
            } catch (Exception e) {
                log.log(Level.WARNING, label + ": closing: " + e.getMessage());
            }
            emulator = null;
        }
        plant = wanted;
        if (wanted == null) {
            return;
        }
        try {
            emulator = start.apply(wanted);
        } catch (RuntimeException e) {
            log.log(Level.ERROR, label + ": " + e.getMessage());
            emulator = null;
        }
    }
}
