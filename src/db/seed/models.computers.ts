import { line, type Line } from './lines.js';

// laptop: model | cpu | gpu | screen (in) | RAM GB options | storage GB options | price of the first configuration
// desktop: model | cpu | gpu | RAM GB options | storage GB options | price
export const COMPUTER_LINES: Line[] = [
  line('laptop', 'gaming-laptops', 'ASUS', 'TUF Gaming', [
    'A15 FA507NV | AMD Ryzen 7 7735HS | NVIDIA GeForce RTX 4060 8GB | 15.6 | 16 | 512/1024 | 1049 | !featured',
    'F15 FX507ZC4 | Intel Core i5-12500H | NVIDIA GeForce RTX 3050 4GB | 15.6 | 8/16 | 512 | 789',
    'A16 FA607PV | AMD Ryzen 9 7845HX | NVIDIA GeForce RTX 4060 8GB | 16 | 16 | 1024 | 1349',
    'F17 FX707ZU4 | Intel Core i7-12700H | NVIDIA GeForce RTX 4050 6GB | 17.3 | 16 | 512/1024 | 1149',
  ]),
  line('laptop', 'gaming-laptops', 'ASUS', 'ROG Strix', [
    'G16 G614JV | Intel Core i7-13650HX | NVIDIA GeForce RTX 4060 8GB | 16 | 16/32 | 1024 | 1599 | !featured',
    'SCAR 16 G634JZR | Intel Core i9-14900HX | NVIDIA GeForce RTX 4080 12GB | 16 | 32 | 1024 | 2799',
    'G18 G815LP | Intel Core Ultra 9 275HX | NVIDIA GeForce RTX 5070 Ti 12GB | 18 | 32 | 1024 | 2699 | !draft',
  ]),
  line('laptop', 'gaming-laptops', 'ASUS', 'ROG Zephyrus', [
    'G14 GA403UV | AMD Ryzen 9 8945HS | NVIDIA GeForce RTX 4060 8GB | 14 | 16/32 | 1024 | 1899',
  ]),
  line('laptop', 'gaming-laptops', 'Lenovo', 'LOQ', [
    '15IRX9 | Intel Core i5-13450HX | NVIDIA GeForce RTX 4050 6GB | 15.6 | 12/24 | 512 | 879 | !featured',
    '15AHP9 | AMD Ryzen 7 8845HS | NVIDIA GeForce RTX 4060 8GB | 15.6 | 16 | 512/1024 | 1069',
  ]),
  line('laptop', 'gaming-laptops', 'Lenovo', 'Legion', [
    '5 16IRX9 | Intel Core i7-14650HX | NVIDIA GeForce RTX 4060 8GB | 16 | 16/32 | 1024 | 1549',
    'Pro 7 16IRX9H | Intel Core i9-14900HX | NVIDIA GeForce RTX 4080 12GB | 16 | 32 | 1024/2048 | 2599',
    'Slim 5 16APH8 | AMD Ryzen 7 7840HS | NVIDIA GeForce RTX 4070 8GB | 16 | 16 | 1024 | 1699',
  ]),
  line('laptop', 'gaming-laptops', 'MSI', 'Katana', [
    '15 B13VFK | Intel Core i7-13620H | NVIDIA GeForce RTX 4060 8GB | 15.6 | 16/32 | 1024 | 1199',
    'A15 AI B8VF | AMD Ryzen 7 8845HS | NVIDIA GeForce RTX 4060 8GB | 15.6 | 16 | 1024 | 1229',
  ]),
  line('laptop', 'gaming-laptops', 'MSI', 'Cyborg', [
    '15 A12VE | Intel Core i5-12450H | NVIDIA GeForce RTX 4050 6GB | 15.6 | 8/16 | 512 | 899',
  ]),
  line('laptop', 'gaming-laptops', 'MSI', 'Thin', [
    'GF63 12UC | Intel Core i5-12450H | NVIDIA GeForce RTX 3050 4GB | 15.6 | 8/16 | 512 | 699 | !featured',
  ]),
  line('laptop', 'gaming-laptops', 'Acer', 'Nitro', [
    'V 15 ANV15-51 | Intel Core i5-13420H | NVIDIA GeForce RTX 4050 6GB | 15.6 | 8/16 | 512 | 829',
    '5 AN515-58 | Intel Core i5-12500H | NVIDIA GeForce RTX 3050 4GB | 15.6 | 8/16 | 512 | 759 | !archived',
  ]),
  line('laptop', 'gaming-laptops', 'Acer', 'Predator Helios', [
    'Neo 16 PHN16-72 | Intel Core i7-14700HX | NVIDIA GeForce RTX 4060 8GB | 16 | 16 | 1024 | 1499',
    '16 PH16-72 | Intel Core i9-14900HX | NVIDIA GeForce RTX 4080 12GB | 16 | 32 | 1024 | 2599',
  ]),
  line('laptop', 'gaming-laptops', 'HP', 'Victus', [
    '15-fa1093dx | Intel Core i5-13420H | NVIDIA GeForce RTX 3050 6GB | 15.6 | 8/16 | 512 | 749',
    '16-s0077ax | AMD Ryzen 7 7840HS | NVIDIA GeForce RTX 4060 8GB | 16.1 | 16 | 512/1024 | 1129',
  ]),
  line('laptop', 'gaming-laptops', 'HP', 'OMEN', [
    '16-wf1097TX | Intel Core i7-14700HX | NVIDIA GeForce RTX 4070 8GB | 16.1 | 16/32 | 1024 | 1799',
    'Transcend 14-fb0014TU | Intel Core Ultra 7 155H | NVIDIA GeForce RTX 4060 8GB | 14 | 16 | 1024 | 1899',
  ]),
  line('laptop', 'gaming-laptops', 'Dell', 'G15', [
    '5530 | Intel Core i7-13650HX | NVIDIA GeForce RTX 4060 8GB | 15.6 | 16 | 512/1024 | 1249',
  ]),
  line('laptop', 'gaming-laptops', 'Dell', 'Alienware', [
    'm16 R2 | Intel Core Ultra 7 155H | NVIDIA GeForce RTX 4070 8GB | 16 | 16/32 | 1024 | 2199',
  ]),
  line('laptop', 'gaming-laptops', 'Gigabyte', 'G5', [
    'MF5 | Intel Core i7-13620H | NVIDIA GeForce RTX 4050 6GB | 15.6 | 16 | 512 | 949',
  ]),
  line('laptop', 'gaming-laptops', 'Gigabyte', 'AORUS', [
    '15 BKG | Intel Core i7-13700H | NVIDIA GeForce RTX 4060 8GB | 15.6 | 16 | 1024 | 1399',
  ]),
  line('laptop', 'gaming-laptops', 'Razer', 'Blade', [
    '14 RZ09-0508 | AMD Ryzen 9 8945HS | NVIDIA GeForce RTX 4070 8GB | 14 | 32 | 1024 | 2699',
  ]),

  line('laptop', 'business-laptops', 'Lenovo', 'ThinkPad', [
    'E14 Gen 5 | Intel Core i5-1335U | Intel Iris Xe | 14 | 8/16 | 512 | 849',
    'E16 Gen 1 | Intel Core i7-1355U | Intel Iris Xe | 16 | 16 | 512/1024 | 1049',
    'T14 Gen 4 | Intel Core i7-1365U | Intel Iris Xe | 14 | 16/32 | 512 | 1499 | !featured',
    'X1 Carbon Gen 12 | Intel Core Ultra 7 155U | Intel Graphics | 14 | 32 | 1024 | 2499',
    'L14 Gen 3 | Intel Core i5-1235U | Intel Iris Xe | 14 | 8 | 256 | 699 | !archived',
  ]),
  line('laptop', 'business-laptops', 'Lenovo', 'ThinkBook', [
    '14 G6 IRL | Intel Core i5-1335U | Intel Iris Xe | 14 | 8/16 | 512 | 729',
    '16 G6 ABP | AMD Ryzen 7 7730U | AMD Radeon Graphics | 16 | 16 | 512 | 799',
  ]),
  line('laptop', 'business-laptops', 'Dell', 'Latitude', [
    '5440 | Intel Core i5-1345U | Intel Iris Xe | 14 | 8/16 | 256/512 | 1099',
    '7440 | Intel Core i7-1365U | Intel Iris Xe | 14 | 16 | 512 | 1549',
  ]),
  line('laptop', 'business-laptops', 'Dell', 'Vostro', [
    '3530 | Intel Core i5-1335U | Intel Iris Xe | 15.6 | 8/16 | 512 | 649',
    '3430 | Intel Core i3-1305U | Intel UHD Graphics | 14 | 8 | 256/512 | 489',
  ]),
  line('laptop', 'business-laptops', 'HP', 'ProBook', [
    '450 G10 | Intel Core i5-1335U | Intel Iris Xe | 15.6 | 8/16 | 512 | 819',
    '440 G11 | Intel Core Ultra 5 125U | Intel Graphics | 14 | 16 | 512 | 949',
  ]),
  line('laptop', 'business-laptops', 'HP', 'EliteBook', [
    '840 G10 | Intel Core i7-1355U | Intel Iris Xe | 14 | 16/32 | 512 | 1599',
  ]),
  line('laptop', 'business-laptops', 'ASUS', 'ExpertBook', [
    'B1 B1502CVA | Intel Core i5-1335U | Intel Iris Xe | 15.6 | 8/16 | 512 | 629',
    'B5 B5404CVA | Intel Core i7-1355U | Intel Iris Xe | 14 | 16 | 1024 | 1099',
  ]),
  line('laptop', 'business-laptops', 'Acer', 'TravelMate', [
    'P2 TMP214-55 | Intel Core i5-1335U | Intel Iris Xe | 14 | 8/16 | 512 | 669',
  ]),

  line('laptop', 'ultrabooks', 'Apple', 'MacBook Air', [
    '13 M2 | Apple M2 8-core | Apple 8-core GPU | 13.6 | 8/16 | 256/512 | 999 | !featured',
    '13 M3 | Apple M3 8-core | Apple 8-core GPU | 13.6 | 16 | 256/512 | 1199',
    '15 M3 | Apple M3 8-core | Apple 10-core GPU | 15.3 | 16 | 512 | 1449',
  ]),
  line('laptop', 'ultrabooks', 'Apple', 'MacBook Pro', [
    '14 M3 | Apple M3 8-core | Apple 10-core GPU | 14.2 | 8/16 | 512/1024 | 1699',
    '14 M3 Pro | Apple M3 Pro 11-core | Apple 14-core GPU | 14.2 | 18 | 512 | 2099',
    '16 M3 Pro | Apple M3 Pro 12-core | Apple 18-core GPU | 16.2 | 18 | 512 | 2499',
  ]),
  line('laptop', 'ultrabooks', 'ASUS', 'Zenbook', [
    '14 OLED UX3405MA | Intel Core Ultra 7 155H | Intel Arc Graphics | 14 | 16/32 | 1024 | 1149 | !featured',
    'S 13 OLED UX5304MA | Intel Core Ultra 7 155U | Intel Graphics | 13.3 | 32 | 1024 | 1399',
  ]),
  line('laptop', 'ultrabooks', 'ASUS', 'Vivobook S', [
    '15 OLED S5506MA | Intel Core Ultra 5 125H | Intel Arc Graphics | 15.6 | 16 | 512/1024 | 879',
    '14 S5406MA | Intel Core Ultra 7 155H | Intel Arc Graphics | 14 | 16 | 1024 | 949',
  ]),
  line('laptop', 'ultrabooks', 'ASUS', 'Vivobook', [
    '15 X1504VA | Intel Core i5-1335U | Intel Iris Xe | 15.6 | 8/16 | 512 | 529',
    'Go 15 E1504FA | AMD Ryzen 5 7520U | AMD Radeon 610M | 15.6 | 8 | 256/512 | 469',
  ]),
  line('laptop', 'ultrabooks', 'Dell', 'XPS', [
    '13 9340 | Intel Core Ultra 7 155H | Intel Arc Graphics | 13.4 | 16/32 | 512/1024 | 1599',
  ]),
  line('laptop', 'ultrabooks', 'Dell', 'Inspiron', [
    '14 5440 | Intel Core 5 120U | Intel Graphics | 14 | 8/16 | 512 | 699',
    '15 3530 | Intel Core i5-1335U | Intel Iris Xe | 15.6 | 8/16 | 512 | 579',
  ]),
  line('laptop', 'ultrabooks', 'HP', 'Pavilion Plus', [
    '14-ew1010TU | Intel Core Ultra 5 125H | Intel Arc Graphics | 14 | 16 | 512 | 899',
  ]),
  line('laptop', 'ultrabooks', 'HP', '', [
    '15-fd0251TU | Intel Core i5-1335U | Intel Iris Xe | 15.6 | 8/16 | 512 | 549',
    '14-ep0127TU | Intel Core i3-N305 | Intel UHD Graphics | 14 | 8 | 256 | 459',
  ]),
  line('laptop', 'ultrabooks', 'Lenovo', 'IdeaPad Slim', [
    '5 14IRL8 | Intel Core i5-13420H | Intel UHD Graphics | 14 | 16 | 512/1024 | 749',
    '3 15IAH8 | Intel Core i5-12450H | Intel UHD Graphics | 15.6 | 8/16 | 512 | 549',
  ]),
  line('laptop', 'ultrabooks', 'Lenovo', 'Yoga Slim', [
    '7 14IMH9 | Intel Core Ultra 7 155H | Intel Arc Graphics | 14 | 16/32 | 1024 | 1199',
  ]),
  line('laptop', 'ultrabooks', 'Acer', 'Swift Go', [
    '14 SFG14-72 | Intel Core Ultra 5 125H | Intel Arc Graphics | 14 | 16 | 512 | 849',
  ]),
  line('laptop', 'ultrabooks', 'Acer', 'Aspire', [
    '5 A515-58M | Intel Core i5-1335U | Intel Iris Xe | 15.6 | 8/16 | 512 | 559',
    'Lite 14 AL14-31P | Intel Core i3-N300 | Intel UHD Graphics | 14 | 8 | 256/512 | 479',
  ]),
  line('laptop', 'ultrabooks', 'Samsung', 'Galaxy Book4', [
    'Pro 14 NP940XGK | Intel Core Ultra 7 155H | Intel Arc Graphics | 14 | 16/32 | 512 | 1449',
  ]),
  line('laptop', 'ultrabooks', 'MSI', 'Prestige', [
    '14 AI Evo C1MG | Intel Core Ultra 7 155H | Intel Arc Graphics | 14 | 32 | 1024 | 1299',
  ]),
  line('laptop', 'ultrabooks', 'MSI', 'Modern', [
    '15 B13M | Intel Core i5-1335U | Intel Iris Xe | 15.6 | 8/16 | 512 | 529',
  ]),

  line('laptop', '2-in-1-laptops', 'Lenovo', 'Yoga', [
    '7 14IRL8 | Intel Core i7-1355U | Intel Iris Xe | 14 | 16 | 512/1024 | 1049',
    '9i 14IMH9 | Intel Core Ultra 7 155H | Intel Arc Graphics | 14 | 16 | 1024 | 1699',
  ]),
  line('laptop', '2-in-1-laptops', 'Lenovo', 'IdeaPad Flex', [
    '5 14ABR8 | AMD Ryzen 5 7530U | AMD Radeon Graphics | 14 | 8/16 | 512 | 649',
  ]),
  line('laptop', '2-in-1-laptops', 'HP', 'Envy x360', [
    '14-fc0023TU | Intel Core Ultra 5 125U | Intel Graphics | 14 | 16 | 512 | 999',
  ]),
  line('laptop', '2-in-1-laptops', 'HP', 'Pavilion x360', [
    '14-ek1047TU | Intel Core i5-1335U | Intel Iris Xe | 14 | 8/16 | 512 | 729',
  ]),
  line('laptop', '2-in-1-laptops', 'ASUS', 'Vivobook 14 Flip', [
    'TP3402VA | Intel Core i5-13500H | Intel Iris Xe | 14 | 8/16 | 512 | 699',
  ]),
  line('laptop', '2-in-1-laptops', 'Dell', 'Inspiron 14 2-in-1', [
    '7440 | Intel Core 7 150U | Intel Graphics | 14 | 16 | 512/1024 | 899',
  ]),
  line('laptop', '2-in-1-laptops', 'Samsung', 'Galaxy Book4 360', [
    'NP750QGK | Intel Core 5 120U | Intel Graphics | 15.6 | 8/16 | 512 | 999',
  ]),
  line('laptop', '2-in-1-laptops', 'Acer', 'Spin', [
    '14 SP14-31PT | Intel Core i3-N305 | Intel UHD Graphics | 14 | 8 | 512 | 549',
  ]),

  line('desktop', 'gaming-pcs', 'ASUS', 'ROG Strix', [
    'G16CH | Intel Core i7-14700F | NVIDIA GeForce RTX 4070 12GB | 16/32 | 1024 | 1899',
    'G13CHR | Intel Core i5-14400F | NVIDIA GeForce RTX 4060 8GB | 16 | 512/1024 | 1199',
  ]),
  line('desktop', 'gaming-pcs', 'MSI', 'MAG Infinite', [
    'S3 14NUC5 | Intel Core i5-14400F | NVIDIA GeForce RTX 4060 8GB | 16 | 1024 | 1149',
  ]),
  line('desktop', 'gaming-pcs', 'Lenovo', 'Legion Tower', [
    '5 26IRB8 | Intel Core i7-13700F | NVIDIA GeForce RTX 4070 12GB | 16/32 | 1024 | 1799',
    '7 34IRZ8 | Intel Core i9-14900KF | NVIDIA GeForce RTX 4080 SUPER 16GB | 32 | 2048 | 3299',
  ]),
  line('desktop', 'gaming-pcs', 'HP', 'OMEN', [
    '25L GT15-2033 | Intel Core i7-14700F | NVIDIA GeForce RTX 4070 SUPER 12GB | 32 | 1024 | 1999',
  ]),
  line('desktop', 'gaming-pcs', 'HP', 'Victus', [
    '15L TG02-1005 | AMD Ryzen 5 7600 | NVIDIA GeForce RTX 4060 8GB | 16 | 512/1024 | 999',
  ]),
  line('desktop', 'gaming-pcs', 'Acer', 'Predator Orion', [
    '3000 PO3-655 | Intel Core i7-14700F | NVIDIA GeForce RTX 4060 Ti 8GB | 16 | 1024 | 1599',
  ]),
  line('desktop', 'gaming-pcs', 'Dell', 'Alienware Aurora', [
    'R16 | Intel Core i9-14900KF | NVIDIA GeForce RTX 4090 24GB | 32/64 | 2048 | 3999 | !featured',
  ]),

  line('desktop', 'office-pcs', 'Dell', 'OptiPlex', [
    '7010 SFF | Intel Core i5-13500 | Intel UHD Graphics 770 | 8/16 | 256/512 | 749',
    '3000 Tower | Intel Core i3-12100 | Intel UHD Graphics 730 | 8 | 256 | 529',
  ]),
  line('desktop', 'office-pcs', 'Dell', 'Vostro', [
    '3020 MT | Intel Core i5-13400 | Intel UHD Graphics 730 | 8/16 | 512 | 629',
  ]),
  line('desktop', 'office-pcs', 'HP', 'Pro Tower', [
    '290 G9 | Intel Core i3-12100 | Intel UHD Graphics 730 | 8 | 256/512 | 489',
    '400 G9 | Intel Core i5-12500 | Intel UHD Graphics 770 | 8/16 | 512 | 679',
  ]),
  line('desktop', 'office-pcs', 'HP', 'ProDesk', [
    '400 G9 SFF | Intel Core i5-13500 | Intel UHD Graphics 770 | 8/16 | 512 | 729',
  ]),
  line('desktop', 'office-pcs', 'Lenovo', 'ThinkCentre', [
    'neo 50s Gen 4 | Intel Core i5-13400 | Intel UHD Graphics 730 | 8/16 | 512 | 619',
    'M70s Gen 4 | Intel Core i7-13700 | Intel UHD Graphics 770 | 16 | 512 | 899',
  ]),
  line('desktop', 'office-pcs', 'Acer', 'Veriton', [
    'X2690G | Intel Core i5-12400 | Intel UHD Graphics 730 | 8 | 512 | 579',
  ]),
  line('desktop', 'office-pcs', 'ASUS', 'ExpertCenter', [
    'D5 SFF D500SD | Intel Core i5-12400 | Intel UHD Graphics 730 | 8/16 | 512 | 599',
  ]),

  line('desktop', 'all-in-one-pcs', 'Apple', 'iMac', [
    '24 M3 | Apple M3 8-core | Apple 8-core GPU | 8/16 | 256/512 | 1299 | !featured',
  ]),
  line('desktop', 'all-in-one-pcs', 'HP', 'All-in-One', [
    '24-cr0021d | Intel Core i5-1335U | Intel Iris Xe | 8/16 | 512 | 749',
    '27-cr0013d | Intel Core i7-1355U | Intel Iris Xe | 16 | 1024 | 999',
  ]),
  line('desktop', 'all-in-one-pcs', 'Lenovo', 'IdeaCentre AIO', [
    '3 24IAP7 | Intel Core i5-12450H | Intel UHD Graphics | 8/16 | 512 | 699',
  ]),
  line('desktop', 'all-in-one-pcs', 'Dell', 'Inspiron', [
    '24 5420 AIO | Intel Core i5-1335U | Intel Iris Xe | 8/16 | 512 | 799',
  ]),
  line('desktop', 'all-in-one-pcs', 'ASUS', 'AiO', ['A3402WBAK | Intel Core i5-1235U | Intel Iris Xe | 8 | 512 | 649']),
  line('desktop', 'all-in-one-pcs', 'Acer', 'Aspire', [
    'C24-1800 | Intel Core i5-1335U | Intel Iris Xe | 8/16 | 512 | 679',
  ]),

  line('desktop', 'mini-pcs', 'Apple', 'Mac mini', ['M2 | Apple M2 8-core | Apple 10-core GPU | 8/16 | 256/512 | 599']),
  line('desktop', 'mini-pcs', 'Intel', 'NUC', [
    '13 Pro Kit NUC13ANHi5 | Intel Core i5-1340P | Intel Iris Xe | 16 | 512 | 549',
  ]),
  line('desktop', 'mini-pcs', 'ASUS', 'NUC', [
    '14 Pro RNUC14RVHU5 | Intel Core Ultra 5 125H | Intel Arc Graphics | 16 | 512/1024 | 679',
  ]),
  line('desktop', 'mini-pcs', 'Lenovo', 'ThinkCentre', [
    'M70q Gen 4 Tiny | Intel Core i5-13400T | Intel UHD Graphics 730 | 8/16 | 256/512 | 599',
  ]),
  line('desktop', 'mini-pcs', 'HP', 'Elite Mini', [
    '800 G9 | Intel Core i5-12500T | Intel UHD Graphics 770 | 8/16 | 512 | 699',
  ]),
  line('desktop', 'mini-pcs', 'Dell', 'OptiPlex', [
    'Micro 7010 | Intel Core i5-13500T | Intel UHD Graphics 770 | 8/16 | 512 | 719',
  ]),
  line('desktop', 'mini-pcs', 'Gigabyte', 'BRIX', [
    'GB-BRi5H-1335 | Intel Core i5-1335U | Intel Iris Xe | 8 | 256 | 429',
  ]),
];
