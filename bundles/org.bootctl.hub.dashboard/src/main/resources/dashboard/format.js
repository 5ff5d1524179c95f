// Words and numbers the same in every browser: ISO dates, 24 h times, UTC; never the locale's.

/** 2026-12-06 21:05:09 from an ISO time (UTC); '—' when there is none. */
export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** 1:05:09 or 5:09 from seconds; '—' when unknown. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(Number(seconds))) return '—';
  const s = Math.max(0, Math.round(Number(seconds)));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Treatment minutes of a record, one decimal. */
export function minutes(record) {
  const start = Date.parse(record.start);
  const end = Date.parse(record.end);
  if (Number.isNaN(start) || Number.isNaN(end)) return '—';
  return ((end - start) / 60000).toFixed(1);
}

/** A fault as a sentence: a text, or an object with a message. */
export function fault(value) {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return value.message || value.error || JSON.stringify(value);
}

/** A number with a point and no thousands separator (no locale). */
export function number(value, digits = 0) {
  return value === null || value === undefined ? '—' : Number(value).toFixed(digits);
}

/** A new element with a class and text. */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

/** A table cell that carries its column's name for the phone layout. */
export function cell(label, text, className) {
  const td = el('td', className, text);
  td.dataset.label = label;
  return td;
}
