package org.bootctl.driver.rb2.emulator;

import java.lang.System.Logger.Level;
import java.util.List;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Models;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.sim.emulation.EmulatorComponent;
import org.bootctl.sim.emulation.EmulatorConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One emulated RB2 unit per factory configuration {@value #PID}: its physics come from the
 * simulated device whose {@code bootctl.device.id} is {@code device} (on real time), its firmware
 * talks BCP/2 on {@code port}. It runs while that plant service is there. Meant for a framework
 * without the engine ({@code bootctl emulate}); nothing here blocks.
 *
 * <p>It binds {@link SimulatedUnit} services only ({@link EmulatorComponent}), which the simulator alone
 * registers: whatever its configuration names, it can never become a second writer to a real unit's connection.
 */
@Component(configurationPid = Rb2EmulatorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = Rb2EmulatorComponent.Config.class, factory = true)
public final class Rb2EmulatorComponent extends EmulatorComponent<Rb2Emulator> {

    static final String PID = "org.bootctl.rb2.emulator";
    private static final System.Logger LOG = System.getLogger("org.bootctl.driver.rb2.emulator");

    /** What only the RB2 emulator has; {@code port}, {@code model}, {@code device} and {@code seed} are every emulator's {@link EmulatorConfig}. */
    @ObjectClassDefinition(name = "bootctl RB2 emulator", description = "A stand-in RB2 unit on a serial port; with port, model, device and seed as every emulator has them")
    public @interface Config {
        @AttributeDefinition(description = "injected faults, e.g. 'garbage@5/10', 'reset@60' (one per value or comma-separated)")
        String[] faults() default {};

        @AttributeDefinition(description = "serial number INFO reports; empty: the plant's")
        String serial() default "";
    }

    private volatile EmulatorConfig emulation;
    private volatile Config config;

    public Rb2EmulatorComponent() {
        super(LOG);
    }

    @Activate
    void activate(EmulatorConfig emulation, Config config) {
        if (emulation.port() == null || emulation.port().isBlank()) {
            throw new IllegalArgumentException(PID + ": 'port' is required (the device's end of the line)");
        }
        if (!emulation.model().isBlank()) {
            // a model named up front lets a mistyped fault fail activation, where the launcher's health check names it
            ModelSpec spec = Models.find(emulation.model().trim()).orElseThrow(() -> new IllegalArgumentException(
                    PID + ": unknown model '" + emulation.model().trim() + "'"));
            EmulatorFault.parseAll(List.of(config.faults()), spec);
        }
        this.emulation = emulation;
        this.config = config;
        if (!follow(emulation.device(), PID + " on " + emulation.port())) {
            LOG.log(Level.INFO, PID + ": waiting for device '" + emulation.device() + "' to emulate on " + emulation.port());
        }
    }

    @Override
    protected Rb2Emulator start(BootConnection plant) {
        EmulatorConfig current = emulation;
        String model = current.model().isBlank() ? plant.description().model() : current.model().trim();
        ModelSpec spec = Models.find(model).orElse(Models.find(plant.description().model()).orElseThrow());
        EmulatorOptions options = new EmulatorOptions(current.model(), config.serial(), EmulatorOptions.FIRMWARE,
                EmulatorFault.parseAll(List.of(config.faults()), spec), current.seed());
        Rb2Emulator emulator = new Rb2Emulator(current.port().trim(), plant, options);
        emulator.start();
        return emulator;
    }
}
