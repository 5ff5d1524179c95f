// The hub's REST API and event stream (docs/HUB.md), with the access token when one is entered.

import { sendable, tokenStore } from './token.js';

/** The access token entered at "Access token", kept for this browser tab only ('' when none). */
export const { token, setToken } = tokenStore('bootctl-hub-token');
export { sendable };

function headers(accept) {
  const h = { Accept: accept };
  if (token()) h.Authorization = `Bearer ${token()}`;
  return h;
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The API's own error sentence, or what went wrong on the way, in words. */
async function failure(response) {
  let message = `${response.status} ${response.statusText}`.trim();
  try {
    const data = await response.json();
    if (data && data.error) message = data.error;
  } catch (notJson) {
    // keep the status line
  }
  if (response.status === 401) message += ' (enter the access token: "Access token", top right)';
  return new ApiError(response.status, message);
}

async function send(method, path, body, accept, timeoutMs) {
  const init = { method, headers: headers(accept) };
  // the fleet e-stop needs no token (docs/HUB.md): a stale or odd one never stands in its way
  if (path === '/api/fleet/estop') delete init.headers.Authorization;
  if (timeoutMs) init.signal = AbortSignal.timeout(timeoutMs);
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, e.name === 'TimeoutError' ? `the hub did not answer within ${timeoutMs / 1000} s`
      : `the hub does not answer (${e.message})`);
  }
  if (!response.ok) throw await failure(response);
  return response;
}

/** GET or POST; resolves to the JSON answer, rejects with an ApiError (also when timeoutMs, if given, passes first). */
export async function api(method, path, body, timeoutMs) {
  const response = await send(method, path, body, 'application/json', timeoutMs);
  return response.status === 204 ? null : response.json();
}

/** GET as text (the CSV export). */
export async function text(path) {
  return (await send('GET', path, undefined, 'text/csv')).text();
}

/** A query string of the non-empty fields. */
export function query(fields) {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null && String(value).trim() !== '') q.set(name, String(value).trim());
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * The live stream, read with fetch rather than EventSource so the token can go in a header.
 * Calls handlers[event](data); onState(true|false, why) on connect and loss; reconnects by itself
 * after 1 s, then up to 15 s apart. Returns a function that ends it.
 */
export function events(path, handlers, onState) {
  let stopped = false;
  let controller = null;
  let delay = 1000;

  function dispatch(block) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length || !handlers[name]) return;
    try {
      handlers[name](JSON.parse(data.join('\n')));
    } catch (e) {
      console.warn(`event ${name} not understood`, e);
    }
  }

  async function run() {
    while (!stopped) {
      controller = new AbortController();
      let why = 'the link to the hub dropped';
      try {
        const response = await fetch(path, { headers: headers('text/event-stream'), signal: controller.signal, cache: 'no-store' });
        if (!response.ok) {
          why = (await failure(response)).message;
        } else {
          onState(true);
          delay = 1000;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer = (buffer + value).replace(/\r\n?/g, '\n');
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              dispatch(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          }
        }
      } catch (e) {
        if (stopped) return;
        why = `the hub does not answer (${e.message})`;
      }
      if (stopped) return;
      onState(false, why);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15000);
    }
  }

  run();
  return () => {
    stopped = true;
    if (controller) controller.abort();
  };
}
