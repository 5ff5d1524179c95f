// The fleet at a glance: sites, their units, each unit's devices, live; an emergency stop per
// device, unit and site that says which devices confirmed.

import { api } from './api.js';
import { duration, el, fault, time } from './format.js';

const BUSY = new Set(['FIT_CHECK', 'RUNNING', 'VENTING']);
// no session running: what confirms a stop (the hub's Estops.STOPPED)
const STOPPED = new Set(['IDLE', 'COMPLETED', 'STOPPED', 'FAULT']);
const BY = { reply: 'its reply', state: 'its state', event: 'its estop event' };
/** The hub answers a stop within about 2 s (its wait for confirmations): beyond this, the page says it is not confirmed. */
const ESTOP_WAIT_MS = 10000;

const units = new Map(); // "site/unit" -> { unit, at: ms when received }
const confirmations = new Map(); // "site/unit/device" -> { confirmed, at, by, state }
let root;
let message;

const byName = (a, b) => a.localeCompare(b, 'en', { numeric: true });
const key = (...parts) => parts.join('/');

export function init(container, messageElement) {
  root = container;
  message = messageElement;
  setInterval(tick, 1000);
}

export function sites() {
  return [...new Set([...units.values()].map((u) => u.unit.site))].sort(byName);
}

export function allUnits() {
  return [...units.values()].map((u) => u.unit);
}

/** Every unit, afresh (at start and after the stream reconnects: changes may have been missed). */
export async function load() {
  try {
    const list = await api('GET', '/api/fleet/units');
    units.clear();
    const now = Date.now();
    for (const unit of list) units.set(key(unit.site, unit.unit), { unit, at: now });
    message.textContent = '';
    render();
  } catch (e) {
    message.textContent = `The fleet could not be loaded: ${e.message}`;
  }
}

/** A unit event from the stream: that unit, redrawn (receivedAt: when its data came, to redraw older data). */
export function update(unit, receivedAt = Date.now()) {
  units.set(key(unit.site, unit.unit), { unit, at: receivedAt });
  const site = siteSection(unit.site);
  const old = site.querySelector(`.unit[data-unit="${CSS.escape(unit.unit)}"]`);
  const fresh = unitCard(unit, receivedAt);
  if (old) {
    // keep the keyboard where it was: the same stop button in the redrawn card
    const focused = old.contains(document.activeElement) ? document.activeElement.dataset.estop : null;
    old.replaceWith(fresh);
    if (focused) [...fresh.querySelectorAll('button.estop')].find((b) => b.dataset.estop === focused)?.focus();
  } else {
    insertSorted(site.querySelector('.units'), fresh, unit.unit, 'unit');
  }
  siteSummary(site, unit.site);
}

function render() {
  root.replaceChildren();
  if (!units.size) {
    root.append(el('p', 'empty', 'No unit has reported to the hub yet.'));
    return;
  }
  for (const name of sites()) {
    const site = siteSection(name);
    const list = site.querySelector('.units');
    list.replaceChildren();
    [...units.values()].filter((u) => u.unit.site === name)
      .sort((a, b) => byName(a.unit.unit, b.unit.unit))
      .forEach((u) => list.append(unitCard(u.unit, u.at)));
    siteSummary(site, name);
  }
}

function siteSection(name) {
  let site = root.querySelector(`.site[data-site="${CSS.escape(name)}"]`);
  if (site) return site;
  root.querySelector('.empty')?.remove();
  site = el('section', 'site');
  site.dataset.site = name;
  const head = el('div', 'site-head');
  const title = el('h2', null, `Site ${name}`);
  const summary = el('span', 'summary');
  head.append(title, summary, stopButton(`Stop site ${name}`, 'STOP SITE', { site: name }));
  const note = el('p', 'message estop-result');
  note.setAttribute('role', 'alert');
  site.append(head, note, el('div', 'units'));
  insertSorted(root, site, name, 'site');
  return site;
}

function siteSummary(site, name) {
  const list = [...units.values()].filter((u) => u.unit.site === name);
  const online = list.filter((u) => u.unit.state === 'online').length;
  const devices = list.reduce((n, u) => n + (u.unit.devices || []).length, 0);
  site.querySelector('.summary').textContent = `${list.length} unit${list.length === 1 ? '' : 's'}, ${online} online, ${devices} device${devices === 1 ? '' : 's'}`;
}

/** Keeps siblings in name order: attr is the data attribute that names each. */
function insertSorted(parent, child, name, attr) {
  const next = [...parent.children].find((c) => c.dataset[attr] !== undefined && byName(c.dataset[attr], name) > 0);
  parent.insertBefore(child, next || null);
}

function unitCard(unit, receivedAt) {
  const card = el('article', `unit ${unit.state}`);
  card.dataset.site = unit.site;
  card.dataset.unit = unit.unit;
  card.dataset.state = unit.state;
  const head = el('div', 'unit-head');
  const name = el('h3', null, unit.unit);
  const state = el('span', `link ${unit.state}`, unit.state === 'online' ? 'online' : 'offline');
  const since = el('span', 'since', unit.since ? `since ${time(unit.since)}` : 'since unknown');
  since.title = `last heard ${time(unit.lastSeen)}`;
  const version = el('span', 'version', unit.version ? `bootctl ${unit.version}` : '');
  head.append(name, state, since, version,
    stopButton(`Stop every device of unit ${unit.unit} at site ${unit.site}`, 'STOP UNIT', { site: unit.site, unit: unit.unit }));
  const list = el('ul', 'devices');
  const devices = [...(unit.devices || [])].sort((a, b) => byName(a.device, b.device));
  if (!devices.length) list.append(el('li', 'empty', 'No devices reported.'));
  for (const d of devices) list.append(deviceRow(unit, d, receivedAt));
  card.append(head, list);
  return card;
}

function deviceRow(unit, d, receivedAt) {
  const li = el('li', 'device');
  li.dataset.device = d.device;
  li.dataset.state = d.state || '';
  const name = el('div', 'device-name');
  name.append(el('strong', null, d.device), el('span', 'model', [d.model, d.firmware && `firmware ${d.firmware}`].filter(Boolean).join(' · ')));
  // an offline unit's devices show what they last reported, said as such
  const offline = unit.state !== 'online';
  const state = el('span', `state ${d.state || ''}`, offline ? `${words(d.state)} (last known)` : words(d.state));
  state.dataset.testid = 'device-state';
  const program = el('span', 'program', d.program ? d.program : 'no program');
  const left = el('span', 'left', '');
  if (d.remainingS !== null && d.remainingS !== undefined) {
    left.dataset.remaining = d.remainingS;
    left.dataset.at = receivedAt;
    left.dataset.running = BUSY.has(d.state) && !offline ? 'true' : 'false';
    left.textContent = leftText(left);
  }
  const lastFault = el('span', 'fault', d.lastFault ? `last fault: ${fault(d.lastFault)}` : '');
  const confirm = confirmations.get(key(unit.site, unit.unit, d.device));
  const mark = el('span', 'confirm', '');
  if (confirm && !confirm.confirmed && STOPPED.has(d.state) && receivedAt > Date.parse(confirm.at)) {
    // not within the answer's 2 s, but the device reported itself stopped since
    Object.assign(confirm, { confirmed: true, by: 'state', state: d.state, late: true });
  }
  if (confirm) {
    mark.textContent = confirm.confirmed
      ? `stop confirmed ${time(confirm.at)}${confirm.late ? ' (later)' : ''}: ${[confirm.state && words(confirm.state), BY[confirm.by] && `by ${BY[confirm.by]}`].filter(Boolean).join(', ')}`
      : `stop NOT confirmed ${time(confirm.at)}`;
    mark.classList.add(confirm.confirmed ? 'yes' : 'no');
  }
  li.append(name, state, program, left, lastFault, mark,
    stopButton(`Stop device ${d.device} of unit ${unit.unit} at site ${unit.site}`, 'STOP',
      { site: unit.site, unit: unit.unit, device: d.device }));
  return li;
}

function words(state) {
  return state ? state.toLowerCase().replace(/_/g, ' ') : 'unknown';
}

function leftText(span) {
  const elapsed = span.dataset.running === 'true' ? (Date.now() - Number(span.dataset.at)) / 1000 : 0;
  return `${duration(Number(span.dataset.remaining) - elapsed)} left`;
}

function tick() {
  root.querySelectorAll('.left[data-running="true"]').forEach((span) => { span.textContent = leftText(span); });
}

function stopButton(label, text, target) {
  const button = el('button', 'estop', text);
  button.type = 'button';
  button.setAttribute('aria-label', `Emergency stop: ${label}`);
  button.dataset.estop = JSON.stringify(target);
  button.addEventListener('click', () => estop(target, button));
  return button;
}

/** Sends the stop at once (never asks first) and reports, per device, whether it confirmed. */
async function estop(target, button) {
  const note = root.querySelector(`.site[data-site="${CSS.escape(target.site)}"] .estop-result`);
  const what = target.device ? `device ${target.device}` : target.unit ? `unit ${target.unit}` : `site ${target.site}`;
  note.classList.remove('ok');
  note.textContent = `Stopping ${what}…`;
  button.disabled = true;
  try {
    const answer = await api('POST', '/api/fleet/estop', target, ESTOP_WAIT_MS);
    const at = new Date().toISOString();
    const devices = answer.devices || [];
    for (const d of devices) {
      confirmations.set(key(d.site, d.unit, d.device), { confirmed: d.confirmed, at, by: d.confirmedBy, state: d.state });
    }
    const yes = devices.filter((d) => d.confirmed).map((d) => `${d.unit}/${d.device}`);
    const no = devices.filter((d) => !d.confirmed).map((d) => `${d.unit}/${d.device}`);
    note.textContent = `Emergency stop of ${what} sent at ${time(at)}. `
      + (yes.length ? `Confirmed: ${yes.join(', ')}. ` : '')
      + (no.length ? `NOT confirmed: ${no.join(', ')}: check those devices on site.` : '');
    if (!no.length && yes.length) note.classList.add('ok');
    for (const d of devices) {
      const u = units.get(key(d.site, d.unit));
      if (u) update(u.unit, u.at); // the marks only: the unit's data is no newer
    }
  } catch (e) {
    // a stop that timed out may still have gone out: say only what is known
    note.textContent = e.status === 0 && e.message.includes('within')
      ? `The emergency stop of ${what} is NOT confirmed: ${e.message}. Stop the devices on site.`
      : `The emergency stop of ${what} did not go out: ${e.message}. Stop the devices on site.`;
  } finally {
    button.disabled = false;
  }
}
