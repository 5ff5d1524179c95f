// A client's adherence: sessions and minutes per week, and the sessions, for an opaque client id.

import { api } from './api.js';
import { cell, el, number } from './format.js';
import { fillRecords } from './sessions.js';

const $ = (id) => document.getElementById(id);

async function show(client) {
  const message = $('client-message');
  const weeks = $('client-weeks');
  const sessions = $('client-sessions');
  try {
    const answer = await api('GET', `/api/fleet/clients/${encodeURIComponent(client)}`);
    message.textContent = '';
    const tbody = weeks.querySelector('tbody');
    tbody.replaceChildren();
    for (const w of answer.weeks || []) {
      const tr = el('tr');
      tr.dataset.week = w.week;
      tr.append(cell('Week', w.week), cell('Sessions', w.sessions, 'num'), cell('Minutes', number(w.minutes), 'num'));
      tbody.append(tr);
    }
    if (!(answer.weeks || []).length) message.textContent = `No sessions of client ${client} are stored.`;
    fillRecords(sessions.querySelector('tbody'), answer.sessions || [], $('client-record'));
    weeks.hidden = false;
    sessions.hidden = false;
  } catch (e) {
    weeks.hidden = true;
    sessions.hidden = true;
    $('client-record').hidden = true;
    message.textContent = `The client's sessions could not be loaded: ${e.message}`;
  }
}

export function init() {
  $('client-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const client = $('client-id').value.trim();
    if (client) show(client);
  });
}
