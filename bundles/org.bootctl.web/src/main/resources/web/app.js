// The kiosk page: pick a device, see its zones live, choose a program and start, pause, resume,
// stop; emergency stop always; faults, live chart and history. Talks only to /api (docs/API.md).
import { api, events } from './api.js';
import { drawGarment } from './garment.js';
import { LiveChart, planChart, traceChart } from './charts.js';

const LEVEL_MMHG = [30, 43, 57, 70, 83, 97, 110];
const ACTIVE = ['FIT_CHECK', 'RUNNING', 'PAUSED', 'VENTING'];
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
};

const device = () => page.devices.get(page.deviceId);
const active = () => page.session && ACTIVE.includes(page.session.state);

let sayTimer = 0;
/** A sentence for the person: an error stays until the next action or a tap, good news goes by itself. */
function say(text, ok = false) {
  clearTimeout(sayTimer);
  $('message').textContent = text || '';
  $('message').classList.toggle('ok', ok);
  if (ok) sayTimer = setTimeout(() => say(''), 4000);
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

function renderSession() {
  const d = device();
  const s = page.session;
  const stateWord = s ? s.state : d ? d.state || 'IDLE' : '—';
  $('state').textContent = stateWord;
  $('state').className = 'state ' + stateWord;
  $('cycle').textContent = s && s.cycle > 0 ? `cycle ${s.cycle}` : '';
  if (s) page.countdown = { remainingMs: s.remainingMs, at: performance.now() };
  renderRemaining();
  const on = active();
  $('start').hidden = on;
  $('pause').hidden = !(s && (s.state === 'RUNNING' || s.state === 'FIT_CHECK'));
  $('resume').hidden = !(s && s.state === 'PAUSED');
  $('stop').hidden = !(s && ['FIT_CHECK', 'RUNNING', 'PAUSED'].includes(s.state));
  $('garment-hint').textContent = on ? '' : 'Tap zones to boost them (+10 mmHg)';
  // the settings are for the next session: locked while one runs
  document.querySelectorAll('#program, #level, #minutes, #fit-check, #ramp, button.step').forEach((x) => { x.disabled = on; });
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
  // the banner takes a few lines of an 800x480 screen: the plan preview makes room for it
  document.body.classList.toggle('faulted', Boolean(fault));
  $('fault-message').textContent = fault ? fault.message : '';
}

/** The zones chosen for the next session; while one runs, the zones it boosts. */
function renderBoost() {
  const chosen = active() ? new Set(page.session.settings.boost) : page.boost;
  const zones = [...chosen].sort((a, b) => a - b);
  $('boost').textContent = zones.length ? `Boost: zone${zones.length > 1 ? 's' : ''} ${zones.join(', ')} (+10 mmHg)` : 'No boosted zones';
  if (page.garment) page.garment.setBoost(chosen);
}

function renderLevel() {
  const level = Number($('level').value);
  $('level-mmhg').textContent = LEVEL_MMHG[level - 1] ? `· ${LEVEL_MMHG[level - 1]} mmHg` : '';
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
  loadPlan();
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
  page.programs = await api('GET', '/api/programs');
  renderPrograms();
}

let planTimer = 0;
function loadPlan() {
  clearTimeout(planTimer);
  planTimer = setTimeout(async () => {
    const program = $('program').value;
    if (!program || !page.deviceId) return;
    const query = new URLSearchParams({ device: page.deviceId, level: $('level').value });
    if (page.boost.size) query.set('boost', [...page.boost].join(','));
    try {
      const plan = await api('GET', `/api/programs/${encodeURIComponent(program)}/plan?${query}`);
      page.plan = planChart($('plan-chart'), plan, page.plan);
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
    const start = r.start ? new Date(r.start) : null;
    const when = start ? `${start.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${start.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : '';
    const level = r.settings ? (r.settings.level ? `level ${r.settings.level}` : `${r.settings.pressure} mmHg`) : '';
    li.innerHTML = '<span class="when"></span><span class="what"></span><span class="reason"></span>';
    li.querySelector('.when').textContent = when;
    li.querySelector('.what').textContent = `${r.program} · ${level} · ${r.device}`;
    const reason = li.querySelector('.reason');
    reason.textContent = r.endReason || r.state;
    reason.classList.add(r.state);
    li.addEventListener('click', () => showTrace(r, li));
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
    $('modules-message').textContent = e.status === 401 ? 'The module list needs the access token.' : e.message;
  }
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
  try {
    const answer = await api(method, path, body);
    say('');
    if (done) done(answer);
  } catch (e) {
    say(e.message);
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
  }, (session) => fromAnswer(session, eventsBefore));
}

function control(verb) {
  if (!page.session) return;
  const eventsBefore = page.sessionEvents;
  act('POST', `/api/sessions/${encodeURIComponent(page.session.id)}/${verb}`, undefined,
    (session) => fromAnswer(session, eventsBefore));
}

/** Every device vents: in an emergency nobody should have to pick the right one first. */
async function emergencyStop() {
  try {
    await api('POST', '/api/estop');
    say('Emergency stop: every device is venting', true);
  } catch (e) {
    // the all-devices call failed: try each device on its own
    await Promise.allSettled([...page.devices.keys()].map((id) =>
      api('POST', `/api/devices/${encodeURIComponent(id)}/estop`)));
    say(`Emergency stop sent to each device (${e.message})`);
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
    say('Boost zones are chosen before a session starts');
    return;
  }
  if (page.boost.has(zone)) page.boost.delete(zone); else page.boost.add(zone);
  renderBoost();
  loadPlan();
}

function step(input, delta) {
  const [min, max] = input.id === 'level' ? [1, 7] : [0, 120];
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
    api('GET', `/api/sessions/${encodeURIComponent(latest)}`).then(onSession).catch(() => {});
  }
  renderSession();
}

function onFault(event) {
  const d = page.devices.get(event.device);
  if (!d) return;
  page.devices.set(d.id, { ...d, fault: event.fault });
  if (event.device === page.deviceId) renderFault();
}

// ---- wiring ----------------------------------------------------------------------------------

function wire() {
  $('device').addEventListener('change', (e) => selectDevice(e.target.value));
  $('program').addEventListener('change', () => { renderDescription(); loadPlan(); });
  $('level').addEventListener('change', () => { renderLevel(); loadPlan(); });
  $('level').addEventListener('input', renderLevel);
  document.querySelectorAll('button.step').forEach((b) =>
    b.addEventListener('click', () => step($(b.dataset.for), Number(b.dataset.delta))));
  $('start').addEventListener('click', start);
  $('pause').addEventListener('click', () => control('pause'));
  $('resume').addEventListener('click', () => control('resume'));
  $('stop').addEventListener('click', () => control('stop'));
  $('estop').addEventListener('click', emergencyStop);
  $('message').addEventListener('click', () => say(''));
  $('clear-fault').addEventListener('click', clearFault);
  document.querySelectorAll('.tabs button').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));
  window.addEventListener('resize', () => page.live && page.live.resize());
  setInterval(renderRemaining, 500);
}

async function main() {
  wire();
  renderLevel();
  events({ telemetry: onTelemetry, session: onSession, device: onDevice, fault: onFault,
    program: () => loadPrograms().catch(() => {}) },
  (live) => $('connection').classList.toggle('live', live));
  try {
    await loadPrograms();
    await loadDevices();
  } catch (e) {
    say(e.message);
  }
  document.body.dataset.ready = 'true';
}

main();
