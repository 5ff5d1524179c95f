package org.bootctl.api.session;

import java.util.List;
import java.util.Optional;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs sessions on devices: what every UI drives. One session per device at a time. Requests
 * are checked on the caller's thread and carried out on the device's control loop.
 */
@ProviderType
public interface SessionService {

    List<DeviceStatus> devices();

    Optional<DeviceStatus> device(String deviceId);

    /** Programs that can be chosen now (the registered {@link Program} services). */
    List<ProgramInfo> programs();

    /**
     * Compiles and checks the plan a session would run, without running it.
     *
     * @throws SessionException NOT_FOUND for an unknown device or program, REFUSED for a plan that
     *                          fails its checks (the message names the rule and the zone)
     */
    Plan preview(String deviceId, String programId, Settings settings) throws SessionException;

    /** Starts a session with a registered program. */
    SessionInfo start(String deviceId, String programId, Settings settings) throws SessionException;

    /** Starts a session with a program that need not be registered (a file given on the command line). */
    SessionInfo start(String deviceId, Program program, Settings settings) throws SessionException;

    Optional<SessionInfo> session(String sessionId);

    /** Vents every zone and keeps the remaining time. */
    SessionInfo pause(String sessionId) throws SessionException;

    /** Restarts the current cycle. */
    SessionInfo resume(String sessionId) throws SessionException;

    /** Vents and ends the session STOPPED. */
    SessionInfo stop(String sessionId) throws SessionException;

    /**
     * Vents every channel of the device on its next tick, from any state; never refused. The
     * session ends STOPPED with reason "emergency stop" and the device stays latched until
     * {@link #clearFault} is called.
     *
     * @return false only when no such device is connected
     */
    boolean emergencyStop(String deviceId);

    /** {@link #emergencyStop} on every device. */
    void emergencyStopAll();

    /**
     * Clears the device's latched fault.
     *
     * @throws SessionException CONFLICT while its cause persists, NOT_FOUND for an unknown device
     */
    void clearFault(String deviceId) throws SessionException;
}
