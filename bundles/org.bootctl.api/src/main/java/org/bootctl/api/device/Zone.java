package org.bootctl.api.device;

/** A chamber position on the garment: index 1 is the most distal (foot or hand). */
public record Zone(int index, String name) {
    public Zone {
        if (index < 1) {
            throw new IllegalArgumentException("zone index starts at 1: " + index);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("zone " + index + " needs a name");
        }
    }
}
