"""Farsi (4 pages), Ukrainian and Turkish (3 pages each) translations of the Region Zofingen demo guide."""

# fmt: off
FA = {
    "ankommen": {
        "title": "ورود",
        "summary": "نخستین گام‌ها پس از نقل مکان به منطقهٔ تسوفینگن: ثبت‌نام، بیمه، مشاوره.",
        "body": """\
به منطقهٔ تسوفینگن خوش آمدید! دفتر ادغام (Fachstelle Integration) در خدمت ساکنان دوازده شهرداری
است. این صفحه‌ها در نخستین گام‌ها به شما کمک می‌کنند.

## دو هفتهٔ نخست

- ظرف ۱۴ روز در ادارهٔ ثبت ساکنان (Einwohnerkontrolle) شهرداری محل سکونت خود ثبت‌نام کنید.
- گذرنامه یا کارت شناسایی، قرارداد اجاره و مدارک خانوادگی را همراه داشته باشید.
- کسانی که گذرنامهٔ سوئیسی ندارند، پس از آن کارت اقامت خارجیان را از کانتون دریافت می‌کنند.

## سه ماه نخست

- برای هر یک از اعضای خانواده بیمهٔ درمانی بگیرید. این بیمه اجباری است.
- فرزندانتان را در مدرسه ثبت‌نام کنید. شهرداری در این کار به شما کمک می‌کند.
- یک کلاس زبان آلمانی پیدا کنید. آلمانی کلید کار، مدرسه و آشنایی با دیگران است.

## اطلاعات اولیه و مشاوره

بسیاری از شهرداری‌ها ساکنان تازه را به گفت‌وگوی خوشامدگویی دعوت می‌کنند. مرکز ادغام کانتون آرگاو
(Anlaufstelle Integration Aargau, AIA) به زبان‌های بسیار دربارهٔ زندگی در کانتون آرگاو اطلاع‌رسانی می‌کند.

مشاورهٔ دفتر ادغام رایگان و محرمانه است. به پرسش‌های شما پاسخ می‌دهیم یا نشان می‌دهیم چه کسی می‌تواند
کمک کند. در صورت نیاز یک مترجم میان‌فرهنگی فراهم می‌کنیم.

اطلاعات به زبان‌های بسیار را همچنین در [migraweb.ch](https://www.migraweb.ch) و در درگاه مقامات سوئیس
[ch.ch](https://www.ch.ch) می‌یابید.""",
    },
    "deutsch": {
        "title": "یادگیری زبان آلمانی",
        "summary": "کلاس‌های آلمانی برای همهٔ سطح‌ها، با نگهداری از کودکان، شبانه و اینترنتی.",
        "body": """\
کسی که آلمانی حرف می‌زند، آسان‌تر کار پیدا می‌کند، مدرسهٔ فرزندانش را می‌فهمد و با همسایگان آشنا
می‌شود. در منطقهٔ تسوفینگن برای همهٔ سطح‌ها کلاس وجود دارد.

## کدام کلاس مناسب است؟

سطح‌ها از A1 (مبتدی) تا C2 (دانش بسیار خوب) است. کسی که هنوز خواندن و نوشتن نمی‌داند، ابتدا در کلاس
سوادآموزی شرکت می‌کند. بسیاری از کلاس‌ها در آغاز یک آزمون کوتاه می‌گیرند تا شما در گروه مناسب قرار بگیرید.

- **کلاس‌های فشرده** در صبح، اگر هنوز کار ندارید،
- **کلاس‌های شبانه** برای شاغلان،
- **کلاس‌های همراه با نگهداری کودک** برای مادران و پدران کودکان خردسال،
- **کافه‌های زبان و تاندم** برای تمرین گفت‌وگو.

## هزینه‌ها

کانتون آرگاو و شهرداری‌ها از بسیاری از کلاس‌های منطقه پشتیبانی می‌کنند و به همین دلیل ارزان‌اند. اگر
درآمد کمی دارید، تخفیف بخواهید.

## مدرک زبان

برای اجازهٔ اقامت دائم (C) و برای تابعیت به مدرکی از دانش آلمانی خود نیاز دارید. برای نمونه مدرک زبان
fide پذیرفته می‌شود. اطلاعات آن را در [fide-service.ch](https://www.fide-service.ch) می‌یابید.

## کلاس‌های کنونی آلمانی

[[offers field=sprache limit=5]]

با کمال میل در انتخاب کلاس به شما مشاوره می‌دهیم.""",
    },
    "gesundheit": {
        "title": "سلامت",
        "summary": "پزشک خانواده، داروخانه، اورژانس و کمک در فشارهای روحی.",
        "body": """نظام بهداشت سوئیس خوب اما گران است. دانستن اینکه به کجا مراجعه کنید کمک می‌کند.

## پزشک خانواده

یک مطب پزشک خانواده (Hausarzt) نزدیک خود پیدا کنید. این مطب نخستین جای مراجعه در بیماری است و در صورت
نیاز شما را به پزشک متخصص یا بیمارستان ارجاع می‌دهد. پیش از رفتن تلفنی وقت بگیرید. کودکان نزد پزشک کودکان
می‌روند.

## داروخانه

در داروخانه دارو و مشاورهٔ اولیه برای ناراحتی‌های خفیف دریافت می‌کنید. برای بسیاری از داروها نسخه لازم است.

## اورژانس

در وضعیت اضطراری که جان را تهدید می‌کند با شمارهٔ **144** به آمبولانس زنگ بزنید. شب‌ها و آخر هفته مطب پزشک
خانواده از طریق تلفن خدمات پزشکی اضطراری را به شما اعلام می‌کند. بخش اورژانس بیمارستان برای موارد واقعاً
اضطراری است.

## دندان‌پزشک

بیمهٔ پایه هزینهٔ درمان دندان را نمی‌پردازد. به‌طور منظم برای معاینه بروید؛ کلینیک دندان‌پزشکی مدرسه
دانش‌آموزان را معاینه می‌کند.

## سلامت روان

جنگ، مهاجرت و آغاز دوباره می‌توانند فشار بیاورند. در این باره با پزشک خانوادهٔ خود صحبت کنید. شبانه‌روز
"Die Dargebotene Hand" با شمارهٔ **143** به حرف‌های شما گوش می‌دهد. کودکان و نوجوانان با Pro Juventute به
شمارهٔ **147** تماس می‌گیرند.

## ترجمه

برای گفت‌وگوهای مهم، مطب و بیمارستان می‌توانند از یک مترجم میان‌فرهنگی کمک بگیرند. آن را درخواست کنید.""",
    },
    "notfall": {
        "title": "شماره‌های اضطراری",
        "summary": "پلیس 117، آتش‌نشانی 118، آمبولانس 144 و شماره‌های دیگری که باید بدانید.",
        "body": """\
شماره‌های اضطراری در سراسر سوئیس یکسان است. می‌توانید از هر تلفن ثابت و همراه، حتی بدون اعتبار،
رایگان با آن‌ها تماس بگیرید.

## موارد اضطراری

- **112**: شمارهٔ اضطراری اروپایی. شما را به مرکز مناسب وصل می‌کنند.
- **117**: پلیس، برای نمونه در خشونت، دزدی یا تصادف رانندگی.
- **118**: آتش‌نشانی، در آتش‌سوزی، دود یا بوی گاز.
- **144**: آمبولانس، در بیهوشی، درد شدید قفسهٔ سینه، جراحت سخت یا تنگی نفس.
- **1414**: Rega، نجات با هلیکوپتر.
- **145**: Tox Info Suisse، در مسمومیت، برای نمونه اگر کودکی دارو یا مواد شوینده بلعیده باشد.

## کمک در موقعیت‌های دشوار

- **143**: Die Dargebotene Hand. گفت‌وگوی ناشناس در تمام شبانه‌روز، وقتی نگرانی دارید.
- **147**: Pro Juventute. مشاوره برای کودکان و نوجوانان، با تلفن، چت یا پیامک.

## چگونه وضعیت اضطراری را گزارش کنید

آرام بمانید و بگویید:

1. چه کسی زنگ می‌زند؟
2. چه اتفاقی افتاده است؟
3. کجا اتفاق افتاده است؟ شهرداری، خیابان و پلاک را بگویید.
4. چند نفر زخمی شده‌اند؟

تا زمانی که فرد پشت تلفن نگفته است، گوشی را قطع نکنید. اگر آلمانی کمی می‌دانید، زبان خود را بگویید: اغلب
کسی برای ترجمه پیدا می‌شود.

شماره‌ها را روی کاغذی بنویسید و در جایی که خوب دیده می‌شود بچسبانید.""",
    },
}

UK = {
    "ankommen": {
        "title": "Прибуття",
        "summary": "Перші кроки після переїзду до регіону Цофінген: реєстрація, страхування, консультація.",
        "body": """Ласкаво просимо до регіону Цофінген! Служба інтеграції (Fachstelle Integration) працює для
мешканців дванадцяти громад. Ці сторінки допоможуть вам зробити перші кроки.

## Перші два тижні

- Протягом 14 днів зареєструйтеся у відділі реєстрації мешканців (Einwohnerkontrolle) своєї громади.
- Візьміть із собою паспорт або посвідчення особи, договір оренди та сімейні документи.
- Особи без швейцарського паспорта після цього отримують від кантону посвідку на проживання для іноземців.

## Перші три місяці

- Оформіть медичне страхування для кожного члена сім'ї. Воно обов'язкове.
- Запишіть дітей до школи. Громада вам у цьому допоможе.
- Знайдіть курс німецької мови. Німецька — ключ до роботи, школи та знайомств.

## Первинна інформація та консультація

Багато громад запрошують нових мешканців на вітальну розмову. Центр інтеграції кантону Ааргау
(Anlaufstelle Integration Aargau, AIA) інформує багатьма мовами про життя в кантоні Ааргау.

Консультація служби інтеграції безкоштовна та конфіденційна. Ми відповідаємо на ваші запитання або
показуємо, хто може допомогти. За потреби ми організовуємо міжкультурного перекладача чи перекладачку.

Інформацію багатьма мовами ви також знайдете на [migraweb.ch](https://www.migraweb.ch) і на порталі
швейцарських органів влади [ch.ch](https://www.ch.ch).""",
    },
    "deutsch": {
        "title": "Вивчення німецької",
        "summary": "Курси німецької для всіх рівнів, з доглядом за дітьми, вечірні та онлайн.",
        "body": """Хто розмовляє німецькою, легше знаходить роботу, розуміє школу своїх дітей і знайомиться з
сусідами. У регіоні Цофінген є курси для всіх рівнів.

## Який курс підходить?

Рівні — від A1 (початківці) до C2 (дуже добре володіння). Хто ще не вміє читати й писати, спочатку
відвідує курс алфавітизації. Багато курсів на початку проводять короткий тест, щоб ви потрапили до
відповідної групи.

- **Інтенсивні курси** вранці, якщо ви ще не працюєте,
- **вечірні курси** для працюючих,
- **курси з доглядом за дітьми** для матерів і батьків із маленькими дітьми,
- **мовні кафе та тандеми** для практики в розмові.

## Вартість

Багато курсів у регіоні підтримують кантон Ааргау та громади, тому вони недорогі. Запитайте про
знижку, якщо у вас мало грошей.

## Підтвердження знання мови

Для дозволу на постійне проживання (C) і для натуралізації вам потрібне підтвердження знання німецької.
Визнається, наприклад, мовний сертифікат fide. Інформацію про нього ви знайдете на
[fide-service.ch](https://www.fide-service.ch).

## Актуальні курси німецької

[[offers field=sprache limit=5]]

Ми охоче допоможемо вам вибрати курс.""",
    },
    "arbeit": {
        "title": "Робота",
        "summary": "Дозвіл на роботу, пошук роботи, трудовий договір і підтримка RAV.",
        "body": """Робота забезпечує дохід і дає контакти. Чи і як ви можете працювати, залежить від вашої
посвідки.

## Хто може працювати?

- З посвідкою **B** або **C** ви можете працювати; власники посвідки B із третіх країн дізнаються
  про умови в кантоні.
- З посвідкою **F** і як визнаний біженець ви можете працювати. Роботодавець заздалегідь повідомляє
  кантон про роботу.
- З посвідкою **S** або **N** діють особливі правила. Запитайте перед початком роботи.

## Пошук роботи

Багато вакансій ви знайдете на інтернет-порталах, наприклад на [job-room.ch](https://www.job-room.ch),
порталі державної служби зайнятості. Запитуйте й знайомих: багато місць отримують через контакти.
Резюме з фото та свідоцтвами є частиною кожної заявки.

## Трудовий договір і зарплата

Вимагайте письмовий трудовий договір. З кожною виплатою ви отримуєте розрахунковий лист. На ньому видно
відрахування на AHV, страхування на випадок безробіття та пенсійну касу. Робота без реєстрації
(нелегальна робота) заборонена й залишає вас без страхування.

## Якщо ви втратили роботу

Зареєструйтеся негайно, не пізніше першого дня без роботи, у регіональному центрі працевлаштування
(RAV). RAV підтримує вас у пошуку роботи та з'ясовує ваше право на допомогу по безробіттю.""",
    },
}

TR = {
    "ankommen": {
        "title": "Varış",
        "summary": "Zofingen bölgesine taşındıktan sonra ilk adımlar: kayıt, sigorta, danışmanlık.",
        "body": """\
Zofingen bölgesine hoş geldiniz! Entegrasyon Bürosu (Fachstelle Integration) on iki belediyenin
sakinleri için çalışır. Bu sayfalar ilk adımlarınızda size yardımcı olur.

## İlk iki hafta

- 14 gün içinde oturduğunuz belediyenin nüfus kayıt bürosuna (Einwohnerkontrolle) kaydolun.
- Pasaportunuzu veya kimlik kartınızı, kira sözleşmenizi ve aile belgelerinizi yanınıza alın.
- İsviçre pasaportu olmayan kişiler daha sonra kantondan yabancılar için oturma kartını alır.

## İlk üç ay

- Ailedeki her kişi için sağlık sigortası yaptırın. Sağlık sigortası zorunludur.
- Çocuklarınızı okula kaydettirin. Belediye size bu konuda yardımcı olur.
- Bir Almanca kursu bulun. Almanca iş, okul ve sosyal ilişkilerin anahtarıdır.

## İlk bilgilendirme ve danışmanlık

Birçok belediye yeni sakinleri bir tanışma görüşmesine davet eder. Aargau Kantonu Entegrasyon Merkezi
(Anlaufstelle Integration Aargau, AIA) birçok dilde Aargau'daki yaşam hakkında bilgi verir.

Entegrasyon Bürosunun danışmanlığı ücretsiz ve gizlidir. Sorularınızı yanıtlarız veya size kimin
yardımcı olabileceğini gösteririz. Gerekirse kültürlerarası bir tercüman ayarlarız.

Birçok dilde bilgiyi [migraweb.ch](https://www.migraweb.ch) sitesinde ve İsviçre makamlarının portalı
[ch.ch](https://www.ch.ch) adresinde de bulabilirsiniz.""",
    },
    "schule": {
        "title": "Okul",
        "summary": "Aargau Kantonunda devlet okulu: anaokulu, ilkokul, ortaokul – tüm çocuklar için "
                   "ücretsiz.",
        "body": """İsviçre'de tüm çocuklar, oturum durumlarından bağımsız olarak okula gider. Devlet okulu
(Volksschule) zorunlu ve ücretsizdir.

## Aargau'da devlet okulunun yapısı

- **Anaokulu (Kindergarten)**: 2 yıl, yaklaşık 4 yaşından itibaren,
- **İlkokul (Primarschule)**: 6 yıl,
- **Ortaokul (Oberstufe)**: 3 yıl, üç seviyede: Realschule, Sekundarschule ve Bezirksschule.

Ardından bir meslek eğitimi (Lehre), bir üst okul veya bir geçiş programı gelir.

## Okulda Almanca

Az Almanca konuşan çocuklar ikinci dil olarak Almanca (DaZ) dersi alır. İsviçre'ye yeni gelen daha büyük
çocuklar ve gençler bazen önce bir kabul veya uyum sınıfına gider.

## Veliler ve okul

Okul, velilerin kendisiyle iş birliği yapmasını bekler:

- Veli toplantılarına ve veli görüşmelerine gelin. Önemli görüşmeler için okul kültürlerarası bir
  tercüman ayarlayabilir.
- Çocuğunuz hastaysa sabah öğretmene bildirin.
- Tatilleri okul tatillerinde yapın. Diğer izin günleri için dilekçe gerekir.

## Ana dil

Ana dil ve kültür kursları (HSK) çocukların ana dillerini öğrenmeye devam etmelerine yardımcı olur.
Kendi dilinizde bir kurs için okula veya derneğinize sorun.""",
    },
    "notfall": {
        "title": "Acil durum numaraları",
        "summary": "Polis 117, itfaiye 118, ambulans 144 ve bilmeniz gereken diğer numaralar.",
        "body": """\
Acil durum numaraları tüm İsviçre'de aynıdır. Her sabit telefondan ve cep telefonundan, kontörünüz
olmasa bile ücretsiz arayabilirsiniz.

## Acil durumlar

- **112**: Avrupa acil çağrı numarası. Doğru birime bağlanırsınız.
- **117**: Polis, örneğin şiddet, hırsızlık veya trafik kazasında.
- **118**: İtfaiye, yangın, duman veya gaz kokusunda.
- **144**: Ambulans, bilinç kaybı, şiddetli göğüs ağrısı, ağır yaralanma veya nefes darlığında.
- **1414**: Rega, helikopterle kurtarma.
- **145**: Tox Info Suisse, zehirlenmelerde, örneğin bir çocuk ilaç veya temizlik maddesi yuttuğunda.

## Zor durumlarda yardım

- **143**: Die Dargebotene Hand. Endişeleriniz olduğunda günün her saati isimsiz görüşme.
- **147**: Pro Juventute. Çocuklar ve gençler için telefon, sohbet veya SMS ile danışmanlık.

## Acil bir durumu nasıl bildirirsiniz

Sakin kalın ve şunları söyleyin:

1. Kim arıyor?
2. Ne oldu?
3. Nerede oldu? Belediyeyi, sokağı ve kapı numarasını söyleyin.
4. Kaç kişi yaralandı?

Telefondaki kişi söyleyene kadar telefonu kapatmayın. Az Almanca konuşuyorsanız dilinizi söyleyin:
Çoğu zaman çeviri yapabilecek biri bulunur.

Numaraları bir kâğıda yazın ve iyi görünen bir yere asın.""",
    },
}
# fmt: on
