// Utilisation: sessions and treatment minutes a day over the last 30 days, per site and per unit,
// as a uPlot chart (uPlot is global, from its WebJar); faults per 100 sessions by model and firmware.

import { api } from './api.js';
import { cell, el, number } from './format.js';

const $ = (id) => document.getElementById(id);
const DAYS = 30;

let data = null; // the last utilisation answer
let plot = null;

function scopes() {
  if (!data) return [];
  return [
    ...data.sites.map((s) => ({ id: `site:${s.site}`, label: `Site ${s.site} (all units)`, site: s.site, unit: '', days: s.days })),
    ...data.units.map((u) => ({ id: `unit:${u.site}/${u.unit}`, label: `Site ${u.site}, unit ${u.unit}`, site: u.site, unit: u.unit, days: u.days })),
  ];
}

const count = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const total = (days, field) => days.reduce((n, d) => n + (Number(d[field]) || 0), 0);

function chart(scope) {
  const box = $('usage-chart');
  if (plot) plot.destroy();
  plot = null;
  box.replaceChildren();
  if (!scope) {
    box.append(el('p', 'empty', 'No sessions stored yet.'));
    return;
  }
  box.setAttribute('aria-label', `${scope.label}: ${count(total(scope.days, 'sessions'), 'session')}, ${count(Math.round(total(scope.days, 'minutes')), 'minute')} in ${scope.days.length} days`);
  const xs = scope.days.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000);
  const sessions = scope.days.map((d) => d.sessions);
  const mins = scope.days.map((d) => d.minutes);
  const width = Math.max(260, box.clientWidth || 600);
  plot = new uPlot({
    width,
    height: width < 500 ? 220 : 280,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    scales: { x: { time: true, range: (u, min, max) => [min - 43200, max + 43200] }, sessions: { range: (u, min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] },
      minutes: { range: (u, min, max) => [0, Math.max(10, Math.ceil(max * 1.15))] } },
    axes: [
      { values: (u, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(5, 10)), space: 50 },
      { scale: 'sessions', label: 'sessions', size: 50 },
      { scale: 'minutes', label: 'minutes', side: 1, size: 56, grid: { show: false } },
    ],
    series: [
      { label: 'day', value: (u, v) => (v == null ? '' : new Date(v * 1000).toISOString().slice(0, 10)) },
      { label: 'sessions', scale: 'sessions', stroke: '#1f6fb2', fill: 'rgba(31,111,178,0.35)',
        paths: uPlot.paths.bars({ size: [0.7, 40] }), points: { show: false } },
      { label: 'minutes', scale: 'minutes', stroke: '#b35c00', width: 2, points: { show: true, size: 4 } },
    ],
  }, [xs, sessions, mins], box);
}

function fillScopes() {
  const select = $('usage-scope');
  const chosen = select.value;
  const list = scopes();
  select.replaceChildren(...list.map((s) => new Option(s.label, s.id)));
  select.value = list.some((s) => s.id === chosen) ? chosen : (list[0] ? list[0].id : '');
  chart(list.find((s) => s.id === select.value));
  const tbody = document.querySelector('#usage-table tbody');
  tbody.replaceChildren();
  for (const s of list) {
    const tr = el('tr', s.unit ? 'unit-row' : 'site-row');
    tr.tabIndex = 0;
    tr.dataset.scope = s.id;
    tr.append(cell('Site', s.site), cell('Unit', s.unit || 'all units'), cell('Sessions', total(s.days, 'sessions'), 'num'),
      cell('Minutes', number(total(s.days, 'minutes')), 'num'));
    const pick = () => { select.value = s.id; chart(s); $('usage-chart').scrollIntoView({ block: 'nearest' }); };
    tr.addEventListener('click', pick);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') pick(); });
    tbody.append(tr);
  }
}

function fillFaults(table, rows, message) {
  const tbody = table.querySelector('tbody');
  tbody.replaceChildren();
  if (!rows.length) {
    const tr = el('tr');
    const td = el('td', null, 'No sessions stored yet.');
    td.colSpan = 4;
    tr.append(td);
    tbody.append(tr);
  }
  const top = Math.max(1, ...rows.map((r) => Number(r.per100) || 0));
  for (const r of rows) {
    const tr = el('tr');
    tr.dataset.key = r.key;
    const per100 = cell('Per 100', '', 'num per100');
    const bar = el('span', 'bar');
    bar.style.width = `${Math.round((Number(r.per100) || 0) / top * 100)}%`;
    per100.append(bar, el('span', null, number(r.per100, 1)));
    tr.append(cell(table.id === 'faults-model' ? 'Model' : 'Firmware', r.key || 'unknown'), cell('Sessions', r.sessions, 'num'),
      cell('Faults', r.faults, 'num'), per100);
    tbody.append(tr);
  }
  message.textContent = '';
}

export async function load() {
  const message = $('usage-message');
  try {
    data = await api('GET', `/api/fleet/utilisation?days=${DAYS}`);
    message.textContent = '';
    fillScopes();
  } catch (e) {
    message.textContent = `The utilisation could not be loaded: ${e.message}`;
  }
  const faults = $('faults-message');
  try {
    const [model, firmware] = await Promise.all([api('GET', '/api/fleet/faults?by=model'), api('GET', '/api/fleet/faults?by=firmware')]);
    fillFaults($('faults-model'), model, faults);
    fillFaults($('faults-firmware'), firmware, faults);
  } catch (e) {
    faults.textContent = `The fault rates could not be loaded: ${e.message}`;
  }
}

export function init() {
  $('usage-scope').addEventListener('change', () => chart(scopes().find((s) => s.id === $('usage-scope').value)));
  let resizing = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => { if (data && !$('panel-usage').hidden) chart(scopes().find((s) => s.id === $('usage-scope').value)); }, 200);
  });
}
