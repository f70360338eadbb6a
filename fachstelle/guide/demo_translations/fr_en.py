"""French and English translations of the demo guides: the top-level pages of Region Zofingen in a shorter
form (the essentials of each page), and the five pages of Allschwil in full."""


def _page(title, summary, body):
    return {"title": title, "summary": summary, "body": body}


# fmt: off
FR = {
    "ankommen": _page(
        "Arriver",
        "Les premiers pas après le déménagement dans la région de Zofingue : annonce, assurance, conseil.",
        """Bienvenue dans la région de Zofingue !

## Les premières semaines

- Annoncez-vous dans les 14 jours au contrôle des habitants de votre commune, avec passeport ou carte
  d'identité, contrat de bail et documents de famille.
- Concluez dans les trois mois une assurance-maladie pour chaque membre de la famille.
- Inscrivez vos enfants à l'école et cherchez un cours d'allemand.

Le conseil du service d'intégration est gratuit et confidentiel ; si nécessaire, nous organisons un
interprète communautaire. Informations en plusieurs langues : [migraweb.ch](https://www.migraweb.ch),
[ch.ch](https://www.ch.ch).""",
    ),
    "behoerden": _page(
        "Autorités et annonce",
        "Contrôle des habitants, autorisation de séjour, changement d'adresse et impôts.",
        """Pour la plupart des questions, votre commune de domicile est compétente en premier.

- **Contrôle des habitants** : annoncez votre arrivée (dans les 14 jours), un déménagement, une
  naissance, un mariage ou votre départ.
- **Autorisation de séjour** : dans le canton d'Argovie, l'office des migrations et de l'intégration est
  compétent (permis L, B, C, F, N, S). Demandez la prolongation à temps.
- **Impôts** : avec un permis B, l'impôt est en général retenu sur le salaire (impôt à la source) ;
  les autres remplissent une déclaration d'impôt chaque année.

Vous ne comprenez pas une lettre d'une autorité ? Venez à notre consultation.""",
    ),
    "deutsch": _page(
        "Apprendre l'allemand",
        "Cours d'allemand de tous niveaux, avec garde d'enfants, le soir et en ligne.",
        """Il existe des cours de tous niveaux (A1 à C2) dans la région : cours intensifs, cours du soir,
cours avec garde d'enfants, cafés linguistiques et tandems. Beaucoup de cours sont soutenus par le canton
et les communes. Pour le permis C et la naturalisation, il faut une attestation de langue, par exemple
le passeport de langues fide ([fide-service.ch](https://www.fide-service.ch)).

[[offers field=sprache limit=5]]""",
    ),
    "schule": _page(
        "École",
        "L'école obligatoire en Argovie : école enfantine, primaire, secondaire – gratuite pour tous les "
        "enfants.",
        """Tous les enfants vont à l'école, quel que soit leur statut de séjour. L'école obligatoire est
gratuite : 2 ans d'école enfantine, 6 ans de primaire et 3 ans de secondaire (Real-, Sekundar- et
Bezirksschule). Les enfants qui parlent peu l'allemand reçoivent des cours d'allemand langue seconde.
Venez aux soirées de parents et aux entretiens ; l'école peut organiser un interprète.""",
    ),
    "berufsbildung": _page(
        "Formation professionnelle",
        "Apprentissage, offres transitoires et orientation professionnelle au BIZ.",
        """La plupart des jeunes font un apprentissage (CFC en 3 ou 4 ans, AFP en 2 ans), en entreprise et
à l'école professionnelle. Le centre d'information professionnelle (BIZ) de Zofingue conseille
gratuitement jeunes et adultes ([orientation.ch](https://www.orientation.ch)). Pour les réfugiés
reconnus et les personnes admises à titre provisoire, il existe le préapprentissage d'intégration (INVOL).
Reconnaissance des diplômes étrangers : [SEFRI](https://www.sbfi.admin.ch).""",
    ),
    "arbeit": _page(
        "Travail",
        "Autorisation de travail, recherche d'emploi, contrat de travail et soutien de l'ORP.",
        """Votre droit de travailler dépend de votre permis. Cherchez des places sur
[job-room.ch](https://www.job-room.ch) et auprès de vos connaissances. Exigez un contrat de travail écrit
et une fiche de salaire. Le travail au noir est interdit. Si vous perdez votre emploi, inscrivez-vous
immédiatement à l'office régional de placement (ORP/RAV).""",
    ),
    "fruehe-kindheit": _page(
        "Petite enfance",
        "Consultation parents-enfants, groupes de jeu, crèches et centres familiaux pour les enfants "
        "jusqu'à 5 ans.",
        """La consultation parents-enfants conseille gratuitement les parents d'enfants jusqu'à cinq ans.
Groupes de jeu, crèches et familles de jour accueillent les enfants ; les tarifs dépendent souvent du
revenu. Parlez avec votre enfant la langue que vous maîtrisez le mieux : cela l'aide aussi à apprendre
l'allemand.""",
    ),
    "gesundheit": _page(
        "Santé",
        "Médecin de famille, pharmacie, urgences et aide en cas de détresse psychique.",
        """\
Cherchez un médecin de famille près de chez vous ; il vous envoie si nécessaire chez un spécialiste.
En cas d'urgence vitale, appelez le **144**. La Main Tendue vous écoute jour et nuit au **143**, Pro
Juventute conseille les enfants et les jeunes au **147**. Pour les entretiens importants, demandez un
interprète.""",
    ),
    "wohnen": _page(
        "Logement",
        "Recherche d'appartement, bail, règlement de maison et déchets.",
        """Lisez le bail attentivement avant de signer ; la garantie de loyer est de trois loyers au maximum,
sur un compte bloqué à votre nom. Respectez le règlement de maison et le repos nocturne. Les déchets vont
dans les sacs taxés de la commune ; verre, papier et PET sont collectés à part. En cas de litige,
l'autorité de conciliation en matière de bail aide gratuitement.""",
    ),
    "freizeit": _page(
        "Loisirs et associations",
        "Associations, bibliothèques, sport et bénévolat : pour faire des rencontres.",
        """Les associations sont un bon moyen de rencontrer des gens et de parler allemand. Les bibliothèques
prêtent aussi des livres dans d'autres langues, les ludothèques des jeux. Le bénévolat crée des contacts.

[[events field=freizeit limit=3]]""",
    ),
    "notfall": _page(
        "Numéros d'urgence",
        "Police 117, pompiers 118, ambulance 144 et autres numéros utiles.",
        """- **112** : numéro d'urgence européen
- **117** : police
- **118** : pompiers
- **144** : ambulance
- **1414** : Rega
- **145** : Tox Info Suisse (intoxications)
- **143** : La Main Tendue
- **147** : Pro Juventute

Les appels sont gratuits. Dites qui appelle, ce qui s'est passé, où, et combien de personnes sont
blessées.""",
    ),
    # Allschwil
    "allschwil-ankommen": _page(
        "Arriver à Allschwil",
        "Annonce au contrôle des habitants et premières informations pour les nouveaux arrivants.",
        """Bienvenue à Allschwil ! Annoncez-vous dans les 14 jours au contrôle des habitants de la commune,
avec passeport ou carte d'identité, contrat de bail et documents de famille.

## Important les premiers mois

- conclure une assurance-maladie pour chaque personne (dans les trois mois),
- inscrire les enfants à l'école,
- chercher un cours d'allemand.

La commune invite chaque année les nouveaux habitants à une manifestation d'accueil. Le service
d'intégration vous conseille gratuitement et confidentiellement, avec interprète si vous le souhaitez.""",
    ),
    "allschwil-deutsch": _page(
        "Apprendre l'allemand",
        "Cours d'allemand et cafés linguistiques à Allschwil et dans la région de Bâle.",
        """À Allschwil et à Bâle, il existe des cours d'allemand de tous niveaux, le matin, le soir et avec
garde d'enfants. À la bibliothèque communale, vous pratiquez l'allemand au café linguistique.

[[offers field=sprache municipality=2762 limit=5]]

Nous vous aidons à trouver le bon cours.""",
    ),
    "allschwil-schule": _page(
        "École et accueil des enfants",
        "École enfantine, primaire et structures de jour à Allschwil.",
        """Dans le canton de Bâle-Campagne, tous les enfants vont deux ans à l'école enfantine, puis six ans à
l'école primaire et trois ans à l'école secondaire. L'école obligatoire est gratuite. Les enfants qui
parlent peu l'allemand reçoivent des cours d'allemand langue seconde.

Les structures de jour accueillent les écoliers à midi et après l'école. Inscrivez votre enfant auprès
de la direction de l'école.""",
    ),
    "allschwil-arbeit": _page(
        "Travail",
        "Recherche d'emploi, contrat de travail et ORP.",
        """\
Votre droit de travailler dépend de votre permis. Exigez un contrat de travail écrit et une fiche de
salaire. Si vous perdez votre emploi, inscrivez-vous immédiatement à l'office régional de placement
(ORP). Le centre d'information professionnelle (BIZ) conseille pour le choix d'un métier et la formation
continue.""",
    ),
    "allschwil-notfall": _page(
        "Numéros d'urgence",
        "Police 117, pompiers 118, ambulance 144.",
        """- **112** : numéro d'urgence européen
- **117** : police
- **118** : pompiers
- **144** : ambulance
- **145** : Tox Info Suisse (intoxications)
- **143** : La Main Tendue
- **147** : Pro Juventute (enfants et jeunes)

Les appels sont gratuits.""",
    ),
}

EN = {
    "ankommen": _page(
        "Arriving",
        "The first steps after moving to the Zofingen region: registration, insurance, advice.",
        """Welcome to the Zofingen region!

## The first weeks

- Register within 14 days at the residents' registration office of your municipality, with your
  passport or identity card, tenancy agreement and family documents.
- Within three months, take out health insurance for every member of the family.
- Enrol your children at school and look for a German course.

Advice from the integration office is free and confidential; if needed we arrange an intercultural
interpreter. Information in many languages: [migraweb.ch](https://www.migraweb.ch),
[ch.ch](https://www.ch.ch).""",
    ),
    "behoerden": _page(
        "Authorities and registration",
        "Residents' registration, residence permit, change of address and taxes.",
        """For most questions your municipality of residence is the first point of contact.

- **Residents' registration office**: report your arrival (within 14 days), a move, a birth, a marriage
  or your departure.
- **Residence permit**: in the canton of Aargau the office for migration and integration is responsible
  (permits L, B, C, F, N, S). Apply for an extension in good time.
- **Taxes**: with a B permit, tax is usually deducted from your wages (withholding tax); everyone else
  fills in a tax return once a year.

You do not understand a letter from an authority? Come to our advice service.""",
    ),
    "deutsch": _page(
        "Learning German",
        "German courses for all levels, with childcare, in the evening and online.",
        """There are courses for all levels (A1 to C2) in the region: intensive courses, evening courses,
courses with childcare, language cafés and tandems. Many courses are subsidised by the canton and the
municipalities. For a C permit and naturalisation you need a language certificate, for example the fide
language passport ([fide-service.ch](https://www.fide-service.ch)).

[[offers field=sprache limit=5]]""",
    ),
    "schule": _page(
        "School",
        "State school in the canton of Aargau: kindergarten, primary, lower secondary – free for all "
        "children.",
        """All children go to school, whatever their residence status. State school is free: 2 years of
kindergarten, 6 years of primary school and 3 years of lower secondary school (Real-, Sekundar- and
Bezirksschule). Children who speak little German get lessons in German as a second language. Come to
parents' evenings and meetings; the school can arrange an interpreter.""",
    ),
    "berufsbildung": _page(
        "Vocational training",
        "Apprenticeships, bridging courses and career guidance at the BIZ.",
        """Most young people do an apprenticeship (EFZ in 3 or 4 years, EBA in 2 years), in a company and at a
vocational school. The career information centre (BIZ) in Zofingen advises young people and adults free
of charge ([berufsberatung.ch](https://www.berufsberatung.ch)). Recognised refugees and provisionally
admitted persons can do the integration pre-apprenticeship (INVOL). Recognition of foreign diplomas:
[SERI](https://www.sbfi.admin.ch).""",
    ),
    "arbeit": _page(
        "Work",
        "Work permit, job search, employment contract and support from the RAV.",
        """\
Whether you may work depends on your permit. Look for jobs on [job-room.ch](https://www.job-room.ch)
and ask people you know. Ask for a written employment contract and a payslip. Undeclared work is
illegal. If you lose your job, register at once with the regional employment centre (RAV).""",
    ),
    "fruehe-kindheit": _page(
        "Early childhood",
        "Parent and child counselling, playgroups, day care and family centres for children up to 5.",
        """The parent and child counselling service (Mütter- und Väterberatung) advises parents of children
up to five free of charge. Playgroups, day-care centres and childminders look after children; fees often
depend on income. Speak to your child in the language you know best: it also helps them learn German.""",
    ),
    "gesundheit": _page(
        "Health",
        "Family doctor, pharmacy, emergencies and help with mental distress.",
        """Find a family doctor near you; they refer you to a specialist if needed. In a life-threatening
emergency call **144**. Die Dargebotene Hand listens day and night on **143**; Pro Juventute advises
children and young people on **147**. For important conversations ask for an interpreter.""",
    ),
    "wohnen": _page(
        "Housing",
        "Finding a flat, tenancy agreement, house rules and waste.",
        """\
Read the tenancy agreement carefully before signing; the rent deposit is at most three months' rent,
paid into a blocked account in your name. Keep to the house rules and the quiet hours at night. Household
waste goes into the municipality's fee bags; glass, paper and PET are collected separately. In a dispute
the conciliation authority for tenancy matters helps free of charge.""",
    ),
    "freizeit": _page(
        "Leisure and associations",
        "Clubs, libraries, sport and volunteering: ways to meet people.",
        """Clubs and associations are a good way to meet people and speak German. Libraries also lend books in
other languages, toy libraries lend games. Volunteering creates contacts.

[[events field=freizeit limit=3]]""",
    ),
    "notfall": _page(
        "Emergency numbers",
        "Police 117, fire brigade 118, ambulance 144 and other numbers you should know.",
        """- **112**: European emergency number
- **117**: police
- **118**: fire brigade
- **144**: ambulance
- **1414**: Rega (air rescue)
- **145**: Tox Info Suisse (poisoning)
- **143**: Die Dargebotene Hand (someone to talk to)
- **147**: Pro Juventute (children and young people)

Calls are free. Say who is calling, what happened, where, and how many people are injured.""",
    ),
    # Allschwil
    "allschwil-ankommen": _page(
        "Arriving in Allschwil",
        "Registration at the residents' office and first information for newcomers.",
        """Welcome to Allschwil! Register within 14 days at the municipality's residents' registration office,
with your passport or identity card, tenancy agreement and family documents.

## Important in the first months

- take out health insurance for every person (within three months),
- enrol your children at school,
- look for a German course.

Every year the municipality invites new residents to a welcome event. The integration office advises you
free of charge and in confidence, with an interpreter if you wish.""",
    ),
    "allschwil-deutsch": _page(
        "Learning German",
        "German courses and language cafés in Allschwil and the Basel region.",
        """In Allschwil and Basel there are German courses for all levels, in the morning, in the evening and
with childcare. At the municipal library you can practise German at the language café.

[[offers field=sprache municipality=2762 limit=5]]

We help you find the right course.""",
    ),
    "allschwil-schule": _page(
        "School and childcare",
        "Kindergarten, primary school and day structures in Allschwil.",
        """In the canton of Basel-Landschaft all children attend two years of kindergarten, then six years of
primary school and three years of secondary school. State school is free. Children who speak little
German get lessons in German as a second language.

Day structures look after schoolchildren at lunchtime and after school. Register your child with the
school management.""",
    ),
    "allschwil-arbeit": _page(
        "Work",
        "Job search, employment contract and the RAV.",
        """\
Whether you may work depends on your permit. Ask for a written employment contract and a payslip. If
you lose your job, register at once with the regional employment centre (RAV). The career information
centre (BIZ) advises on choosing a career and further training.""",
    ),
    "allschwil-notfall": _page(
        "Emergency numbers",
        "Police 117, fire brigade 118, ambulance 144.",
        """- **112**: European emergency number
- **117**: police
- **118**: fire brigade
- **144**: ambulance
- **145**: Tox Info Suisse (poisoning)
- **143**: Die Dargebotene Hand
- **147**: Pro Juventute (children and young people)

Calls are free.""",
    ),
}
# fmt: on
