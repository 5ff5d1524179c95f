package org.bootctl.api.audit;

import java.util.Map;
import java.util.Objects;

/**
 * One thing done to the unit, as whoever did it records it in the {@link AuditLog}. Immutable.
 *
 * @param action  what was done, one of the constants here ({@link #ESTOP}, {@link #FAULT_CLEARED} …); not null
 * @param source  who or what did it: {@link #SHELL}, {@link #web(String)}, {@link #DEPLOY_FOLDER},
 *                {@link #PROGRAMS_FOLDER}, {@link #CONFIGURATION} …; not null
 * @param subject what it was done to: a device id, a program id, a bundle's symbolic name, a PID;
 *                null reads as empty
 * @param details more facts worth keeping (version, file, outcome …); never a secret; null reads as
 *                none; copied
 */
public record AuditEvent(String action, String source, String subject, Map<String, String> details) {

    /** An emergency stop; the subject is the device id. */
    public static final String ESTOP = "estop";
    /** A latched fault a person cleared; the subject is the device id. */
    public static final String FAULT_CLEARED = "fault-cleared";
    /** A program file added or replaced; the subject is the program id. */
    public static final String PROGRAM_INSTALLED = "program-installed";
    /** A program file deleted; the subject is the program id. */
    public static final String PROGRAM_REMOVED = "program-removed";
    /** A bundle installed; the subject is its symbolic name. */
    public static final String BUNDLE_INSTALLED = "bundle-installed";
    /** A bundle replaced by a new version; the subject is its symbolic name. */
    public static final String BUNDLE_UPDATED = "bundle-updated";
    /** A bundle removed; the subject is its symbolic name. */
    public static final String BUNDLE_UNINSTALLED = "bundle-uninstalled";
    /** A bundle the deploy folder refused to install; the subject is its symbolic name, or its file where it has none. */
    public static final String BUNDLE_REFUSED = "bundle-refused";
    /**
     * A bundle from the deploy folder whose start has not returned in time (its activator, or a
     * component it starts, hangs); the subject is its symbolic name, the details say where it is stuck.
     */
    public static final String BUNDLE_START_STUCK = "bundle-start-stuck";
    /**
     * A configuration file the deploy folder refused to apply (its PID belongs to a bundle the unit
     * was started with); the subject is the PID.
     */
    public static final String CONFIGURATION_REFUSED = "configuration-refused";
    /** A configuration changed; the subject is its PID. */
    public static final String SETTINGS_CHANGED = "settings-changed";
    /** A start, pause, resume or stop that came over the fleet's MQTT link; details say which, with its requestId. */
    public static final String REMOTE_COMMAND = "remote-command";

    /** Source: a command of bootctl's shell. */
    public static final String SHELL = "shell";
    /** Source: a file dropped into or removed from the data folder's {@code deploy/}. */
    public static final String DEPLOY_FOLDER = "deploy folder";
    /** Source: a file dropped into or removed from the data folder's {@code programs/}. */
    public static final String PROGRAMS_FOLDER = "programs folder";
    /** Source: a configuration change (Configuration Admin); the subject is its PID. */
    public static final String CONFIGURATION = "configuration";
    /** Programs rolled out to the unit over the fleet's broker (the data folder's {@code fleet/programs/}). */
    public static final String FLEET_PROGRAMS = "fleet programs";

    /**
     * Checks the components and copies the details.
     *
     * @param action  what was done, not null
     * @param source  who or what did it, not null
     * @param subject what it was done to, or null
     * @param details more facts, or null
     * @throws NullPointerException for a null action or source
     */
    public AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(source, "source");
        subject = subject == null ? "" : subject;
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /**
     * An event without details.
     *
     * @param action  what was done, not null
     * @param source  who or what did it, not null
     * @param subject what it was done to, or null
     */
    public AuditEvent(String action, String source, String subject) {
        this(action, source, subject, Map.of());
    }

    /**
     * The source for a command that came over the fleet's MQTT link to this unit.
     *
     * @param site the fleet's site name
     * @param unit this unit's name in the fleet
     * @return e.g. {@code fleet studio-1/unit-3}
     */
    public static String fleet(String site, String unit) {
        return "fleet " + site + "/" + unit;
    }

    /**
     * The source for a request from a web client.
     *
     * @param clientAddress the client's IP address
     * @return e.g. {@code web 192.168.1.20}
     */
    public static String web(String clientAddress) {
        return "web " + clientAddress;
    }
}
