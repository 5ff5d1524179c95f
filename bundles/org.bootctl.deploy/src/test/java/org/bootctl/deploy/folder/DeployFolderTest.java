package org.bootctl.deploy.folder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployFolderTest {

    /**
     * FileInstall watches the deploy folder by its canonical path, so a data folder reached through a
     * symbolic link ({@code /var/lib/bootctl} linked to a bigger disk) gives bundle locations under
     * the real path: they are still the deploy folder's (the guard's resolver hook, its view of the
     * unit's own bundles and the audit's source all ask this).
     */
    @Test
    void aBundleFromTheDeployFolderIsItsWhenTheDataFolderIsReachedThroughASymbolicLink(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectories(tmp.resolve("disk").resolve("data").resolve(DeployFolder.NAME));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("disk"));
        Path folder = link.resolve("data").resolve(DeployFolder.NAME); // what bootctl.data names
        String canonical = real.toRealPath().resolve("x.jar").toUri().toString(); // what FileInstall installs

        assertTrue(DeployFolder.holds(folder, canonical), canonical + " is in " + folder);
        assertTrue(DeployFolder.holds(folder, folder.resolve("x.jar").toUri().toString()));
        Path other = Files.createDirectories(tmp.resolve("disk").resolve("elsewhere"));
        assertFalse(DeployFolder.holds(folder, other.resolve("x.jar").toUri().toString()));
        assertFalse(DeployFolder.holds(folder, real.resolve("sub").resolve("x.jar").toUri().toString()));
        assertFalse(DeployFolder.holds(folder, "mvn:org.example/x/1.0"));
    }
}
