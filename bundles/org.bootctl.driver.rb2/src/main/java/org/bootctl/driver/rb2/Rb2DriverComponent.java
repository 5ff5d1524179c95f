package org.bootctl.driver.rb2;

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
 * One RB2 boot per factory configuration {@value #PID}: registers a {@link BootConnection}
 * service while the unit on that port answers. A thin shell over {@link Rb2Link}; nothing here blocks.
 */
@Component(configurationPid = Rb2DriverComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = Rb2DriverComponent.Config.class, factory = true)
public final class Rb2DriverComponent {

    static final String PID = "org.bootctl.rb2.port";

    /** What only RB2 ports have; {@code port}, {@code model} and {@code id} are every serial driver's {@link PortConfig}. */
    @ObjectClassDefinition(name = "bootctl RB2 port", description = "An RB2 boot (BCP/2) on a serial port; with port, model and id as every serial driver has them")
    public @interface Config {
        @AttributeDefinition(description = "telemetry rate asked of the device, 10..100 Hz (the engine ticks at 50)",
                min = "10", max = "100")
        int rateHz() default PortSettings.DEFAULT_RATE_HZ;
    }

    private final Rb2Link link;

    @Activate
    public Rb2DriverComponent(BundleContext context, PortConfig port, Config config) {
        link = new Rb2Link(PortSettings.of(port.port(), port.model(), port.id(), config.rateHz()),
                Registrar.services(context));
        link.start();
    }

    @Deactivate
    void deactivate() {
        link.stop();
    }
}
