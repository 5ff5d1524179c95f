// The garment as its zones: one column per limb, zone 1 (foot or hand) at the bottom, each zone
// coloured by its live pressure with the mmHg written on it. Tapping a zone calls onTap(zone).

const NS = 'http://www.w3.org/2000/svg';
const WIDTH = 320;
const HEIGHT = 400;

function el(name, attributes, parent) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

/** Fill colour for a pressure: pale at 0, deep blue at 120 mmHg and above. */
export function pressureColour(mmHg) {
  const t = Math.max(0, Math.min(1, mmHg / 120));
  return `hsl(212, ${45 + 35 * t}%, ${95 - 60 * t}%)`;
}

/** Enter or Space on something that acts as a button: what a click does, from the keyboard alone. */
export function onKey(event, action) {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  action();
}

export function drawGarment(svg, device, onTap) {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  if (!device) return { update() {}, setBoost() {} };
  const limbs = device.limbs === 2 ? ['left', 'right'] : ['left'];
  const zones = device.zones;
  const top = 22;
  const zoneHeight = (HEIGHT - top - 6) / zones.length;
  const columnWidth = WIDTH / limbs.length;
  const cells = [];

  limbs.forEach((limb, column) => {
    const centre = columnWidth * column + columnWidth / 2;
    el('text', { x: centre, y: 14, class: 'limb-label' }, svg).textContent =
      limbs.length === 1 ? '' : limb === 'left' ? 'Left' : 'Right';
    zones.forEach((zone, i) => {
      // distal zones narrower, proximal wider, like a limb
      const width = (columnWidth - 20) * (0.62 + 0.38 * (zones.length === 1 ? 1 : i / (zones.length - 1)));
      const y = HEIGHT - 6 - (i + 1) * zoneHeight;
      const channel = device.channels.findIndex((c) => c.zone === zone.index && (c.limb === limb || c.limb === null));
      const g = el('g', { class: 'zone', 'data-zone': zone.index, 'data-limb': limb, 'data-channel': channel,
        'data-testid': `zone-${zone.index}-${limb}`, role: 'button', tabindex: 0,
        'aria-label': `zone ${zone.index} (${zone.name}, ${limb})` }, svg);
      const rect = el('rect', { x: centre - width / 2, y: y + 2, width, height: zoneHeight - 4, rx: 10,
        fill: pressureColour(0) }, g);
      const value = el('text', { x: centre, y: y + zoneHeight / 2 - 5, class: 'mmhg' }, g);
      value.textContent = '0 mmHg';
      const name = el('text', { x: centre, y: y + zoneHeight / 2 + 10, class: 'name' }, g);
      name.textContent = `${zone.index} ${zone.name}`;
      g.addEventListener('click', () => onTap(zone.index));
      g.addEventListener('keydown', (e) => onKey(e, () => onTap(zone.index)));
      cells.push({ g, rect, value, name, channel, zone: zone.index });
    });
  });

  return {
    /** pressures: mmHg per channel, in the device's channel order */
    update(pressures) {
      for (const cell of cells) {
        const p = pressures[cell.channel] ?? 0;
        cell.rect.setAttribute('fill', pressureColour(p));
        cell.value.textContent = `${Math.round(p)} mmHg`;
        const dark = p > 66;
        cell.value.setAttribute('fill', dark ? '#fff' : '#1c2430');
        cell.name.setAttribute('fill', dark ? '#fff' : '#1c2430');
        cell.g.dataset.mmhg = p.toFixed(1);
      }
    },
    setBoost(boosted) {
      for (const cell of cells) cell.g.classList.toggle('boosted', boosted.has(cell.zone));
    },
  };
}
