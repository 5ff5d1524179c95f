package org.bootctl.launcher.feature;

import java.nio.file.Path;

/**
 * One bundle a feature lists.
 *
 * @param id         the Maven id, {@code group:artifact:version}
 * @param groupId    Maven group
 * @param artifactId Maven artifact (for bootctl bundles, the symbolic name)
 * @param version    Maven version
 * @param startOrder bundles start in ascending order, those without one last (in file order)
 * @param ui         a user interface (web, shell): commands that run headless leave it out
 * @param console    the interactive console, which reads the terminal: only {@code bootctl run --shell}
 *                   installs it, after the ready line
 */
public record FeatureBundle(String id, String groupId, String artifactId, String version, int startOrder,
                            boolean ui, boolean console) {

    /** Bundles without a {@code start-order} start after all that have one. */
    public static final int LAST = Integer.MAX_VALUE;

    /** Where the bundle sits in a folder in Maven repository layout. */
    public Path repositoryPath() {
        return Path.of(groupId.replace('.', '/'), artifactId, version, artifactId + "-" + version + ".jar");
    }
}
