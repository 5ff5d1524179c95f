package org.bootctl.launcher.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Whether a runtime is up: every bundle ACTIVE (fragments RESOLVED) and every enabled DS
 * component satisfied or active, as {@link ServiceComponentRuntime} reports it. A component
 * that requires a configuration nobody gives is off on purpose and not a problem; one whose
 * configuration the feature gives must get it.
 */
public final class RuntimeHealth {

    private static final long POLL_MILLIS = 20;
    /** {@code java.lang.IllegalArgumentException: } in front of a message. */
    private static final Pattern EXCEPTION_TYPE =
            Pattern.compile("^([a-zA-Z_$][\\w$]*\\.)+[\\w$]*(Exception|Error)\\b:?");

    private final BundleContext context;
    private final Set<String> configuredPids;
    private final Map<Long, String> startFailures;

    /**
     * @param context        any bundle context of the framework
     * @param configuredPids the PIDs and factory PIDs the feature configures
     * @param startFailures  why a bundle failed to start, by bundle id, where known
     */
    public RuntimeHealth(BundleContext context, Set<String> configuredPids, Map<Long, String> startFailures) {
        this.context = context;
        this.configuredPids = Set.copyOf(configuredPids);
        this.startFailures = Map.copyOf(startFailures);
    }

    /** What is wrong now; empty when everything is up. */
    public List<HealthProblem> problems() {
        List<HealthProblem> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() == 0) {
                continue;
            }
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                String reason = startFailures.get(bundle.getBundleId());
                problems.add(reason != null
                        ? new HealthProblem(HealthProblem.Kind.BUNDLE_FAILED, name(bundle), null, reason, false)
                        : new HealthProblem(HealthProblem.Kind.BUNDLE_NOT_ACTIVE, name(bundle), null,
                                state(bundle.getState()), false));
            }
        }
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = reference == null ? null : context.getService(reference);
        try {
            problems.addAll(componentProblems(scr));
        } finally {
            if (scr != null) {
                context.ungetService(reference);
            }
        }
        return problems;
    }

    /**
     * Polls until everything is up, only settled problems remain, or the time is over.
     *
     * @return the problems left; empty when up
     */
    public List<HealthProblem> await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<HealthProblem> problems = problems();
            if (problems.stream().allMatch(HealthProblem::settled) || System.nanoTime() - deadline >= 0) {
                return problems;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private List<HealthProblem> componentProblems(ServiceComponentRuntime scr) {
        List<HealthProblem> problems = new ArrayList<>();
        Collection<ComponentDescriptionDTO> descriptions = scr == null ? List.of() : scr.getComponentDescriptionDTOs();
        Set<Long> loaded = descriptions.stream().map(d -> d.bundle.id).collect(Collectors.toSet());
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.ACTIVE && bundle.getHeaders("").get("Service-Component") != null
                    && !loaded.contains(bundle.getBundleId())) {
                problems.add(new HealthProblem(HealthProblem.Kind.COMPONENTS_NOT_LOADED, name(bundle), null,
                        scr == null ? "it has DS components, but no DS runtime (org.apache.felix.scr) is active"
                                : "its DS components are not loaded yet", false));
            }
        }
        for (ComponentDescriptionDTO description : descriptions) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            boolean configured = Arrays.stream(description.configurationPid).anyMatch(configuredPids::contains);
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                HealthProblem problem = problem(description, configuration, configured);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return problems;
    }

    private static HealthProblem problem(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration,
                                         boolean configured) {
        String bundle = description.bundle.symbolicName;
        String name = description.name;
        return switch (configuration.state) {
            case ComponentConfigurationDTO.SATISFIED, ComponentConfigurationDTO.ACTIVE -> null;
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> configured
                    // nothing configures it: off on purpose (e.g. a driver for a port not set up)
                    ? new HealthProblem(HealthProblem.Kind.UNSATISFIED_CONFIGURATION, bundle, name,
                            String.join(", ", description.configurationPid), true)
                    : null;
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> new HealthProblem(
                    HealthProblem.Kind.UNSATISFIED_REFERENCE, bundle, name,
                    references(description, configuration.unsatisfiedReferences), configured);
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> new HealthProblem(
                    HealthProblem.Kind.FAILED_ACTIVATION, bundle, name, failure(configuration.failure), configured);
            default -> new HealthProblem(HealthProblem.Kind.FAILED_ACTIVATION, bundle, name,
                    "unknown state " + configuration.state, configured);
        };
    }

    /** {@code engine (org.bootctl.api.session.SessionService)}, for each missing reference. */
    private static String references(ComponentDescriptionDTO description, UnsatisfiedReferenceDTO[] unsatisfied) {
        return Arrays.stream(unsatisfied).map(u -> {
            String type = Arrays.stream(description.references)
                    .filter(r -> r.name.equals(u.name))
                    .map((ReferenceDTO r) -> r.interfaceName)
                    .findFirst().orElse("?");
            return "reference " + u.name + " (" + type + (u.target == null ? "" : " " + u.target) + ")";
        }).collect(Collectors.joining(", "));
    }

    /**
     * The failure as a person reads it. SCR reports a stack trace: the first exception's message
     * usually says it best ("simulated device 'sim-1': unknown fault ..."); wrappers without a
     * message of their own (an InvocationTargetException) give way to their cause.
     */
    static String failure(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        List<String> exceptions = new ArrayList<>();
        String[] lines = failure.split("\\R");
        exceptions.add(lines[0].trim());
        for (String line : lines) {
            if (line.startsWith("Caused by: ")) {
                exceptions.add(line.substring("Caused by: ".length()).trim());
            }
        }
        for (String exception : exceptions) {
            String message = EXCEPTION_TYPE.matcher(exception).replaceFirst("").trim();
            if (!message.isEmpty() && !EXCEPTION_TYPE.matcher(message).lookingAt()) {
                return message;
            }
        }
        return exceptions.get(exceptions.size() - 1);
    }

    private static String name(Bundle bundle) {
        String name = bundle.getSymbolicName();
        return name != null ? name : bundle.getLocation();
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "state " + state;
        };
    }
}
