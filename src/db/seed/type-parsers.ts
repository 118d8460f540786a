/**
 * Reads a model string of each product type (see the models.*.ts headers) into spec values,
 * variant dimensions, a base price and a one-line summary.
 */
type DimValue = { label: string; code: string; delta: number };
export type Dim = { name: string; values: DimValue[] };
export type SpecValues = Record<string, string | number | boolean>;
type Parsed = { specs: SpecValues; price: number; dims: Dim[]; short: string };
type ParseContext = { brand: string | null; category: string };

const yes = (v: string | undefined) => v === 'y';
const nums = (v: string | undefined) =>
  (v ?? '')
    .split('/')
    .map(Number)
    .filter((n) => n > 0);
const gb = (n: number) =>
  n >= 1000 && n % 1000 === 0 ? `${n / 1000} TB` : n >= 1024 && n % 1024 === 0 ? `${n / 1024} TB` : `${n} GB`;
const dollars = (n: number) => Math.round(n);

/** 'Colour: Black/White+5' → a variant dimension; "+n" / "-n" change the price by n dollars. */
export function parseOptionField(field: string): Dim | null {
  const m = /^([A-Za-z ]+):\s*(.+)$/.exec(field);
  if (!m) return null;
  const values = m[2]!.split('/').map((raw) => {
    const pm = /^(.*?)([+-]\d+(?:\.\d+)?)?$/.exec(raw.trim())!;
    const label = pm[1]!.trim();
    return {
      label,
      code: label
        .replace(/[^A-Za-z0-9]/g, '')
        .toUpperCase()
        .slice(0, 6),
      delta: Number(pm[2] ?? 0),
    };
  });
  return { name: m[1]!.trim(), values };
}

/** RAM and storage choices of a computer, priced up from the first one. */
function computerDims(ram: number[], storage: number[], apple: boolean): Dim[] {
  const ramStep = apple ? 25 : 5.5; // dollars per extra GB
  const storageStep = (gbs: number) => (apple ? gbs * 0.39 : gbs <= 512 ? gbs * 0.23 : gbs * 0.16);
  const dims: Dim[] = [];
  if (ram.length)
    dims.push({
      name: 'RAM',
      values: ram.map((r) => ({ label: `${r} GB`, code: String(r), delta: dollars((r - ram[0]!) * ramStep) })),
    });
  if (storage.length)
    dims.push({
      name: 'Storage',
      values: storage.map((s) => ({
        label: gb(s),
        code: String(s),
        delta: dollars(storageStep(s) - storageStep(storage[0]!)),
      })),
    });
  return dims;
}

/** A capacity dimension priced by a factor table relative to a reference size. */
function capacityDim(
  caps: number[],
  base: number,
  factor: (c: number) => number,
  unit: 'GB' | 'TB',
): { price: number; dim: Dim } {
  const price = (c: number) => dollars(base * factor(c));
  const first = price(caps[0]!);
  const label = (c: number) => (unit === 'TB' ? `${c} TB` : gb(c));
  return {
    price: first,
    dim: {
      name: 'Capacity',
      values: caps.map((c) => ({
        label: label(c),
        code: unit === 'TB' ? `${c}TB` : String(c),
        delta: price(c) - first,
      })),
    },
  };
}

const ssdFactor = (c: number) => (c <= 256 ? 0.5 : c <= 512 ? 0.66 : c <= 1024 ? 1 : c <= 2048 ? 1.75 : 3.3);
const hddFactor = (tb: number) => ({ 1: 0.75, 2: 1, 4: 1.55, 6: 2.2, 8: 2.8, 12: 4 })[tb] ?? tb / 2;
const ramFactor = (c: number) => (c / 16) * (c <= 8 ? 1.15 : c >= 32 ? 0.95 : 1);

const osFor = (ctx: ParseContext) =>
  ctx.brand === 'Apple'
    ? 'macOS'
    : ctx.category.startsWith('business') || ctx.category === 'office-pcs'
      ? 'Windows 11 Pro'
      : 'Windows 11 Home';
const FORM = {
  'gaming-pcs': 'Tower',
  'office-pcs': 'Tower',
  'all-in-one-pcs': 'All-in-One',
  'mini-pcs': 'Mini PC',
} as Record<string, string>;

type Parser = (f: string[], ctx: ParseContext) => Omit<Parsed, 'dims'> & { dims?: Dim[] };

export const PARSERS: Record<string, Parser> = {
  laptop: ([, cpu, gpu, screen, ram, storage, price], ctx) => {
    const r = nums(ram),
      s = nums(storage);
    return {
      specs: { cpu: cpu!, ram: r[0]!, storage: s[0]!, screen: Number(screen), gpu: gpu!, os: osFor(ctx) },
      price: Number(price),
      dims: computerDims(r, s, ctx.brand === 'Apple'),
      short: `${screen}-inch laptop with ${cpu}, ${gpu}, ${r[0]} GB RAM and a ${gb(s[0]!)} SSD.`,
    };
  },
  desktop: ([, cpu, gpu, ram, storage, price], ctx) => {
    const r = nums(ram),
      s = nums(storage);
    const form = FORM[ctx.category] ?? 'Tower';
    return {
      specs: { cpu: cpu!, ram: r[0]!, storage: s[0]!, gpu: gpu!, os: osFor(ctx), form_factor: form },
      price: Number(price),
      dims: computerDims(r, s, ctx.brand === 'Apple'),
      short: `${form} PC with ${cpu}, ${gpu}, ${r[0]} GB RAM and a ${gb(s[0]!)} SSD, ready to use.`,
    };
  },
  cpu: ([, cores, threads, socket, base, boost, price]) => ({
    specs: {
      cores: Number(cores),
      threads: Number(threads),
      socket: socket!,
      base_clock: Number(base),
      boost_clock: Number(boost),
    },
    price: Number(price),
    short: `${cores}-core, ${threads}-thread desktop processor for ${socket}, up to ${boost} GHz.`,
  }),
  gpu: ([, chipset, vram, mem, price]) => ({
    specs: { chipset: chipset!, vram: Number(vram), memory_type: mem! },
    price: Number(price),
    short: `${chipset} graphics card with ${vram} GB ${mem} for smooth 1080p and 1440p gaming.`,
  }),
  ram: ([, type, speed, form, caps, per16]) => {
    const c = capacityDim(nums(caps), Number(per16), ramFactor, 'GB');
    return {
      specs: { capacity: nums(caps)[0]!, speed: Number(speed), type: type!, form_factor: form! },
      price: c.price,
      dims: [c.dim],
      short: `${type} ${speed} MHz ${form === 'SO-DIMM' ? 'laptop' : 'desktop'} memory (${form}).`,
    };
  },
  ssd: ([, iface, form, read, caps, per1tb]) => {
    const c = capacityDim(nums(caps), Number(per1tb), ssdFactor, 'GB');
    return {
      specs: { capacity: nums(caps)[0]!, interface: iface!, form_factor: form!, read_speed: Number(read) },
      price: c.price,
      dims: [c.dim],
      short: `${form} ${iface} solid-state drive, reads up to ${Number(read).toLocaleString('en-US')} MB/s.`,
    };
  },
  hdd: ([, use, form, rpm, caps, per2tb]) => {
    const c = capacityDim(nums(caps), Number(per2tb), hddFactor, 'TB');
    return {
      specs: { capacity: nums(caps)[0]!, rpm: Number(rpm), form_factor: form!, use: use! },
      price: c.price,
      dims: [c.dim],
      short: `${form} ${rpm} rpm SATA hard drive built for ${use!.toLowerCase()} use.`,
    };
  },
  motherboard: ([, socket, chipset, form, mem, wifi, price]) => ({
    specs: { socket: socket!, chipset: chipset!, form_factor: form!, memory_type: mem!, wifi: yes(wifi) },
    price: Number(price),
    short:
      `${form} ${chipset} motherboard for ${socket} processors with ${mem} memory` +
      `${yes(wifi) ? ' and built-in Wi-Fi' : ''}.`,
  }),
  psu: ([, watts, eff, modular, price]) => ({
    specs: { wattage: Number(watts), efficiency: eff!, modular: yes(modular) },
    price: Number(price),
    short: `${watts} W 80 PLUS ${eff} power supply${yes(modular) ? ' with modular cables' : ''}.`,
  }),
  case: ([, form, fans, glass, price]) => ({
    specs: { form_factor: form!, fans: Number(fans), glass: yes(glass) },
    price: Number(price),
    short:
      `${form} case with ${fans} fan${fans === '1' ? '' : 's'} included` +
      `${yes(glass) ? ' and a tempered glass side panel' : ''}.`,
  }),
  monitor: ([, size, res, hz, panel, price]) => ({
    specs: { size: Number(size), resolution: res!, refresh: Number(hz), panel: panel! },
    price: Number(price),
    short: `${size}-inch ${res} ${panel} monitor at ${hz} Hz.`,
  }),
  keyboard: ([, sw, layout, wireless, price]) => ({
    specs: { switch: sw!, layout: layout!, wireless: yes(wireless) },
    price: Number(price),
    short: `${yes(wireless) ? 'Wireless' : 'Wired'} ${layout!.toLowerCase()} keyboard with ${sw} switches.`,
  }),
  mouse: ([, dpi, wireless, buttons, price]) => ({
    specs: { dpi: Number(dpi), wireless: yes(wireless), buttons: Number(buttons) },
    price: Number(price),
    short:
      `${yes(wireless) ? 'Wireless' : 'Wired'} mouse, ` +
      `${Number(dpi).toLocaleString('en-US')} DPI sensor and ${buttons} buttons.`,
  }),
  headset: ([, conn, wireless, mic, price]) => ({
    specs: { connection: conn!, wireless: yes(wireless), microphone: yes(mic) },
    price: Number(price),
    short:
      `${yes(wireless) ? 'Wireless' : 'Wired'} ${conn} headset` +
      `${yes(mic) ? ' with microphone' : ''} for calls, classes and games.`,
  }),
  webcam: ([, res, fps, mic, price]) => ({
    specs: { resolution: res!, fps: Number(fps), microphone: yes(mic) },
    price: Number(price),
    short: `${res} webcam at ${fps} fps${yes(mic) ? ' with built-in microphone' : ''} for meetings and streaming.`,
  }),
  router: ([, wifi, speed, bands, sim, price]) => ({
    specs: { wifi: wifi!, speed: Number(speed), bands: bands!, sim: yes(sim) },
    price: Number(price),
    short: `${bands} ${wifi} router up to ${speed} Mbps${yes(sim) ? ' with a 4G SIM slot' : ''}.`,
  }),
  switch: ([, ports, speed, managed, poe, price]) => ({
    specs: { ports: Number(ports), speed: speed!, managed: yes(managed), poe: yes(poe) },
    price: Number(price),
    short: `${ports}-port ${speed} ${yes(managed) ? 'managed' : 'unmanaged'} switch${yes(poe) ? ' with PoE' : ''}.`,
  }),
  wifi_adapter: ([, wifi, iface, speed, price]) => ({
    specs: { wifi: wifi!, interface: iface!, speed: Number(speed) },
    price: Number(price),
    short: `${wifi} adapter (${iface}) up to ${speed} Mbps.`,
  }),
  portable_storage: ([, media, iface, price]) => ({
    specs: { media: media!, interface: iface! },
    price: Number(price),
    short: `Portable ${media === 'Flash' ? 'flash drive' : `${media} drive`} over ${iface}.`,
  }),
  printer: ([, tech, functions, colour, wifi, price]) => ({
    specs: { technology: tech!, functions: functions!, colour: yes(colour), wifi: yes(wifi) },
    price: Number(price),
    short:
      `${yes(colour) ? 'Colour' : 'Mono'} ${tech!.toLowerCase()} printer (${functions})` +
      `${yes(wifi) ? ' with Wi-Fi' : ''}.`,
  }),
  generic: ([, price]) => ({ specs: {}, price: Number(price), short: '' }),
};
