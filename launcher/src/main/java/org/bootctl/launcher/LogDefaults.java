package org.bootctl.launcher;

/**
 * How the libraries in the bundles log when nobody said otherwise (a {@code -D} in
 * BOOTCTL_JAVA_OPTS always wins): one line per java.util.logging record, and warnings only from
 * Jetty (through slf4j-simple, on the launcher's class path), whose start-up chatter would bury
 * the ready line and the console's prompt.
 */
final class LogDefaults {

    private static final String JUL_FORMAT = "java.util.logging.SimpleFormatter.format";
    private static final String SLF4J_SIMPLE_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String JETTY_HOST_PORT_LEVEL = "org.slf4j.simpleLogger.log.org.eclipse.jetty.util.HostPort";

    private LogDefaults() {
    }

    static void apply() {
        if (System.getProperty(JUL_FORMAT) == null) {
            System.setProperty(JUL_FORMAT, "%1$tF %1$tT %4$s %5$s%6$s%n");
        }
        if (System.getProperty(SLF4J_SIMPLE_LEVEL) == null) {
            System.setProperty(SLF4J_SIMPLE_LEVEL, "warn");
        }
        if (System.getProperty(JETTY_HOST_PORT_LEVEL) == null) {
            // a warning per request with a bad Host header: any client could fill the log with them
            System.setProperty(JETTY_HOST_PORT_LEVEL, "error");
        }
    }
}
