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
    private static final java.util.List<String> CLIENT_CAUSED_WARNINGS = java.util.List.of(
            "org.eclipse.jetty.util.HostPort", "org.eclipse.jetty.util.thread.SerializedInvoker");

    private LogDefaults() {
    }

    static void apply() {
        if (System.getProperty(JUL_FORMAT) == null) {
            System.setProperty(JUL_FORMAT, "%1$tF %1$tT %4$s %5$s%6$s%n");
        }
        if (System.getProperty(SLF4J_SIMPLE_LEVEL) == null) {
            System.setProperty(SLF4J_SIMPLE_LEVEL, "warn");
        }
        // per-connection warnings a client can cause at will, so could fill the log with: a bad Host
        // header; a stack trace from Jetty 12.0's race on a connection the client reset mid-answer
        for (String logger : CLIENT_CAUSED_WARNINGS) {
            String property = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "error");
            }
        }
    }
}
