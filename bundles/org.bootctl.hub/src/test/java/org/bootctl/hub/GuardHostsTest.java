package org.bootctl.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hub's allowed host names: a name is let through only when listed (DNS rebinding). */
class GuardHostsTest {

    @Test
    void aListedNameIsThisServerAndNoOtherNameIs() {
        Set<String> names = Guard.allowedHosts(" Hub.Studio, hub.studio.lan  hub ");
        assertEquals(Set.of("hub.studio", "hub.studio.lan", "hub"), names);
        assertTrue(Guard.hostAllowed("hub.studio:8090", "10.0.0.5", names));
        assertTrue(Guard.hostAllowed("HUB.STUDIO.:8090", "10.0.0.5", names), "case and a trailing dot do not matter");
        assertTrue(Guard.hostAllowed("hub", "10.0.0.5", names));
        assertFalse(Guard.hostAllowed("evil.example:8090", "10.0.0.5", names), "DNS rebinding");
        assertFalse(Guard.hostAllowed("hub.studio.evil.example", "10.0.0.5", names));
        assertFalse(Guard.hostAllowed("hub.studio:8090", "10.0.0.5"), "no name without the setting");
        assertEquals(Set.of(), Guard.allowedHosts(""));
        assertEquals(Set.of(), Guard.allowedHosts(null));
    }
}
