package org.bootctl.engine;

import org.bootctl.api.session.SessionException;
import org.bootctl.api.session.SessionException.Reason;

/** The engine's refusal of an id it does not know: NOT_FOUND, in words that name it. */
final class NotFound {

    private NotFound() {
    }

    /** {@code found}, or the refusal {@code missing} when it is null. */
    static <T> T unless(T found, String missing) throws SessionException {
        if (found == null) {
            throw new SessionException(Reason.NOT_FOUND, missing);
        }
        return found;
    }
}
