/**
 * The engine: sessions on devices, one control loop per device, the safety supervisor, and what
 * sessions leave behind. Private to this bundle; other bundles see only the API's
 * {@code SessionService} and {@code SessionHistory}.
 * <ul>
 *   <li>{@code org.bootctl.engine} — {@link org.bootctl.engine.Engine}, the DS component (checks on
 *       the caller's thread), program registry and plan validation.</li>
 *   <li>{@code .loop} — per device a {@link org.bootctl.engine.loop.DeviceHandle} (what other
 *       threads call) and its {@link org.bootctl.engine.loop.DeviceLoop} (the tick: sample →
 *       requests → supervisor → session → regulator → one command), the session state machine,
 *       fit check, sequencer and regulators.</li>
 *   <li>{@code .safety} — the supervisor and one class per rule of docs/DESIGN.md's safety table;
 *       every fault sentence is made by {@link org.bootctl.engine.safety.FaultMessages}.</li>
 *   <li>{@code .record} — history lines, open-session markers and traces, written on one writer
 *       thread.</li>
 *   <li>{@code .dispatch} — listeners called off the loops.</li>
 * </ul>
 */
package org.bootctl.engine;
