package org.bootctl.programs;

import org.bootctl.api.program.Program;

/** Registers programs as services; an interface so the folder catalog can be tested without OSGi. */
interface Registrar {

    /** A registered program; unregistering twice does no harm. */
    interface Registration {
        void unregister();
    }

    Registration register(Program program, String source, String location);
}
