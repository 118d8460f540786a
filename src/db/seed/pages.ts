import { inArray, sql } from 'drizzle-orm';
import { db } from '../client.js';
import { contentPages } from '../schema.js';

type PageDef = { slug: string; titleEn: string; titleKm: string; bodyEn: string; bodyKm: string };

/**
 * The shop's identity and terms, which a Cambodian e-commerce licence asks to be online, in English and Khmer.
 * Figures that change (delivery fees, how long a pickup is held) are not repeated here: checkout shows them.
 */
const PAGES: PageDef[] = [
  {
    slug: 'about-us',
    titleEn: 'About us',
    titleKm: 'អំពីយើង',
    bodyEn: `Computer Shop Co., Ltd. sells computers, parts and accessories in Phnom Penh and delivers across Cambodia.

# Who we are

- **Company:** Computer Shop Co., Ltd., registered with the Ministry of Commerce of the Kingdom of Cambodia
- **Shop:** Street 107, Boeung Keng Kang, Phnom Penh
- **Phone:** +855 12 345 678
- **Opening hours:** every day, 8:00 to 20:00

# What we do

We sell laptops, desktops, components, monitors, printers and accessories from the brands people trust, with the manufacturer's warranty. Our technicians build PCs to order, install operating systems and repair computers at the counter, including those bought elsewhere.

# How to buy

Order on this website and pay by Bakong KHQR from any Cambodian bank app, pay cash on delivery where offered, or reserve online and pay when you pick up at the shop. Every order gets an invoice; businesses registered for VAT get a tax invoice.

Questions? [Contact us](/contact) or come to the shop.`,
    bodyKm: `ក្រុមហ៊ុន ខមភ្យូទ័រ ហប ឯ.ក លក់កុំព្យូទ័រ គ្រឿងបន្លាស់ និងគ្រឿងបន្ថែម នៅរាជធានីភ្នំពេញ និងដឹកជញ្ជូនទូទាំងប្រទេសកម្ពុជា។

# យើងជានរណា

- **ក្រុមហ៊ុន៖** ក្រុមហ៊ុន ខមភ្យូទ័រ ហប ឯ.ក ដែលបានចុះបញ្ជីនៅក្រសួងពាណិជ្ជកម្មនៃព្រះរាជាណាចក្រកម្ពុជា
- **ហាង៖** ផ្លូវ ១០៧ សង្កាត់បឹងកេងកង រាជធានីភ្នំពេញ
- **ទូរសព្ទ៖** +855 12 345 678
- **ម៉ោងបើក៖** រៀងរាល់ថ្ងៃ ចាប់ពីម៉ោង ៨:០០ ដល់ ២០:០០

# អ្វីដែលយើងធ្វើ

យើងលក់កុំព្យូទ័រយួរដៃ កុំព្យូទ័រលើតុ គ្រឿងបន្លាស់ អេក្រង់ ម៉ាស៊ីនបោះពុម្ព និងគ្រឿងបន្ថែម ពីម៉ាកដែលអតិថិជនទុកចិត្ត ជាមួយការធានាពីក្រុមហ៊ុនផលិត។ អ្នកបច្ចេកទេសរបស់យើងដំឡើងកុំព្យូទ័រតាមការកម្ម៉ង់ ដំឡើងប្រព័ន្ធប្រតិបត្តិការ និងជួសជុលកុំព្យូទ័រនៅហាង រួមទាំងកុំព្យូទ័រដែលបានទិញពីកន្លែងផ្សេងផងដែរ។

# របៀបទិញ

កម្ម៉ង់នៅលើគេហទំព័រនេះ ហើយបង់ប្រាក់តាម Bakong KHQR ពីកម្មវិធីធនាគារណាមួយនៅកម្ពុជា បង់ប្រាក់សុទ្ធពេលទទួលទំនិញ នៅកន្លែងដែលមានសេវានេះ ឬកក់ទុកតាមអនឡាញ ហើយបង់ប្រាក់ពេលមកយកនៅហាង។ រាល់ការបញ្ជាទិញទាំងអស់មានវិក្កយបត្រ ហើយអាជីវកម្មដែលបានចុះបញ្ជីអាករលើតម្លៃបន្ថែម ទទួលបានវិក្កយបត្រអាករ។

មានសំណួរ? [ទាក់ទងយើង](/contact) ឬអញ្ជើញមកហាង។`,
  },
  {
    slug: 'warranty-returns',
    titleEn: 'Warranty and returns',
    titleKm: 'ការធានា និងការប្ដូរត្រឡប់',
    bodyEn: `# Warranty

Every product carries the warranty shown on its page, counted from the day it was delivered or picked up. Products with a serial number are registered to your order: you can check a warranty at any time on the [warranty check](/warranty) page with the serial number, or with your order number and phone.

To use the warranty, bring the product to the shop with its accessories and your invoice or order number. We check it at the counter, repair or replace it under the manufacturer's terms, and tell you how long it will take. The warranty does not cover damage from drops, liquid, power surges, opening or repair by someone else, or software and viruses.

# Returns within 7 days

If a product is faulty when you receive it, or is not what you ordered, tell us within **7 days** of delivery or pickup. We replace it, or refund it if no replacement is available.

If you simply changed your mind, you may return a product within **7 days** when it is unused, in its original sealed box, with all accessories. Software, opened consumables (ink, toner) and products made to order (custom PC builds) cannot be returned unless faulty.

# Refunds

Refunds are paid the way you paid: back to your bank account for KHQR payments, in cash at the shop for cash payments. We refund within 7 working days of accepting the return. Delivery fees are refunded only when the product was faulty or wrong.`,
    bodyKm: `# ការធានា

ផលិតផលនីមួយៗមានការធានាដូចដែលបានបង្ហាញនៅលើទំព័ររបស់វា ដោយរាប់ចាប់ពីថ្ងៃដែលបានដឹកជញ្ជូនដល់ ឬបានមកយក។ ផលិតផលដែលមានលេខស៊េរី ត្រូវបានចុះបញ្ជីទៅនឹងការបញ្ជាទិញរបស់អ្នក៖ អ្នកអាចពិនិត្យការធានាបានគ្រប់ពេល នៅទំព័រ [ពិនិត្យការធានា](/warranty) ដោយប្រើលេខស៊េរី ឬលេខបញ្ជាទិញ និងលេខទូរសព្ទរបស់អ្នក។

ដើម្បីប្រើការធានា សូមយកផលិតផលមកហាង ជាមួយគ្រឿងបន្ថែមរបស់វា និងវិក្កយបត្រ ឬលេខបញ្ជាទិញ។ យើងពិនិត្យវានៅហាង ជួសជុល ឬប្ដូរថ្មី តាមលក្ខខណ្ឌរបស់ក្រុមហ៊ុនផលិត ហើយប្រាប់អ្នកពីរយៈពេលដែលត្រូវការ។ ការធានាមិនគ្របដណ្ដប់លើការខូចខាតដោយសារការធ្លាក់ ទឹក ចរន្តអគ្គិសនីលោត ការបើក ឬជួសជុលដោយអ្នកផ្សេង ឬកម្មវិធី និងមេរោគទេ។

# ការប្ដូរត្រឡប់ក្នុងរយៈពេល ៧ ថ្ងៃ

ប្រសិនបើផលិតផលខូចនៅពេលអ្នកទទួលបាន ឬមិនមែនជាអ្វីដែលអ្នកបានបញ្ជាទិញ សូមប្រាប់យើងក្នុងរយៈពេល **៧ ថ្ងៃ** បន្ទាប់ពីការដឹកជញ្ជូន ឬការមកយក។ យើងនឹងប្ដូរឱ្យថ្មី ឬសងប្រាក់វិញ ប្រសិនបើគ្មានទំនិញសម្រាប់ប្ដូរ។

ប្រសិនបើអ្នកគ្រាន់តែប្ដូរចិត្ត អ្នកអាចប្រគល់ផលិតផលវិញក្នុងរយៈពេល **៧ ថ្ងៃ** នៅពេលវាមិនទាន់បានប្រើ នៅក្នុងប្រអប់ដើមដែលមិនទាន់បើក ជាមួយគ្រឿងបន្ថែមទាំងអស់។ កម្មវិធី សម្ភារៈប្រើប្រាស់ដែលបានបើករួច (ទឹកថ្នាំ ម្សៅថ្នាំ) និងផលិតផលដែលធ្វើតាមការកម្ម៉ង់ (កុំព្យូទ័រដំឡើងតាមតម្រូវការ) មិនអាចប្រគល់វិញបានទេ លើកលែងតែវាខូច។

# ការសងប្រាក់វិញ

ការសងប្រាក់វិញត្រូវបានធ្វើតាមរបៀបដែលអ្នកបានបង់៖ ត្រឡប់ចូលគណនីធនាគាររបស់អ្នក សម្រាប់ការបង់តាម KHQR និងជាសាច់ប្រាក់នៅហាង សម្រាប់ការបង់ជាសាច់ប្រាក់។ យើងសងប្រាក់វិញក្នុងរយៈពេល ៧ ថ្ងៃធ្វើការ បន្ទាប់ពីទទួលយកការប្រគល់វិញ។ ថ្លៃដឹកជញ្ជូនត្រូវបានសងវិញ តែនៅពេលដែលផលិតផលខូច ឬខុសប៉ុណ្ណោះ។`,
  },
  {
    slug: 'delivery',
    titleEn: 'Delivery and pickup',
    titleKm: 'ការដឹកជញ្ជូន និងការមកយក',
    bodyEn: `# Pickup at the shop

Choose pickup at checkout and come to Street 107, Boeung Keng Kang, Phnom Penh, any day from 8:00 to 20:00. We email you when your order is ready. Bring your order number; if you have not paid online, you pay at the counter. An unpaid order is held for the number of days shown at checkout, then cancelled.

# Delivery in Phnom Penh

Orders paid before 16:00 are usually delivered the same day, later ones the next day. The driver calls you before arriving. Where cash on delivery is offered, you can pay the driver in US dollars or riel.

# Delivery to the provinces

We send orders to every province with a courier company (such as J&T Express, VET Express or a bus company's parcel service), usually in 1 to 3 days. We email you the courier and the tracking number when the parcel leaves.

# Fees

The delivery fee for your address is shown at checkout before you pay. Check the parcel when you receive it: if it is damaged, take a photo and [contact us](/contact) the same day.`,
    bodyKm: `# មកយកនៅហាង

ជ្រើសរើសការមកយកនៅពេលបញ្ជាទិញ ហើយអញ្ជើញមកផ្លូវ ១០៧ សង្កាត់បឹងកេងកង រាជធានីភ្នំពេញ រៀងរាល់ថ្ងៃ ចាប់ពីម៉ោង ៨:០០ ដល់ ២០:០០។ យើងនឹងផ្ញើអ៊ីមែលប្រាប់អ្នក នៅពេលការបញ្ជាទិញរបស់អ្នករួចរាល់។ សូមយកលេខបញ្ជាទិញមកជាមួយ ប្រសិនបើអ្នកមិនទាន់បានបង់ប្រាក់តាមអនឡាញទេ អ្នកអាចបង់នៅបញ្ជរ។ ការបញ្ជាទិញដែលមិនទាន់បង់ប្រាក់ ត្រូវបានរក្សាទុកតាមចំនួនថ្ងៃដែលបានបង្ហាញនៅពេលបញ្ជាទិញ បន្ទាប់មកនឹងត្រូវលុបចោល។

# ការដឹកជញ្ជូនក្នុងរាជធានីភ្នំពេញ

ការបញ្ជាទិញដែលបានបង់ប្រាក់មុនម៉ោង ១៦:០០ ជាធម្មតាត្រូវបានដឹកជញ្ជូនក្នុងថ្ងៃដដែល ហើយការបញ្ជាទិញក្រោយម៉ោងនោះ នឹងដឹកនៅថ្ងៃបន្ទាប់។ អ្នកដឹកជញ្ជូននឹងហៅទូរសព្ទមកអ្នក មុនពេលមកដល់។ នៅកន្លែងដែលមានសេវាបង់ប្រាក់ពេលទទួលទំនិញ អ្នកអាចបង់ប្រាក់ឱ្យអ្នកដឹកជញ្ជូនជាដុល្លារ ឬជាប្រាក់រៀល។

# ការដឹកជញ្ជូនទៅខេត្ត

យើងផ្ញើការបញ្ជាទិញទៅគ្រប់ខេត្ត តាមរយៈក្រុមហ៊ុនដឹកជញ្ជូន (ដូចជា VET Express ឬសេវាផ្ញើអីវ៉ាន់តាមឡានក្រុង) ជាធម្មតាក្នុងរយៈពេល ១ ទៅ ៣ ថ្ងៃ។ យើងនឹងផ្ញើអ៊ីមែលប្រាប់អ្នកពីក្រុមហ៊ុនដឹកជញ្ជូន និងលេខតាមដាន នៅពេលកញ្ចប់ចេញដំណើរ។

# ថ្លៃដឹកជញ្ជូន

ថ្លៃដឹកជញ្ជូនសម្រាប់អាសយដ្ឋានរបស់អ្នក ត្រូវបានបង្ហាញនៅពេលបញ្ជាទិញ មុនពេលអ្នកបង់ប្រាក់។ សូមពិនិត្យកញ្ចប់នៅពេលអ្នកទទួលបាន៖ ប្រសិនបើវាខូច សូមថតរូប ហើយ[ទាក់ទងយើង](/contact) ក្នុងថ្ងៃដដែល។`,
  },
  {
    slug: 'terms',
    titleEn: 'Terms of sale',
    titleKm: 'លក្ខខណ្ឌនៃការលក់',
    bodyEn: `These terms apply to every order placed on this website with Computer Shop Co., Ltd., Street 107, Boeung Keng Kang, Phnom Penh, Kingdom of Cambodia (phone +855 12 345 678).

# Prices and payment

Prices are in US dollars and include VAT where it applies; the riel amount is shown at the shop's exchange rate of the day. The price you pay is the one shown when you place the order. We accept Bakong KHQR from any Cambodian bank, cash on delivery where offered, and payment at the shop for pickup orders.

# Your order

Placing an order is an offer to buy. The contract is made when we confirm your payment, or when you collect and pay at the shop. If a product turns out to be out of stock or wrongly priced, we tell you at once and refund anything you paid. An online order that is not paid within the time shown on the payment page is cancelled and its stock released.

# Delivery, warranty and returns

Delivery and pickup are described on the [delivery](/pages/delivery) page; warranty, returns and refunds on the [warranty and returns](/pages/warranty-returns) page.

# Invoices

Every order gets an invoice with a number of its own. Businesses registered for VAT can enter their company name and VAT number at checkout to receive a tax invoice.

# Law

These terms follow the laws of the Kingdom of Cambodia, including the Law on Electronic Commerce and the Law on Consumer Protection. If something goes wrong, please [contact us](/contact) first: most problems are solved at the counter.`,
    bodyKm: `លក្ខខណ្ឌទាំងនេះអនុវត្តចំពោះរាល់ការបញ្ជាទិញ ដែលបានធ្វើនៅលើគេហទំព័រនេះ ជាមួយក្រុមហ៊ុន ខមភ្យូទ័រ ហប ឯ.ក ផ្លូវ ១០៧ សង្កាត់បឹងកេងកង រាជធានីភ្នំពេញ ព្រះរាជាណាចក្រកម្ពុជា (ទូរសព្ទ +855 12 345 678)។

# តម្លៃ និងការបង់ប្រាក់

តម្លៃគិតជាដុល្លារអាមេរិក ហើយរួមបញ្ចូលអាករលើតម្លៃបន្ថែម នៅកន្លែងដែលត្រូវអនុវត្ត។ ចំនួនប្រាក់រៀលត្រូវបានបង្ហាញតាមអត្រាប្ដូរប្រាក់ប្រចាំថ្ងៃរបស់ហាង។ តម្លៃដែលអ្នកបង់ គឺជាតម្លៃដែលបានបង្ហាញនៅពេលអ្នកធ្វើការបញ្ជាទិញ។ យើងទទួលយក Bakong KHQR ពីធនាគារណាមួយនៅកម្ពុជា ការបង់ប្រាក់ពេលទទួលទំនិញ នៅកន្លែងដែលមានសេវានេះ និងការបង់ប្រាក់នៅហាង សម្រាប់ការបញ្ជាទិញមកយកផ្ទាល់។

# ការបញ្ជាទិញរបស់អ្នក

ការធ្វើការបញ្ជាទិញ គឺជាការស្នើសុំទិញ។ កិច្ចសន្យាកើតឡើង នៅពេលដែលយើងបញ្ជាក់ការបង់ប្រាក់របស់អ្នក ឬនៅពេលអ្នកមកយក និងបង់ប្រាក់នៅហាង។ ប្រសិនបើផលិតផលអស់ពីស្តុក ឬដាក់តម្លៃខុស យើងនឹងប្រាប់អ្នកភ្លាមៗ ហើយសងប្រាក់ដែលអ្នកបានបង់វិញ។ ការបញ្ជាទិញតាមអនឡាញ ដែលមិនបានបង់ប្រាក់ក្នុងរយៈពេលដែលបានបង្ហាញនៅលើទំព័របង់ប្រាក់ នឹងត្រូវលុបចោល ហើយស្តុករបស់វាត្រូវបានដោះលែងវិញ។

# ការដឹកជញ្ជូន ការធានា និងការប្ដូរត្រឡប់

ការដឹកជញ្ជូន និងការមកយក ត្រូវបានពិពណ៌នានៅលើទំព័រ [ការដឹកជញ្ជូន](/pages/delivery) ហើយការធានា ការប្ដូរត្រឡប់ និងការសងប្រាក់វិញ នៅលើទំព័រ [ការធានា និងការប្ដូរត្រឡប់](/pages/warranty-returns)។

# វិក្កយបត្រ

រាល់ការបញ្ជាទិញទាំងអស់ មានវិក្កយបត្រដែលមានលេខផ្ទាល់ខ្លួន។ អាជីវកម្មដែលបានចុះបញ្ជីអាករលើតម្លៃបន្ថែម អាចបញ្ចូលឈ្មោះក្រុមហ៊ុន និងលេខអត្តសញ្ញាណកម្មសារពើពន្ធ នៅពេលបញ្ជាទិញ ដើម្បីទទួលបានវិក្កយបត្រអាករ។

# ច្បាប់

លក្ខខណ្ឌទាំងនេះអនុវត្តតាមច្បាប់នៃព្រះរាជាណាចក្រកម្ពុជា រួមទាំងច្បាប់ស្ដីពីពាណិជ្ជកម្មតាមប្រព័ន្ធអេឡិចត្រូនិក និងច្បាប់ស្ដីពីកិច្ចការពារអ្នកប្រើប្រាស់។ ប្រសិនបើមានបញ្ហាអ្វីមួយ សូម[ទាក់ទងយើង](/contact) ជាមុនសិន៖ បញ្ហាភាគច្រើនត្រូវបានដោះស្រាយនៅហាង។`,
  },
  {
    slug: 'privacy',
    titleEn: 'Privacy',
    titleKm: 'ឯកជនភាព',
    bodyEn: `Computer Shop Co., Ltd. keeps only the personal information it needs to sell, deliver and support what you buy.

# What we keep

- Your name, email address and phone number, to confirm orders and contact you about them
- Delivery addresses you enter, to deliver your orders
- Your orders, invoices and the serial numbers of the products you bought, for warranty and accounting
- Payment references from KHQR transfers and payment screenshots you upload, to confirm payments
- Messages you send us through the contact form

We never see or keep your bank card or bank login. We do not sell or rent your information to anyone.

# Who else sees it

Only what is needed: the delivery company gets your name, phone and address for your parcel; the tax administration receives invoices as the law requires.

# Cookies and statistics

The site uses a session cookie to keep your cart and sign-in, and a cookie for your language. Our visitor statistics count page views without storing your IP address.

# Your choices

You can see and change your details in your account at any time. To ask for a copy of your information, or for your account to be deleted, [contact us](/contact). Invoices are kept for as long as Cambodian tax law requires, even after an account is deleted.`,
    bodyKm: `ក្រុមហ៊ុន ខមភ្យូទ័រ ហប ឯ.ក រក្សាទុកតែព័ត៌មានផ្ទាល់ខ្លួនដែលចាំបាច់ ដើម្បីលក់ ដឹកជញ្ជូន និងផ្ដល់សេវាគាំទ្រចំពោះអ្វីដែលអ្នកទិញ។

# អ្វីដែលយើងរក្សាទុក

- ឈ្មោះ អាសយដ្ឋានអ៊ីមែល និងលេខទូរសព្ទរបស់អ្នក ដើម្បីបញ្ជាក់ការបញ្ជាទិញ និងទាក់ទងអ្នកអំពីការបញ្ជាទិញទាំងនោះ
- អាសយដ្ឋានដឹកជញ្ជូនដែលអ្នកបញ្ចូល ដើម្បីដឹកជញ្ជូនការបញ្ជាទិញរបស់អ្នក
- ការបញ្ជាទិញ វិក្កយបត្រ និងលេខស៊េរីនៃផលិតផលដែលអ្នកបានទិញ សម្រាប់ការធានា និងគណនេយ្យ
- លេខយោងនៃការផ្ទេរប្រាក់តាម KHQR និងរូបថតអេក្រង់នៃការបង់ប្រាក់ដែលអ្នកផ្ញើមក ដើម្បីបញ្ជាក់ការបង់ប្រាក់
- សារដែលអ្នកផ្ញើមកយើង តាមរយៈទម្រង់ទំនាក់ទំនង

យើងមិនដែលឃើញ ឬរក្សាទុកកាតធនាគារ ឬព័ត៌មានចូលគណនីធនាគាររបស់អ្នកទេ។ យើងមិនលក់ ឬជួលព័ត៌មានរបស់អ្នកឱ្យនរណាម្នាក់ឡើយ។

# អ្នកណាផ្សេងទៀតឃើញវា

មានតែអ្វីដែលចាំបាច់ប៉ុណ្ណោះ៖ ក្រុមហ៊ុនដឹកជញ្ជូនទទួលបានឈ្មោះ លេខទូរសព្ទ និងអាសយដ្ឋានរបស់អ្នក សម្រាប់កញ្ចប់របស់អ្នក ហើយរដ្ឋបាលសារពើពន្ធទទួលបានវិក្កយបត្រ តាមតម្រូវការរបស់ច្បាប់។

# ខូគី និងស្ថិតិ

គេហទំព័រនេះប្រើខូគីសម័យ ដើម្បីរក្សាកន្ត្រកទំនិញ និងការចូលគណនីរបស់អ្នក និងខូគីមួយសម្រាប់ភាសារបស់អ្នក។ ស្ថិតិអ្នកទស្សនារបស់យើង រាប់ចំនួនការមើលទំព័រ ដោយមិនរក្សាទុកអាសយដ្ឋានអ៊ីនធឺណិតរបស់កុំព្យូទ័ររបស់អ្នកទេ។

# ជម្រើសរបស់អ្នក

អ្នកអាចមើល និងកែប្រែព័ត៌មានរបស់អ្នក នៅក្នុងគណនីរបស់អ្នកបានគ្រប់ពេល។ ដើម្បីស្នើសុំច្បាប់ចម្លងនៃព័ត៌មានរបស់អ្នក ឬស្នើសុំលុបគណនីរបស់អ្នក សូម[ទាក់ទងយើង](/contact)។ វិក្កយបត្រត្រូវបានរក្សាទុក តាមរយៈពេលដែលច្បាប់សារពើពន្ធកម្ពុជាតម្រូវ ទោះបីជាគណនីត្រូវបានលុបហើយក៏ដោយ។`,
  },
];

/** The five pages, published; a page already there (by its slug) is left as the shop edited it. Returns how many were added. */
export async function seedPages(): Promise<number> {
  const existing = new Set(
    (
      await db
        .select({ slug: contentPages.slug })
        .from(contentPages)
        .where(
          inArray(
            contentPages.slug,
            PAGES.map((p) => p.slug),
          ),
        )
    ).map((r) => r.slug),
  );
  const missing = PAGES.filter((p) => !existing.has(p.slug));
  if (missing.length)
    await db
      .insert(contentPages)
      .values(missing.map((p) => ({ ...p, isPublished: true })))
      // Two seeds at once: the second leaves the first one's rows as they are.
      .onDuplicateKeyUpdate({ set: { slug: sql`slug` } });
  return missing.length;
}
