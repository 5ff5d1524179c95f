package org.bootctl.driver.rb1;

import org.bootctl.api.device.BootConnection;
import org.bootctl.serial.PortConfig;
import org.bootctl.serial.Registrar;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One RB1 boot per factory configuration {@code org.bootctl.rb1.port}: registers a
 * {@link BootConnection} service while the unit on that port answers. A thin shell over
 * {@link Rb1Driver}; nothing here blocks.
 */
@Component(configurationPid = Rb1DriverComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = Rb1DriverComponent.Config.class, factory = true)
public final class Rb1DriverComponent {

    static final String PID = "org.bootctl.rb1.port";

    /** What only RB1 ports have; {@code port}, {@code model} and {@code id} are every serial driver's {@link PortConfig}. */
    @ObjectClassDefinition(name = "bootctl RB1 port", description = "An RB1 boot (line protocol) on a serial port; with port, model and id as every serial driver has them")
    public @interface Config {
        @AttributeDefinition(description = "telemetry rate asked of the device, 1..20 Hz", min = "1", max = "20")
        int streamHz() default 20;
    }

    private final Rb1Driver driver;

    @Activate
    public Rb1DriverComponent(BundleContext context, PortConfig port, Config config) {
        driver = new Rb1Driver(new DriverSettings(port.port(), port.model(), port.id(), config.streamHz()),
                Registrar.services(context));
        driver.start();
    }

    @Deactivate
    void deactivate() {
        driver.stop();
    }
}
