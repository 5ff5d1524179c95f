package org.bootctl.driver.rb2.emulator;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.SimulatedUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One emulated RB2 unit per factory configuration {@value #PID}: its physics come from the
 * simulated device whose {@code bootctl.device.id} is {@code device} (on real time), its firmware
 * talks BCP/2 on {@code port}. It runs while that plant service is there. Meant for a framework
 * without the engine ({@code bootctl emulate}); nothing here blocks.
 *
 * <p>It binds {@link SimulatedUnit} services only, which the simulator alone registers: whatever
 * its configuration names, it can never become a second writer to a real unit's connection.
 */
@Component(configurationPid = Rb2EmulatorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = Rb2EmulatorComponent.Config.class, factory = true)
public final class Rb2EmulatorComponent {

    static final String PID = "org.bootctl.rb2.emulator";
    private static final System.Logger LOG = System.getLogger("org.bootctl.driver.rb2.emulator");

    @ObjectClassDefinition(name = "bootctl RB2 emulator", description = "A stand-in RB2 unit on a serial port")
    public @interface Config {
        @AttributeDefinition(description = "the device's end of the serial line, e.g. a socat link")
        String port();

        @AttributeDefinition(description = "model id INFO reports; empty: the plant's")
        String model() default "";

        @AttributeDefinition(description = "injected faults, e.g. 'garbage@5/10', 'reset@60' (one per value or comma-separated)")
        String[] faults() default {};

        @AttributeDefinition(description = "bootctl.device.id of the simulated device that gives the physics")
        String device() default "sim-1";

        @AttributeDefinition(description = "serial number INFO reports; empty: the plant's")
        String serial() default "";

        @AttributeDefinition(description = "seed of garbage bytes and corruption")
        long seed() default 1;
    }

    private final Map<String, BootConnection> plants = new ConcurrentHashMap<>();
    private Config config;
    private Rb2Emulator emulator;
    private BootConnection running;

    @Reference(service = SimulatedUnit.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPlant(SimulatedUnit unit, Map<String, Object> properties) {
        Object id = properties.get(BootConnection.DEVICE_ID);
        if (id != null && unit instanceof BootConnection plant) {
            plants.put(id.toString(), plant);
            startIfReady();
        }
    }

    void removePlant(SimulatedUnit unit, Map<String, Object> properties) {
        Object id = properties.get(BootConnection.DEVICE_ID);
        if (id != null && unit instanceof BootConnection plant && plants.remove(id.toString(), plant)) {
            stopIf(plant);
        }
    }

    @Activate
    synchronized void activate(Config config) {
        if (config.port() == null || config.port().isBlank()) {
            throw new IllegalArgumentException(PID + ": 'port' is required (the device's end of the line)");
        }
        if (!config.model().isBlank()) {
            // a model named up front lets a mistyped fault fail activation, where the launcher's health check names it
            ModelSpec spec = Models.find(config.model().trim()).orElseThrow(() -> new IllegalArgumentException(
                    PID + ": unknown model '" + config.model().trim() + "'"));
            EmulatorFault.parseAll(List.of(config.faults()), spec);
        }
        this.config = config;
        startIfReady();
    }

    @Deactivate
    synchronized void deactivate() {
        stopIf(running);
        config = null;
    }

    private synchronized void startIfReady() {
        if (config == null || emulator != null) {
            return;
        }
        BootConnection plant = plants.get(config.device());
        if (plant == null) {
            LOG.log(Level.INFO, PID + ": waiting for device '" + config.device() + "' to emulate on " + config.port());
            return;
        }
        try {
            String model = config.model().isBlank() ? plant.description().model() : config.model().trim();
            ModelSpec spec = Models.find(model).orElse(Models.find(plant.description().model()).orElseThrow());
            EmulatorOptions options = new EmulatorOptions(config.model(), config.serial(), EmulatorOptions.FIRMWARE,
                    EmulatorFault.parseAll(List.of(config.faults()), spec), config.seed());
            emulator = new Rb2Emulator(config.port().trim(), plant, options);
            running = plant;
            emulator.start();
        } catch (RuntimeException e) {
            emulator = null;
            running = null;
            LOG.log(Level.ERROR, PID + " on " + config.port() + ": " + e.getMessage());
        }
    }

    private synchronized void stopIf(BootConnection plant) {
        if (emulator != null && plant != null && plant == running) {
            emulator.close();
            emulator = null;
            running = null;
        }
    }
}
