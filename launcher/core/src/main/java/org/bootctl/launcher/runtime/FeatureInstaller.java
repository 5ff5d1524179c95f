package org.bootctl.launcher.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.PathNames;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureBundle;
import org.bootctl.launcher.feature.FeatureException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.cm.ConfigurationAdmin;

/** Puts a feature into a running framework: its bundles from the distribution, its configurations, the starts. */
final class FeatureInstaller {

    /**
     * Felix uses a {@code reference:} bundle where it lies instead of copying it into the framework's
     * storage: 15 MB less written at every start (a board's flash card feels it), and the
     * distribution's jars do not change while it runs.
     */
    private static final String REFERENCE = "reference:";
    /**
     * The start level of the feature's bundles (the framework's beginning level, {@link OsgiRuntime}):
     * one above the level every other bundle gets (1, the framework's default), those of {@code deploy/}
     * among them. The framework stops higher levels first, so the unit's own bundles, the engine with
     * its devices, stop before any bundle of {@code deploy/}: one whose start never returns would hold
     * the stop for good where it came first.
     */
    static final int FEATURE_START_LEVEL = 2;

    private FeatureInstaller() {
    }

    /** Bundles of the feature as files of the distribution; one missing is a feature error. */
    static Map<FeatureBundle, Path> locate(Feature feature, List<FeatureBundle> bundles, Distribution distribution)
            throws FeatureException {
        Map<FeatureBundle, Path> files = new LinkedHashMap<>();
        for (FeatureBundle bundle : bundles) {
            Path file = distribution.bundleFile(bundle);
            if (!Files.isRegularFile(file)) {
                throw new FeatureException(feature.file(), "bundle " + bundle.id() + " is not in the distribution ("
                        + PathNames.show(distribution.bundles()) + ")");
            }
            files.put(bundle, file);
        }
        return files;
    }

    /**
     * Installs and starts, configurations first ({@link #install}, {@link #start}).
     *
     * @param configure whether to apply the feature's configurations (not when bundles join later: the console)
     * @return why bundles failed to start, by bundle id
     */
    static Map<Long, String> installAndStart(Feature feature, Map<FeatureBundle, Path> files, BundleContext context,
                                             boolean configure) throws CommandException {
        return start(feature, install(feature, files, context), context, configure);
    }

    /**
     * Installs in start order (file order within one), so the framework, which stops bundles in
     * the reverse order of installation, stops them in reverse start order: the engine before the
     * drivers it vents through, the UIs before the engine. All at {@link #FEATURE_START_LEVEL}: they
     * stop before the bundles of {@code deploy/}.
     *
     * @return the bundles in start order
     */
    static List<Bundle> install(Feature feature, Map<FeatureBundle, Path> files, BundleContext context)
            throws FeatureException {
        List<Map.Entry<FeatureBundle, Path>> order = new ArrayList<>(files.entrySet());
        order.sort(Comparator.comparingInt(e -> e.getKey().startOrder())); // stable
        List<Bundle> installed = new ArrayList<>();
        for (Map.Entry<FeatureBundle, Path> entry : order) {
            try {
                Bundle bundle = context.installBundle(REFERENCE + entry.getValue().toUri());
                bundle.adapt(BundleStartLevel.class).setStartLevel(FEATURE_START_LEVEL);
                installed.add(bundle);
            } catch (BundleException e) {
                throw new FeatureException(feature.file(), "bundle " + entry.getKey().id() + " cannot be installed: "
                        + e.getMessage());
            }
        }
        return installed;
    }

    /**
     * Starts the bundles that are not fragments, in order. With {@code configure}, the feature's
     * configurations go to ConfigurationAdmin as soon as it is up, before the bundles that use them start.
     *
     * @return why bundles failed to start, by bundle id
     */
    static Map<Long, String> start(Feature feature, List<Bundle> bundles, BundleContext context, boolean configure)
            throws CommandException {
        Map<Long, String> startFailures = new HashMap<>();
        boolean configured = !configure || feature.configurations().isEmpty();
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException | RuntimeException e) {
                startFailures.put(bundle.getBundleId(), oneLine(e));
            }
            if (!configured) {
                ServiceReference<ConfigurationAdmin> admin = context.getServiceReference(ConfigurationAdmin.class);
                if (admin != null) {
                    ConfigurationApplier.apply(context.getService(admin), feature.configurations());
                    configured = true;
                }
            }
        }
        if (!configured) {
            throw new FeatureException(feature.file(), "has configurations, but " + configurationAdminTrouble(context));
        }
        return startFailures;
    }

    private static String configurationAdminTrouble(BundleContext context) {
        try {
            ServiceReference<?>[] any = context.getAllServiceReferences(ConfigurationAdmin.class.getName(), null);
            return any == null
                    ? "no bundle of it provides ConfigurationAdmin (add org.apache.felix:org.apache.felix.configadmin)"
                    : "its ConfigurationAdmin does not use the org.osgi.service.cm package the launcher exports";
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bundle exception's message, with the nested causes Felix adds on one line. */
    static String oneLine(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
