package org.bootctl.sim.emulation;

import java.util.Map;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.SimulatedUnit;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The DS shell every emulator component shares: it binds the simulator's plants and runs the
 * emulator that {@link #start} makes in front of the one its configuration names (see
 * {@link PlantFollower}). A subclass is an emulator's protocol: its configuration, the checks of
 * its activation, which ends with {@link #follow}, and how it starts. Its bundle builds with bnd's
 * {@code -dsannotations-options: inherit}, so that these annotations count.
 *
 * <p>Its only reference is to {@link SimulatedUnit} services, which the simulator alone registers:
 * whatever a configuration names, an emulator never becomes a second writer to a real unit's connection.
 *
 * @param <E> the emulator
 */
public abstract class EmulatorComponent<E extends AutoCloseable> {

    private final PlantFollower<E> plants;

    protected EmulatorComponent(System.Logger log) {
        plants = new PlantFollower<>(log, this::start);
    }

    @Reference(service = SimulatedUnit.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void bindPlant(SimulatedUnit unit, Map<String, Object> properties) {
        plants.add(unit, properties);
    }

    public void unbindPlant(SimulatedUnit unit, Map<String, Object> properties) {
        plants.remove(unit, properties);
    }

    @Deactivate
    public void deactivate() {
        plants.stop();
    }

    /**
     * Runs the emulator in front of the device with this id from now on; the end of an activation.
     *
     * @param label names the emulator in the log line of a failed start
     * @return whether that device is there now
     */
    protected boolean follow(String device, String label) {
        return plants.follow(device, label);
    }

    /** Starts an emulator in front of the plant, as configured; throws saying why it cannot. */
    protected abstract E start(BootConnection plant);

    /** The running emulator, or null. */
    protected E running() {
        return plants.emulator();
    }
}
