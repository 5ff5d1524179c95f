package org.bootctl.launcher.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.GlobalOptions;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.cli.OptionSpec;
import org.bootctl.launcher.feature.Feature;
import org.bootctl.launcher.feature.FeatureReader;

/**
 * {@code bootctl run --fleet mqtt://HOST:PORT}: adds the fleet to whichever feature runs. The
 * fleet is a fragment, {@code features/fragments/fleet.json}, itself OSGi Feature JSON (its
 * bundles, its configuration and the variables site, unit, fleet-user, ...); the launcher merges
 * it into the feature ({@link Feature#plus}), so no feature file names the fleet and the engine
 * knows nothing of it. Without {@code --fleet} nothing of it runs.
 */
public final class FleetOption {

    public static final String NAME = "fleet";
    static final String FRAGMENT = "fragments/fleet.json";

    private FleetOption() {
    }

    public static OptionSpec spec() {
        return OptionSpec.value(NAME, "URL", "connects this controller to an MQTT broker, mqtt://HOST:PORT or"
                + " mqtts://HOST:PORT, as --var site=S --var unit=U (docs/FLEET.md); also --var fleet-user=,"
                + " fleet-password-file=, fleet-ca-file=, fleet-telemetry-hz= (default 1), fleet-control=true");
    }

    /** The feature to run: with the fleet merged in when {@code --fleet} is given. */
    public static Feature feature(Invocation invocation, Map<String, String> more) throws CommandException {
        Optional<String> broker = invocation.args().value(NAME);
        if (broker.isEmpty()) {
            return invocation.feature(more);
        }
        FleetNames.broker(broker.get());
        Path fragmentFile = invocation.distribution().features().resolve(FRAGMENT);
        Set<String> declared = FeatureReader.declaredVariables(fragmentFile);
        Map<String, String> variables = new LinkedHashMap<>();
        invocation.variables().forEach((name, value) -> {
            if (declared.contains(name)) {
                variables.put(name, value);
            }
        });
        if (variables.containsKey(NAME)) {
            throw CommandException.usage("give the broker as --fleet URL, not --var fleet=");
        }
        variables.put(NAME, broker.get().trim());
        for (String required : new String[] {"site", "unit"}) {
            if (!variables.containsKey(required)) {
                throw CommandException.usage("--fleet needs --var " + required + "=NAME (1 to 32 of a-z, 0-9 and -)");
            }
        }
        FleetNames.site(variables.get("site"));
        FleetNames.unit(variables.get("unit"));
        checkFile(variables, "fleet-password-file");
        checkFile(variables, "fleet-ca-file");
        String hz = variables.getOrDefault("fleet-telemetry-hz", "1");
        try {
            double value = Double.parseDouble(hz);
            if (!(value >= 0 && value <= 50)) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw CommandException.usage("--var fleet-telemetry-hz must be a number 0..50 (0 sends none), not " + hz);
        }
        String control = variables.getOrDefault("fleet-control", "false");
        if (!control.equals("true") && !control.equals("false")) {
            throw CommandException.usage("--var fleet-control must be true or false, not " + control);
        }
        Feature fragment = FeatureReader.read(fragmentFile, variables);
        Feature base = invocation.feature(GlobalOptions.DEFAULT_FEATURE, more, declared);
        return base.plus(fragment);
    }

    /** The variables the fleet's fragment declares when {@code --fleet} is given (they are not the feature's); else none. */
    public static Set<String> variables(Invocation invocation) throws CommandException {
        return invocation.args().has(NAME)
                ? FeatureReader.declaredVariables(invocation.distribution().features().resolve(FRAGMENT)) : Set.of();
    }

    private static void checkFile(Map<String, String> variables, String name) throws CommandException {
        String value = variables.get(name);
        if (value != null && !value.isBlank()) {
            Path file = Path.of(value).toAbsolutePath();
            if (!Files.isReadable(file)) {
                throw CommandException.usage("--var " + name + "=" + value + ": no such readable file");
            }
            variables.put(name, file.toString());
        }
    }
}
