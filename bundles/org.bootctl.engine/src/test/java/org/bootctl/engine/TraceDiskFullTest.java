package org.bootctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bootctl.engine.record.Recorder;
import org.bootctl.engine.record.TraceSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk that refuses every write (Linux's /dev/full answers "no space left"): one log line per trace, not one per chunk. */
class TraceDiskFullTest {

    @TempDir
    Path data;

    @Test
    void aTraceTheDiskRefusesIsSaidOnceNotForEveryChunk() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full (Linux)");
        Files.createDirectories(data.resolve("traces"));
        Files.createSymbolicLink(data.resolve("traces").resolve("s1.csv"), full);
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(Recorder.class.getName());
        logger.addHandler(capture);
        try {
            Recorder recorder = new Recorder(data, Runnable::run);
            TraceSink trace = recorder.openTrace("s1", "t_ms,state");
            for (int row = 0; row < 1000; row++) { // 20 chunks of 50 rows
                trace.rowBuffer().append(row).append(",RUNNING");
                trace.rowWritten();
            }
            trace.close();
        } finally {
            logger.removeHandler(capture);
        }
        List<String> errors = logged.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogRecord::getMessage).toList();
        assertEquals(1, errors.size(), "one line for the whole trace, not one per chunk: " + errors);
        assertTrue(errors.get(0).startsWith("trace s1 cannot be written (") && errors.get(0).contains("free space"),
                errors.get(0));
    }
}
