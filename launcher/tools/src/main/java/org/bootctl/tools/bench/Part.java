package org.bootctl.tools.bench;

/**
 * One part of the bench as it came out: its figures, or why there are none.
 *
 * @param value   the figures, or null
 * @param reason  why there are no figures (not asked for, not possible here, failed), or null
 * @param failed  whether the part went wrong (rather than being left out or not possible here)
 * @param seconds wall time the part took
 */
record Part<T>(T value, String reason, boolean failed, double seconds) {

    static <T> Part<T> of(T value, double seconds) {
        return new Part<>(value, null, false, seconds);
    }

    static <T> Part<T> none(String reason, double seconds) {
        return new Part<>(null, reason, false, seconds);
    }

    static <T> Part<T> failure(String reason, double seconds) {
        return new Part<>(null, "failed: " + reason, true, seconds);
    }

    boolean measured() {
        return value != null;
    }
}
