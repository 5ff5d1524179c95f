package org.bootctl.launcher.feature;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A product configuration read from a feature file (the shape of the OSGi Feature Service, R8
 * chapter 159): the bundles to run and their configurations, with its variables already
 * substituted.
 *
 * @param name           the file name without {@code .json}, e.g. {@code simulator}
 * @param file           where it was read from
 * @param id             its Maven-style id, e.g. {@code org.bootctl:simulator:0.1.0}
 * @param description    one line, or ""
 * @param variables      every declared variable with its value (default or {@code --var})
 * @param bundles        in file order
 * @param configurations in file order
 */
public record Feature(String name, Path file, String id, String description, Map<String, String> variables,
                      List<FeatureBundle> bundles, List<FeatureConfiguration> configurations) {

    public Feature {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        bundles = List.copyOf(bundles);
        configurations = List.copyOf(configurations);
    }

    public boolean declares(String variable) {
        return variables.containsKey(variable);
    }

    /**
     * The bundles to start with: never the console ({@code "console": true}, see
     * {@link #consoleBundles()}); {@code headless} also leaves out the UIs ({@code "ui": true}).
     */
    public List<FeatureBundle> bundles(boolean headless) {
        return bundles.stream().filter(b -> !b.console() && !(headless && b.ui())).toList();
    }

    /** The interactive console's bundles, which only {@code bootctl run --shell} installs. */
    public List<FeatureBundle> consoleBundles() {
        return bundles.stream().filter(FeatureBundle::console).toList();
    }

    /**
     * This feature with a fragment added (another feature file, e.g. {@code fragments/fleet.json}):
     * its variables, the bundles this one does not list already, and its configurations (replacing
     * one of the same key). Name and id stay this feature's.
     */
    public Feature plus(Feature fragment) {
        Map<String, String> allVariables = new LinkedHashMap<>(variables);
        allVariables.putAll(fragment.variables());
        Set<String> listed = new TreeSet<>();
        bundles.forEach(b -> listed.add(b.id()));
        List<FeatureBundle> allBundles = new java.util.ArrayList<>(bundles);
        fragment.bundles().stream().filter(b -> !listed.contains(b.id())).forEach(allBundles::add);
        Set<String> replaced = new TreeSet<>();
        fragment.configurations().forEach(c -> replaced.add(c.key()));
        List<FeatureConfiguration> allConfigurations = new java.util.ArrayList<>(configurations.stream()
                .filter(c -> !replaced.contains(c.key())).toList());
        allConfigurations.addAll(fragment.configurations());
        return new Feature(name, file, id, description, allVariables, allBundles, allConfigurations);
    }

    /** This feature with only the configurations of these PIDs (or factory PIDs). */
    public Feature onlyConfiguring(Set<String> pids) {
        return new Feature(name, file, id, description, variables, bundles,
                configurations.stream().filter(c -> pids.contains(c.componentPid())).toList());
    }

    /** Every PID (or factory PID) the feature configures. */
    public Set<String> configuredPids() {
        Set<String> pids = new TreeSet<>();
        configurations.forEach(c -> pids.add(c.componentPid()));
        return pids;
    }
}
