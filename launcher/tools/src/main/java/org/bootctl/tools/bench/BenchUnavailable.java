package org.bootctl.tools.bench;

/** A part of the bench that cannot be measured on this installation or machine; the message says why. */
final class BenchUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    BenchUnavailable(String reason) {
        super(reason);
    }
}
