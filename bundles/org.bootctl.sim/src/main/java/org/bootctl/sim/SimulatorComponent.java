package org.bootctl.sim;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bootctl.api.device.BootConnection;
import org.bootctl.api.device.DeviceText;
import org.bootctl.api.device.ModelCatalog;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.ModelRegistry;
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
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One simulated device per factory configuration of {@value #PID}. It registers the device as
 * a {@link BootConnection} service itself (so there is exactly one service per device, and
 * only once the device runs), under {@link SimulatedUnit} as well: the one mark of a simulated
 * plant, which the emulators bind and nothing but the simulator registers. On virtual time it
 * also registers the device's timebase, which whoever drives the session advances.
 *
 * <p>The model may be any that a {@link ModelCatalog} describes: the simulator's own
 * ({@link SimulatorModels}) or another bundle's, e.g. a driver dropped into {@code deploy/}. A
 * model nobody describes yet is waited for: the device starts when a catalogue describing it comes.
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

        @AttributeDefinition(description = "model: RB2-L5, RB2-A4, RB2-M8, RB1-L4 or any model a bundle describes")
        String model() default "RB2-L5";

        @AttributeDefinition(description = "injected faults, e.g. 'leak:2, stall@30' (blank: none)")
        String faults() default "";

        @AttributeDefinition(description = "run on a virtual clock that the session driver advances")
        boolean virtualTime() default false;

        @AttributeDefinition(description = "seed of the sensor noise")
        long seed() default 1;
    }

    private static final System.Logger LOG = System.getLogger(SimulatorComponent.class.getName());

    /**
     * What each catalogue lists, read on a thread of its own: its models() is another bundle's code,
     * and one that never returned held the activation (the framework's thread) for good. By identity.
     */
    private final List<Listed> catalogs = new CopyOnWriteArrayList<>();

    /** A catalogue (known by its identity, never its own equals) and its models once read. */
    private record Listed(ModelCatalog catalog, CompletableFuture<List<ModelDescription>> models) {
    }
    private BundleContext context;
    private Config config;
    private SimulatedDevice device;
    private SystemTimebase realTime;
    private ServiceRegistration<?> connection;
    private ServiceRegistration<Timebase> virtualTime;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCatalog(ModelCatalog catalog) {
        CompletableFuture<List<ModelDescription>> models = new CompletableFuture<>();
        catalogs.add(new Listed(catalog, models));
        Thread reader = new Thread(() -> models.complete(read(catalog)), "bootctl-sim-model-catalog");
        reader.setDaemon(true);
        reader.start();
        models.thenRun(this::startIfDescribed); // a device waiting for a model this catalogue describes starts then
    }

    /** A catalogue's models, nulls left out; none when it fails or lists too many (as the engine reads it). */
    private static List<ModelDescription> read(ModelCatalog catalog) {
        try {
            List<ModelDescription> listed = catalog.models();
            List<ModelDescription> copy = new ArrayList<>();
            for (ModelDescription m : listed == null ? List.<ModelDescription>of() : listed) {
                if (copy.size() >= ModelRegistry.MAX_MODELS) {
                    throw new IllegalStateException("it lists more than " + ModelRegistry.MAX_MODELS + " models");
                }
                if (m != null) {
                    copy.add(m);
                }
            }
            return List.copyOf(copy);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a model catalogue failed to list its models: " + e);
            return List.of();
        }
    }

    private synchronized void startIfDescribed() {
        if (config != null && device == null) {
            try {
                start();
            } catch (IllegalArgumentException e) {
                LOG.log(Level.ERROR, e.getMessage());
            }
        }
    }

    void removeCatalog(ModelCatalog catalog) {
        catalogs.removeIf(listed -> listed.catalog() == catalog); // a running device keeps the description it was made with
    }

    @Activate
    synchronized void activate(BundleContext context, Config config) {
        this.context = context;
        this.config = config;
        start();
    }

    /** Starts the device once its model is described; throws for bad faults. */
    private void start() {
        String id = deviceId(config.id());
        Optional<ModelDescription> model = describe(config.model() == null ? "" : config.model().trim());
        if (model.isEmpty()) {
            LOG.log(Level.DEBUG, "simulated device '" + id + "' waits for a bundle to describe model " + config.model());
            return;
        }
        Timebase timebase = config.virtualTime() ? new ManualTimebase() : (realTime = new SystemTimebase("bootctl-sim-" + id));
        try {
            device = create(id, model.get(), config.faults(), timebase, config.seed());
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

    /** The simulator's own description of a model first, then any catalogue's. */
    private Optional<ModelDescription> describe(String model) {
        Optional<ModelDescription> own = SimModel.described().stream().filter(m -> m.is(model)).findFirst();
        if (own.isPresent()) {
            return own;
        }
        // only what the catalogues have listed by now: the others start the device once they have
        return catalogs.stream().flatMap(listed -> listed.models().getNow(List.of()).stream())
                .filter(m -> m.is(model)).findFirst();
    }

    @Deactivate
    synchronized void deactivate() {
        config = null;
        if (device == null) {
            return;
        }
        unregister(connection);
        unregister(virtualTime);
        device.ventAll();
        device.close();
        closeRealTime();
        device = null;
    }

    /** A device of a described model from configuration values; throws naming the device for bad faults. */
    static SimulatedDevice create(String id, ModelDescription model, String faults, Timebase timebase, long seed) {
        String deviceId = deviceId(id);
        try {
            return SimulatedDevice.of(deviceId, model, SimFault.parseAll(faults, model), timebase, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simulated device '" + id + "' (" + PID + "): " + e.getMessage(), e);
        }
    }

    /**
     * A device from configuration values.
     *
     * @throws IllegalArgumentException naming the device and what is wrong: unknown model or bad faults
     */
    static SimulatedDevice create(String id, String model, String faults, Timebase timebase, long seed) {
        String deviceId = deviceId(id);
        try {
            ModelDescription spec = SimModel.of(model == null ? "" : model.trim()).spec();
            return SimulatedDevice.of(deviceId, spec, SimFault.parseAll(faults, spec), timebase, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simulated device '" + id + "' (" + PID + "): " + e.getMessage(), e);
        }
    }

    /**
     * The configured id, trimmed, as the serial drivers take theirs: a person types it (boot:watch,
     * the web UI's addresses), so a blank one or one with control characters is refused.
     *
     * @throws IllegalArgumentException saying what is wrong and what to give
     */
    static String deviceId(String id) {
        String trimmed = id == null ? "" : id.trim();
        if (trimmed.isEmpty() || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("simulated device (" + PID + "): the id "
                    + (trimmed.isEmpty() ? "is blank" : "'" + DeviceText.clean(trimmed) + "' holds control characters")
                    + ": give each simulated device an id of its own, e.g. sim-1");
        }
        return trimmed;
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
