/**
 * Simple flat drawings of each product type for the generated pictures (1200×900 canvas,
 * product drawn in the middle band). `c` is the brand colour, `d` a dark body colour.
 */
type Draw = (c: string, d: string) => string;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const fan = (cx: number, cy: number, r: number, c: string) =>
  `<circle cx="${cx}" cy="${cy}" r="${r}" fill="#111827" stroke="${c}" stroke-width="6"/>` +
  `<circle cx="${cx}" cy="${cy}" r="${r * 0.28}" fill="${c}"/>` +
  range(6)
    .map(
      (i) =>
        `<line x1="${cx}" y1="${cy}" x2="${cx + Math.cos(i) * r * 0.85}" y2="${cy + Math.sin(i) * r * 0.85}" ` +
        'stroke="#374151" stroke-width="10"/>',
    )
    .join('');

const laptop: Draw = (c, d) =>
  `<rect x="330" y="150" width="540" height="350" rx="18" fill="${d}"/>` +
  `<rect x="350" y="170" width="500" height="300" rx="6" fill="${c}" opacity="0.9"/>` +
  `<path d="M350 470 L850 170 L850 470 Z" fill="#fff" opacity="0.08"/>` +
  `<path d="M250 510 L950 510 L910 560 L290 560 Z" fill="#cbd5e1"/>` +
  `<rect x="530" y="512" width="140" height="12" rx="6" fill="#94a3b8"/>`;

const desktop: Draw = (c, d) =>
  `<rect x="470" y="130" width="260" height="480" rx="20" fill="${d}"/>` +
  `<rect x="490" y="150" width="14" height="440" rx="7" fill="${c}"/>` +
  fan(617, 260, 62, c) +
  fan(617, 420, 62, c) +
  `<circle cx="617" cy="555" r="10" fill="${c}"/>`;

const chip: Draw = (c, d) =>
  range(10)
    .map(
      (i) =>
        `<rect x="${455 + i * 30}" y="190" width="12" height="420" fill="#d4a017"/>` +
        `<rect x="410" y="${235 + i * 33}" width="380" height="12" fill="#d4a017"/>`,
    )
    .join('') +
  `<rect x="440" y="220" width="320" height="360" rx="14" fill="#065f46"/>` +
  `<rect x="480" y="260" width="240" height="280" rx="10" fill="#cbd5e1"/>` +
  `<rect x="520" y="300" width="160" height="200" rx="8" fill="${c}"/>` +
  `<rect x="440" y="220" width="320" height="360" rx="14" fill="none" stroke="${d}" stroke-width="6"/>`;

const gpu: Draw = (c, d) =>
  `<rect x="220" y="250" width="760" height="260" rx="26" fill="${d}"/>` +
  `<rect x="220" y="250" width="760" height="30" rx="14" fill="${c}"/>` +
  fan(400, 390, 95, c) +
  fan(650, 390, 95, c) +
  `<rect x="980" y="240" width="26" height="300" fill="#9ca3af"/>` +
  `<rect x="300" y="510" width="420" height="26" fill="#d4a017"/>`;

const ram: Draw = (c, d) =>
  `<rect x="200" y="300" width="800" height="150" rx="10" fill="#065f46"/>` +
  `<rect x="200" y="280" width="800" height="130" rx="12" fill="${d}"/>` +
  `<path d="M200 330 L1000 330 L1000 350 L200 350 Z" fill="${c}"/>` +
  range(40)
    .map((i) => `<rect x="${212 + i * 19.5}" y="452" width="12" height="26" fill="#d4a017"/>`)
    .join('') +
  `<rect x="585" y="450" width="22" height="30" fill="#f8fafc"/>`;

const ssd: Draw = (c, d) =>
  `<rect x="240" y="330" width="720" height="140" rx="12" fill="${d}"/>` +
  `<rect x="260" y="350" width="200" height="100" rx="6" fill="#111827"/>` +
  `<rect x="480" y="350" width="140" height="100" rx="6" fill="#111827"/>` +
  `<rect x="640" y="350" width="140" height="100" rx="6" fill="#111827"/>` +
  `<rect x="260" y="350" width="520" height="16" fill="${c}"/>` +
  range(12)
    .map((i) => `<rect x="${965}" y="${340 + i * 10}" width="28" height="6" fill="#d4a017"/>`)
    .join('') +
  `<circle cx="215" cy="400" r="18" fill="none" stroke="#9ca3af" stroke-width="8"/>`;

const hdd: Draw = (c, d) =>
  `<rect x="390" y="150" width="420" height="480" rx="22" fill="#9ca3af"/>` +
  `<rect x="410" y="170" width="380" height="440" rx="16" fill="#d1d5db"/>` +
  `<circle cx="600" cy="350" r="150" fill="#e5e7eb" stroke="${d}" stroke-width="4"/>` +
  `<circle cx="600" cy="350" r="36" fill="${c}"/>` +
  `<path d="M720 540 L640 380" stroke="${d}" stroke-width="16" stroke-linecap="round"/>` +
  `<rect x="430" y="560" width="200" height="30" fill="${c}"/>`;

const board: Draw = (c, d) =>
  `<rect x="370" y="140" width="460" height="500" rx="10" fill="#1f2937"/>` +
  `<rect x="470" y="210" width="150" height="150" rx="8" fill="#9ca3af"/>` +
  `<rect x="495" y="235" width="100" height="100" fill="${c}"/>` +
  range(4)
    .map((i) => `<rect x="${660 + i * 30}" y="190" width="14" height="240" fill="${d === '#111827' ? '#4b5563' : d}"/>`)
    .join('') +
  range(3)
    .map((i) => `<rect x="400" y="${450 + i * 55}" width="360" height="18" fill="${i === 0 ? c : '#6b7280'}"/>`)
    .join('');

const psu: Draw = (c, d) =>
  `<rect x="370" y="220" width="460" height="360" rx="16" fill="${d}"/>` +
  fan(600, 400, 140, c) +
  `<rect x="370" y="220" width="460" height="26" fill="${c}"/>`;

const pcCase: Draw = (c, d) =>
  `<rect x="420" y="120" width="360" height="520" rx="20" fill="${d}"/>` +
  `<rect x="445" y="145" width="250" height="470" rx="12" fill="#1e293b" stroke="${c}" stroke-width="4"/>` +
  fan(570, 260, 48, c) +
  fan(570, 390, 48, c) +
  fan(570, 520, 48, c) +
  `<rect x="715" y="145" width="40" height="470" rx="8" fill="#111827"/>`;

const monitor: Draw = (c, d) =>
  `<rect x="240" y="120" width="720" height="420" rx="16" fill="${d}"/>` +
  `<rect x="260" y="140" width="680" height="370" rx="4" fill="${c}" opacity="0.92"/>` +
  `<path d="M260 510 L940 140 L940 510 Z" fill="#fff" opacity="0.08"/>` +
  `<rect x="570" y="540" width="60" height="80" fill="#6b7280"/>` +
  `<rect x="450" y="615" width="300" height="22" rx="11" fill="#4b5563"/>`;

const keyboard: Draw = (c, d) =>
  `<rect x="160" y="300" width="880" height="250" rx="24" fill="${d}"/>` +
  range(5)
    .map((row) =>
      range(15)
        .map(
          (k) =>
            `<rect x="${185 + k * 56}" y="${320 + row * 44}" width="46" height="36" rx="6" ` +
            `fill="${row === 0 && k < 3 ? c : '#374151'}"/>`,
        )
        .join(''),
    )
    .join('') +
  `<rect x="185" y="550" width="830" height="6" fill="${c}"/>`;

const mouse: Draw = (c, d) =>
  `<ellipse cx="600" cy="390" rx="140" ry="215" fill="${d}"/>` +
  `<path d="M600 175 L600 330" stroke="#4b5563" stroke-width="6"/>` +
  `<rect x="588" y="230" width="24" height="60" rx="12" fill="${c}"/>` +
  `<path d="M480 480 Q600 560 720 480" stroke="${c}" stroke-width="10" fill="none"/>`;

const headset: Draw = (c, d) =>
  `<path d="M400 470 Q400 180 600 180 Q800 180 800 470" stroke="${d}" stroke-width="40" fill="none" ` +
  'stroke-linecap="round"/>' +
  `<rect x="350" y="400" width="110" height="190" rx="50" fill="${d}"/>` +
  `<rect x="740" y="400" width="110" height="190" rx="50" fill="${d}"/>` +
  `<rect x="370" y="430" width="70" height="130" rx="35" fill="${c}"/>` +
  `<rect x="760" y="430" width="70" height="130" rx="35" fill="${c}"/>` +
  `<path d="M400 570 Q420 640 520 640" stroke="${d}" stroke-width="14" fill="none"/>`;

const webcam: Draw = (c, d) =>
  `<rect x="400" y="280" width="400" height="150" rx="75" fill="${d}"/>` +
  `<circle cx="600" cy="355" r="58" fill="#111827" stroke="${c}" stroke-width="10"/>` +
  `<circle cx="600" cy="355" r="22" fill="#334155"/>` +
  `<circle cx="720" cy="330" r="8" fill="${c}"/><path d="M560 430 L530 560 L670 560 L640 430 Z" fill="#4b5563"/>`;

const router: Draw = (c, d) =>
  range(4)
    .map((i) => `<rect x="${380 + i * 140}" y="170" width="22" height="250" rx="11" fill="${d}"/>`)
    .join('') +
  `<rect x="300" y="400" width="600" height="140" rx="30" fill="${d}"/>` +
  range(6)
    .map((i) => `<circle cx="${400 + i * 60}" cy="470" r="9" fill="${c}"/>`)
    .join('');

const netSwitch: Draw = (c, d) =>
  `<rect x="160" y="330" width="880" height="160" rx="14" fill="${d}"/>` +
  range(8)
    .map(
      (i) =>
        `<rect x="${300 + i * 80}" y="380" width="56" height="46" rx="4" fill="#111827" ` +
        'stroke="#6b7280" stroke-width="3"/>' +
        `<circle cx="${328 + i * 80}" cy="450" r="6" fill="${c}"/>`,
    )
    .join('') +
  `<rect x="190" y="370" width="70" height="30" rx="6" fill="${c}"/>`;

const dongle: Draw = (c, d) =>
  `<rect x="420" y="340" width="300" height="130" rx="26" fill="${d}"/>` +
  `<rect x="720" y="370" width="110" height="70" fill="#9ca3af"/>` +
  `<rect x="745" y="388" width="20" height="14" fill="#4b5563"/>` +
  `<rect x="785" y="388" width="20" height="14" fill="#4b5563"/>` +
  `<rect x="470" y="170" width="26" height="190" rx="13" fill="${d}"/><circle cx="600" cy="405" r="14" fill="${c}"/>`;

const drive: Draw = (c, d) =>
  `<rect x="430" y="180" width="340" height="440" rx="34" fill="${d}"/>` +
  `<rect x="455" y="205" width="290" height="390" rx="24" fill="${c}" opacity="0.85"/>` +
  `<circle cx="600" cy="560" r="9" fill="#f8fafc"/>` +
  `<path d="M600 620 Q600 700 720 700 L820 700" stroke="#4b5563" stroke-width="14" fill="none"/>`;

const printer: Draw = (c, d) =>
  `<rect x="400" y="160" width="400" height="120" fill="#f8fafc" stroke="#cbd5e1" stroke-width="4"/>` +
  `<rect x="280" y="260" width="640" height="260" rx="26" fill="${d}"/>` +
  `<rect x="300" y="280" width="600" height="22" fill="${c}"/>` +
  `<rect x="360" y="480" width="480" height="110" fill="#f8fafc" stroke="#cbd5e1" stroke-width="4"/>` +
  `<rect x="760" y="330" width="110" height="50" rx="8" fill="#111827"/>` +
  `<circle cx="790" cy="410" r="10" fill="${c}"/>`;

const box: Draw = (c, d) =>
  `<path d="M380 260 L600 180 L820 260 L820 560 L600 640 L380 560 Z" fill="${d}"/>` +
  `<path d="M380 260 L600 340 L820 260 L600 180 Z" fill="${c}"/>` +
  `<path d="M600 340 L600 640" stroke="#0f172a" stroke-width="4"/>` +
  `<path d="M470 225 L690 305 L690 380 L730 365 L730 290 L510 210 Z" fill="#f8fafc" opacity="0.5"/>`;

export const SILHOUETTES: Record<string, Draw> = {
  laptop,
  desktop,
  cpu: chip,
  gpu,
  ram,
  ssd,
  hdd,
  motherboard: board,
  psu,
  case: pcCase,
  monitor,
  keyboard,
  mouse,
  headset,
  webcam,
  router,
  switch: netSwitch,
  wifi_adapter: dongle,
  portable_storage: drive,
  printer,
  generic: box,
};
