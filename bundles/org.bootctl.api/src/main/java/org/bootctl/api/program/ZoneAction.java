package org.bootctl.api.program;

/**
 * What one zone does during one step; the same on every limb. Immutable.
 *
 * @param kind        fill to a target (the step waits until it is reached), hold the previous target, or vent; not null
 * @param targetMmHg  the pressure the zone is kept at during the step, mmHg: above 0 for a fill or a
 *                    hold (get it from {@link Settings#target(int, double)}), 0 for a vent
 */
public record ZoneAction(Kind kind, double targetMmHg) {

    /** What a zone does. */
    public enum Kind {
        /** Drive the zone to the target (fill or vent toward it); the step waits until it is reached. */
        FILL,
        /** Keep the target the zone had; the step does not wait for it. */
        HOLD,
        /** Open the zone to atmosphere. */
        VENT
    }

    private static final ZoneAction VENT_ACTION = new ZoneAction(Kind.VENT, 0);

    /**
     * Checks the components.
     *
     * @param kind       not null
     * @param targetMmHg above 0 for a fill or a hold, 0 for a vent
     * @throws IllegalArgumentException for a null kind, a vent with a target, or a fill or hold
     *                                  without a target above 0
     */
    public ZoneAction {
        if (kind == null) {
            throw new IllegalArgumentException("a zone action needs a kind");
        }
        if (kind == Kind.VENT ? targetMmHg != 0 : !(targetMmHg > 0)) {
            throw new IllegalArgumentException(kind == Kind.VENT
                    ? "a vent has no target"
                    : "a " + kind.name().toLowerCase() + " needs a target above 0 mmHg, not " + targetMmHg);
        }
    }

    /**
     * A fill to a target.
     *
     * @param mmHg the target, above 0
     * @return the action
     */
    public static ZoneAction fill(double mmHg) {
        return new ZoneAction(Kind.FILL, mmHg);
    }

    /**
     * A hold at a target.
     *
     * @param mmHg the target, above 0
     * @return the action
     */
    public static ZoneAction hold(double mmHg) {
        return new ZoneAction(Kind.HOLD, mmHg);
    }

    /**
     * A vent.
     *
     * @return the action, always the same instance
     */
    public static ZoneAction vent() {
        return VENT_ACTION;
    }
}
