package org.bootctl.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.bootctl.deploy.folder.DeployFolder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Keeps the data folder's {@code deploy/} to the bundles on the allow-list, and to adding bundles
 * ({@link DeployRules}), in two ways:
 * <ul>
 * <li>As a FileInstall {@link ArtifactInstaller} of the highest ranking: FileInstall asks installers
 *     whether they handle a new file before it installs the file as a bundle itself; this one
 *     claims exactly the jars to refuse, and its "install" only refuses them (one line, an audit
 *     event, the file left where it is), so they are never installed, not even for a moment.
 *     Configuration files ({@code .cfg}, {@code .config}) alike: it claims those whose PID belongs
 *     to the unit ({@link ConfigOwners}), so FileInstall's own configuration installer never sees
 *     them, and leaves the others to it.
 *     Registered before FileInstall starts (the feature's start order), so FileInstall's first scan
 *     asks too.</li>
 * <li>As a resolver hook: FileInstall asks only the handler it chose the first time about later
 *     versions of a file, so an allowed jar overwritten by another would update the installed bundle
 *     into one the rules refuse. No bundle from {@code deploy/} the rules refuse ever resolves (nor a
 *     fragment attaches), so none runs a line of code. A bundle listener says so as soon as the
 *     update is made (a fragment may never be offered to the resolver at all).</li>
 * </ul>
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
    static final String FOLDER = DeployFolder.NAME;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime scr;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurationAdmin;
    private volatile AllowList allowList = AllowList.of();
    private volatile Path deployFolder;
    /** In a command that runs and exits: no warning about the list, refusals on stderr (stdout is the command's). */
    private static volatile boolean headless;
    private volatile BundleContext context;
    private final BundleListener updates = this::updated;
    /** Revisions kept from resolving and said so: each is refused in one line, not at every resolve. */
    private final Set<BundleRevision> heldBack = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @Activate
    @Modified
    void configure(DeployConfig config, BundleContext context) {
        if (this.context == null) {
            context.addBundleListener(updates);
        }
        this.context = context;
        deployFolder = DeployFolder.of(context);
        allowList = AllowList.of(config.allow());
        headless = Boolean.parseBoolean(context.getProperty("bootctl.headless"));
        if (headless) {
            return;
        }
        say(allowList.all()
                ? "the deploy folder accepts any bundle; restrict it to the symbolic names you trust with"
                        + " --var deploy-allow=org.example.*,com.acme.* (docs/OPERATIONS.md)"
                : "the deploy folder takes only bundles named " + allowList);
    }

    @Deactivate
    void deactivate(BundleContext context) {
        context.removeBundleListener(updates);
    }

    /** A bundle from {@code deploy/} updated by FileInstall: refused at once if the rules refuse its new content. */
    private void updated(BundleEvent event) {
        if (event.getType() == BundleEvent.UPDATED) {
            BundleRevision revision = event.getBundle().adapt(BundleRevision.class);
            if (revision != null) {
                holdBack(revision);
            }
        }
    }

    /**
     * True exactly for the files FileInstall must not take: the jars and the configuration files
     * {@link DeployRules} refuse.
     */
    @Override
    public boolean canHandle(File artifact) {
        if (ConfigFile.is(artifact)) {
            return configRefusal(ConfigFile.of(artifact)) != null;
        }
        return refusal(Candidate.read(artifact)) != null;
    }

    private String configRefusal(ConfigFile file) {
        return DeployRules.configRefusal(file, ConfigOwners.of(context, deployFolder, scr, configurationAdmin));
    }

    private String refusal(Candidate candidate) {
        BundleContext ctx = context;
        return DeployRules.refusal(candidate, allowList, ctx == null ? Core.NONE : Core.of(ctx, deployFolder));
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

    /** Whether a revision comes from {@code deploy/} and the rules refuse it; said once. */
    private boolean holdBack(BundleRevision revision) {
        Path folder = deployFolder;
        if (!DeployFolder.holds(folder, revision.getBundle().getLocation())) {
            return false;
        }
        Candidate candidate = Candidate.of(revision);
        String why = refusal(candidate);
        if (why == null) {
            return false;
        }
        if (heldBack.add(revision)) {
            Path file = DeployFolder.file(revision.getBundle().getLocation());
            refused(candidate, FOLDER + "/" + file.getFileName(), why + (headless ? "; it is left out"
                    : "; it replaced the bundle installed from there and is kept from resolving"));
        }
        return true;
    }

    private void refuse(File artifact) {
        if (ConfigFile.is(artifact)) {
            refuseConfig(ConfigFile.of(artifact), name(artifact));
            return;
        }
        Candidate candidate = Candidate.read(artifact);
        String why = refusal(candidate);
        refused(candidate, name(artifact), (why != null ? why : "it was refused when it came") + "; the file stays where it is");
    }

    /** One line naming the jar, one audit event. */
    private void refused(Candidate candidate, String file, String why) {
        say("refused " + candidate.describe() + " from " + file + ": " + why);
        AuditLog log = audit;
        if (log != null) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("file", file);
            if (candidate.version() != null) {
                details.put("version", candidate.version());
            }
            details.put("reason", why);
            details.put("allow", allowList.toString());
            log.record(new AuditEvent(AuditEvent.BUNDLE_REFUSED, AuditEvent.DEPLOY_FOLDER,
                    candidate.symbolicName() != null ? candidate.symbolicName() : file, details));
        }
    }

    /** One line naming the file and the PID, one audit event; the configuration is never applied. */
    private void refuseConfig(ConfigFile file, String name) {
        String why = configRefusal(file);
        why = (why != null ? why : "it was refused when it came") + "; the file stays where it is";
        say("refused configuration " + file.pid() + " from " + name + ": " + why);
        AuditLog log = audit;
        if (log != null) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("file", name);
            details.put("reason", why);
            log.record(new AuditEvent(AuditEvent.CONFIGURATION_REFUSED, AuditEvent.DEPLOY_FOLDER, file.pid(), details));
        }
    }

    /** Whether a revision comes from {@code deploy/} and the rules refuse it (it never resolves); says nothing. */
    boolean refuses(BundleRevision revision) {
        return DeployFolder.holds(deployFolder, revision.getBundle().getLocation())
                && refusal(Candidate.of(revision)) != null;
    }

    /** One {@code bootctl deploy:} line: on standard output, on standard error in a headless command. */
    static void say(String line) {
        (headless ? System.err : System.out).println(PREFIX + line);
    }

    /** {@code deploy/x.jar}: the file as the data folder's people know it. */
    private static String name(File artifact) {
        File folder = artifact.getParentFile();
        return (folder == null ? "" : folder.getName() + "/") + artifact.getName();
    }
}
