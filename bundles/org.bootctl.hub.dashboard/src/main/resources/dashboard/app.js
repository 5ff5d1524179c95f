// The hub's dashboard: tabs, the access token, and the live stream that keeps every view current.

import { events, sendable, setToken, token } from './api.js';
import * as fleet from './fleet.js';
import * as sessions from './sessions.js';
import * as usage from './usage.js';
import * as client from './client.js';

const $ = (id) => document.getElementById(id);
const loaded = new Set();
let recordsChanged = null;

function showTab(name, focus) {
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  for (const panel of document.querySelectorAll('[data-panel]')) panel.hidden = panel.dataset.panel !== name;
  if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
  if (!loaded.has(name)) {
    loaded.add(name);
    if (name === 'sessions') sessions.load();
    if (name === 'usage') usage.load();
  } else if (name === 'usage') {
    usage.load(); // its chart needs the panel's width
  }
}

function initTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => showTab(tab.dataset.tab));
    tab.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      showTab(tabs[(next + tabs.length) % tabs.length].dataset.tab, true);
    });
  }
  const wanted = location.hash.slice(1);
  showTab(tabs.some((t) => t.dataset.tab === wanted) ? wanted : 'fleet');
}

function initToken(restart) {
  const form = $('token-form');
  const toggle = $('token-toggle');
  const label = () => { toggle.textContent = token() ? 'Access token ✓' : 'Access token'; };
  toggle.addEventListener('click', () => {
    form.hidden = !form.hidden;
    toggle.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) $('token').focus();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = $('token').value.trim();
    if (value && !sendable(value)) {
      $('fleet-message').textContent = 'A browser cannot send this token (it has letters beyond Latin-1 or a line break): check it, or use the command line.';
      return;
    }
    setToken(value);
    $('token').value = '';
    form.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    label();
    restart();
  });
  $('token-forget').addEventListener('click', () => {
    setToken('');
    $('token').value = '';
    label();
    restart();
  });
  label();
}

function connection(live, why) {
  const c = $('connection');
  c.classList.toggle('live', live);
  c.textContent = live ? 'live' : 'not live: reconnecting';
  c.title = live ? 'changes appear as they happen' : why || '';
  if (!live && why) $('fleet-message').textContent = `Live updates stopped: ${why}. Trying again.`;
  if (live) {
    $('fleet-message').textContent = '';
    fleet.load().then(suggest); // catch up on what happened while away
  }
}

function suggest() {
  sessions.suggest(fleet.sites(), fleet.allUnits());
}

/** A new record: the open views that show records are asked again, at most once a second. */
function recordArrived() {
  if (recordsChanged) return;
  recordsChanged = setTimeout(() => {
    recordsChanged = null;
    if (!$('panel-sessions').hidden) sessions.load();
    else loaded.delete('sessions');
    if (!$('panel-usage').hidden) usage.load();
    else loaded.delete('usage');
  }, 1000);
}

let stopStream = null;

function startStream() {
  if (stopStream) stopStream();
  stopStream = events('/api/fleet/events', {
    unit: (unit) => { fleet.update(unit); suggest(); },
    record: recordArrived,
  }, connection);
}

async function main() {
  fleet.init($('fleet'), $('fleet-message'));
  sessions.init();
  usage.init();
  client.init();
  initToken(() => {
    loaded.clear();
    fleet.load().then(suggest);
    startStream();
    showTab(location.hash.slice(1) || 'fleet');
  });
  initTabs();
  await fleet.load();
  suggest();
  startStream();
  document.body.dataset.ready = 'true';
}

main();
