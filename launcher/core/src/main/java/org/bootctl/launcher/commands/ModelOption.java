package org.bootctl.launcher.commands;

import java.util.List;
import java.util.Optional;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelDescription;
import org.bootctl.api.device.ModelRegistry;
import org.bootctl.api.program.Garment;
import org.bootctl.launcher.cli.Args;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Suggest;
import org.bootctl.launcher.runtime.OsgiRuntime;

/**
 * {@code --model M}: a boot model that a bundle of the started runtime describes (the feature's
 * drivers and simulator, or a driver in {@code deploy/}), as the engine's {@link ModelRegistry}
 * knows it, and the garment it is.
 */
public final class ModelOption {

    public static final String NAME = "model";
    /** What the options' help says of the models: the catalogue depends on the bundles present. */
    public static final String HELP = "a model a driver describes, e.g. RB2-L5, RB2-A4, RB2-M8 or RB1-L4";

    private ModelOption() {
    }

    /** The model id {@code --model} gives, trimmed, if given. */
    static Optional<String> requested(Args args) {
        return args.value(NAME).map(String::trim);
    }

    /**
     * The model {@code --model} names, if given, as the runtime's drivers describe it; an unknown
     * one is a usage error listing the models the runtime knows.
     */
    public static Optional<ModelDescription> of(Args args, String command, OsgiRuntime runtime)
            throws CommandException, InterruptedException {
        Optional<String> model = requested(args);
        if (model.isEmpty()) {
            return Optional.empty();
        }
        ModelRegistry registry = runtime.awaitService(ModelRegistry.class, null, HeadlessSession.APPEAR)
                .orElseThrow(() -> CommandException.failure(command + ": feature " + runtime.feature().name()
                        + " has no model registry (is org.bootctl.engine in it?)"));
        Optional<ModelDescription> found = registry.find(model.get());
        if (found.isPresent()) {
            return found;
        }
        List<String> ids = registry.models().stream().map(ModelDescription::model).toList();
        throw CommandException.usage(command + ": unknown model '" + model.get() + "' (models: "
                + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ")" + Suggest.didYouMean(model.get(), ids, ""));
    }

    /**
     * What the feature's simulated devices wait for: a line for each whose model no bundle
     * describes (yet), since the simulator then starts it only when a driver describing it comes.
     */
    static List<String> undescribedSimulatedModels(OsgiRuntime runtime) {
        Optional<ModelRegistry> registry = runtime.service(ModelRegistry.class, null);
        if (registry.isEmpty()) {
            return List.of();
        }
        return runtime.feature().configurations().stream()
                .filter(c -> SIMULATED_DEVICE.equals(c.factoryPid()) && c.properties().get(NAME) != null)
                .filter(c -> registry.get().find(String.valueOf(c.properties().get(NAME)).trim()).isEmpty())
                .map(c -> "no bundle describes model '" + c.properties().get(NAME) + "' yet (models: "
                        + String.join(", ", registry.get().models().stream().map(ModelDescription::model).toList())
                        + "): the simulated device " + c.properties().getOrDefault("id", c.name())
                        + " starts when a driver describing it comes (e.g. into deploy/)")
                .toList();
    }

    /** The simulator's factory PID: one simulated device per configuration. */
    static final String SIMULATED_DEVICE = "org.bootctl.sim.device";

    /** The garment of a model, as a device of that model describes it. */
    public static Garment garment(ModelDescription model) {
        return Garment.of(DeviceDescription.of(model.model(), model, "-", "-", model.defaultRateHz()));
    }
}
