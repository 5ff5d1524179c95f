package org.bootctl.launcher.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The commands in the distribution's {@code tools/} folder: each jar there names its commands in
 * {@code META-INF/services/org.bootctl.launcher.cli.Command}. They are loaded in a class loader
 * of their own whose parent is the launcher's, so they share the launcher's types and the
 * controller's class path ({@code lib/}) holds only what running it needs.
 */
final class ToolCommands {

    /** The folder's name in the distribution. */
    static final String FOLDER = "tools";

    /** One loader per folder for the life of the process: the jars stay open while their classes run. */
    private static final Map<Path, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    private ToolCommands() {
    }

    static boolean installed(Path folder) {
        return Files.isDirectory(folder);
    }

    /**
     * The commands of every jar in {@code folder}, in the order their services files list them
     * (and those on the launcher's own class path, as when the tools' classes sit beside a test).
     */
    static List<Command> load(Path folder) {
        ClassLoader loader = LOADERS.computeIfAbsent(folder.toAbsolutePath().normalize(), ToolCommands::loader);
        List<Command> commands = new ArrayList<>();
        try {
            ServiceLoader.load(Command.class, loader).forEach(commands::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load the commands in " + folder + ": " + e.getMessage(), e);
        }
        return List.copyOf(commands);
    }

    private static ClassLoader loader(Path folder) {
        List<URL> jars = new ArrayList<>();
        if (installed(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(jar.toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        ClassLoader launcher = ToolCommands.class.getClassLoader();
        return jars.isEmpty() ? launcher : new URLClassLoader("bootctl-tools", jars.toArray(URL[]::new), launcher);
    }
}
