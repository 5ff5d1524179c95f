package org.bootctl.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bootctl.api.audit.AuditEvent;
import org.bootctl.api.audit.AuditLog;
import org.bootctl.deploy.folder.DeployFolder;
import org.bootctl.deploy.folder.LineText;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Starts the bundles FileInstall installs from {@code deploy/}, each on a thread of its own, so a
 * bundle whose start never returns (its activator, or a component it activates, hangs) costs that
 * one thread and not the folder. The launcher has FileInstall only install them
 * ({@code felix.fileinstall.bundles.new.start=false}): FileInstall starts bundles on its single
 * thread, and one start that hung left every later drop unseen until a restart.
 * <p>It starts them once FileInstall has refreshed them (the framework's {@code PACKAGES_REFRESHED},
 * which FileInstall waits for after every change it makes): a refresh that had to stop a bundle
 * still starting would wait for it. Each change tries again the bundles that have not started
 * (one that needed a bundle dropped later), as FileInstall did. A start that has not returned
 * within {@link #START_LIMIT_SECONDS} is said in one line and an audit event naming the bundle,
 * where its thread is stuck, and what to do; it is left to finish (it may yet). A start that fails
 * is said once per version of the jar. Does nothing in a headless command (it starts
 * {@code deploy/} itself, with the same bound).
 */
@Component(service = {}, immediate = true)
public final class DeployStarter implements FrameworkListener {

    /** How long a start may take before it is said; the headless commands give up after as long. */
    static final int START_LIMIT_SECONDS = 10;
    /** Longest text of a stack frame kept: class and method names come from the plugin. */
    private static final int FRAME_TEXT = 500;
    /** Longest text kept of why a start failed: an exception's message comes from the plugin. */
    private static final int REASON_TEXT = 1000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(component.name=org.bootctl.deploy.DeployGuard)")
    private volatile ResolverHookFactory guard;

    /** Bundles whose start runs now (by id): never started twice at once. */
    private final Set<Long> starting = ConcurrentHashMap.newKeySet();
    /** Bundle id to the last-modified time of the version whose failure was said: said once, not at each try. */
    private final Map<Long, Long> failureSaid = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService deadlines;
    private volatile BundleContext context;
    private volatile Path folder;

    @Activate
    void activate(BundleContext context) {
        if (Boolean.parseBoolean(context.getProperty("bootctl.headless"))) {
            return;
        }
        this.context = context;
        folder = DeployFolder.of(context);
        deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bootctl deploy start deadlines");
            thread.setDaemon(true);
            return thread;
        });
        context.addFrameworkListener(this);
        deadlines.execute(this::startWaiting); // jars FileInstall installed before this came up
    }

    @Deactivate
    void deactivate(BundleContext context) {
        ScheduledExecutorService scheduled = deadlines;
        if (scheduled != null) {
            context.removeFrameworkListener(this);
            scheduled.shutdownNow();
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
            startWaiting();
        }
    }

    /** Starts each bundle of {@code deploy/} that is installed or resolved, not a fragment, and not being started. */
    private void startWaiting() {
        BundleContext ctx = context;
        if (ctx == null) {
            return;
        }
        Bundle[] bundles;
        try {
            bundles = ctx.getBundles();
        } catch (IllegalStateException stopping) {
            return;
        }
        Set<Long> present = ConcurrentHashMap.newKeySet();
        for (Bundle bundle : bundles) {
            present.add(bundle.getBundleId());
        }
        failureSaid.keySet().retainAll(present); // bundles uninstalled since: forgotten, so it stays bounded
        for (Bundle bundle : bundles) {
            if ((bundle.getState() == Bundle.INSTALLED || bundle.getState() == Bundle.RESOLVED)
                    && DeployFolder.holds(folder, bundle.getLocation()) && !fragment(bundle)
                    && starting.add(bundle.getBundleId())) {
                Thread starter = new Thread(() -> start(bundle), "bootctl deploy start " + name(bundle));
                starter.setDaemon(true);
                starter.start();
            }
        }
    }

    /** On the bundle's own thread: starts it, saying a start that is late or fails. */
    private void start(Bundle bundle) {
        Thread self = Thread.currentThread();
        ScheduledExecutorService scheduled = deadlines;
        java.util.concurrent.ScheduledFuture<?> deadline;
        try {
            deadline = scheduled.schedule(() -> stuck(bundle, self), START_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            starting.remove(bundle.getBundleId());
            return;
        }
        try {
            bundle.start(Bundle.START_ACTIVATION_POLICY);
            failureSaid.remove(bundle.getBundleId());
        } catch (BundleException | IllegalStateException | SecurityException e) {
            failed(bundle, e);
        } finally {
            deadline.cancel(false);
            starting.remove(bundle.getBundleId());
        }
    }

    private void failed(Bundle bundle, Exception e) {
        if (bundle.getState() == Bundle.UNINSTALLED) {
            return;
        }
        Long said = failureSaid.put(bundle.getBundleId(), bundle.getLastModified());
        if (said != null && said == bundle.getLastModified()) {
            return; // this version's failure is said; tried again at each change, quietly
        }
        if (e instanceof BundleException b && b.getType() == BundleException.RESOLVE_ERROR && refused(bundle)) {
            return; // the guard keeps it from resolving, and has said why
        }
        DeployGuard.say(describe(bundle) + " does not start: " + oneLine(e)
                + "; it is tried again when the deploy folder changes");
    }

    /**
     * The framework's words and what its activator threw, in one line of at most {@value #REASON_TEXT}
     * characters: {@code Activator start error in bundle x [19]: IllegalStateException: no port configured}.
     */
    static String oneLine(Throwable e) {
        String text = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text = (text.endsWith(".") ? text.substring(0, text.length() - 1) : text) + ": "
                    + cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : "");
        }
        return LineText.clip(text.replaceAll("\\s*\\R\\s*", " "), REASON_TEXT);
    }

    private boolean refused(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return guard instanceof DeployGuard g && revision != null && g.refuses(revision);
    }

    /** The start has not returned in time: one line and one audit event. */
    private void stuck(Bundle bundle, Thread starter) {
        String where = stuckIn(starter.getStackTrace());
        String file = DeployGuard.FOLDER + "/" + fileName(bundle);
        DeployGuard.say(describe(bundle) + " has not finished starting within " + START_LIMIT_SECONDS + " s: it is stuck in "
                + where + "; it holds one thread, and the other jars in " + DeployGuard.FOLDER + "/ go on. To be rid of"
                + " it, stop bootctl, remove " + file + " and start bootctl again (removed while it runs, the jar's"
                + " uninstall would wait for this start); tell its maker");
        AuditLog log = audit;
        if (log != null) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("file", file);
            details.put("version", String.valueOf(bundle.getVersion()));
            details.put("seconds", String.valueOf(START_LIMIT_SECONDS));
            details.put("stuck in", where);
            log.record(new AuditEvent(AuditEvent.BUNDLE_START_STUCK, AuditEvent.DEPLOY_FOLDER, bundle.getSymbolicName(),
                    details));
        }
    }

    /**
     * Where a start is stuck: the innermost frame of the plugin's own code (not the JDK's, the
     * framework's or SCR's), {@code com.acme.Activator.start(Activator.java:42)}; the innermost
     * frame when there is none.
     */
    static String stuckIn(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return "(no stack: it has just returned)";
        }
        StackTraceElement frame = stack[0];
        for (StackTraceElement candidate : stack) {
            if (!platform(candidate.getClassName())) {
                frame = candidate;
                break;
            }
        }
        String text = frame.getClassName() + "." + frame.getMethodName() + "(" + (frame.getFileName() == null
                ? "unknown source" : frame.getFileName() + (frame.getLineNumber() >= 0 ? ":" + frame.getLineNumber() : ""))
                + ")";
        return LineText.clip(text, FRAME_TEXT);
    }

    private static boolean platform(String className) {
        for (String prefix : new String[] {"java.", "javax.", "jdk.", "sun.", "com.sun.", "org.apache.felix.",
                "org.osgi.", "org.bootctl.deploy."}) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** {@code org.example.ripple 1.0.0 from deploy/ripple.jar}. */
    private static String describe(Bundle bundle) {
        return Candidate.shown(bundle.getSymbolicName()) + " " + Candidate.shown(String.valueOf(bundle.getVersion()))
                + " from " + DeployGuard.FOLDER + "/" + fileName(bundle);
    }

    private static String name(Bundle bundle) {
        return DeployGuard.FOLDER + "/" + fileName(bundle);
    }

    private static String fileName(Bundle bundle) {
        Path file = DeployFolder.file(bundle.getLocation());
        return file == null ? bundle.getLocation() : String.valueOf(file.getFileName());
    }
}
