package org.bootctl.launcher.testbundles;

import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;

/** A program for tests, packed into a bundle by TestBundles, whose compile never returns, not even when interrupted. */
public class NeverCompilingProgram implements Program {

    @Override
    public ProgramInfo info() {
        return new ProgramInfo("never-compiles", "Never compiles", "1.0.0", "a test", "Its compile never returns.", 1, 32);
    }

    @Override
    public Plan compile(Garment garment, Settings settings) {
        while (true) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException ignored) {
                // a hostile plugin heeds nothing
            }
        }
    }
}
