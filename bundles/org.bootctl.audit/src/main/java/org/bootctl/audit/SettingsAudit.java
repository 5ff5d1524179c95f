package org.bootctl.audit;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Records settings changes: every configuration updated or deleted in ConfigurationAdmin, with
 * its PID and the names of its keys, never their values (a web token is one). The configurations
 * already there when the audit log starts (the feature's, applied by the launcher before any
 * listener can run) are recorded once as {@value #PRESENT}, so the log shows what a unit ran with.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class SettingsAudit implements ConfigurationListener {

    static final String PRESENT = "present at start";
    static final String UPDATED = "updated";
    static final String DELETED = "deleted";
    private static final System.Logger LOG = System.getLogger("org.bootctl.audit");

    private final AuditLog audit;
    private final ConfigurationAdmin admin;
    /** The change count recorded per PID: an update seen both at the start and as an event counts once. */
    private final Map<String, Long> recorded = new ConcurrentHashMap<>();

    @Activate
    public SettingsAudit(@Reference AuditLog audit, @Reference ConfigurationAdmin admin) {
        this.audit = audit;
        this.admin = admin;
        // answered from ConfigurationAdmin's cache (SCR listed the configurations as the bundles before us started)
        List<Configuration> present = new ArrayList<>(Arrays.asList(list(null)));
        present.sort(Comparator.comparing(Configuration::getPid));
        present.forEach(configuration -> record(configuration, PRESENT));
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        switch (event.getType()) {
            case ConfigurationEvent.CM_UPDATED -> {
                Configuration[] found = list("(" + org.osgi.framework.Constants.SERVICE_PID + "=" + escape(event.getPid()) + ")");
                if (found.length > 0) {
                    record(found[0], UPDATED);
                }
            }
            case ConfigurationEvent.CM_DELETED -> {
                recorded.remove(event.getPid());
                audit.record(new AuditEvent(AuditEvent.SETTINGS_CHANGED, AuditEvent.CONFIGURATION, event.getPid(),
                        Map.of("change", DELETED)));
            }
            default -> {
                // a location binding changed: not a setting
            }
        }
    }

    private void record(Configuration configuration, String change) {
        Long count = configuration.getChangeCount();
        if (count.equals(recorded.put(configuration.getPid(), count))) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("change", change);
        details.put("keys", String.join(", ", keys(configuration)));
        audit.record(new AuditEvent(AuditEvent.SETTINGS_CHANGED, AuditEvent.CONFIGURATION, configuration.getPid(), details));
    }

    /** The key names, sorted, without the framework's own ({@code service.pid} …). */
    static List<String> keys(Configuration configuration) {
        List<String> keys = new ArrayList<>();
        var properties = configuration.getProperties();
        if (properties != null) {
            for (String key : Collections.list(properties.keys())) {
                if (!key.startsWith("service.")) {
                    keys.add(key);
                }
            }
        }
        Collections.sort(keys);
        return keys;
    }

    private Configuration[] list(String filter) {
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null ? new Configuration[0] : found;
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the configurations to audit them: " + e);
            return new Configuration[0];
        }
    }

    /** A value made safe inside an LDAP filter. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
