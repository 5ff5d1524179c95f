package org.bootctl.driver.rb1;

import org.bootctl.api.device.BootConnection;
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

    @ObjectClassDefinition(name = "bootctl RB1 port", description = "An RB1 boot (line protocol) on a serial port")
    public @interface Config {
        @AttributeDefinition(description = "serial port path, e.g. /dev/ttyUSB0")
        String port();

        @AttributeDefinition(description = "the model expected on the port, or auto")
        String model() default DriverSettings.AUTO;

        @AttributeDefinition(description = "device id in the engine; empty: rb1-<port name>, e.g. rb1-ttyUSB0")
        String id() default "";

        @AttributeDefinition(description = "telemetry rate asked of the device, 1..20 Hz", min = "1", max = "20")
        int streamHz() default 20;
    }

    private final Rb1Driver driver;

    @Activate
    public Rb1DriverComponent(BundleContext context, Config config) {
        driver = new Rb1Driver(new DriverSettings(config.port(), config.model(), config.id(), config.streamHz()),
                Registrar.services(context));
        driver.start();
    }

    @Deactivate
    void deactivate() {
        driver.stop();
    }
}
