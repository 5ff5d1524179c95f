package org.bootctl.launcher.runtime;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bootctl.launcher.PathNames;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.feature.FeatureBundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;

/**
 * The data folder's {@code deploy/}, watched by Felix FileInstall when the feature has it: a jar
 * dropped in is installed and started (by the deploy guard's starter, each on a thread of its own, where
 * the feature has the guard), a replaced one updated (then that bundle alone refreshed),
 * a removed one uninstalled; a configuration file ({@code PID.cfg}) applied, changed, deleted
 * alike. FileInstall reads its settings as framework properties; this class
 * writes them, and logs each change in one line ({@link #log(Path, Consumer)}). Which jars it
 * takes at all is the deploy guard's to say (bundle org.bootctl.deploy, started just before
 * FileInstall: the allow-list of the feature variable {@code deploy-allow}); it prints its own lines.
 */
public final class HotDeploy {

    public static final String FOLDER = "deploy";
    static final String ARTIFACT = "org.apache.felix.fileinstall";
    /**
     * How often the folder is listed. FileInstall acts on a new jar at the second look (once its
     * size and time stand still): measured on the 2-core CI machine, a dropped jar was ACTIVE in
     * 230-300 ms at 100 ms (520-570 ms at 250 ms), a deleted one gone in 110-145 ms. The watcher
     * then used about 0.2 % of one core while idle (0.07 % at 250 ms). {@code bootctl bench} times a
     * program bundle's drop until its program is selectable ({@code program_ms}, target 300 ms):
     * about 200 ms at this poll, so a shorter one is not needed.
     */
    static final String POLL_MILLIS = "100";

    private HotDeploy() {
    }

    /** Whether the feature's bundles include FileInstall. */
    static boolean wanted(List<FeatureBundle> bundles) {
        return bundles.stream().anyMatch(b -> b.artifactId().equals(ARTIFACT));
    }

    /** Whether the feature's bundles include the deploy guard, which then starts what FileInstall installs. */
    static boolean guarded(List<FeatureBundle> bundles) {
        return bundles.stream().anyMatch(b -> b.artifactId().equals(HeadlessDeploy.GUARD));
    }

    /**
     * FileInstall's settings, {@code deploy/} created in the data folder.
     *
     * @param guarded whether the deploy guard runs ({@link #guarded}): then FileInstall only installs the
     *                jars, and the guard's starter starts each on a thread of its own
     */
    static Map<String, String> frameworkProperties(Path data, boolean guarded) throws CommandException {
        Path folder = data.resolve(FOLDER);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw CommandException.usage("cannot create the deploy folder " + PathNames.show(folder) + ": " + e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("felix.fileinstall.dir", folder.toString());
        properties.put("felix.fileinstall.poll", POLL_MILLIS);
        properties.put("felix.fileinstall.noInitialDelay", "true");
        // list the folder at each poll: FileInstall's file-system watcher goes blind for good once the folder is
        // deleted, so a deploy/ deleted and made again would be watched no more until a restart
        properties.put("felix.fileinstall.disableNio2", "true");
        // FileInstall starts bundles on its one thread: a start that never returns (a hanging activator) would
        // leave every later drop unseen until a restart; the deploy guard's starter starts each on a thread of its own
        properties.put("felix.fileinstall.bundles.new.start", Boolean.toString(!guarded));
        // bundles, and configuration files for them (the deploy guard refuses those of the unit's own PIDs)
        properties.put("felix.fileinstall.filter", ".*\\.(jar|cfg|config)");
        // the files are the operator's: a configuration changed at run time is never written back into deploy/
        properties.put("felix.fileinstall.enableConfigSave", "false");
        // after an update or an uninstall, refresh only what changed, never bundles it merely could wire to now
        properties.put("felix.fileinstall.optionalImportRefreshScope", "none");
        // nor the host a fragment names: the deploy guard refuses fragments, and a refresh would restart the host
        properties.put("felix.fileinstall.fragmentRefreshScope", "none");
        properties.put("felix.fileinstall.log.level", "2"); // errors and warnings (a jar that does not start)
        return properties;
    }

    /**
     * A listener that says each change of a bundle from {@code deploy/} in one line, e.g.
     * {@code bootctl deploy: installed org.example.ripple 1.0.0 from deploy/ripple.jar}.
     */
    public static BundleListener log(Path data, Consumer<String> out) {
        Path folder = data.resolve(FOLDER).toAbsolutePath().normalize();
        return event -> {
            String verb = switch (event.getType()) {
                case BundleEvent.INSTALLED -> "installed";
                case BundleEvent.UPDATED -> "updated";
                case BundleEvent.UNINSTALLED -> "uninstalled";
                default -> null;
            };
            Path file = file(event.getBundle().getLocation());
            if (verb == null || !in(folder, file)) {
                return;
            }
            out.accept("bootctl deploy: " + verb + " " + shown(event.getBundle().getSymbolicName()) + " "
                    + shown(String.valueOf(event.getBundle().getVersion())) + " from " + FOLDER + "/" + file.getFileName());
        };
    }

    /** The longest name or version a line shows: a jar may name itself in megabytes. */
    static final int SHOWN = 200;

    /** Its first {@value #SHOWN} characters and how many more it has. */
    static String shown(String text) {
        if (text == null || text.length() <= SHOWN) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
        return text.substring(0, end) + "… (" + (text.length() - end) + " more characters)";
    }

    /**
     * A listener that says each configuration applied from a file in {@code deploy/} in one line,
     * e.g. {@code bootctl deploy: configured com.acme.x6 from deploy/com.acme.x6.cfg}, and its
     * removal when the file is deleted. (The deploy guard says what it refuses.)
     */
    public static ConfigurationListener configLog(Path data, BundleContext context, Consumer<String> out) {
        Path folder = data.resolve(FOLDER).toAbsolutePath().normalize();
        Map<String, String> fromFiles = new ConcurrentHashMap<>(); // PID -> deploy/name, to name a deletion
        return event -> {
            String pid = event.getPid();
            if (event.getType() == ConfigurationEvent.CM_DELETED) {
                String file = fromFiles.remove(pid);
                if (file != null) {
                    out.accept("bootctl deploy: removed configuration " + pid + " (" + file + " deleted)");
                }
                return;
            }
            Path file = deployFile(context, event, folder);
            if (file != null) {
                String name = FOLDER + "/" + file.getFileName();
                fromFiles.put(pid, name);
                out.accept("bootctl deploy: configured " + pid + " from " + name);
            }
        };
    }

    /** The file in {@code deploy/} a configuration came from (FileInstall's property), or null. */
    private static Path deployFile(BundleContext context, ConfigurationEvent event, Path folder) {
        ConfigurationAdmin admin = context.getService(event.getReference());
        if (admin == null) {
            return null;
        }
        try {
            Configuration[] found = admin.listConfigurations("(" + org.osgi.framework.Constants.SERVICE_PID + "="
                    + event.getPid().replaceAll("([\\\\()*])", "\\\\$1") + ")");
            Dictionary<String, Object> properties = found == null || found.length == 0 ? null : found[0].getProperties();
            Object key = properties == null ? null : properties.get("felix.fileinstall.filename");
            Path file = key == null ? null
                    : key.toString().startsWith("file:") ? file(key.toString()) // FileInstall 3.7 writes a URI
                    : Path.of(key.toString()).toAbsolutePath().normalize();
            return in(folder, file) ? file : null;
        } catch (IOException | org.osgi.framework.InvalidSyntaxException | IllegalStateException
                 | java.nio.file.InvalidPathException e) {
            return null;
        } finally {
            try {
                context.ungetService(event.getReference());
            } catch (IllegalStateException stopping) {
                // the framework is stopping
            }
        }
    }

    /**
     * Whether {@code file} is right in {@code folder}: FileInstall names its files by the folder's
     * canonical path, so a data folder reached through a symbolic link is the same folder on the disk.
     */
    static boolean in(Path folder, Path file) {
        Path parent = file == null ? null : file.getParent();
        if (parent == null) {
            return false;
        }
        try {
            return folder.equals(parent) || Files.isSameFile(folder, parent);
        } catch (IOException | SecurityException e) {
            return false; // one of them is not there (any more)
        }
    }

    /** The file a bundle location names ({@code file:/...} as FileInstall writes it), or null. */
    static Path file(String location) {
        try {
            URI uri = URI.create(location);
            return "file".equals(uri.getScheme()) ? Path.of(uri).toAbsolutePath().normalize() : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }
}
