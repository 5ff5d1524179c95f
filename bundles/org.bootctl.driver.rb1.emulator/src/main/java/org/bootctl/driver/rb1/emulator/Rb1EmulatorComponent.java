package org.bootctl.driver.rb1.emulator;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.SimulatedUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An emulated RB1 unit per factory configuration {@code org.bootctl.rb1.emulator}: the firmware
 * on {@code port}, in front of the simulated device whose device id is {@code device} (a
 * simulated RB1-L4, say). It runs while that plant is there. For {@code bootctl emulate}: a
 * framework with the simulator and this bundle, no engine.
 *
 * <p>It binds {@link SimulatedUnit} services only, which the simulator alone registers: whatever
 * its configuration names, it can never become a second writer to a real unit's connection.
 */
@Component(configurationPid = Rb1EmulatorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = Rb1EmulatorComponent.Config.class, factory = true)
public final class Rb1EmulatorComponent {

    static final String PID = "org.bootctl.rb1.emulator";
    private static final System.Logger LOG = System.getLogger(Rb1EmulatorComponent.class.getName());

    @ObjectClassDefinition(name = "bootctl RB1 emulator", description = "An emulated RB1 unit on a serial port")
    public @interface Config {
        @AttributeDefinition(description = "serial port path: one end of a socat pair")
        String port();

        @AttributeDefinition(description = "the model ID? reports; empty: the plant's")
        String model() default "";

        @AttributeDefinition(description = "faults to inject, e.g. 'garbage@5, overpressure:2@10+1, reset@20' (blank: none)")
        String faults() default "";

        @AttributeDefinition(description = "bootctl.device.id of the simulated device that gives the physics")
        String device() default "sim-1";

        @AttributeDefinition(description = "seeds garbage and corrupted checksums")
        long seed() default 1;
    }

    /** Every simulated device by device id: the plant is the one the configuration names. */
    private final Map<String, BootConnection> connections = new ConcurrentHashMap<>();
    private volatile Config config;
    // guarded by this
    private BootConnection plant;
    private Rb1Emulator emulator;

    @Reference(service = SimulatedUnit.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindConnection(SimulatedUnit unit, Map<String, Object> properties) {
        if (unit instanceof BootConnection connection) {
            connections.put(String.valueOf(properties.get(BootConnection.DEVICE_ID)), connection);
            follow();
        }
    }

    void unbindConnection(SimulatedUnit unit, Map<String, Object> properties) {
        if (unit instanceof BootConnection connection) {
            connections.remove(String.valueOf(properties.get(BootConnection.DEVICE_ID)), connection);
            follow();
        }
    }

    @Activate
    void activate(Config config) {
        String model = blankToNull(config.model());
        if (model != null) {
            // a model of the catalogue named up front lets a mistyped fault fail activation, where the
            // launcher's health check names it (an unknown model is allowed: tests report one on purpose)
            Models.find(model).ifPresent(spec -> EmulatorFault.parseAll(config.faults(), spec.zones()));
        }
        this.config = config;
        if (!connections.containsKey(config.device())) {
            LOG.log(Level.INFO, "RB1 emulator on " + config.port() + " waits for device " + config.device());
        }
        follow();
    }

    @Deactivate
    void deactivate() {
        config = null;
        follow();
    }

    /** Runs the emulator while the component is active and its plant is there. */
    private synchronized void follow() {
        Config current = config;
        BootConnection wanted = current == null ? null : connections.get(current.device());
        if (wanted == plant) {
            return;
        }
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
        plant = wanted;
        if (wanted == null) {
            return;
        }
        try {
            Rb1Emulator.Options options = new Rb1Emulator.Options(blankToNull(current.model()), null,
                    EmulatorFault.parseAll(current.faults(), wanted.description().zoneCount()),
                    current.seed());
            emulator = new Rb1Emulator(current.port(), wanted, options);
            emulator.start();
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "RB1 emulator on " + current.port() + ": " + e.getMessage());
            emulator = null;
        }
    }

    /** The running emulator, or null: for tests. */
    synchronized Rb1Emulator emulator() {
        return emulator;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
