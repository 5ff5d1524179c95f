// The kiosk page: pick a device, see its zones live, choose a program and start, pause, resume,
// stop; emergency stop always; faults, live chart and history. Talks only to /api (docs/API.md).
import { api, events, sendable, setToken, token } from './api.js';
import { drawGarment, onKey } from './garment.js';
import { LiveChart, planChart, traceChart } from './charts.js';

const ACTIVE = ['FIT_CHECK', 'RUNNING', 'PAUSED', 'VENTING'];
/** What the page starts with: as `bootctl session` (level 3, 20 minutes; README.md, "Commands"). */
const DEFAULTS = { program: 'sequential', level: 3, minutes: 20 };
/** The engine's words for a state, in plain language where they are not plain already. */
const STATE_LABEL = { FIT_CHECK: 'CHECKING FIT' };
const STATE_HELP = {
  IDLE: 'Ready: no session is running',
  FIT_CHECK: 'Checking the fit: every zone is filled a little to see that it holds air',
  RUNNING: 'The program is running',
  PAUSED: 'Paused: every zone is vented, the remaining time is kept',
  VENTING: 'Letting the air out of every zone',
  COMPLETED: 'The session ran its full length',
  STOPPED: 'The session was stopped and every zone vented',
  FAULT: 'The session stopped on a fault: every zone vented',
};
/** Where each field of a session request shows its error (the API's details name the field). */
const FIELD_ERROR = { program: 'program-error', level: 'level-error', pressure: 'level-error',
  minutes: 'minutes-error', boost: 'boost-error', client: 'client-error' };
const $ = (id) => document.getElementById(id);

const page = {
  devices: new Map(), // id -> device object
  online: new Map(), // id -> boolean
  programs: [],
  deviceId: null,
  session: null, // the selected device's current or last session
  sessionEvents: 0, // session events of the selected device so far
  boost: new Set(),
  garment: null,
  live: null,
  plan: null,
  trace: null,
  countdown: { remainingMs: 0, at: 0 },
  levels: [], // [{level, capMmHg}] from /api/levels: the engine's table
  clientOfSession: false, // the client field shows a session's reference (emptied when it ends)
  messageCause: null, // what the message is about: it goes when its cause goes
  formFrom: null, // the session whose settings the form shows
};

const device = () => page.devices.get(page.deviceId);
const active = () => page.session && ACTIVE.includes(page.session.state);

let sayTimer = 0;
/**
 * A sentence for the person: good news goes by itself; an error stays until the next action, a
 * tap, or until its cause goes (cause: 'fault' while the device is latched, 'session' until the
 * session changes).
 */
function say(text, ok = false, cause = null) {
  clearTimeout(sayTimer);
  $('message').textContent = text || '';
  $('message').classList.toggle('ok', ok);
  page.messageCause = text ? cause : null;
  if (ok) sayTimer = setTimeout(() => say(''), 4000);
}

/** Clears the message when it was about this cause. */
function unsay(cause) {
  if (page.messageCause === cause) say('');
}

function clearFieldErrors() {
  document.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
}

/** Every error the API returned, each next to its field; what has no field of its own in the message. */
function showErrors(e, cause) {
  clearFieldErrors();
  const rest = [];
  for (const detail of e.details || []) {
    const spot = detail && FIELD_ERROR[detail.field];
    if (spot) {
      const p = $(spot);
      p.textContent = p.textContent ? `${p.textContent}; ${detail.message}` : detail.message;
    } else if (detail && detail.message) {
      rest.push(detail.message);
    }
  }
  const first = document.querySelector('.field-error:not(:empty)');
  if (first) first.scrollIntoView({ block: 'nearest' });
  const placed = (e.details || []).length - rest.length;
  if (placed === 0) say(e.message, false, cause);
  else say(rest.length ? rest.join('; ') : `Not started: ${placed === 1 ? 'one value needs' : `${placed} values need`} changing (marked above)`, false, cause);
}

function levelCap(level) {
  const entry = page.levels.find((l) => l.level === level);
  return entry ? entry.capMmHg : null;
}

/** 2026-12-06 19:21, whatever the browser's locale. */
function dateTime(date) {
  const two = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** A number when the text is one, else the text as typed: the API says what is wrong with it. */
function value(input) {
  const text = input.value.trim();
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text === '' ? null : text;
}

function clock(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  return (h ? h + ':' : '') + mm + ':' + String(s % 60).padStart(2, '0');
}

// ---- rendering -------------------------------------------------------------------------------

function renderDevices() {
  const select = $('device');
  select.replaceChildren(...[...page.devices.values()].map((d) => {
    const option = new Option(`${d.id} · ${d.model}${page.online.get(d.id) === false ? ' (offline)' : ''}`, d.id);
    option.selected = d.id === page.deviceId;
    return option;
  }));
}

function renderPrograms() {
  const select = $('program');
  const chosen = select.value;
  select.replaceChildren(...page.programs.map((p) => {
    const option = new Option(p.valid ? p.name : `${p.name} (invalid)`, p.id);
    option.disabled = !p.valid;
    return option;
  }));
  if (page.programs.some((p) => p.id === chosen)) select.value = chosen;
  renderDescription();
}

function renderDescription() {
  const program = page.programs.find((p) => p.id === $('program').value);
  $('program-description').textContent = program ? program.description || '' : 'No programs available';
}

function programName(id) {
  const program = page.programs.find((p) => p.id === id);
  return program ? program.name : id;
}

/**
 * While a session runs, the form shows what it runs with, as the server tells it: program, level
 * or pressure, minutes, boost, fit check and ramp-in; and the preview shows its plan.
 */
function showSessionSettings(s) {
  if (!s || !s.settings || page.formFrom === s.id) return;
  page.formFrom = s.id;
  const select = $('program');
  if (![...select.options].some((o) => o.value === s.program)) {
    select.append(new Option(programName(s.program), s.program)); // a program no longer listed
  }
  select.value = s.program;
  renderDescription();
  const settings = s.settings;
  $('level').value = settings.level != null ? settings.level : '';
  $('minutes').value = String(settings.minutes);
  $('fit-check').checked = settings.fitCheck;
  $('ramp').checked = settings.ramp;
  $('client').value = settings.client || '';
  page.clientOfSession = true;
  page.boost = new Set(settings.boost || []);
  renderLevel(settings);
  loadPlan(settings);
}

function renderSession() {
  const d = device();
  const s = page.session;
  const stateWord = s ? s.state : d ? d.state || 'IDLE' : '—';
  $('state').textContent = STATE_LABEL[stateWord] || stateWord;
  $('state').className = 'state ' + stateWord;
  $('state').dataset.state = stateWord;
  $('state').title = STATE_HELP[stateWord] || '';
  if (active()) showSessionSettings(s);
  $('session-program').textContent = s && active() ? programName(s.program) : '';
  $('cycle').textContent = s && s.cycle > 0 ? `cycle ${s.cycle}` : '';
  if (s) page.countdown = { remainingMs: s.remainingMs, at: performance.now() };
  renderRemaining();
  const on = active();
  $('start').hidden = on;
  $('pause').hidden = !(s && (s.state === 'RUNNING' || s.state === 'FIT_CHECK'));
  $('resume').hidden = !(s && s.state === 'PAUSED');
  $('stop').hidden = !(s && ['FIT_CHECK', 'RUNNING', 'PAUSED'].includes(s.state));
  // a latched device refuses a start: say so before the tap, not after it
  const latched = Boolean(d && d.fault);
  const offline = Boolean(d && page.online.get(d.id) === false);
  $('start').disabled = latched || offline || !d;
  $('start').title = latched ? 'Clear the fault first' : offline ? 'The device is not connected' : '';
  $('garment-hint').textContent = on ? '' : 'Tap zones to boost them (+10 mmHg)';
  // a client reference is one session's: once it is over, the next session is not booked to it
  if (!on && page.clientOfSession) {
    $('client').value = '';
    page.clientOfSession = false;
  }
  // the settings are for the next session: locked while one runs
  document.querySelectorAll('#program, #level, #minutes, #fit-check, #ramp, #client, button.step').forEach((x) => { x.disabled = on; });
  renderBoost();
  renderFault();
}

function renderRemaining() {
  const s = page.session;
  if (!s || (!active() && s.state !== 'COMPLETED')) {
    $('remaining').textContent = s ? '' : '';
    return;
  }
  const running = s.state === 'RUNNING';
  const left = page.countdown.remainingMs - (running ? performance.now() - page.countdown.at : 0);
  $('remaining').textContent = `${clock(left)} left`;
}

function renderFault() {
  const d = device();
  const fault = d && d.fault;
  $('fault-banner').hidden = !fault;
  document.body.classList.toggle('faulted', Boolean(fault));
  $('fault-message').textContent = fault ? fault.message : '';
  if (!fault) unsay('fault'); // a message about the latched fault goes with it
  const latched = Boolean(fault);
  $('start').disabled = latched || !d || page.online.get(d.id) === false;
}

/** The zones chosen for the next session; while one runs, the zones it boosts. */
function renderBoost() {
  const chosen = active() ? new Set(page.session.settings.boost) : page.boost;
  const zones = [...chosen].sort((a, b) => a - b);
  $('boost').textContent = zones.length ? `Boost: zone${zones.length > 1 ? 's' : ''} ${zones.join(', ')} (+10 mmHg)` : 'No boosted zones';
  if (page.garment) page.garment.setBoost(chosen);
}

/** The cap beside the level, from the engine's table; a session on an explicit pressure shows that. */
function renderLevel(settings) {
  if (settings && settings.level == null) {
    $('level-mmhg').textContent = `· pressure ${settings.capMmHg} mmHg`;
    return;
  }
  const cap = levelCap(Number($('level').value));
  $('level-mmhg').textContent = cap != null ? `· ${cap} mmHg` : '';
}

// ---- loading ---------------------------------------------------------------------------------

async function selectDevice(id) {
  page.deviceId = id;
  page.boost.clear();
  const d = device();
  page.garment = drawGarment($('garment'), d, toggleBoost);
  if (page.live) page.live.destroy();
  page.live = d ? new LiveChart($('live-chart'), d) : null;
  page.session = null;
  page.formFrom = null;
  if (d && d.session) {
    try {
      page.session = await api('GET', `/api/sessions/${encodeURIComponent(d.session)}`);
    } catch (e) {
      page.session = null; // an old session the engine no longer knows
    }
  }
  renderDevices();
  renderBoost();
  renderSession();
  if (!active()) loadPlan();
}

async function loadDevices() {
  const list = await api('GET', '/api/devices');
  page.devices = new Map(list.map((d) => [d.id, d]));
  list.forEach((d) => page.online.set(d.id, true));
  const wanted = new URLSearchParams(location.search).get('device');
  const id = page.devices.has(wanted) ? wanted : page.devices.has(page.deviceId) ? page.deviceId : list[0]?.id;
  await selectDevice(id);
}

async function loadPrograms() {
  const first = page.programs.length === 0;
  page.programs = await api('GET', '/api/programs');
  renderPrograms();
  if (first && page.programs.some((p) => p.id === DEFAULTS.program && p.valid) && !active()) {
    $('program').value = DEFAULTS.program;
    renderDescription();
  }
}

async function loadLevels() {
  page.levels = await api('GET', '/api/levels');
  renderLevel();
}

let planTimer = 0;
/** The preview of one cycle: of the form's choices, or of the running session's own settings. */
function loadPlan(settings) {
  clearTimeout(planTimer);
  planTimer = setTimeout(async () => {
    const program = $('program').value;
    if (!program || !page.deviceId) return;
    const query = new URLSearchParams({ device: page.deviceId });
    if (settings && settings.level == null) query.set('pressure', settings.capMmHg);
    else query.set('level', settings ? settings.level : $('level').value);
    const boost = settings ? settings.boost || [] : [...page.boost];
    if (boost.length) query.set('boost', boost.join(','));
    if (settings && settings.ramp === false) query.set('ramp', 'false');
    try {
      const plan = await api('GET', `/api/programs/${encodeURIComponent(program)}/plan?${query}`);
      page.plan = planChart($('plan-chart'), plan, page.plan, device());
    } catch (e) {
      if (page.plan) page.plan.destroy();
      page.plan = null;
      $('plan-chart').textContent = `No preview: ${e.message}`;
    }
  }, 150);
}

async function loadHistory() {
  const records = await api('GET', '/api/history?limit=30');
  const list = $('history-list');
  list.replaceChildren(...records.map((r) => {
    const li = document.createElement('li');
    li.dataset.session = r.id;
    const when = r.start ? dateTime(new Date(r.start)) : '';
    const level = r.settings ? (r.settings.level ? `level ${r.settings.level}` : `${r.settings.pressure} mmHg`) : '';
    li.innerHTML = '<span class="when"></span><span class="what"></span><span class="reason"></span>';
    li.querySelector('.when').textContent = when;
    li.querySelector('.what').textContent = `${r.program} · ${level} · ${r.device}`;
    const reason = li.querySelector('.reason');
    reason.textContent = r.endReason || r.state;
    reason.classList.add(r.state);
    li.addEventListener('click', () => showTrace(r, li));
    li.tabIndex = 0; // its trace opens from the keyboard too
    li.setAttribute('role', 'button');
    li.addEventListener('keydown', (e) => onKey(e, () => showTrace(r, li)));
    return li;
  }));
  if (!records.length) list.innerHTML = '<li>No sessions yet</li>';
}

/** The About view: every module (bundle) with its version and state; an admin read (needs the token when one is set). */
async function loadModules() {
  $('modules-message').textContent = '';
  try {
    const bundles = await api('GET', '/api/bundles');
    $('modules').replaceChildren(...bundles.map((b) => {
      const li = document.createElement('li');
      li.dataset.bundle = b.symbolicName || '';
      li.dataset.state = b.state;
      li.title = b.location;
      li.innerHTML = '<span class="name"></span><span class="version"></span><span class="bundle-state"></span>';
      li.querySelector('.name').textContent = b.symbolicName || b.location;
      li.querySelector('.version').textContent = b.version;
      li.querySelector('.bundle-state').textContent = b.state;
      li.querySelector('.bundle-state').classList.add(b.state);
      return li;
    }));
  } catch (e) {
    $('modules').replaceChildren();
    $('modules-message').textContent = e.status !== 401 ? e.message : token()
      ? 'The access token was refused: check it and enter it again above.'
      : 'The module list needs the access token: enter it above.';
  }
}

/** The token form on the About tab: what it holds goes with every request but the emergency stop. */
function useToken(e) {
  e.preventDefault();
  const value = $('token').value.trim();
  if (value && !sendable(value)) {
    $('modules-message').textContent = 'A browser cannot send this token (it has letters beyond Latin-1 or a line break): use the command line.';
    return;
  }
  setToken(value);
  $('token').value = '';
  loadModules();
}

async function showTrace(record, li) {
  document.querySelectorAll('#history-list li').forEach((x) => x.classList.toggle('selected', x === li));
  if (!record.trace) {
    $('trace-chart').textContent = 'No trace kept for this session';
    return;
  }
  try {
    const response = await fetch(record.trace);
    if (!response.ok) throw new Error(`trace: ${response.status}`);
    page.trace = traceChart($('trace-chart'), await response.text(), page.trace);
  } catch (e) {
    $('trace-chart').textContent = e.message;
  }
}

// ---- actions ---------------------------------------------------------------------------------

async function act(method, path, body, done) {
  clearFieldErrors();
  try {
    const answer = await api(method, path, body);
    say('');
    if (done) done(answer);
  } catch (e) {
    // a refusal because of a latched fault goes when the fault is cleared; others with the session's news
    showErrors(e, device() && device().fault ? 'fault' : 'session');
  }
}

/**
 * Takes a session from an answer unless the stream told news of it while the request was out:
 * an answer is the session as it was when the request was queued, the event is newer.
 */
function fromAnswer(session, eventsBefore) {
  if (page.sessionEvents === eventsBefore || !page.session || page.session.id !== session.id) {
    page.session = session;
  }
  renderSession();
}

function start() {
  const eventsBefore = page.sessionEvents;
  act('POST', '/api/sessions', {
    device: page.deviceId,
    program: $('program').value,
    level: value($('level')),
    minutes: value($('minutes')),
    boost: [...page.boost].sort((a, b) => a - b),
    fitCheck: $('fit-check').checked,
    ramp: $('ramp').checked,
    ...clientReference(),
  }, (session) => fromAnswer(session, eventsBefore));
}

/** The optional client reference: sent only when one is typed (the server judges it). */
function clientReference() {
  const client = $('client').value.trim();
  return client ? { client } : {};
}

function control(verb) {
  if (!page.session) return;
  const eventsBefore = page.sessionEvents;
  act('POST', `/api/sessions/${encodeURIComponent(page.session.id)}/${verb}`, undefined,
    (session) => fromAnswer(session, eventsBefore));
}

/** How long the emergency stop waits for the controller before it tries each device, then says it failed. */
const ESTOP_WAIT_MS = 5000;

/**
 * Every device vents: in an emergency nobody should have to pick the right one first. Says at once
 * that the stop is on its way, and in the end whether the controller took it: a stop nobody
 * confirmed is never told as sent.
 */
async function emergencyStop() {
  showTab('session'); // its message and state are where the outcome shows, whichever tab was open
  say('Emergency stop: sending…', false, null);
  try {
    await api('POST', '/api/estop', undefined, ESTOP_WAIT_MS);
    say('Emergency stop: every device is venting', true);
    return;
  } catch (e) {
    // the all-devices call failed: try each device on its own
    const ids = [...page.devices.keys()];
    const results = await Promise.allSettled(ids.map((id) =>
      api('POST', `/api/devices/${encodeURIComponent(id)}/estop`, undefined, ESTOP_WAIT_MS)));
    const failed = ids.filter((id, i) => results[i].status === 'rejected');
    if (ids.length && !failed.length) {
      say(`Emergency stop sent to each device: every device is venting (the stop of all at once failed: ${e.message})`);
      return;
    }
    const error = failed.length ? results[ids.indexOf(failed[0])].reason : e;
    const why = error.status ? `the controller answered ${error.status}: ${error.message}` : error.message;
    say(`EMERGENCY STOP NOT CONFIRMED${failed.length ? ` for ${failed.join(', ')}` : ''}: ${why}. `
      + 'Tap again, and stop the boots at the unit itself (its power switch, or take the hoses off).');
  }
}

async function clearFault() {
  try {
    const d = await api('POST', `/api/devices/${encodeURIComponent(page.deviceId)}/clear-fault`);
    page.devices.set(d.id, d);
    renderSession();
  } catch (e) {
    // the banner stays, and says why it cannot go yet
    $('fault-message').textContent = `${device().fault ? device().fault.message : ''} — ${e.message}`;
  }
}

function toggleBoost(zone) {
  if (active()) {
    say('Boost zones are chosen before a session starts', false, 'session');
    return;
  }
  if (page.boost.has(zone)) page.boost.delete(zone); else page.boost.add(zone);
  renderBoost();
  loadPlan();
}

function step(input, delta) {
  const [min, max] = input.id === 'level' ? [1, page.levels.length || 7] : [0, 120];
  const current = Number(input.value) || 0;
  input.value = Math.max(min, Math.min(max, current + delta));
  input.dispatchEvent(new Event('change'));
}

function showTab(name) {
  document.querySelectorAll('.tabs button').forEach((b) => b.classList.toggle('active', b.dataset.tab === name));
  document.querySelectorAll('.tab').forEach((p) => { p.hidden = p.dataset.panel !== name; });
  if (name === 'live' && page.live) page.live.resize();
  if (name === 'history') loadHistory().catch((e) => say(e.message));
  if (name === 'about') loadModules();
}

// ---- live events -----------------------------------------------------------------------------

function onTelemetry(frame) {
  if (frame.device !== page.deviceId) return;
  if (page.garment) page.garment.update(frame.pressures);
  if (page.live) page.live.push(frame);
}

function onSession(session) {
  if (session.device !== page.deviceId) return;
  page.sessionEvents += 1;
  if (page.session && page.session.id !== session.id && ACTIVE.includes(page.session.state)
      && !ACTIVE.includes(session.state)) return; // an old session's late news
  if (!page.session || page.session.state !== session.state || page.session.id !== session.id) unsay('session');
  page.session = session;
  renderSession();
  if (['COMPLETED', 'STOPPED', 'FAULT'].includes(session.state) && !$('panel-history').hidden) {
    loadHistory().catch(() => {});
  }
}

function onDevice(event) {
  page.devices.set(event.device.id, event.device);
  page.online.set(event.device.id, event.online);
  if (!page.deviceId) {
    selectDevice(event.device.id);
    return;
  }
  renderDevices();
  if (event.device.id !== page.deviceId) return;
  const latest = event.device.session;
  if (latest && (!page.session || page.session.id !== latest)) {
    // a session began elsewhere (another screen, the shell) or while the stream was down
    refreshSession(latest);
  }
  renderSession();
}

/** The session as the server has it, unless the stream told newer news of it while the request was out. */
function refreshSession(id) {
  const eventsBefore = page.sessionEvents;
  api('GET', `/api/sessions/${encodeURIComponent(id)}`)
    .then((session) => { if (page.sessionEvents === eventsBefore) onSession(session); })
    .catch(() => {});
}

/**
 * After the stream was lost: what changed meanwhile was not told (a session that ended, a device
 * that went, a program added), so devices, the selected device's session and programs are asked again.
 */
async function catchUp() {
  loadPrograms().catch(() => {});
  const shown = page.session;
  const eventsBefore = page.sessionEvents;
  const list = await api('GET', '/api/devices');
  const listed = new Set(list.map((d) => d.id));
  for (const d of list) {
    page.devices.set(d.id, d);
    page.online.set(d.id, true);
  }
  for (const id of page.devices.keys()) if (!listed.has(id)) page.online.set(id, false);
  if (!page.deviceId && list.length) {
    await selectDevice(list[0].id);
    return;
  }
  renderDevices();
  const d = device();
  if (d && d.session) {
    refreshSession(d.session);
  } else if (d && active() && page.session === shown && page.sessionEvents === eventsBefore) {
    // the controller was restarted: the session shown running ended with it (its record is in the history)
    page.session = null;
    say('The session shown has ended: the controller was restarted meanwhile (see History)', false, 'session');
  }
  renderSession();
}

let streamLost = false;
function onConnection(live) {
  const dot = $('connection');
  dot.classList.toggle('live', live);
  dot.title = live ? 'live updates' : 'live updates lost: reconnecting';
  if (live && streamLost) catchUp().catch(() => {});
  streamLost = !live;
}

function onFault(event) {
  const d = page.devices.get(event.device);
  if (!d) return;
  page.devices.set(d.id, { ...d, fault: event.fault });
  if (event.device === page.deviceId) renderSession();
}

// ---- wiring ----------------------------------------------------------------------------------

function wire() {
  $('device').addEventListener('change', (e) => selectDevice(e.target.value));
  $('program').addEventListener('change', () => { renderDescription(); loadPlan(); });
  $('level').addEventListener('change', () => { renderLevel(); loadPlan(); });
  $('level').addEventListener('input', () => { renderLevel(); $('level-error').textContent = ''; });
  $('minutes').addEventListener('input', () => { $('minutes-error').textContent = ''; });
  $('client').addEventListener('input', () => { $('client-error').textContent = ''; });
  $('program').addEventListener('change', () => { $('program-error').textContent = ''; });
  document.querySelectorAll('button.step').forEach((b) =>
    b.addEventListener('click', () => step($(b.dataset.for), Number(b.dataset.delta))));
  $('start').addEventListener('click', start);
  $('pause').addEventListener('click', () => control('pause'));
  $('resume').addEventListener('click', () => control('resume'));
  $('stop').addEventListener('click', () => control('stop'));
  $('estop').addEventListener('click', emergencyStop);
  $('message').addEventListener('click', () => say(''));
  $('clear-fault').addEventListener('click', clearFault);
  $('token-form').addEventListener('submit', useToken);
  $('token-forget').addEventListener('click', () => { setToken(''); $('token').value = ''; loadModules(); });
  document.querySelectorAll('.tabs button').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));
  window.addEventListener('resize', () => page.live && page.live.resize());
  setInterval(renderRemaining, 500);
}

async function main() {
  wire();
  loadLevels().catch(() => {}); // without the table the level shows no mmHg
  events({ telemetry: onTelemetry, session: onSession, device: onDevice, fault: onFault,
    program: () => loadPrograms().catch(() => {}) }, onConnection);
  try {
    await loadPrograms();
    await loadDevices();
  } catch (e) {
    say(e.message);
  }
  document.body.dataset.ready = 'true';
}

main();
