package org.bootctl.driver.rb1.emulator;

import java.lang.System.Logger.Level;
import org.bootctl.api.device.BootConnection;
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
 * An emulated RB1 unit per factory configuration {@code org.bootctl.rb1.emulator}: the firmware
 * on {@code port}, in front of the simulated device whose device id is {@code device} (a
 * simulated RB1-L4, say). It runs while that plant is there. For {@code bootctl emulate}: a
 * framework with the simulator and this bundle, no engine.
 *
 * <p>It binds {@link SimulatedUnit} services only ({@link EmulatorComponent}), which the simulator alone
 * registers: whatever its configuration names, it can never become a second writer to a real unit's connection.
 */
@Component(configurationPid = Rb1EmulatorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = Rb1EmulatorComponent.Config.class, factory = true)
public final class Rb1EmulatorComponent extends EmulatorComponent<Rb1Emulator> {

    static final String PID = "org.bootctl.rb1.emulator";
    private static final System.Logger LOG = System.getLogger(Rb1EmulatorComponent.class.getName());

    /** What only the RB1 emulator has; {@code port}, {@code model}, {@code device} and {@code seed} are every emulator's {@link EmulatorConfig}. */
    @ObjectClassDefinition(name = "bootctl RB1 emulator", description = "An emulated RB1 unit on a serial port; with port, model, device and seed as every emulator has them")
    public @interface Config {
        @AttributeDefinition(description = "faults to inject, e.g. 'garbage@5, overpressure:2@10+1, reset@20' (blank: none)")
        String faults() default "";
    }

    private volatile EmulatorConfig emulation;
    private volatile Config config;

    public Rb1EmulatorComponent() {
        super(LOG);
    }

    @Activate
    void activate(EmulatorConfig emulation, Config config) {
        String model = blankToNull(emulation.model());
        if (model != null) {
            // a model of the catalogue named up front lets a mistyped fault fail activation, where the
            // launcher's health check names it (an unknown model is allowed: tests report one on purpose)
            Models.find(model).ifPresent(spec -> EmulatorFault.parseAll(config.faults(), spec.zones()));
        }
        this.emulation = emulation;
        this.config = config;
        if (!follow(emulation.device(), "RB1 emulator on " + emulation.port())) {
            LOG.log(Level.INFO, "RB1 emulator on " + emulation.port() + " waits for device " + emulation.device());
        }
    }

    @Override
    protected Rb1Emulator start(BootConnection plant) {
        EmulatorConfig current = emulation;
        Rb1Emulator.Options options = new Rb1Emulator.Options(blankToNull(current.model()), null,
                EmulatorFault.parseAll(config.faults(), plant.description().zoneCount()), current.seed());
        Rb1Emulator emulator = new Rb1Emulator(current.port(), plant, options);
        emulator.start();
        return emulator;
    }

    /** The running emulator, or null: for tests. */
    Rb1Emulator emulator() {
        return running();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
