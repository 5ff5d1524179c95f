package org.bootctl.sim;

import java.util.Hashtable;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.SimulatedUnit;
import org.bootctl.api.time.Timebase;
import org.bootctl.timebase.SystemTimebase;
import org.bootctl.timebase.ManualTimebase;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One simulated device per factory configuration of {@value #PID}. It registers the device as
 * a {@link BootConnection} service itself (so there is exactly one service per device, and
 * only once the device runs), under {@link SimulatedUnit} as well: the one mark of a simulated
 * plant, which the emulators bind and nothing but the simulator registers. On virtual time it
 * also registers the device's timebase, which whoever drives the session advances.
 */
@Component(configurationPid = SimulatorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SimulatorComponent.Config.class, factory = true)
public final class SimulatorComponent {

    static final String PID = "org.bootctl.sim.device";
    /** Service property of the timebase service: {@code virtual}. */
    static final String TIME_PROPERTY = "bootctl.time";

    @ObjectClassDefinition(name = "bootctl simulated device", description = "A simulated boot unit")
    public @interface Config {
        @AttributeDefinition(description = "device id, unique in the runtime")
        String id() default "sim-1";

        @AttributeDefinition(description = "model: RB2-L5, RB2-A4, RB2-M8 or RB1-L4")
        String model() default "RB2-L5";

        @AttributeDefinition(description = "injected faults, e.g. 'leak:2, stall@30' (blank: none)")
        String faults() default "";

        @AttributeDefinition(description = "run on a virtual clock that the session driver advances")
        boolean virtualTime() default false;

        @AttributeDefinition(description = "seed of the sensor noise")
        long seed() default 1;
    }

    private SimulatedDevice device;
    private SystemTimebase realTime;
    private ServiceRegistration<?> connection;
    private ServiceRegistration<Timebase> virtualTime;

    @Activate
    void activate(BundleContext context, Config config) {
        String id = config.id();
        Timebase timebase = config.virtualTime() ? new ManualTimebase() : (realTime = new SystemTimebase("bootctl-sim-" + id));
        try {
            device = create(id, config.model(), config.faults(), timebase, config.seed());
        } catch (IllegalArgumentException e) {
            closeRealTime();
            throw e;
        }
        device.start();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(BootConnection.DEVICE_ID, id);
        if (config.virtualTime()) {
            Hashtable<String, Object> timeProperties = new Hashtable<>(properties);
            timeProperties.put(TIME_PROPERTY, "virtual");
            virtualTime = context.registerService(Timebase.class, timebase, timeProperties);
        }
        connection = context.registerService(new String[] {BootConnection.class.getName(), SimulatedUnit.class.getName()},
                device, properties);
    }

    @Deactivate
    void deactivate() {
        unregister(connection);
        unregister(virtualTime);
        device.ventAll();
        device.close();
        closeRealTime();
    }

    /**
     * A device from configuration values.
     *
     * @throws IllegalArgumentException naming the device and what is wrong: unknown model or bad faults
     */
    static SimulatedDevice create(String id, String model, String faults, Timebase timebase, long seed) {
        try {
            ModelSpec spec = SimModel.of(model == null ? "" : model.trim()).spec();
            return SimulatedDevice.of(id, spec, SimFault.parseAll(faults, spec), timebase, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simulated device '" + id + "' (" + PID + "): " + e.getMessage(), e);
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // unregistered already, by the framework as the bundle stops
            }
        }
    }

    private void closeRealTime() {
        if (realTime != null) {
            realTime.close();
            realTime = null;
        }
    }
}
