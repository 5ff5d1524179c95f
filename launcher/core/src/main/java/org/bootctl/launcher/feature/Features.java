package org.bootctl.launcher.feature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.bootctl.launcher.PathNames;
import org.bootctl.launcher.cli.Suggest;

/** The features folder: finds a feature by name ({@code simulator}) or takes a path to a file. */
public record Features(Path folder) {

    /** The file {@code --feature} means: a path when it ends in .json or names a folder, otherwise a name here. */
    public Path locate(String nameOrPath) throws FeatureException {
        if (nameOrPath.endsWith(".json") || nameOrPath.contains("/") || nameOrPath.contains("\\")) {
            Path file = Paths.get(nameOrPath);
            if (!Files.isRegularFile(file)) {
                throw new FeatureException(file, Files.isDirectory(file)
                        ? "a folder, not a feature file (a feature is a .json file)"
                        : Files.exists(file) ? "not a regular file (a device or a pipe?); a feature is a .json file"
                        : "no such feature file");
            }
            return file;
        }
        Path file = folder.resolve(nameOrPath + ".json");
        if (!Files.isRegularFile(file)) {
            List<String> names = names();
            throw new FeatureException("no feature \"" + nameOrPath + "\": " + PathNames.show(file)
                    + " does not exist (features: " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"
                    + Suggest.didYouMean(nameOrPath, names, ""));
        }
        return file;
    }

    /** The names of the feature files in the folder, sorted. */
    public List<String> names() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
