package org.bootctl.launcher.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Version;

/** The line said for a bundle from deploy/: a few hundred characters whatever the jar calls itself. */
class HotDeployLogTest {

    @TempDir
    Path data;

    private static Bundle bundle(String name, Version version, String location) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> name;
                    case "getVersion" -> version;
                    case "getLocation" -> location;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aNameOfAMegabyteIsShownInAFewHundredCharacters() {
        List<String> said = new ArrayList<>();
        String location = data.resolve("deploy").resolve("big.jar").toUri().toString();
        Bundle big = bundle("org.example." + "x".repeat(1 << 20), new Version(1, 0, 0, "q".repeat(1 << 20)), location);
        HotDeploy.log(data, said::add).bundleChanged(new BundleEvent(BundleEvent.INSTALLED, big));

        assertEquals(1, said.size());
        String line = said.get(0);
        assertTrue(line.length() < 1000, line.length() + " characters");
        assertTrue(line.startsWith("bootctl deploy: installed org.example.xxx"), line);
        assertTrue(line.endsWith(" more characters) from deploy/big.jar"), line);
    }

    @Test
    void anOrdinaryNameIsShownWhole() {
        List<String> said = new ArrayList<>();
        String location = data.resolve("deploy").resolve("ripple.jar").toUri().toString();
        HotDeploy.log(data, said::add).bundleChanged(new BundleEvent(BundleEvent.UPDATED,
                bundle("org.example.ripple", new Version(1, 2, 0), location)));
        assertEquals(List.of("bootctl deploy: updated org.example.ripple 1.2.0 from deploy/ripple.jar"), said);
    }

    /** FileInstall installs by the folder's canonical path: a data folder given through a symbolic link is still said. */
    @Test
    void aBundleIsSaidWhenTheDataFolderIsReachedThroughASymbolicLink() throws Exception {
        Path real = Files.createDirectories(data.resolve("disk").resolve("deploy"));
        Path link = Files.createSymbolicLink(data.resolve("link"), data.resolve("disk"));
        String location = real.toRealPath().resolve("ripple.jar").toUri().toString();
        List<String> said = new ArrayList<>();
        HotDeploy.log(link, said::add).bundleChanged(new BundleEvent(BundleEvent.INSTALLED,
                bundle("org.example.ripple", new Version(1, 0, 0), location)));
        assertEquals(List.of("bootctl deploy: installed org.example.ripple 1.0.0 from deploy/ripple.jar"), said);
    }
}
