package org.bootctl.deploy.folder;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/**
 * The data folder's {@code deploy/}: where it is and which bundles came from it. Written once for the
 * deploy guard and the audit's bundle listener; the audit bundle embeds this package as a private
 * copy (bnd's -conditionalpackage), so neither bundle needs the other at runtime.
 */
public final class DeployFolder {

    /** The folder's name inside the data folder. */
    public static final String NAME = "deploy";

    private DeployFolder() {
    }

    /** The framework's {@code deploy/}, absolute: in {@code bootctl.data}, or {@code ./data} where that is unset. */
    public static Path of(BundleContext context) {
        String data = context.getProperty("bootctl.data");
        return Path.of(data == null || data.isBlank() ? "./data" : data).resolve(NAME).toAbsolutePath().normalize();
    }

    /** The file a bundle location names ({@code file:/...}, as FileInstall writes it), or null. */
    public static Path file(String location) {
        try {
            URI uri = URI.create(location);
            return "file".equals(uri.getScheme()) ? Path.of(uri).toAbsolutePath().normalize() : null;
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return null;
        }
    }

    /**
     * Whether a bundle location is a file right in {@code folder}. FileInstall names its files by the
     * folder's canonical path, so a data folder reached through a symbolic link is compared as the
     * same folder on the disk too.
     */
    public static boolean holds(Path folder, String location) {
        Path file = file(location);
        Path parent = file == null ? null : file.getParent();
        if (parent == null || folder == null) {
            return false;
        }
        if (folder.equals(parent)) {
            return true;
        }
        try {
            return Files.isSameFile(folder, parent);
        } catch (IOException | SecurityException e) {
            return false; // one of them is not there (any more): not the same folder
        }
    }
}
