package org.bootctl.engine.record;

/** Where the control loop hands a session's trace rows. Never blocks: the disk is someone else's thread. */
public interface TraceSink {

    /** One row, without its line end; the sink copies it. */
    void row(CharSequence row);

    /** The last row was written: flush and close the file. */
    void close();

    /** A sink that keeps nothing. */
    TraceSink NONE = new TraceSink() {
        @Override
        public void row(CharSequence row) {
        }

        @Override
        public void close() {
        }
    };
}
