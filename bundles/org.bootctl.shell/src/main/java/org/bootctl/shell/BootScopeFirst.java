package org.bootctl.shell;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Component;

/**
 * Puts scope {@code boot} first in every console line's search path, so that the names the
 * commands go by ({@code start}, {@code clear}, {@code history}, {@code watch} ...) are bootctl's.
 * Gogo takes an unqualified name from the first scope of {@code SCOPE} that has it, and among
 * {@code *} the first it happens upon: {@code start sim-1 sequential} was Felix's bundle start (a
 * MalformedURLException) and {@code clear sim-1}, the advice after an emergency stop, cleared the
 * screen and left the fault latched. The console's own stay reachable by their scope
 * ({@code felix:start}, {@code gogo:clear}, {@code gogo:history}, {@code gogo:watch}).
 */
@Component(service = CommandSessionListener.class)
public class BootScopeFirst implements CommandSessionListener {

    static final String VARIABLE = "SCOPE";

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        Object path = session.get(VARIABLE);
        session.put(VARIABLE, withBootFirst(path == null ? null : path.toString()));
    }

    /** {@code gogo:*} becomes {@code boot:gogo:*}; a path that already starts with boot is kept as it is. */
    static String withBootFirst(String path) {
        String searched = path == null || path.isBlank() ? "*" : path;
        return searched.equals("boot") || searched.startsWith("boot:") ? searched : "boot:" + searched;
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        // nothing to undo: the next line is put in order again
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        // nothing to undo: the next line is put in order again
    }
}
