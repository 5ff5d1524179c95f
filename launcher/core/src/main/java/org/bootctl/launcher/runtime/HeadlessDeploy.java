package org.bootctl.launcher.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bootctl.launcher.Distribution;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureBundle;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What a headless command ({@code session}, {@code programs}, {@code validate}, {@code plot}) sees of
 * the data folder's {@code deploy/}: the jars there, installed and started once, after the feature is
 * up, as {@code run} would take them (no watching). The deploy guard of the feature
 * ({@code org.bootctl.deploy}, its allow-list {@code deploy-allow}) keeps them to its rules here too:
 * it is started first (with FileInstall installed beside it for its types, never started), and a
 * jar it refuses never resolves. Only for features whose {@code run} has a deploy folder.
 */
final class HeadlessDeploy {

    static final String GUARD = "org.bootctl.deploy";
    /** How long the guard gets to come up with the feature's allow-list. */
    private static final Duration GUARD_UP = Duration.ofSeconds(5);
    /** How long a bundle's start (its activator, its immediate components) may take before the command goes on without it. */
    static final Duration START_LIMIT = Duration.ofSeconds(10);

    private HeadlessDeploy() {
    }

    /**
     * Installs the guard, then every {@code *.jar} of {@code deploy/} in name order, and starts them.
     * A jar that does not start is said in one line on {@code err}; the command goes on without it.
     */
    static void installAndStart(Feature feature, Distribution distribution, BundleContext context, Path data,
                                PrintStream err) throws CommandException, InterruptedException {
        List<FeatureBundle> all = feature.bundles(false);
        if (!HotDeploy.wanted(all)) {
            return; // no deploy folder for this feature's run either
        }
        Path folder = data.resolve(HotDeploy.FOLDER);
        List<Path> jars = jars(folder);
        if (jars.isEmpty()) {
            return;
        }
        List<FeatureBundle> guard = all.stream()
                .filter(b -> b.artifactId().equals(GUARD) || b.artifactId().equals(HotDeploy.ARTIFACT)).toList();
        if (guard.stream().anyMatch(b -> b.artifactId().equals(GUARD))) {
            Map<FeatureBundle, Path> files = FeatureInstaller.locate(feature, guard, distribution);
            for (Bundle bundle : FeatureInstaller.install(feature, files, context)) {
                if (GUARD.equals(bundle.getSymbolicName())) {
                    startQuietly(bundle, "the deploy guard", err);
                }
            }
            if (!guardUp(feature, context)) {
                err.println("bootctl deploy: the deploy guard did not come up; the bundles in "
                        + HotDeploy.FOLDER + "/ are left out");
                return;
            }
        }
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            try {
                installed.add(context.installBundle(jar.toUri().toString()));
            } catch (BundleException e) {
                err.println("bootctl deploy: " + HotDeploy.FOLDER + "/" + jar.getFileName() + " cannot be installed: "
                        + FeatureInstaller.oneLine(e));
            }
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                startQuietly(bundle, HotDeploy.FOLDER + "/" + HotDeploy.file(bundle.getLocation()).getFileName(), err);
            }
        }
    }

    /**
     * Starts the bundle on a thread of its own, waiting at most {@link #START_LIMIT}: a jar whose
     * activator never returns is said and left behind (its thread is interrupted, and let go if it
     * ignores that), and the command goes on.
     */
    private static void startQuietly(Bundle bundle, String what, PrintStream err) throws InterruptedException {
        FutureTask<Void> start = new FutureTask<>(() -> {
            bundle.start();
            return null;
        });
        Thread starter = new Thread(start, "bootctl-deploy-start " + bundle.getSymbolicName());
        starter.setDaemon(true);
        starter.start();
        try {
            start.get(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            starter.interrupt();
            err.println("bootctl deploy: " + what + " did not start within " + START_LIMIT.toSeconds()
                    + " s (its activator does not return); the command goes on without it");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof BundleException b && b.getType() == BundleException.RESOLVE_ERROR)) {
                err.println("bootctl deploy: " + what + " does not start: " + FeatureInstaller.oneLine(cause));
            }
            // a jar the guard refuses does not resolve: the guard has said why
        }
    }

    /** The guard's hook is registered, with the feature's configuration of it when the feature has one. */
    private static boolean guardUp(Feature feature, BundleContext context) throws InterruptedException {
        String filter = "(&(" + Constants.OBJECTCLASS + "=" + ResolverHookFactory.class.getName() + ")"
                + (feature.configuredPids().contains(GUARD) ? "(" + Constants.SERVICE_PID + "=" + GUARD + ")" : "")
                + "(component.name=*DeployGuard))";
        ServiceTracker<Object, Object> guard;
        try {
            guard = new ServiceTracker<>(context, context.createFilter(filter), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        guard.open();
        try {
            return guard.waitForService(GUARD_UP.toMillis()) != null;
        } finally {
            guard.close();
        }
    }

    /** The jars of the folder in name order; hidden files (a copy in progress) left out. */
    private static List<Path> jars(Path folder) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : stream) {
                if (!jar.getFileName().toString().startsWith(".") && Files.isRegularFile(jar)) {
                    jars.add(jar.toAbsolutePath().normalize());
                }
            }
        } catch (IOException e) {
            return List.of(); // no folder: nothing deployed
        }
        jars.sort(null);
        return jars;
    }
}
