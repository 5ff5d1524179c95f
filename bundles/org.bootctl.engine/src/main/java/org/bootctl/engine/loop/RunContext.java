package org.bootctl.engine.loop;

import org.bootctl.engine.safety.FillWatch;
import org.bootctl.engine.safety.StepTargets;

/** What a session works with on its device's loop: this tick's pressures and the supervisor's watch lists. */
record RunContext(Readings readings, FillWatch fillWatch, StepTargets stepTargets) {
}
