package org.bootctl.audit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.bootctl.deploy.folder.DeployFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Records every bundle installed, updated or uninstalled while the audit log runs: from the data
 * folder's {@code deploy/} with the source {@link AuditEvent#DEPLOY_FOLDER}, anything else (the
 * launcher's console bundles, a shell's {@code install}) as {@value #FRAMEWORK}.
 */
@Component(service = {}, immediate = true)
public final class BundleAudit implements BundleListener {

    static final String FRAMEWORK = "framework";

    private final AuditLog audit;
    private final BundleContext context;
    private final Path deployFolder;

    @Activate
    public BundleAudit(@Reference AuditLog audit, BundleContext context) {
        this.audit = audit;
        this.context = context;
        deployFolder = DeployFolder.of(context);
        context.addBundleListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        String action = switch (event.getType()) {
            case BundleEvent.INSTALLED -> AuditEvent.BUNDLE_INSTALLED;
            case BundleEvent.UPDATED -> AuditEvent.BUNDLE_UPDATED;
            case BundleEvent.UNINSTALLED -> AuditEvent.BUNDLE_UNINSTALLED;
            default -> null;
        };
        if (action == null) {
            return;
        }
        Bundle bundle = event.getBundle();
        Path file = DeployFolder.file(bundle.getLocation());
        boolean deployed = DeployFolder.holds(deployFolder, bundle.getLocation());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("version", bundle.getVersion().toString());
        if (deployed) {
            details.put("file", DeployFolder.NAME + "/" + file.getFileName());
        } else {
            details.put("location", bundle.getLocation());
        }
        String name = bundle.getSymbolicName();
        audit.record(new AuditEvent(action, deployed ? AuditEvent.DEPLOY_FOLDER : FRAMEWORK,
                name != null ? name : bundle.getLocation(), details));
    }
}
