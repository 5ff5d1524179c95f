package org.bootctl.shell;

import java.util.function.IntConsumer;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code exit} in the console, as a person types it. The console's own {@code exit} is
 * {@code System.exit(int)}, added as a command by its profile: a plain {@code exit} was refused
 * ("Cannot coerce exit() ...") and {@code exit 0} ended in a printed InterruptedException. This one
 * sits in scope {@code gogo}, which the console searches first, and takes both forms: it stops
 * the framework, as Ctrl-D does; only a status other than 0 needs {@code System.exit}.
 */
@Component(service = ConsoleExit.class, property = {
        "osgi.command.scope=gogo",
        "osgi.command.function=exit"})
public class ConsoleExit {

    /** Stops the framework; returns at once, the stop goes on on the framework's own thread. */
    interface Stop {
        void framework() throws BundleException;
    }

    private final Stop stop;
    private final IntConsumer exit;

    @Activate
    public ConsoleExit(BundleContext context) {
        this(() -> context.getBundle(Constants.SYSTEM_BUNDLE_ID).stop(), System::exit);
    }

    ConsoleExit(Stop stop, IntConsumer exit) {
        this.stop = stop;
        this.exit = exit;
    }

    @Descriptor("stops bootctl, as Ctrl-D does: running sessions end STOPPED and every device vents")
    public void exit() throws BundleException {
        stop.framework();
    }

    @Descriptor("stops bootctl with an exit status")
    public void exit(@Descriptor("the exit status; 0 is a plain exit") int status) throws BundleException {
        if (status == 0) {
            exit();
        } else {
            exit.accept(status);
        }
    }
}
