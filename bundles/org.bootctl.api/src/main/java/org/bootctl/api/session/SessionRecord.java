package org.bootctl.api.session;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.bootctl.api.program.Settings;

/**
 * One line of the history: a session however it ended. Immutable; made by the engine with a
 * {@link Builder}, read by UIs through its accessors.
 *
 * <p>It grows compatibly: a value added in a later version is a new accessor and a new builder
 * method (a minor version), and a record written before it was added reads with that value's
 * default. Its JSON (the history file {@code history.jsonl}, the REST API, the fleet's messages)
 * has one key per accessor, named as the accessor, in this order; a null value has no key. In a
 * unit test: {@code SessionRecord.builder().id("s-1").deviceId("sim-1").state(SessionState.COMPLETED).build()}.
 */
public final class SessionRecord {
    private final String id;
    private final String deviceId;
    private final String model;
    private final String serial;
    private final String programId;
    private final String programVersion;
    private final Settings settings;
    private final Instant start;
    private final Instant end;
    private final SessionState state;
    private final String endReason;
    private final Fault fault;
    private final int cycles;
    private final Map<String, Double> peakMmHg;
    private final Map<String, Long> fitCheckMs;
    private final boolean interrupted;

    /** For the JSON reader, which then sets the fields a line has: the rest keep the defaults. */
    private SessionRecord() {
        this(new Builder());
    }

    private SessionRecord(Builder b) {
        id = b.id;
        deviceId = b.deviceId;
        model = b.model;
        serial = b.serial;
        programId = b.programId;
        programVersion = b.programVersion;
        settings = b.settings;
        start = b.start;
        end = b.end;
        state = b.state;
        endReason = b.endReason;
        fault = b.fault;
        cycles = b.cycles;
        peakMmHg = b.peakMmHg;
        fitCheckMs = b.fitCheckMs;
        interrupted = b.interrupted;
    }

    /**
     * A builder with every value at its default: null, 0 or false.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this record's values, to make a record that differs in a few.
     *
     * @return a new builder holding this record's values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.deviceId = deviceId;
        b.model = model;
        b.serial = serial;
        b.programId = programId;
        b.programVersion = programVersion;
        b.settings = settings;
        b.start = start;
        b.end = end;
        b.state = state;
        b.endReason = endReason;
        b.fault = fault;
        b.cycles = cycles;
        b.peakMmHg = peakMmHg;
        b.fitCheckMs = fitCheckMs;
        b.interrupted = interrupted;
        return b;
    }

    /**
     * The session id.
     *
     * @return the session id
     */
    public String id() {
        return id;
    }

    /**
     * The device id.
     *
     * @return the device id
     */
    public String deviceId() {
        return deviceId;
    }

    /**
     * The device's model.
     *
     * @return the device's model
     */
    public String model() {
        return model;
    }

    /**
     * The device's serial number.
     *
     * @return the device's serial number
     */
    public String serial() {
        return serial;
    }

    /**
     * The program's id.
     *
     * @return the program's id
     */
    public String programId() {
        return programId;
    }

    /**
     * The program's version.
     *
     * @return the program's version
     */
    public String programVersion() {
        return programVersion;
    }

    /**
     * What a person chose for the session.
     *
     * @return what a person chose for the session
     */
    public Settings settings() {
        return settings;
    }

    /**
     * The wall-clock start.
     *
     * @return the wall-clock start
     */
    public Instant start() {
        return start;
    }

    /**
     * The wall-clock end.
     *
     * @return the wall-clock end (the last sign of life for an interrupted session), or null while it runs
     */
    public Instant end() {
        return end;
    }

    /**
     * The state the session ended in.
     *
     * @return the final state word; FAULT for a session cut off by a crash
     */
    public SessionState state() {
        return state;
    }

    /**
     * Why the session ended.
     *
     * @return completed, stopped, emergency stop, interrupted, or the fault message; null while it runs
     */
    public String endReason() {
        return endReason;
    }

    /**
     * The fault that ended the session.
     *
     * @return the fault that ended the session, or null
     */
    public Fault fault() {
        return fault;
    }

    /**
     * The number of cycles begun.
     *
     * @return the number of cycles begun
     */
    public int cycles() {
        return cycles;
    }

    /**
     * The highest pressure seen per channel id.
     *
     * @return the highest pressure seen per channel id, mmHg
     */
    public Map<String, Double> peakMmHg() {
        return peakMmHg;
    }

    /**
     * The fit check's fill time per zone.
     *
     * @return the fit check's fill time per zone ("1" to ms), empty when it was skipped
     */
    public Map<String, Long> fitCheckMs() {
        return fitCheckMs;
    }

    /**
     * Whether the session was cut off by a crash and found on the next start.
     *
     * @return whether the session was cut off by a crash and found on the next start
     */
    public boolean interrupted() {
        return interrupted;
    }

    /**
     * Equal when every value is equal.
     *
     * @param other the object to compare with
     * @return whether {@code other} is a session record with the same values
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof SessionRecord o)) {
            return false;
        }
        return Objects.equals(id, o.id)
                && Objects.equals(deviceId, o.deviceId)
                && Objects.equals(model, o.model)
                && Objects.equals(serial, o.serial)
                && Objects.equals(programId, o.programId)
                && Objects.equals(programVersion, o.programVersion)
                && Objects.equals(settings, o.settings)
                && Objects.equals(start, o.start)
                && Objects.equals(end, o.end)
                && Objects.equals(state, o.state)
                && Objects.equals(endReason, o.endReason)
                && Objects.equals(fault, o.fault)
                && cycles == o.cycles
                && Objects.equals(peakMmHg, o.peakMmHg)
                && Objects.equals(fitCheckMs, o.fitCheckMs)
                && interrupted == o.interrupted;
    }

    /**
     * A hash of every value.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(id, deviceId, model, serial, programId, programVersion, settings, start, end, state, endReason, fault, cycles, peakMmHg, fitCheckMs, interrupted);
    }

    /**
     * Every value, for logs and test failures.
     *
     * @return the values by name
     */
    @Override
    public String toString() {
        return "SessionRecord[id=" + id + ", deviceId=" + deviceId + ", model=" + model + ", serial=" + serial
                + ", programId=" + programId + ", programVersion=" + programVersion + ", settings=" + settings
                + ", start=" + start + ", end=" + end + ", state=" + state + ", endReason=" + endReason
                + ", fault=" + fault + ", cycles=" + cycles + ", peakMmHg=" + peakMmHg + ", fitCheckMs=" + fitCheckMs
                + ", interrupted=" + interrupted + "]";
    }

    /**
     * Collects a record's values; every value starts at its default (null, 0, false). Not
     * thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder {
        private String id;
        private String deviceId;
        private String model;
        private String serial;
        private String programId;
        private String programVersion;
        private Settings settings;
        private Instant start;
        private Instant end;
        private SessionState state;
        private String endReason;
        private Fault fault;
        private int cycles;
        private Map<String, Double> peakMmHg;
        private Map<String, Long> fitCheckMs;
        private boolean interrupted;

        private Builder() {
        }

        /**
         * Sets the session id.
         *
         * @param id the session id
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the device id.
         *
         * @param deviceId the device id
         * @return this builder
         */
        public Builder deviceId(String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        /**
         * Sets the device's model.
         *
         * @param model the device's model
         * @return this builder
         */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /**
         * Sets the device's serial number.
         *
         * @param serial the device's serial number
         * @return this builder
         */
        public Builder serial(String serial) {
            this.serial = serial;
            return this;
        }

        /**
         * Sets the program's id.
         *
         * @param programId the program's id
         * @return this builder
         */
        public Builder programId(String programId) {
            this.programId = programId;
            return this;
        }

        /**
         * Sets the program's version.
         *
         * @param programVersion the program's version
         * @return this builder
         */
        public Builder programVersion(String programVersion) {
            this.programVersion = programVersion;
            return this;
        }

        /**
         * Sets what a person chose for the session.
         *
         * @param settings what a person chose for the session
         * @return this builder
         */
        public Builder settings(Settings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * Sets the wall-clock start.
         *
         * @param start the wall-clock start
         * @return this builder
         */
        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        /**
         * Sets the wall-clock end.
         *
         * @param end the wall-clock end (the last sign of life for an interrupted session), or null while it runs
         * @return this builder
         */
        public Builder end(Instant end) {
            this.end = end;
            return this;
        }

        /**
         * Sets the state the session ended in.
         *
         * @param state the final state word; FAULT for a session cut off by a crash
         * @return this builder
         */
        public Builder state(SessionState state) {
            this.state = state;
            return this;
        }

        /**
         * Sets why the session ended.
         *
         * @param endReason completed, stopped, emergency stop, interrupted, or the fault message; null while it runs
         * @return this builder
         */
        public Builder endReason(String endReason) {
            this.endReason = endReason;
            return this;
        }

        /**
         * Sets the fault that ended the session.
         *
         * @param fault the fault that ended the session, or null
         * @return this builder
         */
        public Builder fault(Fault fault) {
            this.fault = fault;
            return this;
        }

        /**
         * Sets the number of cycles begun.
         *
         * @param cycles the number of cycles begun
         * @return this builder
         */
        public Builder cycles(int cycles) {
            this.cycles = cycles;
            return this;
        }

        /**
         * Sets the highest pressure seen per channel id.
         *
         * @param peakMmHg the highest pressure seen per channel id, mmHg
         * @return this builder
         */
        public Builder peakMmHg(Map<String, Double> peakMmHg) {
            this.peakMmHg = peakMmHg;
            return this;
        }

        /**
         * Sets the fit check's fill time per zone.
         *
         * @param fitCheckMs the fit check's fill time per zone ("1" to ms), empty when it was skipped
         * @return this builder
         */
        public Builder fitCheckMs(Map<String, Long> fitCheckMs) {
            this.fitCheckMs = fitCheckMs;
            return this;
        }

        /**
         * Sets whether the session was cut off by a crash and found on the next start.
         *
         * @param interrupted whether the session was cut off by a crash and found on the next start
         * @return this builder
         */
        public Builder interrupted(boolean interrupted) {
            this.interrupted = interrupted;
            return this;
        }

        /**
         * The record with the values set so far.
         *
         * @return a new record
         */
        public SessionRecord build() {
            return new SessionRecord(this);
        }
    }
}
