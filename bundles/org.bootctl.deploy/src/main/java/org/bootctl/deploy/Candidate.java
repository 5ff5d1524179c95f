package org.bootctl.deploy;

import java.io.File;
import java.io.IOException;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.bootctl.deploy.folder.LineText;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;

/**
 * What a jar from {@code deploy/} would add to the framework, as far as the deploy rules care:
 * read from the file before FileInstall installs it, or from the revision the framework made of it.
 *
 * @param symbolicName null when it has none (not a bundle)
 * @param version      {@code 0.0.0} when it says none; null when unreadable
 * @param fragmentHost the host a fragment names, or null for a bundle of its own
 * @param exports      the packages it exports
 * @param problem      why its manifest cannot be read, or null
 */
record Candidate(String symbolicName, String version, String fragmentHost, Set<String> exports, String problem) {

    Candidate {
        exports = Set.copyOf(exports);
    }

    boolean unreadable() {
        return problem != null;
    }

    /** The longest text of a manifest a line shows: a jar may name itself in megabytes. */
    static final int SHOWN = 200;

    /** {@code org.example.ripple 1.0.0}, or {@code a jar} when it has no name. */
    String describe() {
        return symbolicName == null ? "a jar" : shown(symbolicName) + " " + shown(version);
    }

    /** A text from a manifest as a line shows it: its first {@value #SHOWN} characters and how many more it has. */
    static String shown(String text) {
        return LineText.clip(text, SHOWN);
    }

    static Candidate read(File artifact) {
        try (JarFile jar = new JarFile(artifact)) {
            Manifest manifest = jar.getManifest();
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            String name = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
            String version = main.getValue(Constants.BUNDLE_VERSION);
            String host = main.getValue(Constants.FRAGMENT_HOST);
            return new Candidate(name == null || name.isBlank() ? null : name.split(";", 2)[0].trim(),
                    version == null ? "0.0.0" : version.trim(), host == null ? null : host.split(";", 2)[0].trim(),
                    ManifestClauses.names(main.getValue(Constants.EXPORT_PACKAGE)), null);
        } catch (IOException | RuntimeException e) {
            return new Candidate(null, null, null, Set.of(), e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    static Candidate of(BundleRevision revision) {
        String host = revision.getBundle().getHeaders("").get(Constants.FRAGMENT_HOST);
        boolean fragment = (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        return new Candidate(revision.getSymbolicName(), revision.getVersion().toString(),
                fragment ? (host == null ? "?" : host.split(";", 2)[0].trim()) : null, exports(revision), null);
    }

    /** The packages a revision declares it exports. */
    static Set<String> exports(BundleRevision revision) {
        return revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .map(c -> String.valueOf(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)))
                .collect(Collectors.toSet());
    }
}
