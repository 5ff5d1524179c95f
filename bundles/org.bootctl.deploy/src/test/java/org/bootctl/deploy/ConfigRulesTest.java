package org.bootctl.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which configuration files deploy/ applies: named as FileInstall names them, never for a PID of the unit. */
class ConfigRulesTest {

    private static final Map<String, String> OWNERS = Map.of(
            "org.bootctl.web", "bundle org.bootctl.web",
            "org.bootctl.sim.device", "bundle org.bootctl.sim",
            "org.apache.felix.fileinstall", "bundle org.apache.felix.fileinstall");

    @Test
    void theFileNameGivesThePidUpToTheFirstDash() {
        assertEquals("org.bootctl.example.driver", ConfigFile.of(new File("deploy/org.bootctl.example.driver.cfg")).pid());
        assertEquals("org.example.port", ConfigFile.of(new File("deploy/org.example.port-usb-1.config")).pid());
        assertTrue(ConfigFile.is(new File("a.cfg")) && ConfigFile.is(new File("a.config")));
        assertFalse(ConfigFile.is(new File("a.jar")) || ConfigFile.is(new File("a.cfg.part")));
    }

    @Test
    void aPidOfTheUnitIsRefusedInEveryForm() {
        for (String name : new String[] {"org.bootctl.web.cfg", "org.bootctl.web.config", "org.bootctl.sim.device-evil.cfg",
                "org.bootctl.sim.device~evil.cfg", "org.apache.felix.fileinstall-more.cfg"}) {
            String why = DeployRules.configRefusal(ConfigFile.of(new File(name)), OWNERS);
            assertNotNull(why, name);
            assertTrue(why.contains("belongs to bundle org."), why);
        }
    }

    @Test
    void aPidNoBundleOfTheUnitOwnsIsApplied() {
        assertNull(DeployRules.configRefusal(ConfigFile.of(new File("org.bootctl.example.driver.cfg")), OWNERS));
        assertNull(DeployRules.configRefusal(ConfigFile.of(new File("com.acme.x6-2.cfg")), OWNERS));
    }

    @Test
    void withoutKnowingTheOwnersEverythingIsRefused() {
        assertTrue(DeployRules.configRefusal(ConfigFile.of(new File("com.acme.x6.cfg")), null).contains("cannot be told"));
        assertNotNull(DeployRules.configRefusal(ConfigFile.of(new File(".cfg")), OWNERS));
    }
}
