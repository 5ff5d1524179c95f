package org.bootctl.api.session;

import java.util.List;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.bootctl.api.program.Plan;
import org.bootctl.api.program.Program;
import org.bootctl.api.program.ProgramInfo;
import org.bootctl.api.program.Settings;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs sessions on devices: what every UI drives. One session per device at a time. Requests
 * are checked on the caller's thread and carried out on the device's control loop.
 *
 * <p>Implemented by the engine only ({@code @ProviderType}); UIs (web, shell, fleet) use it.
 * <b>Threads:</b> call it from a request's thread, never from a {@link SessionListener} or
 * {@link TelemetryListener} callback. The queries and {@link #pause}, {@link #resume}, {@link #stop}
 * and the emergency stops return at once (the loop carries the change out on its next tick; a
 * {@link SessionListener} hears the result). {@link #preview} and {@link #start} wait for the
 * program's compile (2 s at most), and {@link #start} also for the session's record on the disk;
 * {@link #clearFault} may wait up to 2 s for the device. Arguments that are null are answered like
 * unknown ones (NOT_FOUND, or REFUSED for null settings).
 */
@ProviderType
public interface SessionService {

    /**
     * Every connected device.
     *
     * @return the devices sorted by id; a snapshot, never null
     */
    List<DeviceStatus> devices();

    /**
     * One connected device.
     *
     * @param deviceId the device id
     * @return the device, or empty when none with that id is connected
     */
    Optional<DeviceStatus> device(String deviceId);

    /**
     * Programs that can be chosen now (the registered {@link Program} services).
     *
     * @return what each program says of itself; a snapshot, never null
     */
    List<ProgramInfo> programs();

    /**
     * Compiles and checks the plan a session would run, without running it. No air moves.
     *
     * @param deviceId  the device whose garment and hard limit the plan is for
     * @param programId a registered program's id
     * @param settings  what the person chose
     * @return the checked plan
     * @throws SessionException NOT_FOUND for an unknown device or program, REFUSED for a plan that
     *                          fails its checks (the message names the rule and the zone)
     */
    Plan preview(String deviceId, String programId, Settings settings) throws SessionException;

    /**
     * Starts a session with a registered program: the plan is compiled and checked as in
     * {@link #preview}, the session is recorded, and the device's loop starts it (fit check first
     * when the settings ask for it).
     *
     * @param deviceId  the device
     * @param programId a registered program's id
     * @param settings  what the person chose
     * @return the new session, as it is when the request is accepted
     * @throws SessionException NOT_FOUND for an unknown device or program, REFUSED for a plan that
     *                          fails its checks, CONFLICT for a device with a session under way or
     *                          a latched fault, or a session that cannot be recorded
     */
    SessionInfo start(String deviceId, String programId, Settings settings) throws SessionException;

    /**
     * Starts a session with a program that need not be registered (a file given on the command
     * line), with the same checks as {@link #start(String, String, Settings)}.
     *
     * @param deviceId the device
     * @param program  the program, e.g. from {@code ProgramLibrary#load}
     * @param settings what the person chose
     * @return the new session
     * @throws SessionException as {@link #start(String, String, Settings)}; NOT_FOUND for a null program
     */
    SessionInfo start(String deviceId, Program program, Settings settings) throws SessionException;

    /**
     * A session of this runtime, under way or ended.
     *
     * @param sessionId the session id
     * @return the session as it is now, or empty for an unknown id
     */
    Optional<SessionInfo> session(String sessionId);

    /**
     * Vents every zone and keeps the remaining time. A PAUSED session is left as it is.
     *
     * @param sessionId a RUNNING session
     * @return the session as it is when the request is accepted
     * @throws SessionException NOT_FOUND for an unknown session, CONFLICT in any other state
     */
    SessionInfo pause(String sessionId) throws SessionException;

    /**
     * Restarts the current cycle. A RUNNING session is left as it is.
     *
     * @param sessionId a PAUSED session
     * @return the session as it is when the request is accepted
     * @throws SessionException NOT_FOUND for an unknown session, CONFLICT in any other state
     */
    SessionInfo resume(String sessionId) throws SessionException;

    /**
     * Vents and ends the session STOPPED (through VENTING, until every channel is under 5 mmHg or
     * 10 s passed). A session already VENTING is left to end.
     *
     * @param sessionId a session under way
     * @return the session as it is when the request is accepted
     * @throws SessionException NOT_FOUND for an unknown session, CONFLICT for one that has ended
     */
    SessionInfo stop(String sessionId) throws SessionException;

    /**
     * The session once its device's loop has carried out a request made on it, or as it is when
     * {@code limit} has passed: {@link #start}, {@link #pause}, {@link #resume} and {@link #stop}
     * answer with the state before their change, which the loop makes on its next tick (a few tens
     * of milliseconds as a rule). A UI that shows the state a request led to waits with this.
     *
     * @param asked   the session as the request answered it
     * @param reached whether a state is the one the request leads to (a final state, too, as a rule)
     * @param limit   how long to wait at most; a loop that is late never holds the caller longer
     * @return the session as it is now (as {@code asked} when the engine no longer knows it); as it
     *         is when the calling thread is interrupted, whose interrupt is then kept
     * @since 2.1
     */
    default SessionInfo settled(SessionInfo asked, Predicate<SessionState> reached, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        SessionInfo current = asked;
        while (!reached.test(current.state()) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            current = session(asked.id()).orElse(current);
        }
        return current;
    }

    /**
     * Vents every channel of the device on its next tick, from any state; never refused. The
     * session ends STOPPED with reason "emergency stop" and the device stays latched until
     * {@link #clearFault} is called. Returns at once; safe from any thread.
     *
     * @param deviceId the device
     * @return false only when no such device is connected
     */
    boolean emergencyStop(String deviceId);

    /**
     * {@link #emergencyStop} on every connected device: every device is latched first, then vented;
     * returns once the vents are sent, waiting half a second at most for a driver that hangs (it
     * holds no other device's stop).
     */
    void emergencyStopAll();

    /**
     * Clears the device's latched fault, once its cause is gone: the device reports, every zone is
     * vented and the readings are plausible; a fault the device's firmware latched must also clear
     * on the device, which is asked and waited for up to 2 s. Nothing to clear is no error.
     *
     * @param deviceId the device
     * @throws SessionException CONFLICT while its cause persists, NOT_FOUND for an unknown device
     */
    void clearFault(String deviceId) throws SessionException;
}
