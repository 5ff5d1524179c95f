package org.bootctl.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Keeps the deploy folder to the bundles on the allow-list. FileInstall asks every
 * {@link ArtifactInstaller} (highest ranking first) whether it handles a file before it installs
 * the file as a bundle itself; this one claims exactly the jars that are NOT allowed, and its
 * "install" only refuses them: one log line, an audit event, the file left where it is.
 * Registered before FileInstall starts (the feature's start order), so its first scan asks too.
 *
 * <p>Its lines go to standard output, where the launcher says what FileInstall installed, updated
 * and uninstalled: an operator reads every {@code bootctl deploy:} line in one place, and standard
 * error stays for what went wrong with bootctl itself.
 */
@Component(service = ArtifactInstaller.class, immediate = true, configurationPid = DeployConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = Constants.SERVICE_RANKING + ":Integer=" + Integer.MAX_VALUE)
@Designate(ocd = DeployConfig.class)
public final class DeployGuard implements ArtifactInstaller {

    static final String PREFIX = "bootctl deploy: ";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;
    private volatile AllowList allowList = AllowList.of();

    @Activate
    @Modified
    void configure(DeployConfig config) {
        allowList = AllowList.of(config.allow());
        say(allowList.all()
                ? "the deploy folder accepts any bundle; restrict it to the symbolic names you trust with"
                        + " --var deploy-allow=org.example.*,com.acme.* (docs/OPERATIONS.md)"
                : "the deploy folder takes only bundles named " + allowList);
    }

    /** True exactly for the jars FileInstall must not install: those whose symbolic name is not allowed. */
    @Override
    public boolean canHandle(File artifact) {
        AllowList allowed = allowList;
        if (allowed.all()) {
            return false;
        }
        JarIdentity jar = JarIdentity.read(artifact);
        return jar.unreadable() || !allowed.allows(jar.symbolicName());
    }

    @Override
    public void install(File artifact) {
        refuse(artifact);
    }

    @Override
    public void update(File artifact) {
        refuse(artifact); // a new file under the same name, refused as well
    }

    /**
     * The file is gone, or no longer refused (replaced by an allowed jar, or the list changed and
     * the file with it). FileInstall has seen this change already and would wait for the next one:
     * a new modification time (later by a second at least, for coarse file systems) makes it look
     * again and install the file itself.
     */
    @Override
    public void uninstall(File artifact) {
        if (artifact.isFile() && !canHandle(artifact)) {
            try {
                long later = Math.max(System.currentTimeMillis(), artifact.lastModified() + 1000);
                Files.setLastModifiedTime(artifact.toPath(), FileTime.fromMillis(later));
            } catch (IOException e) {
                say(name(artifact) + " is allowed now, but cannot be touched to have it installed: " + e);
            }
        }
    }

    private void refuse(File artifact) {
        AllowList allowed = allowList;
        JarIdentity jar = JarIdentity.read(artifact);
        String file = name(artifact);
        String what = jar.symbolicName() == null ? "a jar" : jar.symbolicName() + " " + jar.version();
        String why = jar.unreadable() ? "its manifest cannot be read (" + jar.problem() + ")"
                : jar.symbolicName() == null ? "it has no Bundle-SymbolicName, so it cannot be on the allow-list"
                : "symbolic name " + jar.symbolicName() + " is not on the allow-list";
        say("refused " + what + " from " + file + ": " + why + " (" + allowed + "); the file stays where it is");
        AuditLog log = audit;
        if (log != null) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("file", file);
            if (jar.version() != null) {
                details.put("version", jar.version());
            }
            details.put("reason", why);
            details.put("allow", allowed.toString());
            log.record(new AuditEvent(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER,
                    jar.symbolicName() != null ? jar.symbolicName() : file, details));
        }
    }

    private static void say(String line) {
        System.out.println(PREFIX + line);
    }

    /** {@code deploy/x.jar}: the file as the data folder's people know it. */
    private static String name(File artifact) {
        File folder = artifact.getParentFile();
        return (folder == null ? "" : folder.getName() + "/") + artifact.getName();
    }

    /** What a jar's manifest says it is; {@code problem} when it cannot be read. */
    record JarIdentity(String symbolicName, String version, String problem) {

        boolean unreadable() {
            return problem != null;
        }

        static JarIdentity read(File artifact) {
            try (JarFile jar = new JarFile(artifact)) {
                Manifest manifest = jar.getManifest();
                Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
                String name = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
                String version = main.getValue(Constants.BUNDLE_VERSION);
                return new JarIdentity(name == null ? null : name.split(";", 2)[0].trim(),
                        version == null ? "0.0.0" : version.trim(), null);
            } catch (IOException | RuntimeException e) {
                return new JarIdentity(null, null, e.getMessage() != null ? e.getMessage() : e.toString());
            }
        }
    }
}
