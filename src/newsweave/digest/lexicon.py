"""Closed word lists of news English (titles, reporting verbs, organisation and place cues) shared by
entities, quotes and claims. Written out by hand because they are small and closed: no library ships
them without a statistical model."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised titles before a name: "President Vladimir Putin", "Foreign Minister Linas Linkevicius".
CORE_TITLES = _words(
    "President Minister Secretary Chancellor Premier Mr Mrs Ms Miss Dr Prof Professor Sen Senator Rep"
    " Representative Gov Governor Mayor King Queen Prince Princess Pope Ambassador General Gen Colonel Col"
    " Lt Lieutenant Captain Capt Major Maj Sgt Sergeant Admiral Adm Judge Justice Sheikh Emir Sultan"
    " Spokesman Spokeswoman Spokesperson Chairman Chairwoman Chair CEO Director Commissioner Leader"
    " Patriarch Archbishop Bishop Cardinal Father Rabbi Imam Sir Lord Lady Dame Deputy Speaker Chief"
    " Officer Inspector Detective Coach Dictator Counsellor Councillor Councilman Councilwoman Attorney"
)
# Words that may stand inside a title: "Prime Minister", "Secretary of State", "Chief of Staff".
TITLE_PARTS = CORE_TITLES | _words(
    "Prime Foreign Defence Defense Interior Finance Economy Health Justice Home Vice First Acting Former"
    " Executive Managing Opposition Presidential Supreme Commander State Staff General Attorney of the"
    " Affairs Trade Energy Culture Education Transport Agriculture Labour Labor"
)
# Lowercase nouns that introduce a person's name: "opposition candidate Sviatlana Tsikhanouskaya".
ROLE_NOUNS = _words(
    "leader president minister candidate counterpart spokesman spokeswoman spokesperson ambassador"
    " official officer head chief director chairman chairwoman activist lawyer journalist reporter"
    " correspondent analyst economist professor rival envoy diplomat commander general governor mayor"
    " senator lawmaker deputy founder owner manager worker resident pensioner student dissident blogger"
    " singer actor author writer priest adviser advisor aide secretary premier chancellor prosecutor"
    " judge colonel wife husband son daughter mother father brother sister"
)
# Name endings that make an organisation: "Ministry of Defence", "Collective Security Treaty Organization".
ORG_HEADS = _words(
    "Ministry Council Party Agency Union Bank Committee Commission Parliament Assembly Organization"
    " Organisation Association Federation Department Office Service Services Court Army Navy Police Group"
    " Company Corp Corporation Inc Ltd LLC PLC Co University Institute Fund Forces Force Channel Media"
    " News Times Post Journal Herald Tribune Gazette Telegraph Broadcasting Broadcaster Television Radio"
    " Press Plant Factory Works Airlines Airways Railways Bureau Authority Board Senate Congress Duma"
    " Cabinet Government Administration Alliance Coalition Movement Front League Foundation Society Church"
    " Club Team Network Guard Guards Command Staff Reserve Exchange Ventures Holdings Industries Motors"
    " Energy Oil Gas Pharmaceuticals Labs Laboratories Hospital School College Academy Center Centre"
    " Secretariat Directorate Inspectorate Tribunal Commissariat House Telecom Telecoms Securities Greens"
    " FC Athletic Rovers United Wanderers Albion"  # football clubs: "Valden Athletic", "Port Alder Rovers"
    " Guild Cooperative Co-operative Chamber Trust Syndicate Consortium Pharma Shipping Mining Logistics"
    " Insurance Gallery Museum Library Theatre Theater Orchestra Opera"  # trades, firms and institutions
)
# Government seats used for the government itself: "the Kremlin said".
METONYMS = frozenset(
    {"Kremlin", "White House", "Pentagon", "Downing Street", "Elysee", "Élysée", "Whitehall", "Capitol",
     "Capitol Hill", "Zhongnanhai", "Blue House", "Quai d'Orsay", "Foggy Bottom", "Vatican", "Holy See"}
)  # fmt: skip
# Wire services and broadcasters usually named alone.
AGENCIES = frozenset(
    {"Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "TASS", "Interfax", "RIA",
     "RIA Novosti", "Xinhua", "Bloomberg", "dpa", "EFE", "ANSA", "Kyodo", "Yonhap", "PTI", "Anadolu",
     "Belta", "BelTA", "BBC", "CNN", "Axios", "UNIAN", "Ukrinform", "IRNA", "WAFA", "Bernama", "Antara"}
)  # fmt: skip
# Lowercase words right before or after a name that make it an organisation: "news agency Belta",
# "Nasha Niva media", "the Nexta Telegram channel".
ORG_CONTEXT = _words(
    "agency media channel newspaper paper broadcaster network outlet website portal party company firm"
    " group ministry bank union television radio station magazine daily weekly tabloid service"
)
# Lowercase words right after a name that make it a place: "Irkutsk region", "Donbass region".
PLACE_CONTEXT = _words(
    "region province city town village district county oblast republic island islands border"
    " capital valley river mountains peninsula road airport coast area suburb estuary"
)
# Lowercase roles right after a name that make the name the body they serve: "Osterlund chief executive
# Nils Haavik", "Guild general secretary Jonas Berke", "Kremlin spokesman Dmitry Peskov".
ORG_ROLES_AFTER = (
    "chief executive", "chief", "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson",
    "founder", "owner", "general secretary", "secretary", "treasurer", "board",
)  # fmt: skip
# Name endings that make a place: "Independence Square", "Black Sea".
PLACE_HEADS = _words(
    "Square Street Avenue Road Boulevard Bridge Sea Ocean River Lake Mountains Mountain Mount Island Islands"
    " Peninsula Valley Desert Gulf Bay Strait Coast Region Province Oblast District County Park Airport"
    " Station Port Harbour Harbor Canal Base Sound Firth Fjord Cove Hill Hills Heights Forest Marsh Quay"
    " Lane Walk Row Terrace Crescent Gardens Wharf Pier Market Stadium Arena"
)
# Name beginnings that make a place: "Port Teverin", "Lake Ladoga", "River Sarre".
PLACE_LEADS = _words("Port Mount Mt Lake Fort Cape Isle Gulf River")
# Name endings of events, documents and the like, which are never people: "Orange Revolution".
OTHER_HEADS = _words(
    "Revolution War Wars Summit Games Olympics Cup Championship Day Festival Prize Award Act Treaty Accord"
    " Agreement Protocol Pact Crisis Plan Initiative Programme Program Deal Declaration Convention Law"
    " Bill Election Elections Referendum Campaign Operation Index Award Awards Conference Forum Expo"
)
# Acronyms that are not names of anything in particular.
NON_ENTITY_ACRONYMS = _words(
    "GMT UTC TV AM PM CEO CFO ID OK PDF HIV AIDS COVID GDP VAT IT PR HR IQ DNA USB SMS FAQ TBS NO RSS"
    " AI EST PST CET MSK BST CST EDT PDT"
)
# Words written with a capital that never name anything on their own.
NEVER_NAMES = _words(
    "I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July"
    " August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Photo"
    " Photos Video Reporting Editing Writing Additional Read More Related Updated Published Comments"
    " Instead Tonight Today Yesterday Tomorrow Meanwhile However Later Earlier Afterwards Now Then"
)
# Verbs that attribute speech: "Lukashenko said", "tweeted", "told reporters".
REPORTING_VERBS = _words(
    "said says say told tells tweeted wrote writes added adds explained explains declared declares stated"
    " noted warned warns insisted insists announced asked urged urges replied claimed argued argues"
    " stressed stresses posted responded quipped remarked recalled admitted acknowledged confirmed denied"
    " reported commented shouted"
)  # third-person forms that are also plural nouns ("comments", "claims", "reports") are left out
# Pronouns that may stand for the last person named.
PERSON_PRONOUNS = _words("he she")
