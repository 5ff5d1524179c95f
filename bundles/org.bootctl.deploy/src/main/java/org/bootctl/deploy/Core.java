package org.bootctl.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bootctl.deploy.folder.DeployFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRevision;

/**
 * What the unit was started with, which {@code deploy/} may not replace or shadow: the symbolic
 * names of every bundle not installed from there, and the packages they and the system bundle
 * export (the system bundle exports the launcher's API packages, {@code org.bootctl.api.*}).
 *
 * @param names     symbolic names of the unit's bundles
 * @param exporters each package the unit exports, with the bundle that exports it
 */
record Core(Set<String> names, Map<String, String> exporters) {

    static final Core NONE = new Core(Set.of(), Map.of());

    /** The bundles running now whose location is not a file in {@code deployFolder}. */
    static Core of(BundleContext context, Path deployFolder) {
        Set<String> names = new TreeSet<>();
        Map<String, String> exporters = new TreeMap<>();
        try {
            for (Bundle bundle : context.getBundles()) {
                if (bundle.getState() == Bundle.UNINSTALLED || DeployFolder.holds(deployFolder, bundle.getLocation())) {
                    continue;
                }
                String name = bundle.getBundleId() == 0 ? Constants.SYSTEM_BUNDLE_SYMBOLICNAME : bundle.getSymbolicName();
                if (bundle.getBundleId() != 0 && name != null) {
                    names.add(name);
                }
                BundleRevision revision = bundle.adapt(BundleRevision.class);
                if (revision != null) {
                    for (String pkg : Candidate.exports(revision)) {
                        exporters.putIfAbsent(pkg, name);
                    }
                }
            }
        } catch (IllegalStateException e) {
            return NONE; // the guard is going away, FileInstall with it
        }
        return new Core(names, exporters);
    }
}
