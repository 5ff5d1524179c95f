package org.bootctl.launcher.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.bootctl.launcher.cli.CommandException;

/**
 * The packages the system bundle exports besides the JRE's and the framework's: those of the
 * API jars on the launcher's class path, each taken from the jar's own {@code Export-Package}
 * header. Bundles import them from the system bundle, so the launcher, its commands and the
 * tests share these types with every bundle. slf4j's API is among them: from the class path it
 * finds its provider (slf4j-simple, beside it in lib/) with a plain ServiceLoader, where as a
 * bundle it needed SPI Fly, which weaves every class of its consumers (all of Jetty) at load.
 */
public final class SystemPackages {

    /** Symbolic names of the jars whose packages are shared; none of them is installed as a bundle. */
    public static final List<String> SHARED_JARS = List.of(
            "org.bootctl.api",
            "org.osgi.service.component",
            "org.osgi.service.cm",
            "org.osgi.util.promise",
            "org.osgi.util.function",
            "slf4j.api");

    private SystemPackages() {
    }

    /** The value for {@code org.osgi.framework.system.packages.extra}. */
    public static String extraExports(ClassLoader loader) throws CommandException {
        Map<String, String> exports = exportsBySymbolicName(loader);
        List<String> missing = new ArrayList<>();
        List<String> clauses = new ArrayList<>();
        for (String name : SHARED_JARS) {
            String export = exports.get(name);
            if (export == null) {
                missing.add(name);
            } else {
                clauses.add(export);
            }
        }
        if (!missing.isEmpty()) {
            throw CommandException.failure("the launcher's class path lacks " + String.join(", ", missing)
                    + ": the distribution's lib/ folder is incomplete");
        }
        return String.join(",", clauses);
    }

    /** Export-Package of every jar on the class path that is a bundle; the first of a name wins. */
    static Map<String, String> exportsBySymbolicName(ClassLoader loader) throws CommandException {
        Map<String, String> exports = new LinkedHashMap<>();
        try {
            Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                Manifest manifest = manifest(manifests.nextElement());
                Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
                String name = main.getValue("Bundle-SymbolicName");
                String export = main.getValue("Export-Package");
                if (name != null && export != null) {
                    exports.putIfAbsent(name.split(";")[0].trim(), export);
                }
            }
        } catch (IOException e) {
            throw CommandException.failure("cannot read the launcher's class path: " + e.getMessage());
        }
        return exports;
    }

    /**
     * A jar's manifest as the jar holds it. Reading it as an entry's stream instead would check
     * the signatures of a signed jar first (Paho's, in lib/ for the fleet client): some 200
     * classes of the JDK's security code and their time at every start, for two headers. The
     * class loader still checks the signatures of any class it loads from that jar.
     */
    private static Manifest manifest(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            return jar.getManifest();
        }
        try (InputStream in = connection.getInputStream()) {
            return new Manifest(in);
        }
    }
}
