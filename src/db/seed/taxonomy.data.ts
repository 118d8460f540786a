/** The demo shop's category tree, brands and product types with their spec attributes. */

export type CategorySeed = { slug: string; name: string; nameKm: string; children?: CategorySeed[] };

const leaf = (slug: string, name: string, nameKm: string): CategorySeed => ({ slug, name, nameKm });

export const CATEGORY_TREE: CategorySeed[] = [
  {
    slug: 'laptops',
    name: 'Laptops',
    nameKm: 'កុំព្យូទ័រយួរដៃ',
    children: [
      leaf('gaming-laptops', 'Gaming Laptops', 'កុំព្យូទ័រយួរដៃលេងហ្គេម'),
      leaf('business-laptops', 'Business Laptops', 'កុំព្យូទ័រយួរដៃសម្រាប់អាជីវកម្ម'),
      leaf('ultrabooks', 'Ultrabooks', 'កុំព្យូទ័រយួរដៃស្ដើងស្រាល'),
      leaf('2-in-1-laptops', '2-in-1 Laptops', 'កុំព្យូទ័រយួរដៃ ២ ក្នុង ១'),
    ],
  },
  {
    slug: 'desktops',
    name: 'Desktops',
    nameKm: 'កុំព្យូទ័រលើតុ',
    children: [
      leaf('gaming-pcs', 'Gaming PCs', 'កុំព្យូទ័រលេងហ្គេម'),
      leaf('office-pcs', 'Office PCs', 'កុំព្យូទ័រការិយាល័យ'),
      leaf('all-in-one-pcs', 'All-in-One PCs', 'កុំព្យូទ័រ All-in-One'),
      leaf('mini-pcs', 'Mini PCs', 'កុំព្យូទ័រខ្នាតតូច'),
    ],
  },
  {
    slug: 'components',
    name: 'Components',
    nameKm: 'គ្រឿងបន្លាស់កុំព្យូទ័រ',
    children: [
      leaf('cpus', 'CPUs', 'ខួរក្បាលកុំព្យូទ័រ (CPU)'),
      leaf('graphics-cards', 'Graphics Cards', 'កាតក្រាហ្វិក'),
      leaf('memory-ram', 'Memory (RAM)', 'អង្គចងចាំ (RAM)'),
      leaf('ssds', 'SSDs', 'ថាស SSD'),
      leaf('hard-drives', 'Hard Drives', 'ថាសរឹង (HDD)'),
      leaf('motherboards', 'Motherboards', 'បន្ទះមេ (Motherboard)'),
      leaf('power-supplies', 'Power Supplies', 'ប្រភពថាមពល (PSU)'),
      leaf('pc-cases', 'Cases', 'តួកុំព្យូទ័រ (Case)'),
    ],
  },
  {
    slug: 'monitors',
    name: 'Monitors',
    nameKm: 'ម៉ូនីទ័រ',
    children: [
      leaf('gaming-monitors', 'Gaming Monitors', 'ម៉ូនីទ័រលេងហ្គេម'),
      leaf('office-monitors', 'Office Monitors', 'ម៉ូនីទ័រការិយាល័យ'),
    ],
  },
  {
    slug: 'peripherals',
    name: 'Peripherals',
    nameKm: 'ឧបករណ៍ភ្ជាប់កុំព្យូទ័រ',
    children: [
      leaf('keyboards', 'Keyboards', 'ក្ដារចុច'),
      leaf('mice', 'Mice', 'កណ្ដុរ'),
      leaf('headsets', 'Headsets', 'កាសស្ដាប់'),
      leaf('webcams', 'Webcams', 'កាមេរ៉ាវេប'),
    ],
  },
  {
    slug: 'networking',
    name: 'Networking',
    nameKm: 'ឧបករណ៍បណ្ដាញ',
    children: [
      leaf('routers', 'Routers', 'រ៉ោតទ័រ'),
      leaf('network-switches', 'Switches', 'ស្វីចបណ្ដាញ'),
      leaf('wifi-adapters', 'Wi-Fi Adapters', 'អាដាប់ទ័រ Wi-Fi'),
    ],
  },
  {
    slug: 'storage-accessories',
    name: 'Storage & Accessories',
    nameKm: 'ឧបករណ៍ផ្ទុក និងគ្រឿងប្រើប្រាស់',
    children: [
      leaf('usb-drives', 'USB Drives', 'ហ្វ្លាសដ្រាយ USB'),
      leaf('external-drives', 'External Drives', 'ថាសរឹងខាងក្រៅ'),
      leaf('cables-adapters', 'Cables & Adapters', 'ខ្សែ និងអាដាប់ទ័រ'),
      leaf('laptop-bags', 'Bags', 'កាបូបកុំព្យូទ័រ'),
    ],
  },
  {
    slug: 'printers-ink',
    name: 'Printers & Ink',
    nameKm: 'ម៉ាស៊ីនបោះពុម្ព និងទឹកខ្មៅ',
    children: [leaf('printers', 'Printers', 'ម៉ាស៊ីនបោះពុម្ព'), leaf('ink-toner', 'Ink & Toner', 'ទឹកខ្មៅ និងតូនើ')],
  },
];

/** sku: SKU prefix; gs1: a 3-digit barcode prefix; colour: for the generated pictures. */
export type BrandSeed = { name: string; slug: string; sku: string; gs1: string; colour: string };

export const BRANDS: BrandSeed[] = [
  { name: 'ASUS', slug: 'asus', sku: 'ASU', gs1: '471', colour: '#0b5cab' },
  { name: 'Lenovo', slug: 'lenovo', sku: 'LEN', gs1: '195', colour: '#e2231a' },
  { name: 'HP', slug: 'hp', sku: 'HP', gs1: '196', colour: '#0096d6' },
  { name: 'Dell', slug: 'dell', sku: 'DEL', gs1: '884', colour: '#007db8' },
  { name: 'Acer', slug: 'acer', sku: 'ACR', gs1: '472', colour: '#5a8f16' },
  { name: 'MSI', slug: 'msi', sku: 'MSI', gs1: '482', colour: '#d6001c' },
  { name: 'Apple', slug: 'apple', sku: 'APL', gs1: '194', colour: '#4b5563' },
  { name: 'Kingston', slug: 'kingston', sku: 'KNG', gs1: '740', colour: '#c8102e' },
  { name: 'Samsung', slug: 'samsung', sku: 'SAM', gs1: '880', colour: '#1428a0' },
  { name: 'Logitech', slug: 'logitech', sku: 'LOG', gs1: '509', colour: '#0284c7' },
  { name: 'Corsair', slug: 'corsair', sku: 'COR', gs1: '840', colour: '#ca8a04' },
  { name: 'Gigabyte', slug: 'gigabyte', sku: 'GIG', gs1: '473', colour: '#ea580c' },
  { name: 'Intel', slug: 'intel', sku: 'INT', gs1: '735', colour: '#0071c5' },
  { name: 'AMD', slug: 'amd', sku: 'AMD', gs1: '730', colour: '#b91c1c' },
  { name: 'Western Digital', slug: 'western-digital', sku: 'WDC', gs1: '718', colour: '#1d4ed8' },
  { name: 'Seagate', slug: 'seagate', sku: 'SEA', gs1: '763', colour: '#4d7c0f' },
  { name: 'TP-Link', slug: 'tp-link', sku: 'TPL', gs1: '692', colour: '#0e9aa7' },
  { name: 'Razer', slug: 'razer', sku: 'RZR', gs1: '811', colour: '#16a34a' },
  { name: 'Canon', slug: 'canon', sku: 'CAN', gs1: '454', colour: '#b91c1c' },
  { name: 'Epson', slug: 'epson', sku: 'EPS', gs1: '871', colour: '#1e3a8a' },
];

type AttrSeed = {
  code: string;
  name: string;
  nameKm: string;
  dataType: 'text' | 'number' | 'boolean';
  unit?: string;
  filterable?: boolean;
};
export type TypeSeed = { code: string; name: string; nameKm: string; attrs: AttrSeed[] };

const text = (code: string, name: string, nameKm: string, filterable = true): AttrSeed => ({
  code,
  name,
  nameKm,
  dataType: 'text',
  filterable,
});
const num = (code: string, name: string, nameKm: string, unit: string, filterable = true): AttrSeed => ({
  code,
  name,
  nameKm,
  dataType: 'number',
  unit,
  filterable,
});
const bool = (code: string, name: string, nameKm: string): AttrSeed => ({ code, name, nameKm, dataType: 'boolean' });

const CPU = text('cpu', 'Processor', 'ខួរក្បាល');
const RAM = num('ram', 'RAM', 'អង្គចងចាំ', 'GB');
const STORAGE = num('storage', 'Storage', 'ទំហំផ្ទុក', 'GB');
const GPU = text('gpu', 'Graphics', 'កាតក្រាហ្វិក');
const OS = text('os', 'Operating system', 'ប្រព័ន្ធប្រតិបត្តិការ');
const WIRELESS = bool('wireless', 'Wireless', 'ឥតខ្សែ');

export const PRODUCT_TYPES: TypeSeed[] = [
  {
    code: 'laptop',
    name: 'Laptop',
    nameKm: 'កុំព្យូទ័រយួរដៃ',
    attrs: [CPU, RAM, STORAGE, num('screen', 'Screen size', 'ទំហំអេក្រង់', 'in'), GPU, OS],
  },
  {
    code: 'desktop',
    name: 'Desktop PC',
    nameKm: 'កុំព្យូទ័រលើតុ',
    attrs: [CPU, RAM, STORAGE, GPU, OS, text('form_factor', 'Form factor', 'ទម្រង់')],
  },
  {
    code: 'cpu',
    name: 'Processor',
    nameKm: 'ខួរក្បាលកុំព្យូទ័រ',
    attrs: [
      num('cores', 'Cores', 'ស្នូល', 'cores'),
      num('threads', 'Threads', 'ខ្សែស្រឡាយ', 'threads', false),
      text('socket', 'Socket', 'សុកគ្រីត'),
      num('base_clock', 'Base clock', 'ល្បឿនមូលដ្ឋាន', 'GHz', false),
      num('boost_clock', 'Boost clock', 'ល្បឿនអតិបរមា', 'GHz', false),
    ],
  },
  {
    code: 'gpu',
    name: 'Graphics card',
    nameKm: 'កាតក្រាហ្វិក',
    attrs: [
      text('chipset', 'Chipset', 'ឈីបសិត'),
      num('vram', 'Video memory', 'អង្គចងចាំវីដេអូ', 'GB'),
      text('memory_type', 'Memory type', 'ប្រភេទអង្គចងចាំ', false),
    ],
  },
  {
    code: 'ram',
    name: 'Memory module',
    nameKm: 'អង្គចងចាំ RAM',
    attrs: [
      num('capacity', 'Capacity', 'ចំណុះ', 'GB'),
      num('speed', 'Speed', 'ល្បឿន', 'MHz'),
      text('type', 'Type', 'ប្រភេទ'),
      text('form_factor', 'Form factor', 'ទម្រង់'),
    ],
  },
  {
    code: 'ssd',
    name: 'SSD',
    nameKm: 'ថាស SSD',
    attrs: [
      num('capacity', 'Capacity', 'ចំណុះ', 'GB'),
      text('interface', 'Interface', 'ការតភ្ជាប់'),
      text('form_factor', 'Form factor', 'ទម្រង់'),
      num('read_speed', 'Read speed', 'ល្បឿនអាន', 'MB/s', false),
    ],
  },
  {
    code: 'hdd',
    name: 'Hard drive',
    nameKm: 'ថាសរឹង',
    attrs: [
      num('capacity', 'Capacity', 'ចំណុះ', 'TB'),
      num('rpm', 'Spindle speed', 'ល្បឿនបង្វិល', 'rpm'),
      text('form_factor', 'Form factor', 'ទម្រង់'),
      text('use', 'Designed for', 'សម្រាប់'),
    ],
  },
  {
    code: 'motherboard',
    name: 'Motherboard',
    nameKm: 'បន្ទះមេ',
    attrs: [
      text('socket', 'Socket', 'សុកគ្រីត'),
      text('chipset', 'Chipset', 'ឈីបសិត'),
      text('form_factor', 'Form factor', 'ទម្រង់'),
      text('memory_type', 'Memory type', 'ប្រភេទ RAM'),
      bool('wifi', 'Built-in Wi-Fi', 'Wi-Fi ភ្ជាប់មកជាមួយ'),
    ],
  },
  {
    code: 'psu',
    name: 'Power supply',
    nameKm: 'ប្រភពថាមពល',
    attrs: [
      num('wattage', 'Wattage', 'កម្លាំង', 'W'),
      text('efficiency', '80 PLUS rating', 'កម្រិត 80 PLUS'),
      bool('modular', 'Modular cables', 'ខ្សែដកដោតបាន'),
    ],
  },
  {
    code: 'case',
    name: 'PC case',
    nameKm: 'តួកុំព្យូទ័រ',
    attrs: [
      text('form_factor', 'Motherboard support', 'គាំទ្របន្ទះមេ'),
      num('fans', 'Fans included', 'កង្ហារភ្ជាប់មក', 'fans', false),
      bool('glass', 'Tempered glass panel', 'បន្ទះកញ្ចក់'),
    ],
  },
  {
    code: 'monitor',
    name: 'Monitor',
    nameKm: 'ម៉ូនីទ័រ',
    attrs: [
      num('size', 'Screen size', 'ទំហំអេក្រង់', 'in'),
      text('resolution', 'Resolution', 'កម្រិតច្បាស់'),
      num('refresh', 'Refresh rate', 'អត្រាផ្លាស់ប្ដូរ', 'Hz'),
      text('panel', 'Panel', 'ប្រភេទផ្ទាំង'),
    ],
  },
  {
    code: 'keyboard',
    name: 'Keyboard',
    nameKm: 'ក្ដារចុច',
    attrs: [text('switch', 'Switch', 'ប្រភេទគ្រាប់ចុច'), text('layout', 'Layout', 'ប្លង់'), WIRELESS],
  },
  {
    code: 'mouse',
    name: 'Mouse',
    nameKm: 'កណ្ដុរ',
    attrs: [
      num('dpi', 'Sensor resolution', 'កម្រិតសេនស័រ', 'DPI'),
      WIRELESS,
      num('buttons', 'Buttons', 'ប៊ូតុង', 'buttons', false),
    ],
  },
  {
    code: 'headset',
    name: 'Headset',
    nameKm: 'កាសស្ដាប់',
    attrs: [text('connection', 'Connection', 'ការតភ្ជាប់'), WIRELESS, bool('microphone', 'Microphone', 'មីក្រូហ្វូន')],
  },
  {
    code: 'webcam',
    name: 'Webcam',
    nameKm: 'កាមេរ៉ាវេប',
    attrs: [
      text('resolution', 'Resolution', 'កម្រិតច្បាស់'),
      num('fps', 'Frame rate', 'អត្រាស៊ុម', 'fps'),
      bool('microphone', 'Microphone', 'មីក្រូហ្វូន'),
    ],
  },
  {
    code: 'router',
    name: 'Router',
    nameKm: 'រ៉ោតទ័រ',
    attrs: [
      text('wifi', 'Wi-Fi standard', 'ស្តង់ដារ Wi-Fi'),
      num('speed', 'Wi-Fi speed', 'ល្បឿន Wi-Fi', 'Mbps'),
      text('bands', 'Bands', 'ប្រេកង់'),
      bool('sim', '4G SIM slot', 'រន្ធស៊ីម 4G'),
    ],
  },
  {
    code: 'switch',
    name: 'Network switch',
    nameKm: 'ស្វីចបណ្ដាញ',
    attrs: [
      num('ports', 'Ports', 'រន្ធ', 'ports'),
      text('speed', 'Port speed', 'ល្បឿនរន្ធ'),
      bool('managed', 'Managed', 'អាចគ្រប់គ្រងបាន'),
      bool('poe', 'PoE', 'PoE'),
    ],
  },
  {
    code: 'wifi_adapter',
    name: 'Wi-Fi adapter',
    nameKm: 'អាដាប់ទ័រ Wi-Fi',
    attrs: [
      text('wifi', 'Wi-Fi standard', 'ស្តង់ដារ Wi-Fi'),
      text('interface', 'Interface', 'ការតភ្ជាប់'),
      num('speed', 'Speed', 'ល្បឿន', 'Mbps'),
    ],
  },
  {
    code: 'portable_storage',
    name: 'Portable storage',
    nameKm: 'ឧបករណ៍ផ្ទុកចល័ត',
    attrs: [
      num('capacity', 'Capacity', 'ចំណុះ', 'GB'),
      text('interface', 'Interface', 'ការតភ្ជាប់'),
      text('media', 'Drive type', 'ប្រភេទថាស'),
    ],
  },
  {
    code: 'printer',
    name: 'Printer',
    nameKm: 'ម៉ាស៊ីនបោះពុម្ព',
    attrs: [
      text('technology', 'Technology', 'បច្ចេកវិទ្យា'),
      text('functions', 'Functions', 'មុខងារ'),
      bool('colour', 'Colour printing', 'បោះពុម្ពពណ៌'),
      bool('wifi', 'Wi-Fi', 'Wi-Fi'),
    ],
  },
  { code: 'generic', name: 'Accessory', nameKm: 'គ្រឿងប្រើប្រាស់', attrs: [] },
];
