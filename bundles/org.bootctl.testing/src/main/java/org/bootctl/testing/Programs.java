package org.bootctl.testing;

import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.bootctl.api.program.Garment;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;

/** Third-party programs as the tests of whatever reads them need them: well-behaved, slow, or hostile. */
public final class Programs {

    private Programs() {
    }

    /** What a program of that id for 2 to 8 zones says of itself. */
    public static ProgramInfo info(String id) {
        return new ProgramInfo(id, id, "1", "", "", 2, 8);
    }

    /** A program whose info() is what the supplier does (answers, throws, hangs); it never makes a plan. */
    public static Program describedBy(Supplier<ProgramInfo> info) {
        return new Program() {
            @Override
            public ProgramInfo info() {
                return info.get();
            }

            @Override
            public Plan compile(Garment garment, Settings settings) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** A program whose info() answers once the gate opens, or at once when its thread is interrupted. */
    public static Program answeringWhen(CountDownLatch gate, String id) {
        return describedBy(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return info(id);
        });
    }

    /** A program whose info() waits for the gate and ignores being interrupted, as a hostile plugin does. */
    public static Program stubbornUntil(CountDownLatch gate) {
        return describedBy(() -> {
            while (true) {
                try {
                    gate.await();
                    return info("hangs");
                } catch (InterruptedException e) {
                    // ignored, as a hostile plugin does
                }
            }
        });
    }
}
