package org.bootctl.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowListTest {

    @Test
    void nothingOrAStarTakesEverythingEvenAJarWithoutASymbolicName() {
        for (AllowList all : List.of(AllowList.of(), AllowList.of(""), AllowList.of("*"), AllowList.of("org.x.*, *"))) {
            assertTrue(all.all(), all.toString());
            assertTrue(all.allows("anything.at.all"));
            assertTrue(all.allows(null));
        }
    }

    @Test
    void patternsMatchWholeNamesWithStarForAnyCharacters() {
        AllowList list = AllowList.of("org.example.*, com.acme.driver", "net.*.programs");
        assertEquals(List.of("org.example.*", "com.acme.driver", "net.*.programs"), list.patterns());
        assertFalse(list.all());
        assertTrue(list.allows("org.example.ripple"));
        assertTrue(list.allows("org.example.ripple.extra"));
        assertFalse(list.allows("org.example"), "org.example.* needs something after the dot");
        assertFalse(list.allows("org.examplex.ripple"));
        assertTrue(list.allows("com.acme.driver"));
        assertFalse(list.allows("com.acme.driver2"));
        assertTrue(list.allows("net.foo.programs"));
        assertFalse(list.allows("org.bootctl.engine"));
        assertFalse(list.allows(null), "a jar without a symbolic name matches no pattern");
    }

    @Test
    void regexCharactersInPatternsAreTakenLiterally() {
        AllowList list = AllowList.of("a+b.(c)");
        assertTrue(list.allows("a+b.(c)"));
        assertFalse(list.allows("aab.(c)"));
        assertFalse(list.allows("a+bx(c)"));
    }
}
