package org.bootctl.engine.record;

/**
 * Where the control loop hands a session's trace rows. Never blocks: the disk is someone else's
 * thread. A row is formatted straight into the sink's buffer ({@link #rowBuffer()}), then
 * {@link #rowWritten()} ends it: no copy per row.
 */
public interface TraceSink {

    /**
     * The buffer the next row is appended to (without its line end). Anything appended since the
     * last {@link #rowWritten()} is dropped first: a row whose formatting failed is never written.
     */
    TraceBytes rowBuffer();

    /** The row appended to {@link #rowBuffer()} is complete. */
    void rowWritten();

    /** The last row was written: flush and close the file. */
    void close();

    /** A sink that keeps nothing: rows for it need not be formatted. */
    TraceSink NONE = new TraceSink() {
        @Override
        public TraceBytes rowBuffer() {
            return new TraceBytes(256); // each caller its own: a shared buffer would be written by many loops
        }

        @Override
        public void rowWritten() {
        }

        @Override
        public void close() {
        }
    };
}
