package org.bootctl.launcher.runtime;

/**
 * One reason a runtime is not up, naming the culprit.
 *
 * @param kind       what is wrong
 * @param bundle     the bundle's symbolic name
 * @param component  the DS component's name, or null for a bundle problem
 * @param detail     the reason in words: missing references, the activation failure, the start error
 * @param configured whether the component takes a configuration the feature gives it (so a bad
 *                   variable, e.g. a mistyped fault spec, is the likely cause)
 */
public record HealthProblem(Kind kind, String bundle, String component, String detail, boolean configured) {

    public enum Kind {
        /** A bundle whose start failed (it does not resolve, or its activator threw). */
        BUNDLE_FAILED,
        /** A bundle that is not ACTIVE (a fragment: not RESOLVED) for no known reason. */
        BUNDLE_NOT_ACTIVE,
        /** A bundle declares components, but no DS runtime has taken them up (yet). */
        COMPONENTS_NOT_LOADED,
        /** A component waits for a configuration the feature gives. */
        UNSATISFIED_CONFIGURATION,
        /** A component misses mandatory references. */
        UNSATISFIED_REFERENCE,
        /** A component's activate threw. */
        FAILED_ACTIVATION
    }

    /** Whether waiting longer cannot help: a failed activation, a bundle that failed to start. */
    public boolean settled() {
        return kind == Kind.FAILED_ACTIVATION || kind == Kind.BUNDLE_FAILED;
    }

    /** One line, e.g. {@code component org.bootctl.sim.device (bundle org.bootctl.sim) failed to activate: ...}. */
    public String message() {
        String who = component == null ? "bundle " + bundle : "component " + component + " (bundle " + bundle + ")";
        return switch (kind) {
            case BUNDLE_FAILED -> who + " failed to start: " + detail;
            case BUNDLE_NOT_ACTIVE -> who + " is " + detail + ", not ACTIVE";
            case COMPONENTS_NOT_LOADED -> who + ": " + detail;
            case UNSATISFIED_CONFIGURATION -> who + " is waiting for its configuration " + detail;
            case UNSATISFIED_REFERENCE -> who + " is unsatisfied: no service for " + detail;
            case FAILED_ACTIVATION -> who + " failed to activate: " + detail;
        };
    }
}
