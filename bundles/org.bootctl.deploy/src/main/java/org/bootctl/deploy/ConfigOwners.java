package org.bootctl.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Map;
import java.util.TreeMap;
import org.bootctl.deploy.folder.DeployFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedService;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The configuration PIDs that belong to the unit itself, which {@code deploy/} may not configure:
 * every PID a DS component of a bundle not installed from {@code deploy/} reads, every PID a
 * {@link ManagedService} or {@link ManagedServiceFactory} of such a bundle registers (the HTTP
 * server's, FileInstall's own), and every configuration that exists already and did not come from a
 * file in {@code deploy/} (what the feature configured, the web token and bind address among them).
 */
final class ConfigOwners {

    /** The property FileInstall gives each configuration it made from a file. */
    static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";

    private ConfigOwners() {
    }

    /**
     * Each PID of the unit with who owns it ({@code bundle org.bootctl.web}), or null when that cannot
     * be told (Service Component Runtime or Configuration Admin not there): the guard then refuses.
     */
    static Map<String, String> of(BundleContext context, Path deployFolder, ServiceComponentRuntime scr,
                                  ConfigurationAdmin cm) {
        if (context == null || scr == null || cm == null) {
            return null;
        }
        Map<String, String> owners = new TreeMap<>();
        try {
            for (ComponentDescriptionDTO component : scr.getComponentDescriptionDTOs()) {
                Bundle bundle = context.getBundle(component.bundle.id);
                if (bundle != null && !DeployFolder.holds(deployFolder, bundle.getLocation())) {
                    for (String pid : component.configurationPid) {
                        owners.putIfAbsent(pid, "bundle " + bundle.getSymbolicName());
                    }
                }
            }
            for (String type : new String[] {ManagedService.class.getName(), ManagedServiceFactory.class.getName()}) {
                ServiceReference<?>[] references = context.getAllServiceReferences(type, null);
                for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
                    Bundle bundle = reference.getBundle();
                    if (bundle != null && !DeployFolder.holds(deployFolder, bundle.getLocation())) {
                        for (String pid : pids(reference.getProperty(Constants.SERVICE_PID))) {
                            owners.putIfAbsent(pid, "bundle " + bundle.getSymbolicName());
                        }
                    }
                }
            }
            Configuration[] configurations = cm.listConfigurations(null);
            for (Configuration configuration : configurations == null ? new Configuration[0] : configurations) {
                Dictionary<String, Object> properties = configuration.getProperties();
                if (properties == null || properties.get(FILEINSTALL_FILENAME) == null) {
                    owners.putIfAbsent(configuration.getPid(), "the unit's own configuration");
                    if (configuration.getFactoryPid() != null) {
                        owners.putIfAbsent(configuration.getFactoryPid(), "the unit's own configuration");
                    }
                }
            }
        } catch (IllegalStateException | InvalidSyntaxException | IOException e) {
            return null; // the guard, or the framework, is going away: refuse
        }
        return owners;
    }

    private static String[] pids(Object property) {
        if (property instanceof String pid) {
            return new String[] {pid};
        }
        if (property instanceof String[] pids) {
            return pids;
        }
        if (property instanceof java.util.Collection<?> pids) {
            return pids.stream().map(String::valueOf).toArray(String[]::new);
        }
        return new String[0];
    }
}
