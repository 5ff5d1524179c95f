package org.bootctl.api.audit;

import java.util.Map;
import java.util.Objects;

/**
 * One thing done to the unit.
 *
 * @param action  what was done, one of the constants here ({@link #ESTOP}, {@link #FAULT_CLEARED} …)
 * @param source  who or what did it: {@link #SHELL}, {@link #web(String)}, {@link #DEPLOY_FOLDER},
 *                {@link #PROGRAMS_FOLDER}, {@link #CONFIGURATION} …
 * @param subject what it was done to: a device id, a program id, a bundle's symbolic name, a PID
 * @param details more facts worth keeping (version, file, outcome …); never a secret
 */
public record AuditEvent(String action, String source, String subject, Map<String, String> details) {

    public static final String ESTOP = "estop";
    public static final String FAULT_CLEARED = "fault-cleared";
    public static final String PROGRAM_INSTALLED = "program-installed";
    public static final String PROGRAM_REMOVED = "program-removed";
    public static final String BUNDLE_INSTALLED = "bundle-installed";
    public static final String BUNDLE_UPDATED = "bundle-updated";
    public static final String BUNDLE_UNINSTALLED = "bundle-uninstalled";
    public static final String BUNDLE_REFUSED = "bundle-refused";
    public static final String SETTINGS_CHANGED = "settings-changed";
    /** A start, pause, resume or stop that came over the fleet's MQTT link; details say which, with its requestId. */
    public static final String REMOTE_COMMAND = "remote-command";

    public static final String SHELL = "shell";
    public static final String DEPLOY_FOLDER = "deploy folder";
    public static final String PROGRAMS_FOLDER = "programs folder";
    public static final String CONFIGURATION = "configuration";
    /** Programs rolled out to the unit over the fleet's broker (the data folder's {@code fleet/programs/}). */
    public static final String FLEET_PROGRAMS = "fleet programs";

    public AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(source, "source");
        subject = subject == null ? "" : subject;
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public AuditEvent(String action, String source, String subject) {
        this(action, source, subject, Map.of());
    }

    /** The source for a command that came over the fleet's MQTT link to this unit, e.g. {@code fleet studio-1/unit-3}. */
    public static String fleet(String site, String unit) {
        return "fleet " + site + "/" + unit;
    }

    /** The source for a request from a web client, e.g. {@code web 192.168.1.20}. */
    public static String web(String clientAddress) {
        return "web " + clientAddress;
    }
}
