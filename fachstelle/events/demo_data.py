"""The content of the events demo (fachstelle.events.demo): events of Region Zofingen and Allschwil and an
example calendar feed. Participants' names are invented (example.org addresses); places are the real
municipalities (official BFS numbers), organisers are named as in fachstelle/network/demo_data.py.
"""

from django.utils.text import slugify

from .models import Event, Registration

INFO_EVENING = "Informationsabend für Neuzugezogene"
R = Registration.Status


def _reg(name, people=1, language="", needs="", status=R.CONFIRMED, attended=None):
    """A registration: `attended` is the number of people checked in (past events only)."""
    local = slugify(name).replace("-", ".")
    return {
        "name": name,
        "email": f"{local}@example.org",
        "people": people,
        "language": language,
        "needs": needs,
        "status": status,
        "attended": attended,
    }


# One dict per event. `day`: days from today; `start`/`end`: local times; `end_day`: for multi-day events;
# `weekly`: number of weekly dates (a series); `deadline_days`: registration closes that many days before.
# fmt: off
EVENTS = {
    "region-zofingen": [
        {
            "title": INFO_EVENING, "day": 10, "start": (19, 0), "end": (21, 0),
            "summary": "Alles Wichtige für den Start in der Region: Behörden, Deutschkurse, Schule, "
                       "Gesundheit – "
                       "mit Dolmetschenden und Kinderbetreuung.",
            "description": """\
Sie sind neu in der Region Zofingen? Am Informationsabend erfahren Sie in kurzer Zeit
das Wichtigste über das Leben hier:

- Anmeldung, Ausweise und Behörden,
- Deutschkurse und Sprachcafés,
- Schule, Kindergarten und Angebote für kleine Kinder,
- Gesundheit und Krankenversicherung.

Dolmetschende übersetzen auf Arabisch, Tigrinya und Farsi. Für Kinder ab drei Jahren gibt es eine
Kinderbetreuung. Nach dem Informationsteil bleibt Zeit für Fragen und ein Gespräch bei Tee und Kaffee.""",
            "location": "Stadtsaal Zofingen", "street": "Kirchplatz 30", "postcode": "4800", "bfs": 4289,
            "organiser": None, "fields": ["beratung", "zusammenleben"],
            "targets": ["neuzugezogene", "familien"],
            "languages": ["de", "ar", "ti", "fa"], "interpreter": True, "childcare": True,
            "cost_note": "Kostenlos. Bitte melden Sie sich an, damit wir genug Plätze und Dolmetschende "
                         "haben.",
            "registration": True, "capacity": 40, "deadline_days": 2,
            "registrations": [
                _reg("Yonas Tesfay", 2, "ti", "Dolmetschen Tigrinya"),
                _reg("Amal Haddad", 3, "ar", "Kinderbetreuung für 2 Kinder (3 und 5 Jahre)"),
                _reg("Reza Ahmadi", 1, "fa"),
                _reg("Olena Kovalenko", 2, "uk"),
                _reg("Semhar Berhane", 1, "ti", "Kinderbetreuung für 1 Kind (4 Jahre)"),
                _reg("Daniela Costa", 1, "pt", status=R.CANCELLED),
            ],
            "translations": {
                "ar": {
                    "title": "أمسية إعلامية للقادمين الجدد",
                    "summary": "كل ما هو مهم للبداية في المنطقة: السلطات ودورات الألمانية والمدرسة والصحة – "
                               "مع "
                               "مترجمين ورعاية للأطفال.",
                    "description": """\
هل أنتم جدد في منطقة تسوفينغن؟ في الأمسية الإعلامية تعرفون في وقت قصير أهم ما يتعلق
بالحياة هنا:

- التسجيل وبطاقات الإقامة والسلطات،
- دورات الألمانية ومقاهي اللغة،
- المدرسة وروضة الأطفال والعروض للأطفال الصغار،
- الصحة والتأمين الصحي.

يترجم مترجمون إلى العربية والتغرينية والفارسية. وتتوفر رعاية للأطفال من سن ثلاث سنوات. بعد الجزء الإعلامي
يبقى وقت للأسئلة وللحديث مع الشاي والقهوة.""",
                    "cost_note": "مجاناً. يرجى التسجيل حتى نوفّر أماكن ومترجمين بعدد كافٍ.",
                },
                "ti": {
                    "title": "ምሸት ሓበሬታ ንሓደሽቲ ነበርቲ",
                    "summary": "ኣብቲ ዞባ ንምጅማር ኩሉ ኣገዳሲ፡ ሰበ-ስልጣን፡ ኮርሳት ጀርመንኛ፡ ቤት ትምህርቲ፡ ጥዕና – ምስ "
                               "ኣስተርጓሚን ሓለዋ ቆልዑን።",
                    "description": """ሓደሽቲ ኣብ ዞባ ጾፊንገን ዲኹም? ኣብ ምሸት ሓበሬታ ብሓጺር ግዜ ብዛዕባ ናብራ ኣብዚ እቲ ዝበለጸ
ኣገዳሲ ትፈልጡ፡

- ምዝገባ፡ መንበሪ ፍቓድን ሰበ-ስልጣንን፡
- ኮርሳት ጀርመንኛን ካፌ ቋንቋን፡
- ቤት ትምህርቲ፡ መዋእለ ህጻናትን ንኣሽቱ ቆልዑ ኣገልግሎታትን፡
- ጥዕናን መድሕን ሕማምን።

ኣስተርጓሚት ናብ ዓረብኛ፡ ትግርኛን ፋርስን ይትርጉሙ። ንቆልዑ ካብ ሰለስተ ዓመት ሓለዋ ኣሎ። ድሕሪ ክፍሊ ሓበሬታ ንሕቶታትን
ምስ ሻሂን ቡንን ንምዝርራብን ግዜ ኣሎ።""",
                    "cost_note": "ብናጻ። እኹል ቦታን ኣስተርጓሚን ምእንቲ ክህልወና በጃኹም ተመዝገቡ።",
                },
                "en": {
                    "title": "Information evening for newcomers",
                    "summary": "Everything important for your start in the region: authorities, German "
                               "courses, school, "
                               "health – with interpreters and childcare.",
                    "description": """\
New to the Zofingen region? At the information evening you learn the essentials of life
here in a short time:

- registration, permits and authorities,
- German courses and language cafés,
- school, kindergarten and services for small children,
- health and health insurance.

Interpreters translate into Arabic, Tigrinya and Farsi. There is childcare for children from three years.
After the information part there is time for questions and a chat over tea and coffee.""",
                    "cost_note": "Free of charge. Please register so that we have enough seats and "
                                 "interpreters.",
                },
            },
        },
        {
            "title": "Deutsch-Café", "weekday": 3, "weekly": 8, "start": (15, 0), "end": (16, 30),
            "summary": "Deutsch üben bei Kaffee und Kuchen – jeden Donnerstag, ohne Anmeldung, für alle "
                       "Niveaus.",
            "description": """\
Im Deutsch-Café sprechen Sie in kleinen Gruppen mit Freiwilligen über den Alltag. Sie
üben Deutsch ohne Druck und lernen Menschen aus dem Dorf kennen. Kommen Sie einfach vorbei, auch wenn
Sie erst wenig Deutsch sprechen. Kinder sind willkommen.""",
            "location": "Kirchgemeindehaus", "street": "Dorfstrasse 12", "postcode": "4802", "bfs": 4285,
            "organiser": "Deutsch-Café Strengelbach", "fields": ["sprache", "freizeit", "zusammenleben"],
            "targets": ["neuzugezogene", "gefluechtete"], "languages": ["de"],
            "cost_type": Event.CostType.COLLECTION, "cost_note": "Kollekte für Kaffee und Kuchen.",
        },
        {
            "title": "Elternabend: Schule in der Schweiz", "day": 20, "start": (19, 30), "end": (21, 0),
            "summary": "Wie funktioniert die Volksschule im Aargau? Informationen für Eltern, mit "
                       "Übersetzung.",
            "description": """\
Lehrpersonen der Schule Aarburg erklären, wie die Volksschule funktioniert: Kindergarten,
Primarschule und Oberstufe, Zeugnisse, Elterngespräche, Absenzen und Hausaufgaben. Sie können Fragen
stellen. Dolmetschende übersetzen auf Türkisch, Arabisch und Tigrinya.

Die Plätze sind beschränkt: Wir bestätigen Ihre Anmeldung per E-Mail.""",
            "location": "Aula Schule Aarburg", "street": "Bahnhofstrasse 20", "postcode": "4663", "bfs": 4271,
            "organiser": "Schule Aarburg", "fields": ["bildung", "familie"], "targets": ["familien"],
            "languages": ["de", "tr", "ar", "ti"], "interpreter": True, "childcare": True,
            "registration": True, "approval": True, "capacity": 25, "deadline_days": 3,
            "registrations": [
                _reg("Mehmet Yilmaz", 2, "tr", status=R.CONFIRMED),
                _reg("Hiwet Ghebre", 1, "ti", "Dolmetschen Tigrinya", status=R.PENDING),
                _reg("Samira Nasser", 2, "ar", "Kinderbetreuung für 1 Kind", status=R.PENDING),
            ],
        },
        {
            "title": "Berufsinfo-Tage", "day": 24, "end_day": 25, "start": (9, 0), "end": (16, 0),
            "summary": "Zwei Tage Berufe entdecken: Lehrbetriebe der Region stellen sich vor, Beratung im "
                       "BIZ.",
            "description": """Lehrbetriebe aus der Region Zofingen stellen über 40 Berufe vor. Jugendliche und
Erwachsene sprechen mit Lernenden und Berufsbildnerinnen, probieren Arbeiten aus und lassen sich im
Berufsinformationszentrum (BIZ) beraten. Eltern sind herzlich willkommen. Eine Anmeldung ist nicht
nötig.""",
            "location": "Berufsinformationszentrum BIZ", "street": "Hintere Hauptgasse 3", "postcode": "4800",
            "bfs": 4289, "organiser": "Berufsinformationszentrum BIZ Zofingen",
            "fields": ["bildung", "arbeit"],
            "targets": ["jugendliche", "familien"], "languages": ["de"],
        },
        {
            "title": "Kochabend: Rezepte aus aller Welt", "day": 15, "start": (18, 0), "end": (21, 30),
            "summary": "Gemeinsam kochen und essen: Frauen aus fünf Ländern zeigen ihre Lieblingsrezepte.",
            "description": """\
Wir kochen zusammen Gerichte aus Eritrea, Syrien, Afghanistan, der Ukraine und der
Schweiz und essen danach gemeinsam.""",
            "location": "Frauentreff Oftringen", "street": "Dorfstrasse 40", "postcode": "4665", "bfs": 4280,
            "organiser": "Frauentreff Oftringen", "fields": ["zusammenleben", "freizeit"],
            "targets": ["frauen"],
            "languages": ["de"], "cost_type": Event.CostType.FEE, "cost_amount": "10.00",
            "cost_note": "CHF 10 für die Zutaten.", "registration": True, "capacity": 16,
            "status": Event.Status.CANCELLED,
            "cancellation_note": "Die Kursleiterin ist erkrankt. Der Kochabend wird im Frühling nachgeholt.",
        },
        {
            "title": "Stadtführung für Neuzugezogene", "day": -21, "start": (10, 0), "end": (12, 0),
            "summary": "Ein Rundgang durch die Altstadt von Zofingen: Stadthaus, Bibliothek, Bahnhof, "
                       "Märkte.",
            "description": """Wir zeigen Ihnen die wichtigsten Orte in Zofingen: die Stadtverwaltung, die
Stadtbibliothek, den Bahnhof und den Wochenmarkt. Treffpunkt vor dem Stadtsaal.""",
            "location": "Treffpunkt Stadtsaal", "street": "Kirchplatz 30", "postcode": "4800", "bfs": 4289,
            "organiser": None, "fields": ["zusammenleben", "freizeit"], "targets": ["neuzugezogene"],
            "languages": ["de", "ar", "ti"], "interpreter": True, "registration": True, "capacity": 30,
            "deadline_days": 1,
            "registrations": [
                _reg("Filmon Kidane", 2, "ti", attended=2),
                _reg("Layla Darwish", 3, "ar", attended=3),
                _reg("Tetiana Bondar", 1, "uk", attended=1),
                _reg("Ahmad Karimi", 2, "fa", attended=1),
                _reg("Ayşe Demir", 1, "tr", attended=1),
                _reg("Luan Berisha", 2, "sq", attended=2),
                _reg("Mariam Tesfamariam", 1, "ti"),  # registered, did not come
                _reg("Kamal Osman", 1, "ar", status=R.CANCELLED),
            ],
        },
    ],
    "allschwil": [
        {
            "title": "Begrüssungsanlass für Neuzuzügerinnen und Neuzuzüger", "day": 14, "start": (18, 30),
            "end": (20, 30),
            "summary": "Die Gemeinde stellt sich vor: Verwaltung, Schule, Vereine – mit Apéro.",
            "description": """Der Gemeinderat heisst alle neuen Einwohnerinnen und Einwohner willkommen. Die
Verwaltung, die Schule und Vereine stellen sich vor. Anschliessend Apéro.""",
            "location": "Gemeindesaal Allschwil", "street": "Baslerstrasse 111", "postcode": "4123",
            "bfs": 2762,
            "organiser": None, "fields": ["beratung", "zusammenleben"], "targets": ["neuzugezogene"],
            "languages": ["de", "en"], "registration": True, "capacity": 80, "deadline_days": 5,
            "registrations": [
                _reg("Sofia Ferreira", 2, "pt"),
                _reg("James Okafor", 1, "en"),
            ],
        },
        {
            "title": "Sprachcafé in der Gemeindebibliothek", "day": 6, "start": (17, 0), "end": (18, 30),
            "summary": "Deutsch sprechen in kleinen Gruppen, ohne Anmeldung.",
            "description": "Freiwillige sprechen mit Ihnen über Alltagsthemen. Für alle Niveaus.",
            "location": "Gemeindebibliothek Allschwil", "street": "Baslerstrasse 46", "postcode": "4123",
            "bfs": 2762, "organiser": "Gemeindebibliothek Allschwil", "fields": ["sprache", "freizeit"],
            "targets": ["neuzugezogene"], "languages": ["de"],
        },
        {
            "title": "Elterncafé: Kinder stärken", "day": 12, "start": (9, 0), "end": (10, 30),
            "summary": "Austausch für Eltern über Erziehung und Schule, mit Kinderbetreuung und Übersetzung.",
            "description": "Eine Elternbildnerin beantwortet Fragen zu Erziehung, Medien und Schule.",
            "location": "Familientreff", "street": "Hegenheimermattweg 4", "postcode": "4123", "bfs": 2762,
            "organiser": "Verein Elternbildung Allschwil", "fields": ["familie", "bildung"],
            "targets": ["familien"], "languages": ["de", "ti", "tr"], "interpreter": True, "childcare": True,
        },
    ],
}

FEEDS = {
    "region-zofingen": {
        "name": "Veranstaltungskalender Netzwerk Asyl Region Zofingen",
        "url": "https://example.org/kalender.ics",
        "organiser": "Netzwerk Asyl Region Zofingen",
        "fields": ["sprache", "zusammenleben"],
        "bfs": 4289,
    },
}
# fmt: on
