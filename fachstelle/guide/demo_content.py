"""German texts of the demo welcome guides (fachstelle.guide.demo): Region Zofingen (Kanton Aargau) and
Allschwil (Kanton Basel-Landschaft). Translations are in fachstelle/guide/demo_translations/.

Each page is keyed by a stable `key` (translations refer to it); `parent` is the key of the parent page,
`municipality` an official BFS number (a page of that municipality only) or None (the whole office).
Authorities are named generically or with their real public names; the phone numbers are the real Swiss
emergency numbers. Links go to real public sites of the Confederation and the cantons.
"""

ZOFINGEN = 4289

# fmt: off
ZOFINGEN_PAGES = [
    {
        "key": "ankommen", "parent": None, "order": 10, "icon": "arrival", "municipality": None,
        "title": "Ankommen",
        "summary": "Die ersten Schritte nach dem Umzug in die Region Zofingen: Anmeldung, Versicherung, "
                   "Beratung.",
        "body": """Herzlich willkommen in der Region Zofingen! Die Fachstelle Integration ist für die Menschen
in zwölf Gemeinden da. Diese Seiten helfen Ihnen bei den ersten Schritten.

## Die ersten zwei Wochen

- Melden Sie sich innerhalb von 14 Tagen bei der Einwohnerkontrolle Ihrer Wohngemeinde an.
- Bringen Sie Ihren Pass oder Ihre Identitätskarte, den Mietvertrag und Familiendokumente mit.
- Personen ohne Schweizer Pass erhalten danach ihren Ausländerausweis vom Kanton.

## Die ersten drei Monate

- Schliessen Sie für jede Person in der Familie eine Krankenversicherung ab. Sie ist obligatorisch.
- Melden Sie Ihre Kinder bei der Schule an. Die Gemeinde hilft Ihnen dabei.
- Suchen Sie einen Deutschkurs. Deutsch ist der Schlüssel für Arbeit, Schule und Kontakte.

## Erstinformation und Beratung

Viele Gemeinden laden neue Einwohnerinnen und Einwohner zu einem Begrüssungsgespräch ein. Die
Anlaufstelle Integration Aargau (AIA) informiert in vielen Sprachen über das Leben im Kanton Aargau.

Die Beratung der Fachstelle Integration ist kostenlos und vertraulich. Wir beantworten Ihre Fragen
oder zeigen Ihnen, wer weiterhelfen kann. Wenn nötig, organisieren wir eine interkulturelle
Dolmetscherin oder einen Dolmetscher.

Informationen in vielen Sprachen finden Sie auch auf [migraweb.ch](https://www.migraweb.ch) und auf
dem Portal der Schweizer Behörden [ch.ch](https://www.ch.ch).""",
        "easy_title": "Ankommen – in Leichter Sprache",
        "easy_body": """Sie wohnen neu in der Region Zofingen.
Herzlich willkommen!

## Das ist zuerst wichtig

- Gehen Sie zur Gemeinde.
  Dort ist die Einwohnerkontrolle.
  Sie melden sich dort an.
  Das müssen Sie in 14 Tagen machen.
- Nehmen Sie mit: Pass, Mietvertrag, Papiere von der Familie.
- Jede Person braucht eine Krankenversicherung.
  Das ist Pflicht.

## Wir helfen Ihnen

Die Fachstelle Integration berät Sie.
Die Beratung kostet nichts.
Wir sagen niemandem etwas weiter.
Wir können eine Person für die Übersetzung holen.""",
    },
    {
        "key": "behoerden", "parent": None, "order": 20, "icon": "authorities", "municipality": None,
        "title": "Behörden und Anmeldung",
        "summary": "Einwohnerkontrolle, Aufenthaltsbewilligung, Adressänderung und Steuern: wer wofür "
                   "zuständig ist.",
        "body": """In der Schweiz sind viele Aufgaben zwischen Gemeinde, Kanton und Bund aufgeteilt. Für die
meisten Fragen ist zuerst Ihre Wohngemeinde zuständig.

## Einwohnerkontrolle der Wohngemeinde

Die Einwohnerkontrolle registriert alle Einwohnerinnen und Einwohner. Melden Sie dort:

- Ihre Ankunft (innerhalb von 14 Tagen),
- einen Umzug innerhalb der Gemeinde oder in eine andere Gemeinde,
- die Geburt eines Kindes, eine Heirat oder eine Trennung,
- Ihren Wegzug ins Ausland.

## Aufenthaltsbewilligung

Für die Bewilligungen von Ausländerinnen und Ausländern ist im Kanton Aargau das Amt für Migration und
Integration zuständig. Die wichtigsten Ausweise sind L (Kurzaufenthalt), B (Aufenthalt), C
(Niederlassung), F (vorläufige Aufnahme), N (Asylsuchende) und S (Schutzstatus). Beantragen Sie die
Verlängerung Ihres Ausweises rechtzeitig, bevor er abläuft.

## Steuern

Wer in der Schweiz wohnt, bezahlt Steuern an Gemeinde, Kanton und Bund. Bei Personen mit Ausweis B
wird die Steuer meistens direkt vom Lohn abgezogen (Quellensteuer). Alle anderen füllen einmal im Jahr
eine Steuererklärung aus. Das Steueramt Ihrer Gemeinde beantwortet Fragen.

## Tipp

Bewahren Sie alle Briefe von Behörden auf. Wenn Sie einen Brief nicht verstehen, kommen Sie in unsere
Beratung: Wir lesen ihn gemeinsam mit Ihnen.""",
    },
    {
        "key": "zofingen", "parent": "behoerden", "order": 10, "icon": "authorities",
        "municipality": ZOFINGEN,
        "title": "Zofingen: Einwohnerkontrolle und Stadtbibliothek",
        "summary": "Wo Sie sich in Zofingen anmelden und wo Sie Bücher, Zeitungen und das Sprachcafé finden.",
        "body": """Diese Seite gilt nur für die Stadt Zofingen.

## Einwohnerkontrolle Zofingen

Die Einwohnerkontrolle ist in der Stadtverwaltung in der Altstadt. Hier melden Sie Ihre Ankunft,
einen Umzug oder Ihren Wegzug. Bringen Sie zur Anmeldung mit:

- Pass oder Identitätskarte für jede Person,
- den Mietvertrag oder eine Bestätigung der Vermieterin oder des Vermieters,
- Familienbüchlein, Heiratsurkunde oder Geburtsurkunden der Kinder,
- den Ausländerausweis oder die Einreisebewilligung, wenn Sie schon eine haben.

Die Öffnungszeiten finden Sie auf der Website der Stadt Zofingen. Für kompliziertere Fälle lohnt es
sich, vorher einen Termin zu vereinbaren. Die Anmeldung ist für Ausländerinnen und Ausländer
gebührenpflichtig; die Einwohnerkontrolle sagt Ihnen den Betrag.

## Stadtbibliothek Zofingen

In der Stadtbibliothek leihen Sie Bücher, Hörbücher, Filme und Zeitschriften aus, auch Bücher zum
Deutschlernen und Kinderbücher in mehreren Sprachen. Sie können in Ruhe lesen, lernen und das WLAN
benutzen. Im Sprachcafé üben Sie Deutsch im Gespräch mit Freiwilligen, ohne Anmeldung.

Für eine Bibliothekskarte brauchen Sie einen Ausweis und Ihre Adresse in der Schweiz.

## Angebote in Zofingen

[[offers field=freizeit municipality=4289 limit=3]]""",
    },
    {
        "key": "deutsch", "parent": None, "order": 30, "icon": "language", "municipality": None,
        "title": "Deutsch lernen",
        "summary": "Deutschkurse für alle Niveaus, mit Kinderbetreuung, am Abend und im Internet.",
        "body": """Wer Deutsch spricht, findet leichter Arbeit, versteht die Schule der Kinder und lernt
Nachbarinnen und Nachbarn kennen. In der Region Zofingen gibt es Kurse für alle Niveaus.

## Welcher Kurs passt?

Die Niveaus gehen von A1 (Anfängerinnen und Anfänger) bis C2 (sehr gute Kenntnisse). Wer noch nicht
lesen und schreiben kann, besucht zuerst einen Alphabetisierungskurs. Viele Kurse machen am Anfang einen
kurzen Test, damit Sie in die richtige Gruppe kommen.

- **Intensivkurse** am Vormittag, wenn Sie noch keine Arbeit haben,
- **Abendkurse** für Berufstätige,
- **Kurse mit Kinderbetreuung** für Mütter und Väter mit kleinen Kindern,
- **Sprachcafés und Tandems** zum Üben im Gespräch.

## Kosten

Viele Kurse in der Region werden vom Kanton Aargau und den Gemeinden unterstützt und sind deshalb
günstig. Fragen Sie nach einer Reduktion, wenn Sie wenig Geld haben.

## Sprachnachweis

Für die Niederlassungsbewilligung (C) und die Einbürgerung brauchen Sie einen Nachweis Ihrer
Deutschkenntnisse. Anerkannt ist zum Beispiel der fide-Sprachnachweis. Informationen dazu finden Sie
auf [fide-service.ch](https://www.fide-service.ch).

## Aktuelle Deutschkurse

[[offers field=sprache limit=5]]

Wir beraten Sie gerne bei der Wahl des Kurses.""",
    },
    {
        "key": "schule", "parent": None, "order": 40, "icon": "school", "municipality": None,
        "title": "Schule",
        "summary": "Die Volksschule im Kanton Aargau: Kindergarten, Primarschule, Oberstufe – kostenlos für "
                   "alle Kinder.",
        "body": """Alle Kinder in der Schweiz gehen zur Schule, unabhängig von ihrem Aufenthaltsstatus. Die
öffentliche Volksschule ist obligatorisch und kostenlos.

## Aufbau der Volksschule im Aargau

- **Kindergarten**: 2 Jahre, ab etwa 4 Jahren,
- **Primarschule**: 6 Jahre,
- **Oberstufe**: 3 Jahre, in drei Leistungsstufen: Realschule, Sekundarschule und Bezirksschule.

Danach folgt eine Berufslehre, eine weiterführende Schule oder ein Brückenangebot.

## Deutsch in der Schule

Kinder, die wenig Deutsch sprechen, bekommen Unterricht in Deutsch als Zweitsprache (DaZ). Ältere
Kinder und Jugendliche, die neu in die Schweiz kommen, besuchen manchmal zuerst eine Aufnahme- oder
Integrationsklasse.

## Eltern und Schule

Die Schule erwartet, dass Eltern mit ihr zusammenarbeiten:

- Kommen Sie zu Elternabenden und Elterngesprächen. Für wichtige Gespräche kann die Schule eine
  interkulturelle Dolmetscherin oder einen Dolmetscher organisieren.
- Melden Sie es der Lehrperson am Morgen, wenn Ihr Kind krank ist.
- Ferien nehmen Sie während der Schulferien. Für andere freie Tage braucht es ein Gesuch.

## Herkunftssprache

Kurse in heimatlicher Sprache und Kultur (HSK) helfen Kindern, ihre Erstsprache weiter zu lernen.
Fragen Sie die Schule oder Ihren Verein nach einem Kurs in Ihrer Sprache.""",
    },
    {
        "key": "kindergarten", "parent": "schule", "order": 10, "icon": "school", "municipality": None,
        "title": "Kindergarten",
        "summary": "Zwei Jahre Kindergarten sind im Aargau obligatorisch. So gelingt der Start.",
        "body": """Im Kanton Aargau besuchen alle Kinder zwei Jahre den Kindergarten. Er ist obligatorisch und
kostenlos.

## Wann beginnt der Kindergarten?

Kinder, die bis zum 31. Juli vier Jahre alt werden, beginnen im August mit dem Kindergarten. Die
Gemeinde schreibt den Eltern einen Brief. Wenn Sie neu zugezogen sind, melden Sie Ihr Kind bei der
Schulverwaltung Ihrer Gemeinde an.

## Was lernt mein Kind?

Im Kindergarten lernen die Kinder spielerisch: Sie singen, basteln, bewegen sich, hören Geschichten
und lernen mit anderen Kindern zu spielen und zu teilen. Sie üben Deutsch im Alltag. Kinder, die wenig
Deutsch sprechen, bekommen zusätzliche Unterstützung.

## Gut zu wissen

- Die Kinder nehmen ein gesundes Znüni mit: Früchte, Gemüse oder Brot und Wasser. Süssigkeiten
  gehören nicht dazu.
- Viele Kinder gehen den Kindergartenweg schon bald allein oder mit anderen Kindern. Üben Sie den Weg
  zuerst gemeinsam mit Ihrem Kind.
- Kleider, die schmutzig werden dürfen, und Hausschuhe sind praktisch.
- Wenn Ihr Kind krank ist, bleibt es zu Hause. Informieren Sie die Lehrperson.

## Vorbereitung

Ein guter Start gelingt, wenn Ihr Kind schon vorher mit anderen Kindern spielt, zum Beispiel in einer
Spielgruppe oder im Familienzentrum. Dort hört es auch früh Deutsch.""",
    },
    {
        "key": "berufsbildung", "parent": None, "order": 50, "icon": "training", "municipality": None,
        "title": "Berufsbildung",
        "summary": "Berufslehre, Brückenangebote und Berufsberatung im BIZ für Jugendliche und Erwachsene.",
        "body": """Die meisten Jugendlichen in der Schweiz machen nach der Volksschule eine Berufslehre. Sie
arbeiten in einem Betrieb und besuchen ein bis zwei Tage pro Woche die Berufsfachschule.

## Abschlüsse

- **Eidgenössisches Fähigkeitszeugnis (EFZ)**: Lehre von 3 oder 4 Jahren,
- **Eidgenössisches Berufsattest (EBA)**: Lehre von 2 Jahren, mit mehr Praxis,
- **Berufsmaturität**: zusätzlich zur Lehre, öffnet den Weg an eine Fachhochschule.

Eine Lehre ist ein anerkannter und geschätzter Weg. Nach der Lehre sind viele Weiterbildungen möglich.

## Berufsberatung

Das Berufsinformationszentrum (BIZ) in Zofingen berät Jugendliche und Erwachsene kostenlos bei der
Berufswahl, bei der Lehrstellensuche und bei einem Berufswechsel. Im BIZ finden Sie Informationen zu
allen Berufen. Viele Informationen gibt es auch auf
[berufsberatung.ch](https://www.berufsberatung.ch).

## Für junge Erwachsene, die neu in der Schweiz sind

Brückenangebote bereiten auf eine Lehre vor. Für anerkannte Flüchtlinge und vorläufig Aufgenommene
gibt es die Integrationsvorlehre (INVOL): ein Jahr Praxis in einem Betrieb und Unterricht in Deutsch
und Allgemeinbildung.

## Abschluss aus dem Ausland

Haben Sie im Ausland eine Ausbildung gemacht? Informieren Sie sich über die Anerkennung beim
Staatssekretariat für Bildung, Forschung und Innovation [SBFI](https://www.sbfi.admin.ch). Auch
Erwachsene können einen Berufsabschluss nachholen.""",
    },
    {
        "key": "arbeit", "parent": None, "order": 60, "icon": "work", "municipality": None,
        "title": "Arbeit",
        "summary": "Arbeitsbewilligung, Stellensuche, Arbeitsvertrag und Unterstützung durch das RAV.",
        "body": """Arbeit sichert das Einkommen und bringt Kontakte. Ob und wie Sie arbeiten dürfen, hängt von
Ihrem Ausweis ab.

## Wer darf arbeiten?

- Mit Ausweis **B** oder **C** dürfen Sie arbeiten; Personen mit Ausweis B aus Drittstaaten
  informieren sich beim Kanton über die Bedingungen.
- Mit Ausweis **F** und als anerkannter Flüchtling dürfen Sie arbeiten. Die Arbeitgeberin meldet die
  Stelle vorher beim Kanton.
- Mit Ausweis **S** oder **N** gelten besondere Regeln. Fragen Sie vor Stellenantritt nach.

## Stellensuche

Viele Stellen finden Sie auf Internetportalen, zum Beispiel auf [job-room.ch](https://www.job-room.ch),
dem Portal der öffentlichen Arbeitsvermittlung. Fragen Sie auch Bekannte: Viele Stellen werden über
Kontakte vergeben. Ein Lebenslauf mit Foto und Zeugnissen gehört zu jeder Bewerbung.

## Arbeitsvertrag und Lohn

Verlangen Sie einen schriftlichen Arbeitsvertrag. Mit jeder Lohnzahlung erhalten Sie eine
Lohnabrechnung. Darauf sehen Sie die Abzüge für AHV, Arbeitslosenversicherung und Pensionskasse.
Arbeit ohne Anmeldung (Schwarzarbeit) ist verboten und lässt Sie ohne Versicherung.

## Wenn Sie Ihre Stelle verlieren

Melden Sie sich sofort, spätestens am ersten Tag ohne Arbeit, beim Regionalen
Arbeitsvermittlungszentrum (RAV). Das RAV unterstützt Sie bei der Stellensuche und klärt Ihren Anspruch
auf Arbeitslosenentschädigung.""",
    },
    {
        "key": "fruehe-kindheit", "parent": None, "order": 70, "icon": "family", "municipality": None,
        "title": "Frühe Kindheit",
        "summary": "Mütter- und Väterberatung, Spielgruppen, Kitas und Familienzentren für Kinder bis 5 "
                   "Jahre.",
        "body": """\
Die ersten Lebensjahre sind wichtig für die Entwicklung. In der Region Zofingen gibt es viele
Angebote für Familien mit kleinen Kindern.

## Mütter- und Väterberatung

Die Mütter- und Väterberatung berät Eltern von Kindern bis fünf Jahre kostenlos: zu Stillen und
Ernährung, Schlaf, Entwicklung und Erziehung. Die Beraterinnen sind Pflegefachpersonen. Sie können
ohne Termin in die Sprechstunde kommen oder einen Hausbesuch vereinbaren.

## Gesundheit

Bringen Sie Ihr Kind regelmässig zu den Vorsorgeuntersuchungen bei der Kinderärztin oder beim
Kinderarzt. Impfungen sind in der Schweiz freiwillig, werden aber empfohlen.

## Spielgruppe, Kita und Tagesfamilie

- In der **Spielgruppe** spielen Kinder ab etwa drei Jahren zwei- bis dreimal pro Woche
  zusammen. Sie lernen dabei auch Deutsch.
- Die **Kindertagesstätte (Kita)** betreut Kinder ganztags, wenn die Eltern arbeiten.
- **Tagesfamilien** betreuen Kinder in ihrem Zuhause.

Die Kosten richten sich oft nach dem Einkommen. Fragen Sie bei Ihrer Gemeinde nach Beiträgen.

## Familienzentrum und Elternbildung

Im Familienzentrum treffen sich Eltern und Kinder. Es gibt Kurse für Eltern, Eltern-Kind-Angebote
und Treffpunkte zum Austausch, manchmal mit Übersetzung.

## Ihre Sprache ist wichtig

Sprechen Sie mit Ihrem Kind in der Sprache, die Sie am besten können. Eine gut gelernte Erstsprache
hilft beim Lernen von Deutsch.""",
    },
    {
        "key": "gesundheit", "parent": None, "order": 80, "icon": "health", "municipality": None,
        "title": "Gesundheit",
        "summary": "Hausarztpraxis, Apotheke, Notfall und Hilfe bei seelischen Belastungen.",
        "body": """Das Schweizer Gesundheitswesen ist gut, aber auch teuer. Es hilft, wenn Sie wissen, wohin
Sie sich wenden.

## Hausärztin oder Hausarzt

Suchen Sie sich eine Hausarztpraxis in Ihrer Nähe. Sie ist die erste Anlaufstelle bei Krankheit und
überweist Sie, wenn nötig, an eine Spezialistin oder ein Spital. Vereinbaren Sie vorher telefonisch
einen Termin. Kinder gehen zur Kinderärztin oder zum Kinderarzt.

## Apotheke

In der Apotheke bekommen Sie Medikamente und eine erste Beratung bei leichten Beschwerden. Für viele
Medikamente brauchen Sie ein Rezept.

## Notfall

Bei einem lebensbedrohlichen Notfall rufen Sie die Sanität unter **144** an. In der Nacht und am
Wochenende nennt Ihnen Ihre Hausarztpraxis am Telefon den ärztlichen Notfalldienst. Die
Notfallstation des Spitals ist für echte Notfälle da.

## Zahnärztin und Zahnarzt

Zahnbehandlungen bezahlt die Grundversicherung nicht. Gehen Sie regelmässig zur Kontrolle; die
Schulzahnklinik untersucht Schulkinder.

## Seelische Gesundheit

Krieg, Flucht und Neuanfang können belasten. Sprechen Sie mit Ihrer Hausärztin oder Ihrem Hausarzt
darüber. Rund um die Uhr hört Ihnen Die Dargebotene Hand zu: Telefon **143**. Kinder und Jugendliche
erreichen Pro Juventute unter **147**.

## Übersetzung

Für wichtige Gespräche können Praxis und Spital eine interkulturelle Dolmetscherin oder einen
Dolmetscher beiziehen. Fragen Sie danach.""",
        "easy_title": "Gesundheit – in Leichter Sprache",
        "easy_body": """## Sie sind krank

Rufen Sie Ihre Hausärztin oder Ihren Hausarzt an.
Sie bekommen einen Termin.

Für Kinder gibt es Kinderärztinnen und Kinderärzte.

## Medikamente

Medikamente gibt es in der Apotheke.
Für manche Medikamente brauchen Sie ein Rezept.
Das Rezept bekommen Sie vom Arzt.

## Notfall

Es ist sehr schlimm?
Rufen Sie die Nummer **144** an.
Dann kommt ein Krankenwagen.

## Sie sind traurig oder haben Angst

Sprechen Sie mit Ihrem Arzt.
Oder rufen Sie die Nummer **143** an.
Dort hört Ihnen jemand zu.
Tag und Nacht.""",
    },
    {
        "key": "krankenversicherung", "parent": "gesundheit", "order": 10, "icon": "health",
        "municipality": None,
        "title": "Krankenversicherung",
        "summary": "Die Grundversicherung ist obligatorisch: Prämie, Franchise, Selbstbehalt und "
                   "Prämienverbilligung.",
        "body": """In der Schweiz muss jede Person eine Krankenversicherung haben, auch Kinder. Sie müssen die
Versicherung innerhalb von drei Monaten nach der Ankunft abschliessen. Sie gilt dann rückwirkend ab
dem Tag Ihrer Ankunft.

## Grundversicherung

Die Grundversicherung bezahlt bei allen Krankenkassen die gleichen Leistungen, zum Beispiel
Arztbesuche, Spital, Medikamente auf Rezept und Schwangerschaft. Die Krankenkasse muss Sie in die
Grundversicherung aufnehmen. Zusatzversicherungen sind freiwillig.

## Was kostet die Versicherung?

- **Prämie**: Sie bezahlen jeden Monat einen Betrag. Die Prämien sind je nach Krankenkasse
  verschieden. Vergleichen Sie auf [priminfo.admin.ch](https://www.priminfo.admin.ch).
- **Franchise**: Die ersten Kosten pro Jahr bezahlen Sie selbst, bei Erwachsenen mindestens 300
  Franken. Für Kinder gibt es keine Mindestfranchise.
- **Selbstbehalt**: Von den weiteren Kosten bezahlen Sie 10 Prozent, höchstens 700 Franken pro Jahr
  für Erwachsene.

Eine höhere Franchise macht die Prämie günstiger, aber Sie bezahlen bei Krankheit mehr selbst.

## Prämienverbilligung

Wenn Ihr Einkommen klein ist, bezahlt der Kanton einen Teil der Prämie. Im Kanton Aargau stellen Sie
den Antrag bei der SVA Aargau ([sva-ag.ch](https://www.sva-ag.ch)). Beachten Sie die Frist.

## Wichtig

Bezahlen Sie die Prämien pünktlich. Unbezahlte Prämien führen zu Mahnungen und Betreibungen. Wenn Sie
nicht bezahlen können, kommen Sie früh in die Beratung.""",
    },
    {
        "key": "wohnen", "parent": None, "order": 90, "icon": "housing", "municipality": None,
        "title": "Wohnen",
        "summary": "Wohnungssuche, Mietvertrag, Hausordnung und Abfall: was beim Wohnen in der Schweiz "
                   "gilt.",
        "body": """Eine Wohnung zu finden ist nicht immer leicht. Wer die Regeln kennt, hat es einfacher mit
Vermietern und Nachbarn.

## Wohnungssuche

Freie Wohnungen finden Sie auf Immobilienportalen im Internet, in der Zeitung und über Bekannte. Für
eine Bewerbung brauchen Sie meist einen Auszug aus dem Betreibungsregister, eine Kopie Ihres Ausweises
und Angaben zu Ihrem Einkommen.

## Mietvertrag und Kaution

- Lesen Sie den Mietvertrag genau, bevor Sie unterschreiben.
- Die Mietkaution beträgt höchstens drei Monatsmieten. Sie wird auf ein Sperrkonto auf Ihren Namen
  einbezahlt.
- Zur Miete kommen oft Nebenkosten für Heizung und Wasser.
- Beim Einzug und beim Auszug wird die Wohnung gemeinsam kontrolliert (Wohnungsabnahme). Melden Sie
  Mängel sofort schriftlich.

## Zusammenleben im Haus

Die Hausordnung regelt zum Beispiel die Benutzung der Waschküche und die Ruhezeiten. In der Nacht,
meistens von 22 bis 6 Uhr, und am Sonntag ist es ruhig. Lüften Sie die Wohnung mehrmals täglich kurz,
damit kein Schimmel entsteht.

## Abfall und Recycling

Den Hauskehricht entsorgen Sie in den Gebührensäcken oder mit den Marken Ihrer Gemeinde. Glas, Papier,
Karton, Metall und PET werden separat gesammelt. Den Abfallkalender erhalten Sie von der Gemeinde.

## Bei Streit

Bei Streit mit der Vermieterin oder dem Vermieter hilft die Schlichtungsbehörde für Miete und Pacht.
Das Verfahren ist kostenlos. Auch der Mieterverband berät.""",
    },
    {
        "key": "freizeit", "parent": None, "order": 100, "icon": "leisure", "municipality": None,
        "title": "Freizeit und Vereine",
        "summary": "Vereine, Bibliotheken, Sport und Freiwilligenarbeit: so lernen Sie Menschen kennen.",
        "body": """\
In der Schweiz treffen sich viele Menschen in ihrer Freizeit in Vereinen. Ein Verein ist ein
guter Ort, um Leute kennenzulernen und Deutsch zu sprechen.

## Vereine

In jeder Gemeinde gibt es Vereine: Turnvereine, Fussballclubs, Musikgesellschaften, Chöre,
Frauenvereine, Elternvereine und Vereine von Menschen aus anderen Ländern. Die Mitgliedschaft kostet
einen Jahresbeitrag. Viele Vereine laden zu einem Schnuppertraining oder einer Probe ein. Eine Liste
der Vereine hat Ihre Gemeinde.

## Bibliotheken und Ludotheken

In den Bibliotheken leihen Sie Bücher, auch in anderen Sprachen, und Medien zum Deutschlernen aus. In
der Ludothek leihen Sie Spiele und Spielsachen für wenig Geld.

## Sport und Natur

Es gibt Schwimmbäder, Sportplätze und viele Wanderwege in der Region. Im Wald und auf den Feldern
gelten Regeln: Abfall nehmen Sie wieder mit, und Hunde bleiben auf den Wegen.

## Freiwilligenarbeit

Viele Menschen engagieren sich freiwillig, zum Beispiel bei Anlässen, in der Nachbarschaftshilfe oder
als Deutsch-Tandem. Freiwilligenarbeit schafft Kontakte und ist eine gute Referenz bei der
Stellensuche.

## Ferienpass

In den Sommerferien gibt es für Schulkinder den Ferienpass mit vielen günstigen Kursen und Ausflügen.
Die Schule verteilt das Programm.

## Nächste Anlässe

[[events field=freizeit limit=3]]""",
    },
    {
        "key": "notfall", "parent": None, "order": 110, "icon": "emergency", "municipality": None,
        "title": "Notfallnummern",
        "summary": "Polizei 117, Feuerwehr 118, Sanität 144 und weitere Nummern, die Sie kennen sollten.",
        "body": """Die Notfallnummern sind in der ganzen Schweiz gleich. Sie können sie von jedem Telefon und
Handy kostenlos anrufen, auch ohne Guthaben.

## Notfälle

- **112**: Europäische Notrufnummer. Sie werden mit der richtigen Stelle verbunden.
- **117**: Polizei, zum Beispiel bei Gewalt, Einbruch oder einem Verkehrsunfall.
- **118**: Feuerwehr, bei Brand, Rauch oder Gasgeruch.
- **144**: Sanität (Krankenwagen), bei Bewusstlosigkeit, starken Schmerzen in der Brust, schweren
  Verletzungen oder Atemnot.
- **1414**: Rega, Rettung mit dem Helikopter.
- **145**: Tox Info Suisse, bei Vergiftungen, zum Beispiel wenn ein Kind Medikamente oder
  Putzmittel geschluckt hat.

## Hilfe in schwierigen Situationen

- **143**: Die Dargebotene Hand. Anonyme Gespräche rund um die Uhr, wenn Sie Sorgen haben.
- **147**: Pro Juventute. Beratung für Kinder und Jugendliche, per Telefon, Chat oder SMS.

## So melden Sie einen Notfall

Bleiben Sie ruhig und sagen Sie:

1. Wer ruft an?
2. Was ist passiert?
3. Wo ist es passiert? Nennen Sie Gemeinde, Strasse und Hausnummer.
4. Wie viele Personen sind verletzt?

Legen Sie erst auf, wenn die Person am Telefon es sagt. Wenn Sie wenig Deutsch sprechen, sagen Sie
Ihre Sprache: Oft findet sich jemand, der übersetzt.

Schreiben Sie die Nummern auf einen Zettel und hängen Sie ihn gut sichtbar auf.""",
        "easy_title": "Notfallnummern – in Leichter Sprache",
        "easy_body": """## Sie brauchen sofort Hilfe

- Polizei: **117**
- Feuerwehr: **118**
- Krankenwagen: **144**
- Vergiftung: **145**

Der Anruf kostet nichts.

## Am Telefon sagen Sie

- Ihren Namen.
- Was passiert ist.
- Wo Sie sind: Gemeinde, Strasse, Nummer.

Legen Sie nicht sofort auf.
Warten Sie, bis die Person am Telefon fertig ist.

## Sie haben grosse Sorgen

Rufen Sie die Nummer **143** an.
Für Kinder und Jugendliche: die Nummer **147**.""",
    },
]

ALLSCHWIL_PAGES = [
    {
        "key": "allschwil-ankommen", "parent": None, "order": 10, "icon": "arrival", "municipality": None,
        "title": "Ankommen in Allschwil",
        "summary": "Anmeldung bei der Einwohnerkontrolle und erste Informationen für Neuzuzügerinnen und "
                   "Neuzuzüger.",
        "body": """Willkommen in Allschwil! Melden Sie sich innerhalb von 14 Tagen bei der Einwohnerkontrolle
der Gemeinde an. Bringen Sie Ihren Pass oder Ihre Identitätskarte, den Mietvertrag und
Familiendokumente mit.

## Wichtig in den ersten Monaten

- Krankenversicherung für jede Person abschliessen (innerhalb von drei Monaten),
- Kinder bei der Schule anmelden,
- einen Deutschkurs suchen.

Die Gemeinde lädt neue Einwohnerinnen und Einwohner jedes Jahr zu einem Begrüssungsanlass ein. Die
Fachstelle Integration berät Sie kostenlos und vertraulich, auf Wunsch mit Übersetzung.""",
    },
    {
        "key": "allschwil-deutsch", "parent": None, "order": 20, "icon": "language", "municipality": None,
        "title": "Deutsch lernen",
        "summary": "Deutschkurse und Sprachcafés in Allschwil und in der Region Basel.",
        "body": """In Allschwil und in Basel gibt es Deutschkurse für alle Niveaus, am Vormittag, am Abend
und mit Kinderbetreuung. In der Gemeindebibliothek üben Sie Deutsch im Sprachcafé.

[[offers field=sprache municipality=2762 limit=5]]

Wir helfen Ihnen, den passenden Kurs zu finden.""",
    },
    {
        "key": "allschwil-schule", "parent": None, "order": 30, "icon": "school", "municipality": None,
        "title": "Schule und Kinderbetreuung",
        "summary": "Kindergarten, Primarschule und Tagesstrukturen in Allschwil.",
        "body": """Im Kanton Basel-Landschaft besuchen alle Kinder zwei Jahre den Kindergarten, danach sechs
Jahre die Primarschule und drei Jahre die Sekundarschule. Die Volksschule ist kostenlos. Kinder mit
wenig Deutschkenntnissen erhalten Unterricht in Deutsch als Zweitsprache.

Die Tagesstrukturen betreuen Schulkinder über Mittag und nach der Schule. Melden Sie Ihr Kind bei der
Schulleitung an.""",
    },
    {
        "key": "allschwil-arbeit", "parent": None, "order": 40, "icon": "work", "municipality": None,
        "title": "Arbeit",
        "summary": "Stellensuche, Arbeitsvertrag und das RAV.",
        "body": """Ob Sie arbeiten dürfen, hängt von Ihrem Ausweis ab. Verlangen Sie einen schriftlichen
Arbeitsvertrag und eine Lohnabrechnung. Wenn Sie Ihre Stelle verlieren, melden Sie sich sofort beim
Regionalen Arbeitsvermittlungszentrum (RAV). Das Berufsinformationszentrum (BIZ) berät bei Berufswahl
und Weiterbildung.""",
    },
    {
        "key": "allschwil-notfall", "parent": None, "order": 50, "icon": "emergency", "municipality": None,
        "title": "Notfallnummern",
        "summary": "Polizei 117, Feuerwehr 118, Sanität 144.",
        "body": """- **112**: Europäische Notrufnummer
- **117**: Polizei
- **118**: Feuerwehr
- **144**: Sanität (Krankenwagen)
- **145**: Tox Info Suisse (Vergiftungen)
- **143**: Die Dargebotene Hand
- **147**: Pro Juventute (Kinder und Jugendliche)

Die Anrufe sind kostenlos.""",
    },
]
# fmt: on

GUIDES = {"region-zofingen": ZOFINGEN_PAGES, "allschwil": ALLSCHWIL_PAGES}
