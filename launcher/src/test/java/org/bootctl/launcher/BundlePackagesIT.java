package org.bootctl.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.bootctl.launcher.testing.TestDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package naming rule of docs/ARCHITECTURE.md ("Package names"), checked on every bootctl
 * bundle the build put in the distribution: a bundle exports nothing; each package of code in it
 * is named after the module that owns its source (it starts with that module's name), and a
 * package another module owns is a whole private copy of it, never a package of the same name
 * with other classes in it.
 */
class BundlePackagesIT {

    /** Plain jars (not bundles) whose one package bundles copy privately with bnd's -conditionalpackage. */
    static final Set<String> SHARED_JARS = Set.of("org.bootctl.timebase", "org.bootctl.serial");
    /** Third-party packages a bundle inlines on purpose (none today): name, then why. */
    static final Map<String, String> INLINED = Map.of();

    /** The bootctl bundles' classes by symbolic name: package, then the class files in it. */
    private static final Map<String, Map<String, Set<String>>> BUNDLES = new TreeMap<>();
    private static final Map<String, String> EXPORTS = new TreeMap<>();

    @BeforeAll
    static void readBundles() throws IOException {
        Path folder = TestDistribution.real().bundles().resolve("org/bootctl");
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    String name = file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                    Map<String, Set<String>> packages = new TreeMap<>();
                    file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && n.contains("/"))
                            .forEach(n -> packages.computeIfAbsent(n.substring(0, n.lastIndexOf('/')).replace('/', '.'),
                                    p -> new TreeSet<>()).add(n.substring(n.lastIndexOf('/') + 1)));
                    BUNDLES.put(name, packages);
                    String exports = file.getManifest().getMainAttributes().getValue("Export-Package");
                    if (exports != null) {
                        EXPORTS.put(name, exports);
                    }
                }
            }
        }
        assertTrue(BUNDLES.containsKey("org.bootctl.engine") && BUNDLES.containsKey("org.bootctl.driver.rb1.emulator"),
                "the distribution's bootctl bundles: " + BUNDLES.keySet());
    }

    @Test
    void noBootctlBundleExportsAPackage() {
        assertEquals(Map.of(), EXPORTS, "only the API (on the launcher's class path) exports, org.bootctl.api.*");
    }

    @Test
    void everyPackageIsNamedAfterTheModuleThatOwnsIt() {
        assertEquals(List.of(), violations(BUNDLES));
    }

    @Test
    void aPackageOfOneNameWrittenInTwoBundlesIsFound() {
        // the RB1 emulator once kept its classes in the driver's package; a copied codec is fine
        Map<String, Map<String, Set<String>>> bundles = Map.of(
                "org.bootctl.driver.rb1", Map.of("org.bootctl.driver.rb1", Set.of("Rb1Driver.class"),
                        "org.bootctl.driver.rb1.codec", Set.of("LineCodec.class")),
                "org.bootctl.driver.rb1.emulator", Map.of("org.bootctl.driver.rb1", Set.of("Rb1Emulator.class"),
                        "org.bootctl.driver.rb1.codec", Set.of("LineCodec.class"), "org.bootctl.timebase", Set.of("A.class"),
                        "com.example.inlined", Set.of("B.class")));
        assertEquals(List.of("org.bootctl.driver.rb1.emulator: com.example.inlined is named after no bootctl module"
                        + " (a third-party package inlined: list it in INLINED with why)",
                "org.bootctl.driver.rb1.emulator: org.bootctl.driver.rb1 is org.bootctl.driver.rb1's package, but"
                        + " [Rb1Emulator.class] are not in it (a package of one name written in two bundles)"),
                violations(new TreeMap<>(bundles)));
    }

    /** What breaks the rule in these bundles (symbolic name, then package, then class files), in order. */
    static List<String> violations(Map<String, Map<String, Set<String>>> bundles) {
        Set<String> modules = new TreeSet<>(bundles.keySet());
        modules.addAll(SHARED_JARS);
        List<String> wrong = new ArrayList<>();
        bundles.forEach((bundle, packages) -> new TreeMap<>(packages).forEach((name, classes) -> {
            String owner = owner(name, modules);
            if (owner == null) {
                wrong.add(bundle + ": " + name + " is named after no bootctl module"
                        + (name.startsWith("org.bootctl.") ? "" : " (a third-party package inlined: list it in INLINED with why)"));
            } else if (!owner.equals(bundle) && bundles.containsKey(owner)) {
                Set<String> missing = new TreeSet<>(classes);
                missing.removeAll(bundles.get(owner).getOrDefault(name, Set.of()));
                if (!missing.isEmpty()) {
                    wrong.add(bundle + ": " + name + " is " + owner + "'s package, but " + missing
                            + " are not in it (a package of one name written in two bundles)");
                }
            }
        }));
        return wrong;
    }

    /** The module whose name is the longest prefix of the package (whole name parts), or null. */
    static String owner(String pkg, Set<String> modules) {
        String owner = null;
        for (String module : modules) {
            if ((pkg.equals(module) || pkg.startsWith(module + ".")) && (owner == null || module.length() > owner.length())) {
                owner = module;
            }
        }
        return owner != null ? owner : INLINED.containsKey(pkg) ? pkg : null;
    }
}
