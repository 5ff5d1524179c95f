package org.bootctl.deploy;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
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
 * Keeps the data folder's {@code deploy/} to the bundles on the allow-list, in two ways:
 * <ul>
 * <li>As a FileInstall {@link ArtifactInstaller} of the highest ranking: FileInstall asks installers
 *     whether they handle a new file before it installs the file as a bundle itself; this one
 *     claims exactly the jars NOT allowed, and its "install" only refuses them (one line, an audit
 *     event, the file left where it is). Registered before FileInstall starts (the feature's start
 *     order), so FileInstall's first scan asks too.</li>
 * <li>As a resolver hook: FileInstall asks only the handler it chose the first time about later
 *     versions of a file, so an allowed jar overwritten by another bundle under the same name would
 *     update the installed bundle into one not on the list. No bundle from {@code deploy/} whose
 *     symbolic name is not allowed ever resolves, so none runs a line of code.</li>
 * </ul>
 * Whatever the list says, {@code deploy/} only adds bundles: a jar named like a bundle the unit was
 * started with (the feature's engine, a driver …) is refused, since FileInstall would take it for
 * a new build of that bundle and swap the unit's core under running sessions. The core changes
 * with the distribution and the feature, where it is tested together.
 * <p>Its lines go to standard output, where the launcher says what FileInstall installed, updated and
 * uninstalled: an operator reads every {@code bootctl deploy:} line in one place, and standard
 * error stays for what went wrong with bootctl itself.
 */
@Component(service = {ArtifactInstaller.class, ResolverHookFactory.class}, immediate = true,
        configurationPid = DeployConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = Constants.SERVICE_RANKING + ":Integer=" + Integer.MAX_VALUE)
@Designate(ocd = DeployConfig.class)
public final class DeployGuard implements ArtifactInstaller, ResolverHookFactory {

    static final String PREFIX = "bootctl deploy: ";
    static final String FOLDER = "deploy";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;
    private volatile AllowList allowList = AllowList.of();
    private volatile Path deployFolder;
    private volatile BundleContext context;
    /** Revisions kept from resolving and said so: each is refused in one line, not at every resolve. */
    private final Set<BundleRevision> heldBack = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @Activate
    @Modified
    void configure(DeployConfig config, BundleContext context) {
        this.context = context;
        String data = context.getProperty("bootctl.data");
        deployFolder = Path.of(data == null || data.isBlank() ? "./data" : data).resolve(FOLDER).toAbsolutePath().normalize();
        allowList = AllowList.of(config.allow());
        say(allowList.all()
                ? "the deploy folder accepts any bundle; restrict it to the symbolic names you trust with"
                        + " --var deploy-allow=org.example.*,com.acme.* (docs/OPERATIONS.md)"
                : "the deploy folder takes only bundles named " + allowList);
    }

    /**
     * True exactly for the jars FileInstall must not install: those whose symbolic name is not
     * allowed, and those that would replace a bundle the unit was started with.
     */
    @Override
    public boolean canHandle(File artifact) {
        AllowList allowed = allowList;
        JarIdentity jar = JarIdentity.read(artifact);
        if (jar.unreadable()) {
            return !allowed.all(); // with every name allowed, FileInstall says itself what is wrong with it
        }
        return !allowed.allows(jar.symbolicName()) || replacesCore(jar.symbolicName());
    }

    /** Whether a bundle of this name runs that was not installed from {@code deploy/}. */
    private boolean replacesCore(String symbolicName) {
        BundleContext ctx = context;
        if (symbolicName == null || ctx == null) {
            return false;
        }
        try {
            for (Bundle bundle : ctx.getBundles()) {
                if (symbolicName.equals(bundle.getSymbolicName()) && bundle.getBundleId() != 0
                        && !inDeployFolder(bundle.getLocation())) {
                    return true;
                }
            }
        } catch (IllegalStateException e) {
            return false; // the guard is going away; FileInstall with it
        }
        return false;
    }

    private boolean inDeployFolder(String location) {
        Path file = file(location);
        return file != null && file.getParent() != null && file.getParent().equals(deployFolder);
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

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
                candidates.removeIf(DeployGuard.this::holdBack);
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> collisions) {
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
            }

            @Override
            public void end() {
            }
        };
    }

    /** Whether a revision comes from {@code deploy/} with a symbolic name not on the list; said once. */
    private boolean holdBack(BundleRevision revision) {
        AllowList allowed = allowList;
        Path file = file(revision.getBundle().getLocation());
        if (file == null || !file.getParent().equals(deployFolder)
                || allowed.allows(revision.getSymbolicName()) && !replacesCore(revision.getSymbolicName())) {
            return false;
        }
        if (heldBack.add(revision)) {
            String name = revision.getSymbolicName();
            refused(name == null ? "a bundle" : name + " " + revision.getVersion(), FOLDER + "/" + file.getFileName(),
                    name, revision.getVersion().toString(),
                    (name == null ? "it has no Bundle-SymbolicName"
                            : allowed.allows(name) ? coreReason(name)
                            : "symbolic name " + name + " is not on the allow-list (" + allowed + ")")
                            + "; it replaced the bundle installed from there and is kept from resolving");
        }
        return true;
    }

    private void refuse(File artifact) {
        AllowList allowed = allowList;
        JarIdentity jar = JarIdentity.read(artifact);
        String why = jar.unreadable() ? "its manifest cannot be read (" + jar.problem() + ") (" + allowed + ")"
                : jar.symbolicName() == null ? "it has no Bundle-SymbolicName, so it cannot be on the allow-list (" + allowed + ")"
                : !allowed.allows(jar.symbolicName()) ? "symbolic name " + jar.symbolicName() + " is not on the allow-list (" + allowed + ")"
                : coreReason(jar.symbolicName());
        refused(jar.symbolicName() == null ? "a jar" : jar.symbolicName() + " " + jar.version(), name(artifact),
                jar.symbolicName(), jar.version(), why + "; the file stays where it is");
    }

    private static String coreReason(String symbolicName) {
        return symbolicName + " is one of the bundles this unit was started with, and the deploy folder only adds"
                + " bundles (a new build of it comes with the distribution)";
    }

    /** One line, one audit event. */
    private void refused(String what, String file, String symbolicName, String version, String why) {
        say("refused " + what + " from " + file + ": " + why);
        AuditLog log = audit;
        if (log != null) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("file", file);
            if (version != null) {
                details.put("version", version);
            }
            details.put("reason", why);
            details.put("allow", allowList.toString());
            log.record(new AuditEvent(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER,
                    symbolicName != null ? symbolicName : file, details));
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

    /** The file a bundle location names ({@code file:/...}, as FileInstall writes it), or null. */
    static Path file(String location) {
        try {
            URI uri = URI.create(location);
            return "file".equals(uri.getScheme()) ? Path.of(uri).toAbsolutePath().normalize() : null;
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return null;
        }
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
