// The REST API and the event stream, as the page uses them (docs/API.md).

import { sendable, tokenStore } from './token.js';

export class ApiError extends Error {
  constructor(status, message, details) {
    super(message);
    this.status = status;
    this.details = details || [];
  }
}

/** The access token entered on the About tab, kept for this browser tab only ('' when none). */
export const { token, setToken } = tokenStore('bootctl-token');
export { sendable };

/**
 * One request; resolves to the JSON answer, rejects with the API's own error sentence. With
 * timeoutMs, a server that has not answered by then is given up on (a rejection that says so).
 */
export async function api(method, path, body, timeoutMs) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (timeoutMs) init.signal = AbortSignal.timeout(timeoutMs);
  // the emergency stop needs no token: a stale or odd one never stands in its way
  if (token() && !path.endsWith('/estop')) init.headers.Authorization = `Bearer ${token()}`;
  if (method !== 'GET' && method !== 'DELETE') {
    init.headers['Content-Type'] = 'application/json';
  }
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, e.name === 'TimeoutError'
      ? `the controller did not answer within ${timeoutMs / 1000} s`
      : 'the controller does not answer: ' + e.message);
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    let message = data && data.error ? data.error : `the controller answered ${response.status} ${response.statusText}`.trim();
    // a person at the page has no header to set: say where the token goes
    if (response.status === 401) message += ' (enter it on the About tab, under "Access token")';
    throw new ApiError(response.status, message, data && data.details);
  }
  return data;
}

/**
 * The live stream: calls handlers[eventName](data), and onConnection(true) on every (re)connect,
 * (false) on every loss. The browser reconnects by itself after a dropped connection, but gives up
 * for good on an answer that is not a stream (429 or 503 beyond the stream limits, 404 while the
 * web module restarts): then a new stream is opened, after 2 s, then up to 30 s apart.
 */
export function events(handlers, onConnection) {
  let delay = 2000;
  let source = null;
  let retry = 0;
  const open = () => {
    source = new EventSource('/api/events');
    for (const [name, handler] of Object.entries(handlers)) {
      source.addEventListener(name, (e) => handler(JSON.parse(e.data)));
    }
    source.onopen = () => {
      delay = 2000;
      onConnection(true);
    };
    source.onerror = () => {
      onConnection(false);
      if (source.readyState === EventSource.CLOSED) {
        retry = setTimeout(open, delay);
        delay = Math.min(delay * 2, 30000);
      }
    };
  };
  open();
  // a page the browser keeps for Back (the back/forward cache) would keep its stream open too, and
  // each counts against the six one address may hold: closed while away, opened again on return
  window.addEventListener('pagehide', () => {
    clearTimeout(retry);
    source.close();
  });
  window.addEventListener('pageshow', (e) => {
    if (!e.persisted) return;
    onConnection(false);
    open();
  });
}
