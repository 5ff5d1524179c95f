package org.bootctl.api.device;

/**
 * A chamber position on the garment: index 1 is the most distal (foot or hand). Immutable.
 *
 * @param index the zone number, from 1 (distal) up
 * @param name  what a person calls it ({@code foot}, {@code calf}), as fault messages say it; not blank
 */
public record Zone(int index, String name) {
    /**
     * Checks the components.
     *
     * @param index the zone number, from 1
     * @param name  the zone's name, not blank
     * @throws IllegalArgumentException for an index under 1 or a null or blank name
     */
    public Zone {
        if (index < 1) {
            throw new IllegalArgumentException("zone index starts at 1: " + index);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("zone " + index + " needs a name");
        }
    }
}
