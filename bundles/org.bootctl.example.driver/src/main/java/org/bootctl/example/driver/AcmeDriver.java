package org.bootctl.example.driver;

import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceDescription;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The driver: one ACME-X6 unit, configured by PID {@value #PID} (in a running bootctl, a file
 * {@code org.bootctl.example.driver.cfg} in the data folder's deploy/ sets it; without one the
 * defaults below hold).
 *
 * <p>The component is no service itself ({@code service = {}}): DS would publish a service as soon
 * as the component activates, before the unit has said what it is, and the engine would take it
 * for a unit it can command. Instead the component powers the unit on, and a thread of its own
 * runs the handshake and registers the {@link BootConnection} only once the unit answered as the
 * model this bundle describes ({@link AcmeX6}); activation itself never waits. A configuration
 * change deactivates the component (the connection goes) and activates it again (a new one).
 */
@Component(service = {}, configurationPid = AcmeDriver.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class AcmeDriver {

    static final String PID = "org.bootctl.example.driver";
    static final long HANDSHAKE_MS = 1000;
    private static final System.Logger LOG = System.getLogger(AcmeDriver.class.getName());

    /** The configuration: properties of PID {@value AcmeDriver#PID}. */
    @interface Config {
        /** The device id in the engine (the web UI, {@code bootctl session --device}). */
        String id() default "acme-1";

        /** The unit's serial number (a real unit would say it; this one is told). */
        String serial() default "X6-0001";
    }

    private final Object lock = new Object();
    private AcmeUnit unit;
    private Thread handshake;
    private ServiceRegistration<BootConnection> registration;
    private boolean stopped;

    @Activate
    void activate(Config config, BundleContext context) {
        String id = config.id().isBlank() ? "acme-1" : config.id().trim();
        unit = new AcmeUnit(config.serial());
        unit.powerOn();
        handshake = new Thread(() -> connect(id, unit, context), "acme-x6 handshake " + id);
        handshake.setDaemon(true);
        handshake.start();
    }

    /** The handshake, then the registration: on the handshake thread, never on DS's. */
    private void connect(String id, AcmeUnit unit, BundleContext context) {
        AcmeUnit.Identity who;
        try {
            who = unit.hello().toCompletableFuture().get(HANDSHAKE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return; // deactivated meanwhile
        } catch (Exception e) {
            LOG.log(Level.ERROR, "ACME-X6 " + id + ": no answer to the handshake within " + HANDSHAKE_MS + " ms");
            return;
        }
        if (!AcmeX6.MODEL.equals(who.model()) || who.zones() != AcmeX6.DESCRIPTION.zones()) {
            LOG.log(Level.ERROR, "ACME-X6 " + id + ": expected " + AcmeX6.MODEL + " with " + AcmeX6.DESCRIPTION.zones()
                    + " zones but the unit says " + who.model() + " with " + who.zones());
            return;
        }
        DeviceDescription description = AcmeX6.describe(id, who);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(BootConnection.DEVICE_ID, id);
        synchronized (lock) {
            if (!stopped) {
                registration = context.registerService(BootConnection.class, new AcmeConnection(description, unit), properties);
            }
        }
    }

    /** Unregisters at once, then vents the unit and powers it off; waits for nothing. */
    @Deactivate
    void deactivate() {
        synchronized (lock) {
            stopped = true;
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework is stopping the bundle and took it already
                }
                registration = null;
            }
        }
        handshake.interrupt();
        unit.ventAll();
        unit.powerOff();
    }
}
