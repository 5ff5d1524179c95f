package org.bootctl.launcher.commands;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Keeps log lines out of the interactive console: once it starts, what the libraries log
 * (java.util.logging, slf4j-simple and anything else written to System.err) goes to a file in
 * the data folder, which {@code boot:log} shows. bootctl's own messages keep the stderr they had.
 */
final class ConsoleLog {

    /** The log file's name in the data folder. */
    static final String FILE = "bootctl.log";
    /** System property that tells the shell's boot:log where the log is. */
    static final String PROPERTY = "bootctl.log";

    private ConsoleLog() {
    }

    /** Points System.err and every java.util.logging handler at DATA/bootctl.log (appended). */
    static Path divert(Path dataFolder) throws IOException {
        Path file = dataFolder.resolve(FILE).toAbsolutePath();
        PrintStream log = new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
        System.setErr(log);
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new StreamHandler(log, new SimpleFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        });
        System.setProperty(PROPERTY, file.toString());
        return file;
    }
}
