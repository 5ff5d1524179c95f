package org.bootctl.deploy;

import java.util.List;
import java.util.Map;

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
 *
 * <p>A configuration file ({@code .cfg}, {@code .config}) may only configure what the unit does not
 * own ({@link ConfigOwners}): the bundles {@code deploy/} added. It is refused whatever the
 * allow-list says when its PID belongs to the unit, so a file cannot change the web token or bind
 * address, the engine, this guard, FileInstall or a driver's port.
 */
final class DeployRules {

    private DeployRules() {
    }

    /** Why {@code candidate} may not be deployed, or null when it may. */
    static String refusal(Candidate candidate, AllowList allowed, Core core) {
        if (candidate.unreadable()) {
            return "it is not a bundle: its manifest cannot be read (" + Candidate.shown(candidate.problem()) + ")";
        }
        String name = candidate.symbolicName();
        if (name == null) {
            return "it is not a bundle (it has no Bundle-SymbolicName), and the deploy folder takes bundles only";
        }
        if (!allowed.allows(name)) {
            return "symbolic name " + Candidate.shown(name) + " is not on the allow-list (" + allowed + ")";
        }
        if (candidate.fragmentHost() != null) {
            return "it is a fragment of " + Candidate.shown(candidate.fragmentHost()) + ", and the deploy folder only adds bundles"
                    + " (a fragment changes its host, which restarts to take it)";
        }
        if (core.names().contains(name)) {
            return name + " is one of the bundles this unit was started with, and the deploy folder only adds"
                    + " bundles (a new build of it comes with the distribution)";
        }
        List<String> shadowed = candidate.exports().stream().filter(core.exporters()::containsKey).sorted().toList();
        if (!shadowed.isEmpty()) {
            String pkg = shadowed.get(0);
            return "it exports " + Candidate.shown(pkg) + (shadowed.size() > 1 ? " (and " + (shadowed.size() - 1) + " more)" : "")
                    + ", which " + core.exporters().get(pkg) + " of this unit exports already, and the deploy"
                    + " folder only adds bundles (a copy of the unit's packages, the API's included, comes with"
                    + " the distribution)";
        }
        return null;
    }

    /** Why {@code file} may not be applied, or null when it may; {@code owners} null: they cannot be told. */
    static String configRefusal(ConfigFile file, Map<String, String> owners) {
        if (owners == null) {
            return "which configurations belong to this unit cannot be told now (Service Component Runtime"
                    + " or Configuration Admin is not running), and the deploy folder never guesses";
        }
        if (file.pid().isBlank()) {
            return "its name gives no PID (PID.cfg, or FACTORYPID-NAME.cfg)";
        }
        for (String pid : new String[] {file.pid(), file.factoryPart()}) {
            String owner = owners.get(pid);
            if (owner != null) {
                return "PID " + pid + " belongs to " + owner + ", and the deploy folder configures only the"
                        + " bundles it added (change the unit's own settings with --var or its feature)";
            }
        }
        return null;
    }
}
