package org.bootctl.launcher.runtime;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.feature.FeatureConfiguration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Hands a feature's configurations to ConfigurationAdmin, bound to no bundle in particular ("?"). */
final class ConfigurationApplier {

    private ConfigurationApplier() {
    }

    static void apply(ConfigurationAdmin admin, List<FeatureConfiguration> configurations) throws CommandException {
        for (FeatureConfiguration configuration : configurations) {
            try {
                Configuration target = configuration.factory()
                        ? admin.getFactoryConfiguration(configuration.factoryPid(), configuration.name(), "?")
                        : admin.getConfiguration(configuration.pid(), "?");
                target.update(new Hashtable<>(configuration.properties()));
            } catch (IOException | RuntimeException e) {
                throw CommandException.failure("configuration " + configuration.key() + " cannot be applied: "
                        + e.getMessage());
            }
        }
    }
}
