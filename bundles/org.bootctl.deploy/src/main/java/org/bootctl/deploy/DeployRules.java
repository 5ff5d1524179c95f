package org.bootctl.deploy;

import java.util.List;

/**
 * Whatever the allow-list says, {@code deploy/} only adds bundles. It refuses:
 * <ul>
 * <li>a jar that is not a bundle (no {@code Bundle-SymbolicName}, or no readable manifest): FileInstall
 *     would pass over it without a word;</li>
 * <li>a fragment: attached to a host, it changes that host, and attaching means refreshing the host,
 *     which stops and restarts it (the engine: every session ended);</li>
 * <li>a bundle named like one of the unit's: FileInstall would take it for a new build of it and swap
 *     the unit's core under running sessions;</li>
 * <li>a bundle that exports a package the unit exports already (the API included): bundles resolving
 *     later could wire to its copy of the API instead of the unit's.</li>
 * </ul>
 * The core changes with the distribution and the feature, where it is tested together.
 */
final class DeployRules {

    private DeployRules() {
    }

    /** Why {@code candidate} may not be deployed, or null when it may. */
    static String refusal(Candidate candidate, AllowList allowed, Core core) {
        if (candidate.unreadable()) {
            return "it is not a bundle: its manifest cannot be read (" + candidate.problem() + ")";
        }
        String name = candidate.symbolicName();
        if (name == null) {
            return "it is not a bundle (it has no Bundle-SymbolicName), and the deploy folder takes bundles only";
        }
        if (!allowed.allows(name)) {
            return "symbolic name " + name + " is not on the allow-list (" + allowed + ")";
        }
        if (candidate.fragmentHost() != null) {
            return "it is a fragment of " + candidate.fragmentHost() + ", and the deploy folder only adds bundles"
                    + " (a fragment changes its host, which restarts to take it)";
        }
        if (core.names().contains(name)) {
            return name + " is one of the bundles this unit was started with, and the deploy folder only adds"
                    + " bundles (a new build of it comes with the distribution)";
        }
        List<String> shadowed = candidate.exports().stream().filter(core.exporters()::containsKey).sorted().toList();
        if (!shadowed.isEmpty()) {
            String pkg = shadowed.get(0);
            return "it exports " + pkg + (shadowed.size() > 1 ? " (and " + (shadowed.size() - 1) + " more)" : "")
                    + ", which " + core.exporters().get(pkg) + " of this unit exports already, and the deploy"
                    + " folder only adds bundles (a copy of the unit's packages, the API's included, comes with"
                    + " the distribution)";
        }
        return null;
    }
}
