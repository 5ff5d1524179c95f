package org.bootctl.launcher.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --feature with a path: what is there when it is no feature file is said as it is. */
class FeaturesTest {

    @TempDir
    Path dir;

    private String refusal(Path given) {
        Features features = new Features(dir);
        return assertThrows(FeatureException.class, () -> features.locate(given.toString())).getMessage();
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        Path missing = dir.resolve("elsewhere.json");
        assertEquals(missing + ": no such feature file", refusal(missing));
    }

    @Test
    void aFolderIsSaidToBeAFolderNotMissing() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("mine.json"));
        assertEquals(folder + ": a folder, not a feature file (a feature is a .json file)", refusal(folder));
    }

    @Test
    void aDeviceIsSaidToBeNoRegularFileNotMissing() {
        Path device = Path.of("/dev/null");
        assertEquals("/dev/null: not a regular file (a device or a pipe?); a feature is a .json file", refusal(device));
    }

    @Test
    void aFeatureFileIsFound() throws Exception {
        Path file = Files.writeString(dir.resolve("mine.json"), "{}");
        assertEquals(file, new Features(dir).locate(file.toString()));
    }
}
