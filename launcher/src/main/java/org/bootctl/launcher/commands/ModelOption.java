package org.bootctl.launcher.commands;

import java.util.List;
import java.util.Optional;
import org.bootctl.api.device.DeviceDescription;
import org.bootctl.api.device.ModelSpec;
import org.bootctl.api.device.Models;
import org.bootctl.api.program.Garment;
import org.bootctl.launcher.cli.Args;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Suggest;

/** {@code --model M}: a boot model of the catalogue ({@link Models}), and the garment it is. */
final class ModelOption {

    static final String NAME = "model";

    private ModelOption() {
    }

    /** The model {@code --model} names, if given; an unknown one is a usage error listing them all. */
    static Optional<ModelSpec> of(Args args, String command) throws CommandException {
        Optional<String> model = args.value(NAME);
        if (model.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Models.find(model.get()).orElseThrow(() -> CommandException.usage(command
                + ": unknown model '" + model.get() + "' (models: " + names() + ")"
                + Suggest.didYouMean(model.get(), ids(), ""))));
    }

    /** The garment of a model, as a device of that model describes it. */
    static Garment garment(ModelSpec model) {
        return Garment.of(DeviceDescription.of(model.model(), model, "-", "-", model.defaultRateHz()));
    }

    /** {@code RB2-L5, RB2-A4, RB2-M8, RB1-L4}. */
    static String names() {
        return String.join(", ", ids());
    }

    private static List<String> ids() {
        return Models.all().stream().map(ModelSpec::model).toList();
    }
}
