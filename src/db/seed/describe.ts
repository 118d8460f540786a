import type { Rand } from './random.js';
import type { SpecValues } from './type-parsers.js';

const INTROS: Record<string, string[]> = {
  laptop: [
    'is a dependable laptop for study, work and play.',
    'balances performance, battery life and a comfortable keyboard.',
    'is one of our most asked-about laptops this season.',
  ],
  desktop: [
    'is a ready-to-use PC, set up and tested in our shop before delivery.',
    'gives steady everyday performance at a fair price.',
  ],
  cpu: [
    'is a popular processor for new builds and upgrades.',
    'brings strong single- and multi-core performance to your build.',
  ],
  gpu: [
    'handles modern games and creative apps with ease.',
    'is a solid graphics upgrade for gaming and video editing.',
  ],
  ram: ['is an easy, affordable upgrade that makes multitasking smoother.', 'is tested memory from a brand we trust.'],
  ssd: ['makes start-up and app loading much faster.', 'is a quick, quiet upgrade from a hard drive.'],
  hdd: ['gives lots of storage at a low price per terabyte.', 'is a reliable drive for backups, media and recordings.'],
  motherboard: [
    'is a solid base for a new PC build.',
    'has the features most builders need without paying for extras.',
  ],
  psu: ['delivers clean, stable power to your components.', 'is a quiet, efficient power supply from a trusted brand.'],
  case: ['has room for modern graphics cards and good airflow.', 'makes building and cable management easy.'],
  monitor: ['gives a sharp, comfortable picture for long days.', 'is a great screen for work and games.'],
  keyboard: ['is comfortable to type on all day.', 'is built to last with a solid feel.'],
  mouse: ['fits comfortably in the hand and tracks precisely.', 'is a reliable everyday mouse.'],
  headset: ['gives clear sound for calls, online classes and games.', 'is comfortable for long sessions.'],
  webcam: ['makes you look and sound clear in online meetings.', 'is plug-and-play on Windows and macOS.'],
  router: ['brings fast, stable Wi-Fi to homes and small offices.', 'is easy to set up with the mobile app.'],
  switch: ['adds wired ports to your network, plug and play.', 'is a sturdy switch for home and office networks.'],
  wifi_adapter: ['adds fast Wi-Fi to a PC or laptop.', 'is a simple fix for weak Wi-Fi.'],
  portable_storage: ['keeps your files with you wherever you go.', 'is a handy way to carry and back up files.'],
  printer: ['prints sharp documents at a low cost per page.', 'is a good fit for homes, schools and small offices.'],
  generic: ['is a handy accessory from our shop.', 'is a useful extra for your setup.'],
};

const GENERIC_SHORT: Record<string, string> = {
  'cables-adapters': 'Well-made cable or adapter for home and office, tested in our shop.',
  'laptop-bags': 'Padded bag that protects your laptop on the way to work or class.',
  'ink-toner': 'Genuine supplies for sharp, reliable prints.',
};

export function genericShort(category: string, brand: string | null): string {
  const base = GENERIC_SHORT[category] ?? 'Useful accessory for your computer.';
  return brand && category === 'ink-toner' ? base.replace('Genuine', `Genuine ${brand}`) : base;
}

/** Display text of a spec value as it is stored in value_text. */
export function specText(value: string | number | boolean): string {
  return typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
}

/** A Markdown description: intro, key specifications, variants, and the shop's service. */
export function describe(
  p: { name: string; type: string; specs: SpecValues; short: string; warranty: number; options: string[] },
  r: Rand,
): string {
  const lines = [`**${p.name}** ${r.pick(INTROS[p.type] ?? INTROS.generic!)} ${p.short}`.trim(), ''];
  // The specifications and options have their own blocks on the product page: not repeated here.
  lines.push(
    '### Why buy from us',
    '',
    p.warranty > 0
      ? `- ${p.warranty} months warranty, serviced at our shop in Phnom Penh`
      : '- Checked before it leaves the shop',
    '- Genuine product, imported through official distributors',
    '- Delivery to every province; pick up in store the same day',
    // What the shop takes (issue 13): KHQR, cash on delivery where the settings allow it (Phnom Penh by
    // default), or paying at the counter when picking up. No cards.
    '- Pay by KHQR from any Cambodian banking app (ABA, ACLEDA, Wing, Bakong), cash on delivery in Phnom Penh, or pay when you pick up at the shop',
  );
  return lines.join('\n');
}

/** One sentence per kind of product, as a shop in Phnom Penh would write it. */
const INTROS_KM: Record<string, string> = {
  laptop: 'កុំព្យូទ័រយួរដៃដែលអាចទុកចិត្តបាន សម្រាប់ការសិក្សា ការងារ និងការកម្សាន្ត។',
  desktop: 'កុំព្យូទ័រលើតុរួចរាល់សម្រាប់ប្រើ ដំឡើង និងសាកល្បងនៅហាងរបស់យើងមុនប្រគល់ជូន។',
  cpu: 'ខួរក្បាលកុំព្យូទ័រ (CPU) ពេញនិយម សម្រាប់ដំឡើងកុំព្យូទ័រថ្មី ឬប្ដូរឱ្យខ្លាំងជាងមុន។',
  gpu: 'កាតក្រាហ្វិកសម្រាប់លេងហ្គេម និងកាត់តវីដេអូបានរលូន។',
  ram: 'បន្ថែម RAM ងាយៗ ឱ្យកុំព្យូទ័របើកកម្មវិធីច្រើនក្នុងពេលតែមួយបានលឿនជាងមុន។',
  ssd: 'ធ្វើឱ្យកុំព្យូទ័របើកឡើង និងបើកកម្មវិធីលឿនជាងមុនច្រើន។',
  hdd: 'ទំហំផ្ទុកធំ ក្នុងតម្លៃសមរម្យ សម្រាប់បម្រុងទុកឯកសារ រូបថត និងវីដេអូ។',
  motherboard: 'មូលដ្ឋានដ៏រឹងមាំសម្រាប់ដំឡើងកុំព្យូទ័រថ្មី។',
  psu: 'ផ្គត់ផ្គង់ថាមពលស្ថិរភាព និងស្ងាត់ ដល់គ្រឿងក្នុងកុំព្យូទ័ររបស់អ្នក។',
  case: 'តួកុំព្យូទ័រទូលាយ ដាក់កាតក្រាហ្វិកធំៗបាន និងមានខ្យល់ចេញចូលល្អ។',
  monitor: 'អេក្រង់ច្បាស់ ស្រួលភ្នែក សម្រាប់ធ្វើការ និងលេងហ្គេមពេញមួយថ្ងៃ។',
  keyboard: 'ក្ដារចុចវាយស្រួល និងធន់ សម្រាប់ប្រើប្រចាំថ្ងៃ។',
  mouse: 'កណ្ដុរកាន់ស្រួលដៃ និងរំកិលបានច្បាស់លាស់។',
  headset: 'សំឡេងច្បាស់ សម្រាប់ការហៅទូរស័ព្ទ ថ្នាក់រៀនអនឡាញ និងការលេងហ្គេម។',
  webcam: 'រូបភាព និងសំឡេងច្បាស់ក្នុងការប្រជុំអនឡាញ។',
  router: 'Wi-Fi លឿន និងស្ថិរភាព សម្រាប់ផ្ទះ និងការិយាល័យតូច។',
  switch: 'បន្ថែមរន្ធខ្សែបណ្ដាញ ដោតហើយប្រើបានភ្លាម។',
  wifi_adapter: 'បន្ថែម Wi-Fi លឿនដល់កុំព្យូទ័រលើតុ ឬកុំព្យូទ័រយួរដៃ។',
  portable_storage: 'យកឯកសាររបស់អ្នកទៅជាមួយគ្រប់ទីកន្លែង និងបម្រុងទុកបានងាយស្រួល។',
  printer: 'បោះពុម្ពឯកសារច្បាស់ ក្នុងតម្លៃទាបក្នុងមួយទំព័រ។',
  generic: 'គ្រឿងប្រើប្រាស់មានប្រយោជន៍សម្រាប់កុំព្យូទ័ររបស់អ្នក។',
};

/** A short Khmer description for the products that have a Khmer name. */
export function describeKm(nameKm: string, type: string, warranty: number): string {
  return [
    `**${nameKm}** ${INTROS_KM[type] ?? INTROS_KM.generic!}`,
    '',
    warranty > 0 ? `- ធានា ${warranty} ខែ នៅហាងរបស់យើងក្នុងរាជធានីភ្នំពេញ` : '- ពិនិត្យគុណភាពមុនប្រគល់ជូន',
    '- ផលិតផលពិតប្រាកដ',
    '- ដឹកជញ្ជូនទូទាំងប្រទេសកម្ពុជា',
    '- បង់តាម KHQR បង់ប្រាក់ពេលទទួលទំនិញក្នុងរាជធានីភ្នំពេញ ឬបង់នៅហាងពេលមកយក',
  ].join('\n');
}
