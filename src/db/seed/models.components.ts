import { line, type Line } from './lines.js';

// cpu: model | cores | threads | socket | base GHz | boost GHz | price [| Package: Box/Tray-15]
// gpu: model | chipset | VRAM GB | memory type | price
// ram: model | type | speed MHz | form factor | capacities GB | price of 16 GB
// ssd: model | interface | form factor | read MB/s | capacities GB | price of 1 TB
// hdd: model | designed for | form factor | rpm | capacities TB | price of 2 TB
// motherboard: model | socket | chipset | form factor | memory | wifi y/n | price
// psu: model | watts | 80 PLUS | modular y/n | price
// case: model | motherboard support | fans | glass y/n | price [| Colour: ...]
export const COMPONENT_LINES: Line[] = [
  line('cpu', 'cpus', 'Intel', 'Core', [
    'i3-12100F | 4 | 8 | LGA1700 | 3.3 | 4.3 | 79 | Package: Box/Tray-8',
    'i5-12400F | 6 | 12 | LGA1700 | 2.5 | 4.4 | 109 | Package: Box/Tray-10 | !featured',
    'i5-13400F | 10 | 16 | LGA1700 | 2.5 | 4.6 | 179 | Package: Box/Tray-12',
    'i5-14400F | 10 | 16 | LGA1700 | 2.5 | 4.7 | 199',
    'i5-14600K | 14 | 20 | LGA1700 | 3.5 | 5.3 | 299',
    'i7-14700K | 20 | 28 | LGA1700 | 3.4 | 5.6 | 399 | Package: Box/Tray-20',
    'i9-14900K | 24 | 32 | LGA1700 | 3.2 | 6.0 | 569',
    'Ultra 7 265K | 20 | 20 | LGA1851 | 3.9 | 5.5 | 419',
    'Ultra 5 245K | 14 | 14 | LGA1851 | 4.2 | 5.2 | 319 | !draft',
  ]),
  line('cpu', 'cpus', 'AMD', 'Ryzen', [
    '5 5600 | 6 | 12 | AM4 | 3.5 | 4.4 | 119 | Package: Box/Tray-10',
    '5 7600 | 6 | 12 | AM5 | 3.8 | 5.1 | 209',
    '5 8600G | 6 | 12 | AM5 | 4.3 | 5.0 | 219',
    '7 5700X3D | 8 | 16 | AM4 | 3.0 | 4.1 | 239',
    '7 7800X3D | 8 | 16 | AM5 | 4.2 | 5.0 | 449 | !featured',
    '7 9700X | 8 | 16 | AM5 | 3.8 | 5.5 | 359',
    '9 7950X | 16 | 32 | AM5 | 4.5 | 5.7 | 599',
    '5 3600 | 6 | 12 | AM4 | 3.6 | 4.2 | 79 | !archived',
  ]),
  line('gpu', 'graphics-cards', 'ASUS', 'Dual', [
    'GeForce RTX 4060 OC 8GB | NVIDIA GeForce RTX 4060 | 8 | GDDR6 | 329',
    'GeForce RTX 3050 OC 6GB | NVIDIA GeForce RTX 3050 | 6 | GDDR6 | 199',
  ]),
  line('gpu', 'graphics-cards', 'ASUS', 'TUF Gaming', [
    'GeForce RTX 4070 Ti SUPER OC 16GB | NVIDIA GeForce RTX 4070 Ti SUPER | 16 | GDDR6X | 899',
    'Radeon RX 7800 XT OC 16GB | AMD Radeon RX 7800 XT | 16 | GDDR6 | 569',
  ]),
  line('gpu', 'graphics-cards', 'ASUS', 'ROG Strix', [
    'GeForce RTX 4090 OC 24GB | NVIDIA GeForce RTX 4090 | 24 | GDDR6X | 2199',
  ]),
  line('gpu', 'graphics-cards', 'MSI', 'GeForce', [
    'RTX 4060 Ti VENTUS 2X BLACK 8G OC | NVIDIA GeForce RTX 4060 Ti | 8 | GDDR6 | 429',
    'RTX 4070 SUPER 12G GAMING X SLIM | NVIDIA GeForce RTX 4070 SUPER | 12 | GDDR6X | 689 | !featured',
    'RTX 4080 SUPER 16G GAMING X TRIO | NVIDIA GeForce RTX 4080 SUPER | 16 | GDDR6X | 1149',
    'RTX 3060 VENTUS 2X 12G OC | NVIDIA GeForce RTX 3060 | 12 | GDDR6 | 299',
  ]),
  line('gpu', 'graphics-cards', 'Gigabyte', 'GeForce', [
    'RTX 3050 WINDFORCE OC 6G | NVIDIA GeForce RTX 3050 | 6 | GDDR6 | 189',
    'RTX 4070 WINDFORCE OC 12G | NVIDIA GeForce RTX 4070 | 12 | GDDR6X | 599',
  ]),
  line('gpu', 'graphics-cards', 'Gigabyte', 'Radeon', [
    'RX 7600 GAMING OC 8G | AMD Radeon RX 7600 | 8 | GDDR6 | 279',
    'RX 7900 XTX GAMING OC 24G | AMD Radeon RX 7900 XTX | 24 | GDDR6 | 999',
  ]),
  line('gpu', 'graphics-cards', 'Intel', 'Arc', [
    'A750 Limited Edition 8GB | Intel Arc A750 | 8 | GDDR6 | 199',
    'B580 Limited Edition 12GB | Intel Arc B580 | 12 | GDDR6 | 259',
  ]),

  line('ram', 'memory-ram', 'Kingston', 'FURY Beast', [
    'DDR5 5600MHz | DDR5 | 5600 | DIMM | 16/32 | 59 | !featured',
    'DDR4 3200MHz | DDR4 | 3200 | DIMM | 8/16/32 | 38',
    'RGB DDR5 6000MHz | DDR5 | 6000 | DIMM | 16/32 | 69',
  ]),
  line('ram', 'memory-ram', 'Kingston', 'FURY Renegade', ['DDR5 6400MHz | DDR5 | 6400 | DIMM | 16/32 | 89']),
  line('ram', 'memory-ram', 'Kingston', 'FURY Impact', [
    'DDR5 5600MHz SODIMM | DDR5 | 5600 | SO-DIMM | 16/32 | 55',
    'DDR4 3200MHz SODIMM | DDR4 | 3200 | SO-DIMM | 8/16 | 36',
  ]),
  line('ram', 'memory-ram', 'Kingston', 'ValueRAM', ['DDR4 2666MHz | DDR4 | 2666 | DIMM | 8/16 | 32']),
  line('ram', 'memory-ram', 'Corsair', 'Vengeance', [
    'LPX DDR4 3200MHz | DDR4 | 3200 | DIMM | 8/16/32 | 39',
    'RGB DDR5 6000MHz | DDR5 | 6000 | DIMM | 32/64 | 62',
    'DDR5 5600MHz SODIMM | DDR5 | 5600 | SO-DIMM | 16/32 | 54',
  ]),
  line('ram', 'memory-ram', 'Corsair', 'Dominator Titanium', ['RGB DDR5 6600MHz | DDR5 | 6600 | DIMM | 32/64 | 119']),
  line('ram', 'memory-ram', 'Samsung', 'Laptop Memory', [
    'DDR4 3200MHz SODIMM | DDR4 | 3200 | SO-DIMM | 8/16 | 29',
    'DDR5 4800MHz SODIMM | DDR5 | 4800 | SO-DIMM | 8/16/32 | 45',
  ]),

  line('ssd', 'ssds', 'Samsung', '', [
    '990 PRO NVMe M.2 SSD | PCIe 4.0 NVMe | M.2 2280 | 7450 | 1000/2000/4000 | 119 | !featured',
    '980 NVMe M.2 SSD | PCIe 3.0 NVMe | M.2 2280 | 3500 | 500/1000 | 69',
    '870 EVO SATA SSD | SATA III | 2.5-inch | 560 | 250/500/1000/2000 | 79',
    '990 EVO Plus NVMe M.2 SSD | PCIe 4.0 NVMe | M.2 2280 | 7250 | 1000/2000 | 99',
  ]),
  line('ssd', 'ssds', 'Kingston', '', [
    'NV2 NVMe M.2 SSD | PCIe 4.0 NVMe | M.2 2280 | 3500 | 250/500/1000/2000 | 59',
    'KC3000 NVMe M.2 SSD | PCIe 4.0 NVMe | M.2 2280 | 7000 | 512/1024/2048 | 89',
    'A400 SATA SSD | SATA III | 2.5-inch | 500 | 240/480/960 | 55',
    'FURY Renegade NVMe M.2 SSD | PCIe 4.0 NVMe | M.2 2280 | 7300 | 1000/2000 | 109',
  ]),
  line(
    'ssd',
    'ssds',
    'Western Digital',
    '',
    [
      'Blue SN580 NVMe SSD | PCIe 4.0 NVMe | M.2 2280 | 4150 | 500/1000/2000 | 65',
      'Black SN850X NVMe SSD | PCIe 4.0 NVMe | M.2 2280 | 7300 | 1000/2000/4000 | 99',
      'Green SATA SSD | SATA III | 2.5-inch | 545 | 240/480/1000 | 62',
    ],
    'WD',
  ),
  line('ssd', 'ssds', 'Seagate', 'FireCuda', ['530 NVMe SSD | PCIe 4.0 NVMe | M.2 2280 | 7300 | 1000/2000 | 119']),
  line('ssd', 'ssds', 'Corsair', 'MP600', ['PRO LPX NVMe SSD | PCIe 4.0 NVMe | M.2 2280 | 7100 | 1000/2000 | 99']),
  line('ssd', 'ssds', 'Gigabyte', 'AORUS', ['Gen4 7300 NVMe SSD | PCIe 4.0 NVMe | M.2 2280 | 7300 | 1000/2000 | 105']),

  line('hdd', 'hard-drives', 'Seagate', 'BarraCuda', [
    '3.5" Desktop HDD | Desktop | 3.5-inch | 7200 | 1/2/4 | 65',
    '2.5" Laptop HDD | Laptop | 2.5-inch | 5400 | 1/2 | 79',
  ]),
  line('hdd', 'hard-drives', 'Seagate', 'IronWolf', ['NAS HDD | NAS | 3.5-inch | 5900 | 4/6/8 | 95']),
  line('hdd', 'hard-drives', 'Seagate', 'SkyHawk', [
    'Surveillance HDD | Surveillance | 3.5-inch | 5900 | 2/4/6/8 | 75 | !featured',
  ]),
  line(
    'hdd',
    'hard-drives',
    'Western Digital',
    'Blue',
    ['3.5" Desktop HDD | Desktop | 3.5-inch | 7200 | 1/2/4 | 62'],
    'WD',
  ),
  line('hdd', 'hard-drives', 'Western Digital', 'Red Plus', ['NAS HDD | NAS | 3.5-inch | 5400 | 4/6/8/12 | 99'], 'WD'),
  line(
    'hdd',
    'hard-drives',
    'Western Digital',
    'Purple',
    ['Surveillance HDD | Surveillance | 3.5-inch | 5400 | 2/4/6 | 72'],
    'WD',
  ),

  line('motherboard', 'motherboards', 'ASUS', 'PRIME', [
    'B760M-A WIFI D4 | LGA1700 | Intel B760 | Micro-ATX | DDR4 | y | 149',
    'H610M-E D4 | LGA1700 | Intel H610 | Micro-ATX | DDR4 | n | 89',
  ]),
  line('motherboard', 'motherboards', 'ASUS', 'TUF GAMING', ['B650-PLUS WIFI | AM5 | AMD B650 | ATX | DDR5 | y | 199']),
  line('motherboard', 'motherboards', 'ASUS', 'ROG STRIX', [
    'Z790-E GAMING WIFI II | LGA1700 | Intel Z790 | ATX | DDR5 | y | 499',
  ]),
  line('motherboard', 'motherboards', 'MSI', 'PRO', [
    'B760M-E DDR4 | LGA1700 | Intel B760 | Micro-ATX | DDR4 | n | 99',
    'B550M-VC WIFI | AM4 | AMD B550 | Micro-ATX | DDR4 | y | 119',
  ]),
  line('motherboard', 'motherboards', 'MSI', 'MAG', [
    'B650 TOMAHAWK WIFI | AM5 | AMD B650 | ATX | DDR5 | y | 219',
    'Z790 TOMAHAWK WIFI | LGA1700 | Intel Z790 | ATX | DDR5 | y | 299',
  ]),
  line('motherboard', 'motherboards', 'Gigabyte', '', [
    'B760M DS3H AX DDR4 | LGA1700 | Intel B760 | Micro-ATX | DDR4 | y | 129',
    'B650 AORUS ELITE AX | AM5 | AMD B650 | ATX | DDR5 | y | 229',
    'A520M K V2 | AM4 | AMD A520 | Micro-ATX | DDR4 | n | 69',
    'H610M S2H DDR4 | LGA1700 | Intel H610 | Micro-ATX | DDR4 | n | 85',
  ]),

  line('psu', 'power-supplies', 'Corsair', '', [
    'CV650 | 650 | Bronze | n | 69',
    'RM750e | 750 | Gold | y | 109 | !featured',
    'RM850x | 850 | Gold | y | 149',
    'HX1200i | 1200 | Platinum | y | 279',
  ]),
  line('psu', 'power-supplies', 'MSI', 'MAG', ['A650BN | 650 | Bronze | n | 59', 'A750GL PCIE5 | 750 | Gold | y | 99']),
  line('psu', 'power-supplies', 'Gigabyte', '', ['P650B | 650 | Bronze | n | 55']),
  line('psu', 'power-supplies', 'ASUS', 'TUF Gaming', ['750W Bronze | 750 | Bronze | n | 89']),
  line('psu', 'power-supplies', 'ASUS', 'ROG Strix', ['1000W Gold Aura Edition | 1000 | Gold | y | 229']),

  line('case', 'pc-cases', 'Corsair', '', [
    '4000D Airflow | ATX | 2 | y | 104 | Colour: Black/White+5',
    '3000D RGB Airflow | ATX | 3 | y | 99 | Colour: Black/White+5',
    '2000D Airflow | Mini-ITX | 0 | n | 139',
  ]),
  line('case', 'pc-cases', 'ASUS', 'TUF Gaming', ['GT302 ARGB | ATX | 4 | y | 139 | Colour: Black/White+10']),
  line('case', 'pc-cases', 'ASUS', 'Prime', ['AP201 | Micro-ATX | 1 | n | 85 | Colour: Black/White']),
  line('case', 'pc-cases', 'MSI', 'MAG', [
    'FORGE 120A AIRFLOW | ATX | 6 | y | 69',
    'PANO M100R PZ | Micro-ATX | 4 | y | 89 | Colour: Black/White+4',
  ]),
  line('case', 'pc-cases', 'Gigabyte', '', [
    'C301 GLASS | ATX | 1 | y | 69 | Colour: Black/White+5',
    'C102 GLASS | Micro-ATX | 1 | y | 49',
  ]),
];
