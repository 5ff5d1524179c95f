// Sessions: the stored records, filtered; each record's details on a click; the same rows as CSV.

import { api, query, text } from './api.js';
import { cell, el, fault, minutes, number, time } from './format.js';

// a record is the unit's history line (docs/FLEET.md): deviceId and programId; device and program as the web's API says them
const deviceOf = (r) => r.deviceId ?? r.device;
const programOf = (r) => r.programId ?? r.program;

const $ = (id) => document.getElementById(id);

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter's fields; a date that is not YYYY-MM-DD is refused here, in words. */
function filters() {
  const f = Object.fromEntries(new FormData($('session-filter')).entries());
  for (const [name, words] of [['from', 'From'], ['to', 'To']]) {
    if (f[name] && !DAY.test(f[name].trim())) throw new Error(`${words} must be a day written YYYY-MM-DD, e.g. 2026-12-01`);
    if (f[name]) f[name] = f[name].trim();
  }
  // the API takes a day as the whole day (UTC) at either end
  return f;
}

/** Rows of records into a table body; a click (or Enter) shows that record in the details box. */
export function fillRecords(tbody, records, details) {
  // a refresh (a new record came in) keeps the record being read open
  const open = details.hidden ? null : tbody.querySelector('tr.selected')?.dataset.id;
  tbody.replaceChildren();
  details.hidden = true;
  if (!records.length) {
    const tr = el('tr', 'none');
    const td = el('td', null, 'No sessions match.');
    td.colSpan = 7;
    tr.append(td);
    tbody.append(tr);
    return;
  }
  for (const r of records) {
    const tr = el('tr', `record-row ${r.state || ''}`);
    tr.dataset.id = r.id;
    tr.tabIndex = 0;
    tr.append(cell('Ended', time(r.end)), cell('Site', r.site), cell('Unit', r.unit), cell('Device', deviceOf(r)),
      cell('Program', programOf(r)), cell('Minutes', minutes(r), 'num'), cell('End reason', r.endReason || r.state, 'reason'));
    const select = (focus) => {
      tbody.querySelectorAll('tr.selected').forEach((row) => row.classList.remove('selected'));
      tr.classList.add('selected');
      showRecord(details, r, focus);
    };
    tr.addEventListener('click', () => select(true));
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(true); } });
    tbody.append(tr);
    if (r.id === open) select(false);
  }
}

/** The record's settings in words (docs/API.md). */
const SETTING = { level: 'intensity', capMmHg: 'cap (mmHg)', minutes: 'minutes', boostZones: 'boosted zones',
  boost: 'boosted zones', rampIn: 'ramp-in', ramp: 'ramp-in', fitCheck: 'fit check', pressure: 'pressure (mmHg)' };

function listed(map, format) {
  const entries = Object.entries(map || {});
  return entries.length ? entries.map(([k, v]) => format(k, v)).join(', ') : '—';
}

function showRecord(details, r, focus) {
  details.replaceChildren();
  const close = el('button', 'close', 'Close');
  close.type = 'button';
  close.addEventListener('click', () => { details.hidden = true; });
  details.append(el('h3', null, `Session ${r.id}`), close);
  const dl = el('dl');
  const settings = r.settings || {};
  const rows = [
    ['Site / unit', `${r.site} / ${r.unit}`],
    ['Device', [deviceOf(r), r.model, r.serial && `serial ${r.serial}`, r.firmware && `firmware ${r.firmware}`].filter(Boolean).join(' · ')],
    ['Program', [programOf(r), r.programVersion && `version ${r.programVersion}`].filter(Boolean).join(' ')],
    ['Started', time(r.start)],
    ['Ended', time(r.end)],
    ['Minutes', minutes(r)],
    ['End', [r.state, r.endReason].filter(Boolean).join(': ')],
    ['Fault', fault(r.fault) || 'none'],
    ['Settings', Object.entries(settings).filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${SETTING[k] || k} ${Array.isArray(v) ? v.join(', ') || 'none' : v === true ? 'on' : v === false ? 'off' : v}`)
      .join('; ')],
    ['Cycles', r.cycles ?? '—'],
    ['Peak pressure (mmHg)', listed(r.peakMmHg, (c, p) => `${c} ${number(p, 1)}`)],
    ['Fit check (ms)', listed(r.fitCheckMs, (z, ms) => `zone ${z} ${ms}`)],
    ['Interrupted', r.interrupted ? 'yes: the controller stopped during the session' : 'no'],
    ['Client', r.client || '—'],
  ];
  for (const [name, value] of rows) dl.append(el('dt', null, name), el('dd', null, String(value)));
  details.append(dl);
  details.hidden = false;
  if (focus) details.focus();
}

export async function load() {
  const message = $('sessions-message');
  const count = $('sessions-count');
  try {
    const q = query(filters());
    const records = await api('GET', `/api/fleet/sessions${q}`);
    message.textContent = '';
    count.textContent = `${records.length} session${records.length === 1 ? '' : 's'}, newest first`;
    fillRecords(document.querySelector('#sessions tbody'), records, $('record'));
    $('sessions').dataset.query = q; // what the rows show (tests wait for it)
  } catch (e) {
    count.textContent = '';
    message.textContent = `The sessions could not be loaded: ${e.message}`;
  }
}

/** The API's CSV of the same filter, saved as a file (fetched, so the token goes with it). */
async function downloadCsv() {
  const message = $('sessions-message');
  try {
    const csv = await text(`/api/fleet/sessions${query({ ...filters(), format: 'csv' })}`);
    const link = el('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = `sessions-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    message.textContent = '';
  } catch (e) {
    message.textContent = `The CSV could not be made: ${e.message}`;
  }
}

/** Site and name suggestions for the filter, from the fleet. */
export function suggest(sites, units) {
  const select = $('f-site');
  const chosen = select.value;
  select.replaceChildren(new Option('any', ''), ...sites.map((s) => new Option(s, s)));
  select.value = sites.includes(chosen) ? chosen : '';
  $('unit-names').replaceChildren(...[...new Set(units.map((u) => u.unit))].map((u) => new Option(u)));
  $('device-names').replaceChildren(...[...new Set(units.flatMap((u) => (u.devices || []).map((d) => d.device)))]
    .map((d) => new Option(d)));
}

export function init() {
  $('session-filter').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  $('session-filter').addEventListener('reset', () => setTimeout(load, 0));
  $('csv').addEventListener('click', downloadCsv);
}
