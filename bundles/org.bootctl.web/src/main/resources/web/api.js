// The REST API and the event stream, as the page uses them (docs/API.md).

export class ApiError extends Error {
  constructor(status, message, details) {
    super(message);
    this.status = status;
    this.details = details || [];
  }
}

/** One request; resolves to the JSON answer, rejects with the API's own error sentence. */
export async function api(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
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
    throw new ApiError(0, 'the controller does not answer: ' + e.message);
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const message = data && data.error ? data.error : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message, data && data.details);
  }
  return data;
}

/** The live stream: calls handlers[eventName](data); the browser reconnects by itself. */
export function events(handlers, onConnection) {
  const source = new EventSource('/api/events');
  for (const [name, handler] of Object.entries(handlers)) {
    source.addEventListener(name, (e) => handler(JSON.parse(e.data)));
  }
  source.onopen = () => onConnection(true);
  source.onerror = () => onConnection(false);
  return source;
}
