"""Translations of demo offers, keyed by (office slug, German title) and language.

A translation may carry "state": "machine" (machine-translated, shown with a note) or "in_translation"
(not public yet); the default is a finished translation. Tigrinya texts are marked machine-translated:
they were not reviewed by a native speaker.
"""

MACHINE = "machine"
IN_TRANSLATION = "in_translation"

_MUETTER = ("region-zofingen", "Deutschkurs für Mütter mit Kinderhüte")
_BERATUNG_ZOF = ("region-zofingen", "Beratung zu Integrationsfragen")
_RAV = ("region-zofingen", "Informationsveranstaltung: Stellensuche in der Schweiz")

TRANSLATIONS = {
    _MUETTER: {
        "fr": {
            "title": "Cours d'allemand pour mères avec garde d'enfants",
            "summary": "Apprendre l'allemand le matin pendant que les enfants sont gardés à côté. Gratuit.",
            "description": (
                "Dans ce cours, les mères apprennent l'allemand du quotidien : faire les courses, parler "
                "avec l'école et la pédiatre, remplir des formulaires. Les enfants dès trois mois jouent "
                "dans la garderie de la salle voisine. On peut commencer à tout moment, aucune connaissance "
                "d'allemand n'est nécessaire."
            ),
            "schedule_text": "Mardi et jeudi, 9 h 00 – 11 h 00, sauf vacances scolaires",
            "cost_note": "Le cours est financé par la commune d'Aarburg et le canton d'Argovie.",
            "childcare_note": "Garde d'enfants dès 3 mois, gratuite, dans la salle voisine.",
            "accessibility_note": "Ascenseur disponible, les poussettes peuvent rester à l'entrée.",
            "registration_note": "Inscription par téléphone ou directement le premier matin du cours.",
        },
        "en": {
            "title": "German course for mothers with childcare",
            "summary": (
                "Learn German in the morning while your children are looked after next door. Free of charge."
            ),
            "description": (
                "Mothers learn everyday German: shopping, talking to the school and the paediatrician, "
                "filling in forms. Children from three months play in the crèche next door. You can join at "
                "any time; no German is required."
            ),
            "schedule_text": "Tuesday and Thursday, 9.00–11.00, except school holidays",
            "childcare_note": "Childcare from 3 months, free, in the room next door.",
            "registration_note": "Register by phone or simply come to the first lesson.",
        },
        "ar": {
            "title": "دورة لغة ألمانية للأمهات مع رعاية الأطفال",
            "summary": "تعلّمي الألمانية صباحًا بينما يُعتنى بأطفالك في الغرفة المجاورة. مجانًا.",
            "description": (
                "تتعلم الأمهات الألمانية للحياة اليومية: التسوق والتحدث مع المدرسة وطبيبة الأطفال وملء "
                "الاستمارات. يلعب الأطفال من عمر ثلاثة أشهر في غرفة الرعاية المجاورة. يمكن البدء في أي وقت، "
                "ولا يلزم أي معرفة مسبقة بالألمانية."
            ),
            "schedule_text": "الثلاثاء والخميس، 9:00–11:00، باستثناء العطل المدرسية",
        },
        "ti": {
            "state": MACHINE,
            "title": "ኮርስ ጀርመንኛ ንኣዴታት ምስ ምሕላው ቆልዑ",
            "summary": "ቆልዑ ኣብ ጎኒ ክፍሊ ክሕለዉ ከለዉ ንግሆ ጀርመንኛ ተማሃራ። ብነጻ።",
            "description": (
                "ኣዴታት ናይ መዓልታዊ ህይወት ጀርመንኛ ይመሃራ፡ ዕዳጋ፡ ምስ ቤት ትምህርቲ ምዝራብ፡ ቅጥዕታት ምምላእ። ቆልዑ ካብ ሰለስተ ወርሒ ኣብ ጎኒ ክፍሊ "
                "ይጻወቱ።"
            ),
        },
        "tr": {
            "title": "Çocuk bakımlı anneler için Almanca kursu",
            "summary": "Çocuklarınız yan odada bakılırken sabahları Almanca öğrenin. Ücretsiz.",
            "description": (
                "Anneler günlük hayat için Almanca öğrenir: alışveriş, okul ve çocuk doktoruyla konuşmak, "
                "form doldurmak. Üç aylıktan büyük çocuklar yan odada oynar. Kursa her zaman "
                "katılabilirsiniz; Almanca bilgisi gerekmez."
            ),
        },
        "uk": {
            "title": "Курс німецької для матерів із доглядом за дітьми",
            "summary": "Вивчайте німецьку вранці, поки за дітьми доглядають у сусідній кімнаті. Безкоштовно.",
            "description": (
                "Матері вивчають німецьку для повсякденного життя: покупки, розмова зі школою та педіатром, "
                "заповнення формулярів. Діти від трьох місяців граються в сусідній кімнаті. Приєднатися "
                "можна будь-коли, знання німецької не потрібні."
            ),
        },
    },
    ("region-zofingen", "Deutschkurs A1 am Abend"): {
        "fr": {
            "title": "Cours d'allemand A1 le soir",
            "summary": "Cours pour débutants qui travaillent, deux soirs par semaine à Zofingue.",
            "description": (
                "Vous apprenez à vous présenter, à prendre rendez-vous et à mener des conversations simples. "
                "Le cours suit le concept fide. Manuel compris."
            ),
            "cost_note": "CHF 180 pour 20 soirées ; avec la KulturLegi CHF 90.",
        },
        "en": {
            "title": "German A1 evening course",
            "summary": "Beginners' course for working people, two evenings a week in Zofingen.",
            "description": (
                "You learn to introduce yourself, make appointments and hold simple conversations. The "
                "course follows the fide approach. Textbook included."
            ),
            "cost_note": "CHF 180 for 20 evenings; CHF 90 with a KulturLegi card.",
        },
    },
    ("region-zofingen", "Alphabetisierungskurs mit Kinderbetreuung"): {
        "fr": {
            "title": "Cours d'alphabétisation avec garde d'enfants",
            "summary": "Apprendre à lire et à écrire en alphabet latin – pour adultes peu scolarisés.",
            "description": (
                "En petits groupes, les adultes apprennent les lettres, les chiffres et leurs premiers mots "
                "en allemand. Le rythme s'adapte aux participants. Les jeunes enfants sont gardés pendant le "
                "cours."
            ),
        },
        "en": {
            "title": "Literacy course with childcare",
            "summary": "Learn to read and write the Latin alphabet – for adults who had little schooling.",
            "description": (
                "In small groups, adults learn letters, numbers and their first German words. The pace "
                "follows the participants. Young children are looked after during the lessons."
            ),
        },
        "ar": {
            "title": "دورة محو الأمية مع رعاية الأطفال",
            "summary": "تعلّم القراءة والكتابة بالحروف اللاتينية للكبار الذين لم يتلقوا تعليمًا كافيًا.",
            "description": "يتعلم الكبار في مجموعات صغيرة الحروف والأرقام وأولى الكلمات الألمانية.",
        },
        "ti": {
            "state": MACHINE,
            "title": "ኮርስ ምፍላጥ ፊደል ምስ ምሕላው ቆልዑ",
            "summary": "ብላቲን ፊደል ምንባብን ምጽሓፍን ምምሃር – ንዓበይቲ።",
        },
    },
    ("region-zofingen", "Sprachcafé Deutsch in der Stadtbibliothek"): {
        "fr": {
            "title": "Café des langues allemand à la bibliothèque municipale",
            "summary": "Parler allemand autour d'un café ou d'un thé – sans inscription, sans frais.",
            "description": (
                "Des bénévoles discutent avec vous de sujets du quotidien. Tous les niveaux sont les "
                "bienvenus. Ensuite, vous pouvez emprunter des livres dans votre langue."
            ),
            "schedule_text": "Chaque samedi, 10 h 00 – 11 h 30",
        },
        "en": {
            "title": "German conversation café at the town library",
            "summary": "Speak German over coffee and tea – no registration, no cost.",
            "description": (
                "Volunteer hosts chat with you about everyday topics. All levels are welcome. Afterwards you "
                "can borrow books in your language."
            ),
            "schedule_text": "Every Saturday, 10.00–11.30",
        },
        "uk": {
            "title": "Мовне кафе німецької в міській бібліотеці",
            "summary": "Розмовляйте німецькою за кавою та чаєм – без реєстрації та безкоштовно.",
        },
    },
    _BERATUNG_ZOF: {
        "fr": {
            "title": "Conseil sur les questions d'intégration",
            "summary": (
                "Conseil gratuit et confidentiel sur l'allemand, la formation, le travail, la santé et le "
                "séjour."
            ),
            "description": (
                "Vous avez des questions sur la vie en Suisse, les cours d'allemand, la reconnaissance de "
                "votre diplôme ou votre autorisation de séjour ? Nous vous conseillons personnellement et "
                "vous indiquons les offres adaptées. Si nécessaire, nous organisons une interprète."
            ),
            "registration_note": (
                "Rendez-vous sur demande ; conseil bref sans rendez-vous pendant la permanence."
            ),
        },
        "en": {
            "title": "Advice on integration questions",
            "summary": "Free and confidential advice on German, education, work, health and residence.",
            "description": (
                "Do you have questions about life in Switzerland, German courses, recognition of your "
                "diploma or your residence permit? We advise you in person and show you suitable offers. If "
                "needed, we arrange an interpreter."
            ),
        },
        "ar": {
            "title": "استشارات حول قضايا الاندماج",
            "summary": "استشارة مجانية وسرية حول اللغة الألمانية والتعليم والعمل والصحة والإقامة.",
            "description": (
                "هل لديك أسئلة حول الحياة في سويسرا أو دورات اللغة الألمانية أو الاعتراف بشهادتك أو تصريح "
                "إقامتك؟ نقدم لك المشورة شخصيًا ونرشدك إلى العروض المناسبة. وعند الحاجة نوفر مترجمًا."
            ),
        },
        "ti": {
            "state": MACHINE,
            "title": "ምኽሪ ብዛዕባ ሕቶታት ውህደት",
            "summary": "ብዛዕባ ጀርመንኛ፡ ትምህርቲ፡ ስራሕ፡ ጥዕናን መንበሪ ፍቓድን ብነጻን ብምስጢርን ምኽሪ።",
        },
        "uk": {
            "title": "Консультації з питань інтеграції",
            "summary": (
                "Безкоштовні та конфіденційні консультації щодо німецької мови, освіти, роботи, здоров'я та "
                "перебування."
            ),
            "description": (
                "Маєте питання про життя у Швейцарії, курси німецької, визнання диплома чи дозвіл на "
                "перебування? Ми особисто проконсультуємо вас і покажемо відповідні пропозиції. За потреби "
                "організуємо перекладача."
            ),
        },
        "tr": {
            "title": "Uyum konularında danışmanlık",
            "summary": "Almanca, eğitim, iş, sağlık ve oturum konularında ücretsiz ve gizli danışmanlık.",
        },
    },
    ("region-zofingen", "Mütter- und Väterberatung"): {
        "fr": {
            "title": "Consultation parents-enfants",
            "summary": (
                "Conseils sur le développement, l'alimentation, le sommeil et l'éducation des enfants "
                "jusqu'à cinq ans."
            ),
            "description": (
                "Des spécialistes conseillent les parents dans les communes de la région. Elles pèsent et "
                "mesurent votre enfant et répondent à vos questions. Sur demande, une interprète "
                "interculturelle est présente."
            ),
        },
        "en": {
            "title": "Parent and child counselling",
            "summary": "Advice on development, nutrition, sleep and parenting for children up to five years.",
            "description": (
                "Specialists advise parents in the municipalities of the region. They weigh and measure your "
                "child and answer your questions. An intercultural interpreter can join on request."
            ),
        },
        "ar": {
            "title": "استشارات الأمهات والآباء",
            "summary": "نصائح حول نمو الأطفال حتى خمس سنوات وتغذيتهم ونومهم وتربيتهم.",
        },
        "tr": {
            "title": "Anne ve baba danışmanlığı",
            "summary": (
                "Beş yaşına kadar çocukların gelişimi, beslenmesi, uykusu ve eğitimi hakkında danışmanlık."
            ),
        },
    },
    ("region-zofingen", "Elterncafé im Familienzentrum"): {
        "fr": {
            "title": "Café des parents au centre familial",
            "summary": (
                "Rencontrer d'autres parents, poser des questions, boire un café – les enfants jouent."
            ),
            "description": (
                "Chaque jeudi, le centre familial invite les parents de jeunes enfants à un café ouvert. Une "
                "fois par mois, une spécialiste parle d'un thème comme le bilinguisme ou les soins dentaires."
            ),
        },
        "en": {
            "title": "Parents' café at the family centre",
            "summary": "Meet other parents, ask questions, have a coffee – the children play along.",
            "description": (
                "Every Thursday the family centre invites parents of young children to an open café. Once a "
                "month a specialist talks about a topic such as bilingualism or dental care."
            ),
        },
    },
    ("region-zofingen", "Sozialberatung"): {
        "fr": {
            "title": "Conseil social",
            "summary": "Soutien en cas de difficultés financières, familiales ou personnelles.",
        },
        "en": {
            "title": "Social counselling",
            "summary": "Support with financial, family or personal difficulties.",
            "description": (
                "Social workers look at your situation with you and search for solutions together, for "
                "example with bills, insurance or authorities. The counselling is confidential."
            ),
        },
    },
    ("region-zofingen", "Bewerbungscoaching für Migrantinnen und Migranten"): {
        "fr": {
            "title": "Coaching de candidature pour migrantes et migrants",
            "summary": (
                "Accompagnement individuel pour le CV, la lettre de motivation et l'entretien d'embauche."
            ),
        },
        "en": {
            "title": "Job application coaching for migrants",
            "summary": "One-to-one support with your CV, cover letter and job interview.",
            "description": (
                "A coach helps you make your experience from your country of origin visible. We prepare an "
                "application file to Swiss standards and practise the interview. German at level A2 helps."
            ),
        },
        "ar": {
            "title": "تدريب على طلبات التوظيف للمهاجرات والمهاجرين",
            "summary": "مرافقة فردية في إعداد السيرة الذاتية ورسالة التقديم ومقابلة العمل.",
        },
        "uk": {
            "state": MACHINE,
            "title": "Коучинг із працевлаштування для мігранток і мігрантів",
            "summary": "Індивідуальний супровід у підготовці резюме, мотиваційного листа та співбесіди.",
        },
    },
    _RAV: {
        "fr": {
            "title": "Séance d'information : chercher un emploi en Suisse",
            "summary": (
                "Comment fonctionne le marché du travail ? Que fait l'ORP ? Avec interprétation en plusieurs "
                "langues."
            ),
        },
        "en": {
            "title": "Information session: looking for work in Switzerland",
            "summary": (
                "How does the labour market work? What does the job centre do? Interpreted into several "
                "languages."
            ),
        },
        "uk": {
            "title": "Інформаційна зустріч: пошук роботи у Швейцарії",
            "summary": "Як працює ринок праці? Чим займається RAV? З перекладом кількома мовами.",
        },
        "ar": {
            "state": MACHINE,
            "title": "لقاء إعلامي: البحث عن عمل في سويسرا",
            "summary": "كيف يعمل سوق العمل؟ ما دور مركز التوظيف؟ مع ترجمة إلى عدة لغات.",
        },
    },
    ("region-zofingen", "Elterninformation: Die Schule in der Schweiz"): {
        "fr": {
            "title": "Information aux parents : l'école en Suisse",
            "summary": (
                "Comment fonctionnent l'école enfantine et l'école ? Soirée d'information avec interprètes."
            ),
        },
        "en": {
            "title": "Information for parents: school in Switzerland",
            "summary": "How do kindergarten and school work? Information evening with interpreters.",
        },
        "ar": {
            "title": "معلومات للأهل: المدرسة في سويسرا",
            "summary": "كيف تعمل الروضة والمدرسة؟ أمسية إعلامية مع مترجمين.",
        },
        "ti": {
            "state": MACHINE,
            "title": "ሓበሬታ ንወለዲ፡ ቤት ትምህርቲ ኣብ ስዊዘርላንድ",
            "summary": "መዋእለ ህጻናትን ቤት ትምህርትን ከመይ ይሰርሑ? ምሸት ሓበሬታ ምስ ተርጐምቲ።",
        },
        "tr": {
            "title": "Velilere bilgi: İsviçre'de okul",
            "summary": "Anaokulu ve okul nasıl işler? Tercümanlı bilgilendirme akşamı.",
        },
    },
    ("region-zofingen", "Begrüssungsanlass für Neuzugezogene"): {
        "fr": {
            "title": "Accueil des nouveaux arrivants",
            "summary": (
                "Les communes de la région souhaitent la bienvenue aux nouveaux arrivants – apéritif et "
                "visite guidée."
            ),
        },
        "en": {
            "title": "Welcome event for newcomers",
            "summary": (
                "The municipalities of the region welcome new residents – with drinks and a town walk."
            ),
        },
    },
    ("allschwil", "Deutschkurs A1 mit Kinderbetreuung"): {
        "fr": {
            "title": "Cours d'allemand A1 avec garde d'enfants",
            "summary": "L'allemand du quotidien le matin ; les jeunes enfants sont gardés sur place.",
            "description": (
                "Vous apprenez à vous faire comprendre au quotidien : chez le médecin, à l'école, à la "
                "commune. Le cours suit le curriculum-cadre fide. La garde d'enfants est comprise dans le "
                "prix."
            ),
        },
        "en": {
            "title": "German A1 course with childcare",
            "summary": "Everyday German in the morning; young children are looked after on site.",
            "description": (
                "You learn to get by in everyday life: at the doctor's, at school, at the town hall. The "
                "course follows the fide framework curriculum. Childcare is included in the price."
            ),
        },
        "ar": {
            "title": "دورة لغة ألمانية A1 مع رعاية الأطفال",
            "summary": "ألمانية الحياة اليومية صباحًا، مع رعاية الأطفال الصغار في المكان نفسه.",
        },
        "ti": {
            "state": MACHINE,
            "title": "ኮርስ ጀርመንኛ A1 ምስ ምሕላው ቆልዑ",
            "summary": "ንግሆ ናይ መዓልታዊ ህይወት ጀርመንኛ፤ ንኣሽቱ ቆልዑ ኣብኡ ይሕለዉ።",
        },
        "uk": {
            "title": "Курс німецької A1 з доглядом за дітьми",
            "summary": "Німецька для повсякдення вранці; за маленькими дітьми доглядають на місці.",
        },
    },
    ("allschwil", "Sprachcafé in der Gemeindebibliothek"): {
        "fr": {
            "title": "Café des langues à la bibliothèque communale",
            "summary": "Parler allemand librement avec des bénévoles d'Allschwil – passez simplement.",
        },
        "en": {
            "title": "Language café at the community library",
            "summary": "Speak German informally with volunteers from Allschwil – just drop in.",
        },
    },
    ("allschwil", "Elterncafé mehrsprachig"): {
        "fr": {
            "title": "Café des parents multilingue",
            "summary": "Les parents échangent sur l'éducation, l'école et la santé – avec interprétation.",
        },
        "en": {
            "title": "Multilingual parents' café",
            "summary": "Parents share experiences on parenting, school and health – with interpreting.",
        },
        "ar": {
            "title": "مقهى الأهل متعدد اللغات",
            "summary": "يتبادل الأهل الخبرات حول التربية والمدرسة والصحة – مع ترجمة.",
        },
        "ti": {
            "state": MACHINE,
            "title": "ካፈ ወለዲ ብብዙሕ ቋንቋታት",
            "summary": "ወለዲ ብዛዕባ ኣተዓባብያ፡ ቤት ትምህርትን ጥዕናን ይመያየጡ – ምስ ትርጉም።",
        },
        "tr": {
            "title": "Çok dilli veli kafesi",
            "summary": "Veliler eğitim, okul ve sağlık hakkında fikir alışverişi yapar – tercümeli.",
        },
    },
    ("allschwil", "Erstinformation für Neuzugezogene"): {
        "fr": {
            "title": "Première information pour les nouveaux arrivants",
            "summary": (
                "Un entretien personnel pour bien arriver à Allschwil : logement, école, travail, cours "
                "d'allemand."
            ),
        },
        "en": {
            "title": "Initial information for newcomers",
            "summary": (
                "A personal meeting to help you settle in Allschwil: housing, school, work, German courses."
            ),
            "description": (
                "The integration office invites all newcomers to a welcome meeting. You receive information "
                "about the municipality's services and suitable offers. An interpreter can join on request."
            ),
        },
        "uk": {
            "title": "Перша інформація для новоприбулих",
            "summary": (
                "Особиста розмова для початку життя в Альшвілі: житло, школа, робота, курси німецької."
            ),
        },
        "ar": {
            "title": "معلومات أولية للقادمين الجدد",
            "summary": "لقاء شخصي لبداية جيدة في ألشفيل: السكن والمدرسة والعمل ودورات اللغة الألمانية.",
        },
    },
    ("allschwil", "Sozialberatung Allschwil"): {
        "fr": {
            "title": "Conseil social Allschwil",
            "summary": (
                "Conseil personnel en cas de soucis financiers, de problèmes de logement ou de crise "
                "familiale."
            ),
        },
        "en": {
            "title": "Social counselling Allschwil",
            "summary": "Personal advice on financial worries, housing problems or family crises.",
        },
    },
    ("allschwil", "Mittagstisch für alle"): {
        "fr": {
            "title": "Table de midi pour tous",
            "summary": "Un repas chaud bon marché en compagnie – chaque jeudi.",
        },
        "en": {
            "title": "Lunch table for everyone",
            "summary": "An affordable hot lunch in good company – every Thursday.",
        },
    },
    ("allschwil", "Alphabetisierung für Frauen"): {
        "fr": {
            "title": "Alphabétisation pour femmes",
            "summary": (
                "Apprendre à lire et à écrire dans un groupe de femmes, avec garde d'enfants. Gratuit."
            ),
        },
        "en": {
            "title": "Literacy for women",
            "summary": "Learn to read and write in a women's group, with childcare. Free of charge.",
        },
        "ti": {
            "state": MACHINE,
            "title": "ምፍላጥ ፊደል ንደቀንስትዮ",
            "summary": "ኣብ ጉጅለ ደቀንስትዮ ምንባብን ምጽሓፍን ምምሃር፡ ምስ ምሕላው ቆልዑ። ብነጻ።",
        },
    },
    ("kanton-zuerich", "Deutsch im Quartier mit Kinderhüte"): {
        "fr": {
            "title": "L'allemand dans le quartier, avec garde d'enfants",
            "summary": (
                "Cours d'allemand accessible au centre de quartier, garde d'enfants comprise, gratuit."
            ),
        },
        "en": {
            "title": "German in the neighbourhood, with childcare",
            "summary": (
                "Low-threshold German course at the community centre, childcare included, free of charge."
            ),
        },
    },
    ("kanton-zuerich", "Begrüssungsgespräch für Neuzugezogene in Uster"): {
        "fr": {
            "title": "Entretien de bienvenue pour les nouveaux arrivants à Uster",
            "summary": (
                "Entretien personnel avec des informations sur le logement, l'école, le travail et les "
                "loisirs."
            ),
        },
        "en": {
            "title": "Welcome meeting for newcomers in Uster",
            "summary": "A personal meeting with information on housing, school, work and leisure.",
        },
    },
    ("loerrach", "Integrationskurs mit Kinderbetreuung"): {
        "en": {
            "title": "Integration course with childcare",
            "summary": "General integration course (language and orientation course) with childcare on site.",
            "description": (
                "The course comprises 600 lessons of German and 100 lessons of orientation on the legal "
                "system, history and culture. It ends with the German test for immigrants (DTZ). Children "
                "under three are looked after during lessons."
            ),
        },
        "ar": {
            "title": "دورة الاندماج مع رعاية الأطفال",
            "summary": "دورة اندماج عامة (دورة لغة ودورة توجيه) مع رعاية الأطفال في المكان.",
        },
        "uk": {
            "title": "Інтеграційний курс із доглядом за дітьми",
            "summary": (
                "Загальний інтеграційний курс (мовний та орієнтаційний) з доглядом за дітьми на місці."
            ),
        },
        "tr": {
            "title": "Çocuk bakımlı uyum kursu",
            "summary": "Çocuk bakımı sunulan genel uyum kursu (dil kursu ve oryantasyon kursu).",
        },
        "fr": {
            "state": IN_TRANSLATION,
            "title": "Cours d'intégration avec garde d'enfants",
        },
    },
    ("loerrach", "Migrationsberatung für Erwachsene"): {
        "en": {
            "title": "Migration advice for adults",
            "summary": "Advice on residence, integration course, work, housing and family reunification.",
        },
        "ar": {
            "title": "استشارات الهجرة للبالغين",
            "summary": "استشارة حول الإقامة ودورة الاندماج والعمل والسكن ولمّ شمل الأسرة.",
        },
        "uk": {
            "title": "Міграційна консультація для дорослих",
            "summary": (
                "Консультації щодо перебування, інтеграційного курсу, роботи, житла та возз'єднання сімей."
            ),
        },
        "tr": {
            "title": "Yetişkinler için göç danışmanlığı",
            "summary": "Oturum, uyum kursu, iş, konut ve aile birleşimi konularında danışmanlık.",
        },
        "fr": {
            "title": "Conseil en migration pour adultes",
            "summary": (
                "Conseil sur le séjour, le cours d'intégration, le travail, le logement et le regroupement "
                "familial."
            ),
        },
    },
}

# German changes made after translating: these translations become "outdated" (the German source moved on).
CHANGED_AFTER_TRANSLATION = {
    _RAV: {
        "summary": (
            "Wie funktioniert der Arbeitsmarkt? Was macht das RAV? Neu auch mit Fragen zur Anerkennung von "
            "Diplomen – mit Übersetzung in mehrere Sprachen."
        ),
    },
}
