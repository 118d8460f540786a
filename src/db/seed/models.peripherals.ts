import { line, type Line } from './lines.js';

// monitor: model | size in | resolution | refresh Hz | panel | price
// keyboard: model | switch | layout | wireless y/n | price [| options]
// mouse: model | DPI | wireless y/n | buttons | price [| options]
// headset: model | connection | wireless y/n | microphone y/n | price [| options]
// webcam: model | resolution | fps | microphone y/n | price
// router: model | Wi-Fi | Mbps | bands | 4G SIM y/n | price
// switch: model | ports | speed | managed y/n | PoE y/n | price
// wifi_adapter: model | Wi-Fi | interface | Mbps | price
// portable_storage: model | drive type | interface | price | Capacity: ...
// printer: model | technology | functions | colour y/n | Wi-Fi y/n | price
// generic: model | price [| options]
export const PERIPHERAL_LINES: Line[] = [
  line('monitor', 'gaming-monitors', 'ASUS', 'TUF Gaming', [
    'VG249Q3A 24" 180Hz | 23.8 | 1920x1080 | 180 | Fast IPS | 149 | !featured',
    'VG27AQ3A 27" 180Hz | 27 | 2560x1440 | 180 | Fast IPS | 259',
  ]),
  line('monitor', 'gaming-monitors', 'ASUS', 'ROG Strix', [
    'XG27ACS 27" 180Hz | 27 | 2560x1440 | 180 | Fast IPS | 329',
    'XG27AQDMG 27" OLED 240Hz | 27 | 2560x1440 | 240 | OLED | 799',
  ]),
  line('monitor', 'gaming-monitors', 'MSI', '', [
    'G244F E2 24" 180Hz | 23.8 | 1920x1080 | 180 | Rapid IPS | 129',
    'MAG 274QRF QD E2 27" 180Hz | 27 | 2560x1440 | 180 | Rapid IPS | 299',
    'MAG 271QPX QD-OLED E2 | 26.5 | 2560x1440 | 240 | QD-OLED | 699',
  ]),
  line('monitor', 'gaming-monitors', 'Gigabyte', '', [
    'G27Q 27" 144Hz | 27 | 2560x1440 | 144 | IPS | 239',
    'M27Q 27" 170Hz KVM | 27 | 2560x1440 | 170 | IPS | 279',
    'GS27F 27" 170Hz | 27 | 1920x1080 | 170 | IPS | 159',
  ]),
  line('monitor', 'gaming-monitors', 'Samsung', 'Odyssey', [
    'G5 C27G55T 27" Curved 144Hz | 27 | 2560x1440 | 144 | VA | 249',
    'G7 G32 32" Curved 240Hz | 32 | 2560x1440 | 240 | VA | 599',
  ]),
  line('monitor', 'gaming-monitors', 'Acer', 'Nitro', ['VG240Y S3 24" 180Hz | 23.8 | 1920x1080 | 180 | IPS | 119']),
  line('monitor', 'gaming-monitors', 'Lenovo', 'Legion', ['R27q-30 27" 165Hz | 27 | 2560x1440 | 165 | IPS | 269']),
  line('monitor', 'gaming-monitors', 'Dell', '', [
    'G2724D 27" 165Hz | 27 | 2560x1440 | 165 | Fast IPS | 299',
    'Alienware AW2725DF 27" QD-OLED 360Hz | 26.7 | 2560x1440 | 360 | QD-OLED | 949',
  ]),

  line('monitor', 'office-monitors', 'Dell', '', [
    'P2423H 24" | 23.8 | 1920x1080 | 60 | IPS | 199',
    'SE2425H 24" | 23.8 | 1920x1080 | 75 | VA | 99 | !featured',
    'UltraSharp U2724D 27" | 27 | 2560x1440 | 120 | IPS Black | 499',
    'S2721HN 27" | 27 | 1920x1080 | 75 | IPS | 159',
  ]),
  line('monitor', 'office-monitors', 'HP', '', [
    'P24 G5 24" | 23.8 | 1920x1080 | 75 | IPS | 169',
    'M24f 24" | 23.8 | 1920x1080 | 75 | IPS | 139',
    'V22v G5 22" | 21.5 | 1920x1080 | 75 | VA | 89',
  ]),
  line('monitor', 'office-monitors', 'Lenovo', 'ThinkVision', [
    'S24i-30 24" | 23.8 | 1920x1080 | 100 | IPS | 129',
    'T27i-30 27" | 27 | 1920x1080 | 60 | IPS | 229',
  ]),
  line('monitor', 'office-monitors', 'ASUS', '', [
    'VA24EHF 24" | 23.8 | 1920x1080 | 100 | IPS | 99',
    'ProArt PA278CV 27" | 27 | 2560x1440 | 75 | IPS | 429',
  ]),
  line('monitor', 'office-monitors', 'Samsung', '', [
    'S3 S33GC 24" | 24 | 1920x1080 | 100 | VA | 109',
    'ViewFinity S6 S60UD 27" | 27 | 2560x1440 | 100 | IPS | 299',
  ]),
  line('monitor', 'office-monitors', 'Acer', '', ['SA242Y E 24" | 23.8 | 1920x1080 | 100 | IPS | 89']),

  line('keyboard', 'keyboards', 'Logitech', '', [
    'K120 Wired Keyboard | Membrane | Full size | n | 9',
    'MX Keys S | Low-profile scissor | Full size | y | 119 | Colour: Graphite/Pale Grey',
    'K380 Multi-Device Bluetooth Keyboard | Scissor | Compact | y | 35 | Colour: Graphite/Off-White/Rose',
    'MK295 Silent Wireless Combo | Membrane | Full size | y | 29 | Colour: Graphite/Off-White',
  ]),
  line('keyboard', 'keyboards', 'Logitech', 'G', [
    '213 Prodigy RGB | Mech-Dome | Full size | n | 49',
    'PRO X TKL LIGHTSPEED | GX Brown tactile | Tenkeyless | y | 199 | Colour: Black/White/Magenta',
    '413 SE | Tactile mechanical | Full size | n | 59',
  ]),
  line('keyboard', 'keyboards', 'Razer', '', [
    'BlackWidow V4 | Razer Green | Full size | n | 169 | Switch: Green/Yellow',
    'Huntsman Mini | Razer Optical Red | 60% | n | 109',
    'Ornata V3 X | Membrane | Full size | n | 45',
  ]),
  line('keyboard', 'keyboards', 'Corsair', '', [
    'K70 RGB PRO | Cherry MX Red | Full size | n | 159 | Switch: Red/Brown',
    'K55 RGB PRO | Membrane | Full size | n | 49',
  ]),
  line('keyboard', 'keyboards', 'ASUS', '', [
    'ROG Strix Scope II 96 Wireless | ROG NX Snow | 96% | y | 179',
    'TUF Gaming K3 Gen II | Red linear | Full size | n | 69',
  ]),
  line('keyboard', 'keyboards', 'MSI', 'Vigor', ['GK50 Elite | Kailh Blue | Full size | n | 59']),
  line('keyboard', 'keyboards', 'HP', '', [
    '150 Wired Keyboard | Membrane | Full size | n | 12',
    '230 Wireless Keyboard | Membrane | Full size | y | 22',
  ]),

  line('mouse', 'mice', 'Logitech', '', [
    'M185 Wireless Mouse | 1000 | y | 3 | 12 | Colour: Grey/Blue/Red',
    'M331 Silent Plus | 1000 | y | 3 | 19 | Colour: Black/Blue/Red',
    'MX Master 3S | 8000 | y | 7 | 99 | Colour: Graphite/Pale Grey | !featured',
    'M90 Wired Mouse | 1000 | n | 3 | 6',
    'Pebble 2 M350s | 4000 | y | 3 | 25 | Colour: Graphite/White/Rose',
  ]),
  line('mouse', 'mice', 'Logitech', 'G', [
    '102 LIGHTSYNC | 8000 | n | 6 | 19 | Colour: Black/White/Lilac',
    '502 X PLUS | 25600 | y | 13 | 159 | Colour: Black/White',
    'PRO X SUPERLIGHT 2 | 32000 | y | 5 | 159 | Colour: Black/White/Magenta',
    '304 LIGHTSPEED | 12000 | y | 6 | 39 | Colour: Black/White/Lilac/Blue',
  ]),
  line('mouse', 'mice', 'Razer', '', [
    'DeathAdder V3 | 30000 | n | 6 | 69',
    'Basilisk V3 | 26000 | n | 11 | 59',
    'Viper V3 Pro | 35000 | y | 6 | 159 | Colour: Black/White',
    'Cobra | 8500 | n | 6 | 39',
  ]),
  line('mouse', 'mice', 'Corsair', '', [
    'HARPOON RGB Wireless | 10000 | y | 6 | 45',
    'M65 RGB ULTRA | 26000 | n | 8 | 79',
  ]),
  line('mouse', 'mice', 'ASUS', 'TUF Gaming', ['M3 Gen II | 8000 | n | 6 | 19']),
  line('mouse', 'mice', 'HP', '', [
    'X200 Wireless Mouse | 1600 | y | 3 | 9',
    'X1000 Wired Mouse | 1000 | n | 3 | 5 | !archived',
  ]),
  line('mouse', 'mice', 'Dell', '', [
    'MS116 Optical Mouse | 1000 | n | 3 | 6',
    'MS3320W Mobile Wireless Mouse | 1600 | y | 3 | 25',
  ]),

  line('headset', 'headsets', 'Logitech', '', [
    'H390 USB Headset | USB-A | n | y | 29',
    'H111 Stereo Headset | 3.5 mm | n | y | 12',
  ]),
  line('headset', 'headsets', 'Logitech', 'G', [
    '435 LIGHTSPEED Wireless | 2.4 GHz + Bluetooth | y | y | 69 | Colour: Black/White/Blue',
    'PRO X 2 LIGHTSPEED | 2.4 GHz + Bluetooth | y | y | 249',
  ]),
  line('headset', 'headsets', 'Razer', '', [
    'BlackShark V2 X | 3.5 mm | n | y | 49 | !featured',
    'Kraken V3 X | USB-A | n | y | 59',
    'Barracuda X | 2.4 GHz + Bluetooth | y | y | 99 | Colour: Black/Quartz',
  ]),
  line('headset', 'headsets', 'Corsair', '', [
    'HS55 Stereo | 3.5 mm | n | y | 59 | Colour: Carbon/White',
    'HS80 RGB Wireless | 2.4 GHz | y | y | 149',
  ]),
  line('headset', 'headsets', 'ASUS', '', ['TUF Gaming H3 | 3.5 mm | n | y | 45', 'ROG Delta S | USB-C | n | y | 189']),

  line('webcam', 'webcams', 'Logitech', '', [
    'C270 HD Webcam | 1280x720 | 30 | y | 25 | !featured',
    'C920s Pro HD Webcam | 1920x1080 | 30 | y | 69',
    'Brio 500 | 1920x1080 | 30 | y | 119',
    'StreamCam | 1920x1080 | 60 | y | 149',
  ]),
  line('webcam', 'webcams', 'Razer', 'Kiyo', ['Pro | 1920x1080 | 60 | n | 129']),
  line('webcam', 'webcams', 'ASUS', '', ['Webcam C3 | 1920x1080 | 30 | y | 39']),
  line('webcam', 'webcams', 'Dell', '', ['Pro Webcam WB5023 | 2560x1440 | 30 | y | 99']),

  line('router', 'routers', 'TP-Link', 'Archer', [
    'C6 AC1200 | Wi-Fi 5 | 1200 | Dual-band | n | 35',
    'AX23 AX1800 | Wi-Fi 6 | 1800 | Dual-band | n | 55 | !featured',
    'AX55 AX3000 | Wi-Fi 6 | 3000 | Dual-band | n | 79',
    'MR600 4G+ LTE | Wi-Fi 5 | 1200 | Dual-band | y | 109',
    'BE550 BE9300 | Wi-Fi 7 | 9300 | Tri-band | n | 299',
  ]),
  line('router', 'routers', 'TP-Link', '', [
    'TL-MR100 4G LTE | Wi-Fi 4 | 300 | 2.4 GHz | y | 45',
    'Deco X20 AX1800 Mesh (2-pack) | Wi-Fi 6 | 1800 | Dual-band | n | 149',
    'TL-WR840N N300 | Wi-Fi 4 | 300 | 2.4 GHz | n | 19',
  ]),
  line('router', 'routers', 'ASUS', '', [
    'RT-AX58U AX3000 | Wi-Fi 6 | 3000 | Dual-band | n | 139',
    'RT-AX1800S | Wi-Fi 6 | 1800 | Dual-band | n | 69',
    'ROG Rapture GT-AX6000 | Wi-Fi 6 | 6000 | Dual-band | n | 349',
  ]),

  line('switch', 'network-switches', 'TP-Link', '', [
    'TL-SG1005D 5-Port Gigabit | 5 | Gigabit | n | n | 15',
    'TL-SG1008D 8-Port Gigabit | 8 | Gigabit | n | n | 22',
    'TL-SG1016D 16-Port Gigabit | 16 | Gigabit | n | n | 65',
    'TL-SF1005D 5-Port 10/100 | 5 | Fast Ethernet | n | n | 8',
    'TL-SG108PE 8-Port Easy Smart PoE | 8 | Gigabit | y | y | 79',
    'TL-SG3428 JetStream 24-Port Managed | 24 | Gigabit | y | n | 239',
  ]),

  line('wifi_adapter', 'wifi-adapters', 'TP-Link', '', [
    'TL-WN725N Nano USB | Wi-Fi 4 | USB 2.0 | 150 | 8',
    'Archer T2U Nano AC600 | Wi-Fi 5 | USB 2.0 | 600 | 15',
    'Archer T3U AC1300 | Wi-Fi 5 | USB 3.0 | 1300 | 22',
    'Archer TX20E AX1800 PCIe | Wi-Fi 6 | PCIe | 1800 | 39',
    'UB500 Bluetooth 5.0 Nano USB | Bluetooth 5.0 | USB 2.0 | 3 | 9',
  ]),
  line('wifi_adapter', 'wifi-adapters', 'ASUS', '', [
    'USB-AX56 AX1800 | Wi-Fi 6 | USB 3.0 | 1800 | 69',
    'PCE-AX3000 | Wi-Fi 6 | PCIe | 3000 | 59',
  ]),
  line('wifi_adapter', 'wifi-adapters', 'Intel', 'Wi-Fi 6E', ['AX210 M.2 Card | Wi-Fi 6E | M.2 | 2400 | 25']),

  line('portable_storage', 'usb-drives', 'Kingston', 'DataTraveler', [
    'Exodia USB 3.2 | Flash | USB-A 3.2 | 6 | Capacity: 32 GB/64 GB+3/128 GB+8/256 GB+19',
    'Kyson USB 3.2 | Flash | USB-A 3.2 | 8 | Capacity: 64 GB/128 GB+6/256 GB+16',
    'microDuo 3C | Flash | USB-A + USB-C | 9 | Capacity: 64 GB/128 GB+7/256 GB+18',
  ]),
  line('portable_storage', 'usb-drives', 'Samsung', '', [
    'BAR Plus USB 3.1 | Flash | USB-A 3.1 | 12 | Capacity: 64 GB/128 GB+6/256 GB+18',
    'FIT Plus USB 3.1 | Flash | USB-A 3.1 | 12 | Capacity: 64 GB/128 GB+6/256 GB+19',
    'USB Type-C Flash Drive | Flash | USB-C 3.1 | 14 | Capacity: 64 GB/128 GB+7/256 GB+20',
  ]),
  line(
    'portable_storage',
    'external-drives',
    'Western Digital',
    'My Passport',
    [
      'Portable HDD | HDD | USB 3.2 | 65 | Capacity: 1 TB/2 TB+15/4 TB+55/5 TB+75 | !featured',
      'Ultra Portable HDD | HDD | USB-C | 89 | Capacity: 2 TB/4 TB+40',
    ],
    'WD',
  ),
  line(
    'portable_storage',
    'external-drives',
    'Western Digital',
    'Elements',
    [
      'Portable HDD | HDD | USB 3.0 | 59 | Capacity: 1 TB/2 TB+14/4 TB+50',
      'Desktop HDD | HDD | USB 3.0 | 149 | Capacity: 8 TB/12 TB+80',
    ],
    'WD',
  ),
  line('portable_storage', 'external-drives', 'Seagate', '', [
    'Expansion Portable HDD | HDD | USB 3.0 | 62 | Capacity: 1 TB/2 TB+15/4 TB+52',
    'One Touch Portable HDD | HDD | USB 3.0 | 69 | Capacity: 1 TB/2 TB+16/5 TB+70',
  ]),
  line('portable_storage', 'external-drives', 'Samsung', '', [
    'T7 Portable SSD | SSD | USB-C 3.2 Gen 2 | 89 | Capacity: 500 GB/1 TB+20/2 TB+80',
    'T9 Portable SSD | SSD | USB-C 3.2 Gen 2x2 | 139 | Capacity: 1 TB/2 TB+70/4 TB+230',
  ]),
  line('portable_storage', 'external-drives', 'Kingston', '', [
    'XS1000 Portable SSD | SSD | USB-C 3.2 Gen 2 | 69 | Capacity: 1 TB/2 TB+50',
  ]),

  line('generic', 'cables-adapters', null, '', [
    'HDMI 2.1 Cable 8K | 6 | Length: 1 m/2 m+2/3 m+4/5 m+7',
    'Cat6 Ethernet Patch Cable | 3 | Length: 1 m/3 m+1/5 m+2/10 m+5',
    'USB-C to USB-C Cable 100W | 7 | Length: 1 m/2 m+2',
    'DisplayPort 1.4 Cable | 9 | Length: 1.8 m/3 m+3',
    'USB-C to HDMI Adapter 4K | 12',
    'VGA to HDMI Converter | 9',
    'USB 3.0 4-Port Hub | 11',
    '3.5 mm Audio Splitter Cable | 3',
    'Universal Laptop Charger 90W | 15',
  ]),
  line('generic', 'cables-adapters', 'Apple', '', [
    'USB-C to Lightning Cable 1 m | 19',
    'USB-C Digital AV Multiport Adapter | 69',
    '20W USB-C Power Adapter | 19',
  ]),
  line('generic', 'cables-adapters', 'TP-Link', '', [
    'UE300 USB 3.0 to Gigabit Ethernet Adapter | 12',
    'UE330 3-Port USB Hub with Gigabit Ethernet | 25',
  ]),
  line('generic', 'cables-adapters', 'Dell', '', ['USB-C to HDMI/DisplayPort Adapter DA20 | 39']),
  line('generic', 'cables-adapters', 'Samsung', '', ['25W Super Fast Charger USB-C | 19 | Colour: Black/White']),

  line('generic', 'laptop-bags', 'Lenovo', 'ThinkPad', ['Essential 15.6" Backpack | 35']),
  line('generic', 'laptop-bags', 'HP', '', ['Prelude 15.6" Backpack | 25', 'Renew Travel 15.6" Laptop Bag | 49']),
  line('generic', 'laptop-bags', 'Dell', '', ['Essential Backpack 15 ES1520P | 29', 'EcoLoop Pro Backpack 15 | 59']),
  line('generic', 'laptop-bags', 'ASUS', 'ROG', ['Ranger BP1501G Gaming Backpack | 69']),
  line('generic', 'laptop-bags', 'Razer', '', ['Rogue 15 Backpack V3 | 99 | Colour: Black/Mercury']),
  line('generic', 'laptop-bags', 'Acer', 'Predator', ['Utility Backpack 17" | 79']),

  line('printer', 'printers', 'Canon', 'PIXMA', [
    'G3010 Ink Tank | Ink tank | Print, Scan, Copy | y | y | 189 | !featured',
    'G2010 Ink Tank | Ink tank | Print, Scan, Copy | y | n | 159',
    'E410 | Inkjet | Print, Scan, Copy | y | n | 59',
    'G1010 Ink Tank | Ink tank | Print | y | n | 129',
  ]),
  line('printer', 'printers', 'Canon', 'imageCLASS', [
    'LBP6030 | Laser | Print | n | n | 129',
    'MF3010 | Laser | Print, Scan, Copy | n | n | 199',
    'LBP122dw | Laser | Print | n | y | 159',
  ]),
  line('printer', 'printers', 'Epson', 'EcoTank', [
    'L3250 | Ink tank | Print, Scan, Copy | y | y | 199',
    'L3210 | Ink tank | Print, Scan, Copy | y | n | 169',
    'L5290 | Ink tank | Print, Scan, Copy, Fax | y | y | 289',
    'L121 | Ink tank | Print | y | n | 119',
    'L8050 Photo | Ink tank | Print | y | y | 349',
  ]),
  line('printer', 'printers', 'HP', '', [
    'LaserJet M111w | Laser | Print | n | y | 119',
    'Smart Tank 580 | Ink tank | Print, Scan, Copy | y | y | 179',
    'DeskJet Ink Advantage 2775 | Inkjet | Print, Scan, Copy | y | y | 79',
    'LaserJet Pro MFP 4103fdw | Laser | Print, Scan, Copy, Fax | n | y | 499',
  ]),

  line('generic', 'ink-toner', 'Canon', '', [
    'GI-790 Ink Bottle | 9 | Colour: Black/Cyan/Magenta/Yellow',
    'PG-47 Black Ink Cartridge | 15',
    'CL-57 Colour Ink Cartridge | 21',
    'Cartridge 325 Black Toner | 69',
    'Cartridge 337 Black Toner | 79',
  ]),
  line('generic', 'ink-toner', 'Epson', '', [
    '003 Ink Bottle 65 ml | 8 | Colour: Black/Cyan/Magenta/Yellow',
    '664 Ink Bottle 70 ml | 9 | Colour: Black/Cyan/Magenta/Yellow',
    '001 Ink Bottle | 11 | Colour: Black/Cyan/Magenta/Yellow',
  ]),
  line('generic', 'ink-toner', 'HP', '', [
    '682 Black Ink Cartridge | 14',
    '682 Tri-color Ink Cartridge | 16',
    'GT53 Black Ink Bottle 90 ml | 11',
    '107A Black Laser Toner | 59',
    '26A Black LaserJet Toner | 129',
  ]),
];
