"""The content of the news demo (fachstelle.news.demo): items of Region Zofingen and Allschwil."""

# `days`: publish this many days from now (negative: in the past); `until`: unpublish after that many days.
# fmt: off
NEWS = {
    "region-zofingen": [
        {
            "title": "Neue Deutschkurse mit Kinderbetreuung in Oftringen", "days": -3,
            "teaser": "Ab nächstem Monat gibt es in Oftringen zwei zusätzliche Vormittagskurse mit "
                      "Kinderbetreuung, für die Niveaus A1 und A2.",
            "body": """\
Viele Mütter und Väter mit kleinen Kindern haben uns gefragt: Gibt es Deutschkurse, bei denen
die Kinder betreut werden? Jetzt gibt es zwei neue Kurse in Oftringen, jeweils am Dienstag- und
Donnerstagvormittag.

- Niveau A1 und A2, je 12 Teilnehmende,
- Kinderbetreuung im selben Haus, für Kinder ab einem Jahr,
- Kosten nach Einkommen, mit Unterstützung von Kanton und Gemeinden.

Melden Sie sich bei der Fachstelle Integration; wir helfen bei der Anmeldung.""",
            "translations": {
                "ar": {
                    "title": "دورات ألمانية جديدة مع رعاية للأطفال في أوفترينغن",
                    "teaser": "ابتداءً من الشهر القادم توجد في أوفترينغن دورتان صباحيتان إضافيتان مع رعاية "
                              "للأطفال، "
                              "للمستويين A1 وA2.",
                    "body": """\
سألنا كثير من الأمهات والآباء الذين لديهم أطفال صغار: هل توجد دورات ألمانية تتم فيها رعاية
الأطفال؟ الآن توجد دورتان جديدتان في أوفترينغن، صباح يومي الثلاثاء والخميس.

- المستويان A1 وA2، لكل دورة 12 مشاركاً،
- رعاية الأطفال في المبنى نفسه، للأطفال من عمر سنة،
- التكاليف حسب الدخل، بدعم من الكانتون والبلديات.

تواصلوا مع مكتب الاندماج؛ سنساعدكم في التسجيل.""",
                },
                "ti": {
                    "title": "ሓደሽቲ ኮርሳት ጀርመንኛ ምስ ሓለዋ ቆልዑ ኣብ ኦፍትሪንገን",
                    "teaser": "ካብ ዝመጽእ ወርሒ ኣብ ኦፍትሪንገን ክልተ ተወሰኽቲ ናይ ንግሆ ኮርሳት ምስ ሓለዋ ቆልዑ ኣለዉ፡ ንደረጃ "
                              "A1ን A2ን።",
                    "body": """ብዙሓት ኣዴታትን ኣቦታትን ንኣሽቱ ቆልዑ ዘለዉዎም ሓቲቶምና፡ ቆልዑ ዝሕለዉሉ ኮርሳት ጀርመንኛ ኣለዉ ዶ?
ሕጂ ኣብ ኦፍትሪንገን ክልተ ሓደሽቲ ኮርሳት ኣለዉ፡ ሰሉስን ሓሙስን ንግሆ።

- ደረጃ A1ን A2ን፡ ነፍሲ ወከፍ 12 ተሳተፍቲ፡
- ሓለዋ ቆልዑ ኣብቲ ሓደ ገዛ፡ ንቆልዑ ካብ ሓደ ዓመት፡
- ክፍሊት ብመሰረት እቶት፡ ብደገፍ ካንቶንን ምምሕዳራትን።

ናብ ቤት ጽሕፈት ውህደት ተወከሱ፡ ኣብ ምዝገባ ክንሕግዘኩም ኢና።""",
                },
            },
        },
        {
            "title": "Die Willkommensinformation gibt es jetzt auch auf Tigrinya", "days": -10,
            "teaser": "Alle wichtigen Informationen für Neuzugezogene in der Region Zofingen können Sie "
                      "jetzt "
                      "auf Deutsch, Arabisch, Tigrinya und in weiteren Sprachen lesen.",
            "body": """\
Die Willkommensinformation der Fachstelle erklärt die ersten Schritte in der Region: Anmeldung,
Deutschkurse, Schule, Arbeit, Gesundheit, Wohnen und Notfallnummern. Ab sofort sind fast alle Seiten auch
auf Tigrinya übersetzt. Wählen Sie Ihre Sprache oben auf der Seite.

Sie finden einen Fehler oder eine Seite ist unklar? Sagen Sie es uns mit dem Feedback unten auf jeder
Seite.""",
            "translations": {
                "ar": {
                    "title": "معلومات الترحيب متوفرة الآن بالتغرينية أيضاً",
                    "teaser": "يمكنكم الآن قراءة جميع المعلومات المهمة للقادمين الجدد في منطقة تسوفينغن "
                              "بالألمانية "
                              "والعربية والتغرينية ولغات أخرى.",
                    "body": """\
تشرح معلومات الترحيب من مكتب الاندماج الخطوات الأولى في المنطقة: التسجيل ودورات الألمانية
والمدرسة والعمل والصحة والسكن وأرقام الطوارئ. ابتداءً من الآن تُرجمت جميع الصفحات تقريباً إلى التغرينية
أيضاً. اختاروا لغتكم في أعلى الصفحة.

هل وجدتم خطأً أو كانت صفحة ما غير واضحة؟ أخبرونا عبر خانة الملاحظات أسفل كل صفحة.""",
                },
                "ti": {
                    "title": "ሓበሬታ እንቋዕ ብደሓን መጻእኩም ሕጂ ብትግርኛ እውን ኣሎ",
                    "teaser": "ንሓደሽቲ ነበርቲ ዞባ ጾፊንገን ኩሉ ኣገዳሲ ሓበሬታ ሕጂ ብጀርመንኛ፡ ዓረብኛ፡ ትግርኛን ካልኦት "
                              "ቋንቋታትን ከተንብቡ ትኽእሉ ኢኹም።",
                    "body": """ሓበሬታ እንቋዕ ብደሓን መጻእኩም ናይ ቤት ጽሕፈት ውህደት ኣብቲ ዞባ ቀዳሞት ስጉምትታት ይገልጽ፡ ምዝገባ፡
ኮርሳት ጀርመንኛ፡ ቤት ትምህርቲ፡ ስራሕ፡ ጥዕና፡ መንበሪ ገዛን ቁጽሪ ህጹጽ ረድኤትን። ካብ ሕጂ ኣትሒዙ ዳርጋ ኩሎም
ገጻት ብትግርኛ እውን ተተርጒሞም ኣለዉ። ኣብ ላዕሊ ናይቲ ገጽ ቋንቋኹም ምረጹ።

ጌጋ ረኺብኩም ወይ ሓደ ገጽ ንጹር ኣይኮነን? ኣብ ታሕቲ ናይ ነፍሲ ወከፍ ገጽ ብርእይቶ ንገሩና።""",
                },
            },
        },
        {
            "title": "Beratung neu auch in Oftringen", "days": -24,
            "teaser": "Die Fachstelle Integration berät jeden ersten Mittwoch im Monat auch im Gemeindehaus "
                      "Oftringen, ohne Termin.",
            "body": """\
Damit der Weg kürzer wird, bieten wir unsere kostenlose Beratung jetzt auch in Oftringen an:
jeden ersten Mittwoch im Monat von 14 bis 17 Uhr im Gemeindehaus. Sie brauchen keinen Termin. Wenn Sie
eine Übersetzung brauchen, melden Sie sich vorher bei uns.""",
        },
        {
            "title": "Ferienpass: Anmeldung ab Montag", "days": 7,
            "teaser": "Das Programm des Ferienpasses für Schulkinder ist da: über 100 Kurse und Ausflüge in "
                      "den "
                      "Sommerferien.",
            "body": """\
Kinder vom Kindergarten bis zur Oberstufe können im Ferienpass klettern, backen, programmieren,
Feuerwehr und Bauernhof besuchen und vieles mehr. Die meisten Angebote kosten nur wenige Franken. Das
Programm verteilt die Schule; die Anmeldung ist online oder bei der Gemeinde möglich.""",
        },
        {
            "title": "Öffnungszeiten über die Feiertage", "days": -60, "until": -30,
            "teaser": "Die Fachstelle bleibt zwischen den Feiertagen geschlossen. In Notfällen wählen Sie "
                      "144, "
                      "117 oder 143.",
            "body": """\
Zwischen den Feiertagen ist die Fachstelle Integration geschlossen. Ab dem ersten Werktag im
neuen Jahr sind wir wieder für Sie da. In Notfällen: Sanität **144**, Polizei **117**, Die Dargebotene
Hand **143**.""",
        },
    ],
    "allschwil": [
        {
            "title": "Ein Jahr Fachstelle Integration Allschwil", "days": -5,
            "teaser": "Seit den Sommerferien 2025 informiert, vernetzt und berät die Fachstelle: ein "
                      "Rückblick.",
            "body": """\
Im ersten Jahr haben wir viele Menschen beraten, die Angebote in Allschwil gesammelt und mit
Schulen, Vereinen und Kirchen einen Runden Tisch aufgebaut. Danke allen, die mitgemacht haben!""",
        },
        {
            "title": "Begrüssungsanlass: jetzt anmelden", "days": -2,
            "teaser": "Alle, die neu in Allschwil wohnen, sind herzlich zum Begrüssungsanlass mit Apéro "
                      "eingeladen.",
            "body": """\
Der Gemeinderat heisst die neuen Einwohnerinnen und Einwohner willkommen; Verwaltung, Schule
und Vereine stellen sich vor. Die Anmeldung ist im Veranstaltungskalender möglich.""",
        },
    ],
}
# fmt: on
