package org.bootctl.deploy;

import java.io.File;

/**
 * A configuration file in {@code deploy/}, named as FileInstall names them: {@code PID.cfg} (or
 * {@code .config}) for the configuration of PID, {@code FACTORYPID-NAME.cfg} for a factory
 * configuration NAME of FACTORYPID. FileInstall takes the PID from the name alone (up to the first
 * {@code -}), never from the file's content, so the name says everything the guard needs.
 *
 * @param name the file's name, e.g. {@code org.bootctl.example.driver.cfg}
 * @param pid  the PID, or the factory PID, the file configures
 */
record ConfigFile(String name, String pid) {

    /** Whether FileInstall would take {@code file} for a configuration file. */
    static boolean is(File file) {
        String name = file.getName();
        return name.endsWith(".cfg") || name.endsWith(".config");
    }

    static ConfigFile of(File file) {
        String name = file.getName();
        String base = name.substring(0, name.lastIndexOf('.'));
        int dash = base.indexOf('-');
        return new ConfigFile(name, dash > 0 ? base.substring(0, dash) : base);
    }

    /**
     * The PID as Configuration Admin may also read it: {@code FACTORYPID~NAME} is a named factory
     * configuration of FACTORYPID (Configuration Admin 1.6), so both must be free.
     */
    String factoryPart() {
        int tilde = pid.indexOf('~');
        return tilde > 0 ? pid.substring(0, tilde) : pid;
    }
}
