package org.bootctl.launcher.commands;

import java.util.Map;
import java.util.Optional;
import org.bootctl.launcher.cli.CommandException;
import org.bootctl.launcher.cli.Invocation;
import org.bootctl.launcher.runtime.HttpBinding;

/**
 * The web server's access token that {@code run} and {@code hub} are given: {@code --token}, else
 * (with no {@code --var web-token=} either) the environment's {@value #ENVIRONMENT}, which, unlike
 * the command line, other local users cannot read. The service passes its settings file's token so.
 */
public final class AccessToken {

    /** The feature variable the token goes into. */
    public static final String VARIABLE = "web-token";
    /** The environment variable that carries a token out of sight of the process list. */
    public static final String ENVIRONMENT = "BOOTCTL_WEB_TOKEN";

    private AccessToken() {
    }

    /** The token given, checked; empty when none is. */
    public static Optional<String> given(Invocation invocation, String command, Map<String, String> environment)
            throws CommandException {
        Optional<String> option = invocation.args().value("token").map(String::trim);
        String source = "--token";
        if (option.isEmpty()) {
            if (invocation.variables().containsKey(VARIABLE)) {
                return Optional.empty(); // --var web-token= speaks for itself, and the feature checks it
            }
            option = Optional.ofNullable(environment.get(ENVIRONMENT)).filter(t -> !t.isEmpty()).map(String::trim);
            source = ENVIRONMENT;
        }
        if (option.isEmpty()) {
            return option;
        }
        if (option.get().isEmpty() || HttpBinding.blank(option.get())) {
            if (source.equals("--token") && option.get().isEmpty()) {
                throw CommandException.usage(command + ": --token needs a value");
            }
            throw CommandException.usage(command + ": " + source + " is only white space, which anyone could send:"
                    + " give an access token of visible characters");
        }
        return option;
    }
}
