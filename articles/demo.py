"""The demo desk: original copy written for this project (no agency text).

Every story is fiction about plausible wire topics. `load_demo` reads these
tables; times are hours before "now" so the desk always looks current.
"""

SOURCES = [
    # slug, name, credit, url, end marker, indexable, position
    ("xinhua", "Xinhua News Agency", "Xinhua", "https://english.news.cn/", "Enditem", True, 0),
    ("nordic-wire", "Nordic Wire Service", "NWS", "", "END", True, 10),
    ("andes-press", "Andes Press Agency", "APA-Andes", "", "", False, 20),
]

BYLINES = [
    # name, role, source slug
    ("Li Wen", "Correspondent", "xinhua"),
    ("Zhang Ruoxi", "Staff reporter", "xinhua"),
    ("Chen Hao", "Photographer", "xinhua"),
    ("Ingrid Solberg", "Economics editor", "nordic-wire"),
    ("Mateo Quispe", "Correspondent", "andes-press"),
    ("Amara Okafor", "Features writer", None),
]

# hours ago, kind, precedence, urgency, source, dateline, headline, summary,
# paragraphs, bylines, tags
STORIES = [
    (
        1,
        "news",
        "urgent",
        2,
        "xinhua",
        "MOSCOW",
        "Foreign ministers agree to extend river-port ceasefire talks",
        "Two foreign ministers said a working group would keep meeting weekly until a port deal is signed.",
        [
            "The foreign ministers of two neighbouring states agreed on Thursday to extend talks on a ceasefire "
            "around a contested river port, saying a joint working group would meet every week until a deal is signed.",
            '"We have more in common on this river than we admit in public," one minister told reporters after a '
            "four-hour session, adding that shipping insurers had already cut their premiums on news of the meeting.",
            "The talks will next turn to customs inspections and the return of seized cargo, officials said.",
        ],
        ["Li Wen"],
        ["diplomacy", "shipping"],
    ),
    (
        2,
        "interview",
        "routine",
        5,
        "xinhua",
        "BRUSSELS",
        "City transport chief says shared data cut bus delays by a fifth",
        "A transport official explains how three agencies started sharing live traffic data.",
        [
            "The head of a European capital's transport authority says delays on its busiest bus lines fell by about "
            "a fifth in a year after three agencies began sharing live traffic data.",
            '"The buses, the traffic lights and the road crews used to work from three different maps," she said in '
            'an interview. "Now they work from one, and drivers see roadworks before they reach them."',
            "She said the next step is letting riders see the same feed on their phones.",
        ],
        ["Zhang Ruoxi"],
        ["transport", "cities"],
    ),
    (
        3,
        "feature",
        "routine",
        6,
        "xinhua",
        "LUXOR",
        "Museum curators swap ancient-curse myths for lab science",
        "A touring exhibition shows visitors what conservators really find inside old tombs.",
        [
            "Visitors expecting tales of ancient curses at a touring exhibition are greeted instead by microscopes, "
            "humidity charts and a conservator explaining why old tombs are hard on the lungs of the living.",
            "The show's curators say the myths sell tickets, but the science keeps people coming back: mould spores, "
            "dust and poor ventilation explain most of the illnesses once blamed on revenge from beyond.",
            "A hands-on corner lets children sort replica pottery shards by age, using the same clues as the lab.",
        ],
        ["Amara Okafor"],
        ["culture", "science"],
    ),
    (
        4,
        "news",
        "routine",
        5,
        "xinhua",
        "JAKARTA",
        "Government weighs cut in pump prices as crude eases",
        "Officials said a decision on fuel prices would come within two weeks.",
        [
            "The government is weighing a cut in regulated pump prices after crude oil fell for a third straight "
            "month, the energy ministry said on Thursday.",
            "Officials said a decision would come within two weeks and would take account of the currency and of "
            "the state oil company's finances.",
        ],
        ["Li Wen"],
        ["energy", "economy"],
    ),
    (
        5,
        "roundup",
        "routine",
        4,
        "xinhua",
        "ROME",
        "Report on regional hospital waiting times draws mixed reactions",
        "Patients' groups welcomed the figures; hospital managers questioned the method.",
        [
            "A national report ranking regions by hospital waiting times drew mixed reactions on Thursday, with "
            "patients' groups welcoming the figures and hospital managers questioning how they were collected.",
            "Three regional health chiefs said the report counted cancelled appointments twice. The report's authors "
            "said they would publish their data so that anyone could check.",
            "Opposition lawmakers called for a hearing next month.",
        ],
        ["Zhang Ruoxi"],
        ["health"],
    ),
    (
        6,
        "news",
        "flash",
        1,
        "xinhua",
        "NAIROBI",
        "Business leaders launch joint anti-graft pledge",
        "More than forty firms signed a pledge to publish their public tenders.",
        [
            "More than forty companies signed a pledge on Thursday to publish every public tender they bid for and "
            "to report requests for bribes to an independent ombudsman.",
            "The chamber of commerce said signatories would be audited each year and named if they fell short.",
        ],
        ["Li Wen"],
        ["business", "governance"],
    ),
    (
        8,
        "analysis",
        "routine",
        5,
        "nordic-wire",
        "OSLO",
        "Why a strong krone is a mixed blessing for exporters",
        "Shipyards and salmon farmers feel a currency rally differently.",
        [
            "A rally in the currency has cheered importers and travellers, but it leaves the country's exporters "
            "with a harder sum: the same fish or ship now costs foreign buyers more.",
            "Salmon farmers, who price in euros and pay costs at home, say their margins have narrowed. Shipyards, "
            "which hedge years ahead, say they will not feel it until next year's orders.",
            "Economists expect the central bank to keep rates on hold while it watches the trade figures.",
        ],
        ["Ingrid Solberg"],
        ["economy", "currency"],
    ),
    (
        10,
        "news",
        "routine",
        5,
        "xinhua",
        "DAMASCUS",
        "Restoration teams return to an ancient desert city",
        "Archaeologists began surveying damage at the site's colonnade.",
        [
            "Restoration teams returned on Thursday to an ancient desert city, where archaeologists began surveying "
            "damage to its colonnade and temple walls.",
            "The antiquities authority said the first survey would take three months and that no stone would be moved "
            "before every fragment was catalogued.",
        ],
        ["Zhang Ruoxi"],
        ["culture", "heritage"],
    ),
    (
        12,
        "news",
        "routine",
        6,
        "xinhua",
        "HAIKOU",
        "Island airline posts higher yearly profit on busier routes",
        "Passenger numbers grew on regional routes; fuel costs fell.",
        [
            "An island-based airline reported a rise of about sixteen percent in yearly profit, helped by fuller "
            "planes on regional routes and lower fuel costs.",
            "The carrier said it would add four aircraft this year and open two routes to South-East Asia.",
        ],
        ["Li Wen"],
        ["business", "aviation"],
    ),
    (
        14,
        "commentary",
        "routine",
        7,
        "nordic-wire",
        "STOCKHOLM",
        "Libraries are the quiet climate shelters of hot summers",
        "Cities already own the cool rooms they need; they should open them longer.",
        [
            "Every hot summer, cities draw up plans for cooling centres. Most already own them: they are called "
            "libraries, and they close at five.",
            "Opening them until late on hot days would cost a fraction of new shelters and reach people who would "
            "never walk into a sports hall with a camp bed in it.",
        ],
        ["Ingrid Solberg"],
        ["cities", "climate"],
    ),
    (
        18,
        "news",
        "routine",
        5,
        "andes-press",
        "LIMA",
        "Highland farmers test frost-warning text messages",
        "A pilot sends growers a warning the evening before a hard frost.",
        [
            "Potato growers in three highland provinces are testing a service that sends a text message the evening "
            "before a hard frost, giving them time to cover seedlings.",
            "The weather service said the pilot would run through the winter and be extended if farmers found it "
            "useful.",
        ],
        ["Mateo Quispe"],
        ["agriculture", "weather"],
    ),
    (
        22,
        "interview",
        "routine",
        5,
        "andes-press",
        "QUITO",
        "Volcanologist: better sensors buy villages hours, not minutes",
        "A scientist describes a new network of gas sensors on an active volcano.",
        [
            "A volcanologist who helped install a network of gas sensors on an active volcano says the devices "
            "can give "
            "villages hours of warning instead of minutes.",
            '"Sulphur comes before ash," she said. "If we can read the gas, we can start the buses before the ash '
            'starts falling."',
        ],
        ["Mateo Quispe"],
        ["science", "disasters"],
    ),
    (
        26,
        "news",
        "urgent",
        2,
        "xinhua",
        "GENEVA",
        "Disasters leave hundreds of thousands displaced each year, UN body says",
        "A new report counts people displaced by floods, storms and droughts.",
        [
            "Floods, storms and droughts force hundreds of thousands of people from their homes each year, a UN body "
            "said in a report on Thursday, calling for early-warning systems in every country.",
            "The report said the number of deaths had fallen over two decades even as the number of people affected "
            "had grown, which it credited to warnings and shelters.",
        ],
        ["Zhang Ruoxi"],
        ["disasters", "climate"],
    ),
    (
        30,
        "feature",
        "routine",
        6,
        "nordic-wire",
        "TROMSO",
        "Under the polar night, a city learns to love its streetlights",
        "An Arctic city redesigned its lighting around the people who walk in the dark.",
        [
            "For two months a year the sun does not rise over this Arctic city. Its planners decided that if it was "
            "going to be dark, it should at least be well lit.",
            "Warmer bulbs, lower poles and lights that brighten as a walker approaches have cut energy use and, "
            "residents say, made the winter feel shorter.",
        ],
        ["Amara Okafor", "Ingrid Solberg"],
        ["cities", "energy"],
    ),
    (
        36,
        "roundup",
        "routine",
        4,
        "xinhua",
        "BEIJING",
        "Cities race to plant shade trees before summer",
        "Several large cities announced tree-planting drives.",
        [
            "Several large cities announced tree-planting drives this week, racing to get saplings into the ground "
            "before summer heat sets in.",
            "Planners said shade along bus stops and school routes would come first.",
        ],
        ["Li Wen", "Chen Hao"],
        ["cities", "climate"],
    ),
    (
        42,
        "analysis",
        "routine",
        5,
        "xinhua",
        "SINGAPORE",
        "Container rates fall as new ships leave the yards",
        "A wave of new vessels is pushing freight prices down.",
        [
            "A wave of new container ships leaving the yards is pushing freight rates down on the main Asia-Europe "
            "lanes, analysts say.",
            "Carriers may respond by sailing slower and scrapping older vessels, which would steady prices by autumn.",
        ],
        ["Zhang Ruoxi"],
        ["shipping", "economy"],
    ),
    (
        50,
        "news",
        "routine",
        5,
        "andes-press",
        "LA PAZ",
        "Cable-car network adds a line to the airport",
        "The new line will carry travellers from the city centre in twenty minutes.",
        [
            "The city's cable-car network will add a line to the airport next year, cutting the trip from the centre "
            "to about twenty minutes.",
            "The operator said fares would match the rest of the network.",
        ],
        ["Mateo Quispe"],
        ["transport", "cities"],
    ),
    (
        60,
        "news",
        "routine",
        5,
        "xinhua",
        "ADDIS ABABA",
        "Regional bloc opens trade-corridor talks",
        "Ministers met to agree on shared customs rules for a road corridor.",
        [
            "Trade ministers of a regional bloc opened talks on shared customs rules for a road corridor linking "
            "three ports to the interior.",
            "Hauliers say border waits now add two days to a typical trip.",
        ],
        ["Li Wen"],
        ["trade", "diplomacy"],
    ),
    (
        70,
        "commentary",
        "routine",
        7,
        "xinhua",
        "BEIJING",
        "Open data is a public good worth paying for",
        "Governments that publish clean data save more than they spend.",
        [
            "Publishing government data in clean, open formats costs money. Not publishing it costs more, as every "
            "journalist, researcher and start-up rebuilds the same spreadsheets by hand.",
            "The cheapest dataset is the one that is published once and used many times.",
        ],
        ["Zhang Ruoxi"],
        ["governance", "technology"],
    ),
    (
        84,
        "interview",
        "routine",
        5,
        "nordic-wire",
        "HELSINKI",
        "School head: phone-free lunches changed the playground",
        "A head teacher describes a year of lunches without phones.",
        [
            "A head teacher who banned phones at lunch says the playground grew louder, in a good way.",
            '"They play football again," he said. "And the library has a queue for the chess boards."',
        ],
        ["Amara Okafor"],
        ["education"],
    ),
]

# A developing story: demo story n gets these updates (minutes after it moved,
# what changed, the paragraph each one adds), as the desk's "update" move makes them.
DEVELOPING = {
    1: [
        (20, "Adds the date of the next meeting", "The working group will meet next on Monday in the port city."),
        (45, "Adds shipping insurers' reaction", "Two insurers said they would review war-risk premiums next week."),
    ],
}

DRAFTS = [
    # (hours from now: None for a draft, positive for scheduled), headline, source
    (None, "Port talks timeline (awaiting ministry confirmation)", "xinhua"),
    (6, "Weekly shipping outlook", "nordic-wire"),
]
