package org.bootctl.engine.record;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootctl.api.session.Fault;
import org.bootctl.api.session.SessionRecord;
import org.bootctl.api.session.SessionState;

/**
 * Writes what sessions leave behind — history lines, open-session markers, traces — on one
 * writer (an executor running tasks one at a time, in order), so the control loop never waits for
 * a disk. History lines and markers are never dropped; trace chunks are, beyond
 * {@link #MAX_PENDING_CHUNKS} waiting (a disk stalled for many minutes), with a warning.
 */
public final class Recorder {

    public static final String INTERRUPTED = "interrupted: controller stopped unexpectedly";
    static final int ROWS_PER_CHUNK = 50;
    static final int MAX_PENDING_CHUNKS = 1024;
    private static final System.Logger LOG = System.getLogger(Recorder.class.getName());

    private final Executor writer;
    private final HistoryStore history;
    private final TraceFiles traces;
    private final OpenSessions markers;
    private final Set<String> openTraces = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pendingChunks = new AtomicInteger();

    /**
     * @param dataDir the data folder ({@code bootctl.data})
     * @param writer  runs tasks one at a time in order; tests pass {@code Runnable::run}
     */
    public Recorder(Path dataDir, Executor writer) {
        this.writer = writer;
        history = new HistoryStore(dataDir.resolve("history.jsonl"));
        traces = new TraceFiles(dataDir.resolve("traces"));
        markers = new OpenSessions(dataDir.resolve("sessions").resolve("open"));
    }

    public HistoryStore history() {
        return history;
    }

    public TraceFiles traces() {
        return traces;
    }

    /** Turns markers left by a crash into history lines; runs on the writer, before any new session's task. */
    public void recoverInterrupted() {
        submit(() -> {
            for (Path marker : markers.leftovers()) {
                recover(marker);
            }
        });
    }

    private void recover(Path marker) throws IOException {
        SessionRecord begun = OpenSessions.read(marker);
        if (begun == null) {
            LOG.log(Level.WARNING, "unreadable open-session marker " + marker + "; left in place");
            return;
        }
        Optional<Path> trace = traces.existing(begun.id());
        Optional<TraceFiles.Summary> summary = trace.flatMap(TraceFiles::summarize);
        FileTime lastSign = Files.getLastModifiedTime(trace.orElse(marker));
        Fault fault = summary.filter(s -> s.highestChannel() != null)
                .map(s -> new Fault("interrupted", s.highestChannel(), zoneOf(s.highestChannel()),
                        s.highestLastMmHg(), INTERRUPTED))
                .orElse(new Fault("interrupted", null, 0, 0, INTERRUPTED));
        SessionRecord record = new SessionRecord(begun.id(), begun.deviceId(), begun.model(), begun.serial(),
                begun.programId(), begun.programVersion(), begun.settings(), begun.start(), lastSign.toInstant(),
                SessionState.FAULT, INTERRUPTED, fault, summary.map(TraceFiles.Summary::cycles).orElse(0),
                summary.map(TraceFiles.Summary::peakMmHg).orElse(Map.of()),
                begun.fitCheckMs() == null ? Map.of() : begun.fitCheckMs(), true);
        history.append(record);
        markers.delete(begun.id());
        LOG.log(Level.WARNING, "session " + begun.id() + " was cut off by a crash; recorded as interrupted");
    }

    private static int zoneOf(String channelId) {
        try {
            return Integer.parseInt(channelId.substring(1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** A session began: its marker, so that a crash cannot lose it. */
    public void sessionStarted(SessionRecord begun) {
        submit(() -> markers.write(begun));
    }

    /** A session ended: its history line, forced to disk, then its marker goes. */
    public void sessionEnded(SessionRecord record) {
        submit(() -> {
            history.append(record);
            markers.delete(record.id());
        });
    }

    /** A trace for a session: the file is opened and written on the writer. */
    public TraceSink openTrace(String sessionId, String header) {
        Optional<Path> path = traces.path(sessionId);
        if (path.isEmpty()) {
            return TraceSink.NONE;
        }
        openTraces.add(sessionId);
        ChunkedTrace trace = new ChunkedTrace(sessionId, path.get());
        submit(() -> trace.open(header));
        return trace;
    }

    private void submit(IoTask task) {
        try {
            writer.execute(() -> {
                try {
                    task.run();
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.ERROR, "recording failed: " + e, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.ERROR, "recorder is closed; lost a write: " + e);
        }
    }

    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }

    /** Rows are gathered on the loop into chunks; the writer appends chunks to the file. */
    private final class ChunkedTrace implements TraceSink {
        private final String sessionId;
        private final Path path;
        private final StringBuilder chunk = new StringBuilder(8192);
        private int rows;
        private int dropped;
        private BufferedWriter out; // writer thread only

        ChunkedTrace(String sessionId, Path path) {
            this.sessionId = sessionId;
            this.path = path;
        }

        @Override
        public void row(CharSequence row) {
            chunk.append(row).append('\n');
            if (++rows >= ROWS_PER_CHUNK) {
                handOff();
            }
        }

        @Override
        public void close() {
            handOff();
            submit(() -> {
                try {
                    if (out != null) {
                        out.close();
                    }
                } finally {
                    openTraces.remove(sessionId);
                    traces.prune(openTraces);
                }
            });
        }

        private void handOff() {
            if (chunk.length() == 0) {
                return;
            }
            String text = chunk.toString();
            chunk.setLength(0);
            rows = 0;
            if (pendingChunks.incrementAndGet() > MAX_PENDING_CHUNKS) {
                pendingChunks.decrementAndGet();
                if (dropped++ == 0) {
                    LOG.log(Level.WARNING, "trace " + sessionId + ": the disk is not keeping up; rows dropped");
                }
                return;
            }
            submit(() -> {
                try {
                    write(text);
                } finally {
                    pendingChunks.decrementAndGet();
                }
            });
        }

        void open(String header) throws IOException {
            Files.createDirectories(path.getParent());
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            out.write(header);
            out.write('\n');
            out.flush();
        }

        private void write(String text) throws IOException {
            if (out != null) {
                out.write(text);
                out.flush();
            }
        }
    }
}
