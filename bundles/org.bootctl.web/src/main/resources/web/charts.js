// Charts with uPlot (served from its WebJar, global `uPlot`): live pressures of the last 60 s,
// one cycle of a plan, and the trace of a past session.

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const WINDOW_S = 60;

function zoneColour(zone) {
  return PALETTE[(zone - 1) % PALETTE.length];
}

function size(el, height) {
  return { width: Math.max(200, (el.clientWidth || 480) - 4), height };
}

/** The live chart fills what its tab leaves free, under the legend line. */
function liveHeight(el) {
  const panel = el.closest('.tab');
  return Math.max(140, (panel && panel.clientHeight ? panel.clientHeight : 280) - 40);
}

/** Zone colours in words: the same colour on both limbs, the right one dashed. */
function legend(device) {
  const line = document.createElement('div');
  line.className = 'legend';
  for (const zone of device.zones) {
    const item = document.createElement('span');
    item.style.color = zoneColour(zone.index);
    item.textContent = `■ ${zone.index} ${zone.name}`.trimEnd();
    line.appendChild(item);
  }
  if (device.limbs === 2) line.append(device.channels.some((c) => c.limb) ? ' · right limb dashed' : '');
  return line;
}

/** Axis ticks as m:ss, or as seconds with a decimal where the ticks are less than a second apart. */
function timeTicks(u, ticks) {
  const fine = ticks.length > 1 && ticks[1] - ticks[0] < 1;
  return ticks.map((t) => (fine ? `${t.toFixed(1)} s` : minutesSeconds(t)));
}

/** Plain numbers whatever the browser's locale: 1200, 2.5 (no thousands separators, a dot). */
function plainTicks(u, ticks) {
  return ticks.map((t) => String(Math.round(t * 100) / 100));
}

/** Wall-clock ticks as 24-hour HH:MM:SS, whatever the browser's locale. */
function clockTicks(u, ticks) {
  return ticks.map((t) => {
    const d = new Date(t * 1000);
    return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  });
}

function minutesSeconds(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function channelSeries(channel) {
  return { label: channel.id, stroke: zoneColour(channel.zone), width: 1.5,
    dash: channel.limb === 'right' ? [6, 4] : undefined, points: { show: false } };
}

/** Every channel of one device over the last 60 s, redrawn at most a few times a second. */
export class LiveChart {
  constructor(el, device) {
    this.el = el;
    this.channels = device.channels.length;
    this.data = [[], ...device.channels.map(() => [])];
    this.pending = false;
    el.replaceChildren(legend(device));
    const top = device.limits ? device.limits.hardLimitMmHg : 130;
    this.plot = new uPlot({
      ...size(el, liveHeight(el)),
      legend: { show: false },
      scales: { x: { time: true }, y: { range: [0, top] } },
      axes: [{ space: 70, values: clockTicks }, { label: 'mmHg', size: 48, values: plainTicks }],
      series: [{}, ...device.channels.map(channelSeries)],
    }, this.data, el);
  }

  push(frame) {
    const now = Date.now() / 1000;
    const last = this.data[0].length ? this.data[0][this.data[0].length - 1] : now;
    // the clock was set back (NTP, a person): what was drawn lies ahead of now and would never
    // leave the window, which would grow for as long as the step: start afresh
    if (now < last) this.data.forEach((column) => { column.length = 0; });
    this.data[0].push(now);
    for (let i = 0; i < this.channels; i++) this.data[i + 1].push(frame.pressures[i] ?? null);
    while (this.data[0].length && this.data[0][0] < now - WINDOW_S) this.data.forEach((column) => column.shift());
    if (!this.pending) {
      this.pending = true;
      setTimeout(() => {
        this.pending = false;
        if (this.destroyed) return; // another device was chosen meanwhile
        this.plot.setData(this.data);
        this.el.dataset.points = this.data[0].length; // what the chart holds, for a look from outside
      }, 200);
    }
  }

  resize() {
    this.plot.setSize(size(this.el, liveHeight(this.el)));
  }

  destroy() {
    this.destroyed = true;
    this.plot.destroy();
  }
}

/**
 * One cycle of a plan, each zone's target over time, as `bootctl plot` draws it: a legend of the
 * zones, mmHg up, seconds across. The fills take as long as the garment needs; the chart allows an
 * assumed few seconds each, so its time axis is approximate (the caption says so). A fixed height,
 * and the width of its box, followed as the box resizes.
 */
export function planChart(el, plan, old, device) {
  if (old) old.destroy();
  const FILL_S = 3;
  const HEIGHT = window.innerHeight < 600 ? 120 : 150; // a short kiosk screen keeps room for the settings
  const xs = [];
  const ys = Array.from({ length: plan.zones }, () => []);
  let t = 0;
  for (const step of plan.steps) {
    xs.push(t);
    step.actions.forEach((a, z) => ys[z].push(a.kind === 'VENT' ? 0 : a.targetMmHg));
    t += step.holdMs / 1000 + (step.actions.some((a) => a.kind === 'FILL') ? FILL_S : 0);
  }
  t = Math.max(t, plan.minCycleMs / 1000);
  xs.push(t);
  ys.forEach((y) => y.push(y[y.length - 1]));
  const top = Math.ceil((Math.max(...ys.flat(), 10) + 10) / 10) * 10;
  const zones = Array.from({ length: plan.zones }, (_, z) => {
    const zone = device && device.zones ? device.zones.find((x) => x.index === z + 1) : null;
    return { index: z + 1, name: zone ? zone.name : '' };
  });
  const caption = legend({ zones, limbs: 1, channels: [] });
  caption.classList.add('plan-legend');
  caption.append(` · one cycle ≈ ${Math.round(t)} s (fills take what the garment needs)`);
  el.replaceChildren(caption);
  const width = () => Math.max(200, (el.clientWidth || el.parentElement.clientWidth || 480) - 4);
  const plot = new uPlot({
    width: width(),
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false }, y: { range: [0, top] } },
    axes: [
      { label: 'seconds', labelSize: 16, size: 26, values: plainTicks, space: 50,
        incrs: [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600] },
      { label: 'mmHg', labelSize: 16, size: 40, values: plainTicks, space: 24 },
    ],
    series: [{}, ...ys.map((_, z) => ({ label: `zone ${z + 1}`, stroke: zoneColour(z + 1), width: 2,
      points: { show: false }, paths: uPlot.paths.stepped({ align: 1 }) }))],
  }, [xs, ...ys], el);
  // the same width on every load: the box's, once laid out, and again whenever it changes
  const observer = new ResizeObserver(() => {
    const w = width();
    if (Math.abs(w - plot.width) > 1) plot.setSize({ width: w, height: HEIGHT });
  });
  observer.observe(el);
  return { destroy() { observer.disconnect(); plot.destroy(); }, plot };
}

/** Parses a trace CSV (docs/TRACE.md): t_ms, then a <channel>_p column of mmHg per channel. */
export function parseTrace(csv, maxPoints = 3000) {
  const lines = csv.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const tIndex = header.indexOf('t_ms');
  const columns = header.map((name, i) => ({ name, i })).filter((c) => c.name.endsWith('_p'));
  const every = Math.max(1, Math.ceil((lines.length - 1) / maxPoints));
  const data = [[], ...columns.map(() => [])];
  for (let r = 1; r < lines.length; r += every) {
    const cells = lines[r].split(',');
    data[0].push(Number(cells[tIndex]) / 1000);
    columns.forEach((c, k) => data[k + 1].push(cells[c.i] === '' ? null : Number(cells[c.i])));
  }
  return { channels: columns.map((c) => c.name.slice(0, -2)), data };
}

export function traceChart(el, csv, old) {
  if (old) old.destroy();
  const trace = parseTrace(csv);
  const zones = [...new Set(trace.channels.map((id) => Number(id.slice(1)) || 1))].sort((a, b) => a - b);
  el.replaceChildren(legend({ zones: zones.map((z) => ({ index: z, name: '' })), limbs: 2,
    channels: trace.channels.map((id) => ({ limb: id[0] === 'Z' ? null : 'x' })) }));
  return new uPlot({
    ...size(el, Math.max(110, (el.clientHeight || 220) - 30)),
    legend: { show: false },
    scales: { x: { time: false } },
    axes: [{ values: timeTicks }, { label: 'mmHg', values: plainTicks }],
    series: [{ label: 'time', value: (u, v) => (v == null ? '' : minutesSeconds(v)) },
      ...trace.channels.map((id) => channelSeries({ id, zone: Number(id.slice(1)) || 1, limb: id[0] === 'R' ? 'right' : 'left' }))],
  }, trace.data, el);
}
