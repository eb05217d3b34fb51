"""Trade words typed by hand in the languages of the countries people pay in: "apotheke",
"parcheggio", "ravintola" say what kind of place was paid as plainly as "pharmacy", "parking",
"restaurant". They are read beside the many more taken from OpenStreetMap's presets (see
`trade_words`); where both name a word, the category here is the reviewed one and wins.

Each line is one kind of place, named as OpenStreetMap names it (`amenity/pharmacy`), with its
sbp category and the words card terminals and payees use for it, written as `clean` writes
them (lower case, accents removed: "pâtisserie" is "patisserie", "bäckerei" "backerei"). The
kind ties a word to the brands of that kind and to the bank's merchant category codes, so a
correction of one pharmacy can teach sbp about every pharmacy, whatever its language (see
`lessons`). The built-in keywords (`sbp.core.keywords`) are read first; these only when they
know nothing, so `sbp add 12.50 coffee` never loads this table.

Words were chosen from general knowledge of each language; a word that is also an everyday
English word or a common name ("mode", "salon", "bio", "kro") is left out, and so is a word
that filed real descriptions under a wrong category: "ferries" (a ferry line is a journey as
often as a commute), "casino" (also France's supermarket chain, and a taxi firm's name),
"farms" (sod and fish farms as well as farm shops), "boutique" (a built-in keyword already;
as a trade word it outweighed the trade a shop's other words name).
"""

from __future__ import annotations

PUB_NAMES: tuple[str, ...] = (
    "the red lion", "the royal oak", "the crown", "the white hart", "the swan", "the plough",
    "the bell", "the new inn", "the kings arms", "the kings head", "the queens head",
    "the rose and crown", "the white horse", "the black horse", "the wheatsheaf", "the railway",
    "the ship", "the star", "the george", "the fox and hounds", "the coach and horses",
    "the bull", "the globe", "the anchor", "the cross keys", "the green man", "the chequers",
    "the three horseshoes", "the nags head", "the hare and hounds", "the prince of wales",
    "the marquis of granby", "the blue boar", "the dog and duck", "the lamb", "the feathers",
    "the woolpack", "the queens arms", "the bricklayers arms", "the jolly sailor",
    "the white lion", "the black bull", "the golden lion", "the greyhound", "the fleece",
    "the angel", "the cricketers", "the crown and anchor", "the duke of wellington",
    "the george and dragon", "the horse and groom", "the lord nelson", "the mitre",
    "the old bell", "the pig and whistle", "the red cow", "the rising sun", "the saracens head",
    "the seven stars", "the three tuns", "the waggon and horses", "the wagon and horses",
    "the white swan", "the windmill", "arms",
)  # fmt: skip
"""The names most often given to British pubs, and the `Arms` of "KINGS ARMS": a person's
statement names the pub, not the trade."""

TRADES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("amenity/restaurant", "dining", (
        "restaurant", "restaurante", "ristorante", "restaurang", "ravintola", "restauracja",
        "restaurace", "restoran", "restorani", "restoranas", "restorans", "restauracia",
        "etterem", "vendeglo", "estiatorio", "gostilna", "konoba", "gasthaus", "wirtshaus",
        "eethuis", "eetcafe", "lokanta", "izakaya", "shokudo", "yakiniku", "yakitori",
        "nha hang", "canting", "sikdang", "comedor", "parrilla", "asador", "churrascaria",
        "cevicheria", "marisqueria", "trattoria", "osteria", "brasserie", "bistro", "bistrot",
        "rotisserie", "creperie", "pierogarnia", "bar mleczny", "jadlodajnia",
        "steakhouse", "chophouse", "noodle bar", "dumpling", "dim sum", "pho", "bbq",
        "barbecue", "grill", "diner", "eatery", "kitchen", "cantina", "tasca", "tapas",
        "pizzeria", "pizza", "sushi", "ramen", "curry house", "tandoori", "balti",
    )),
    ("amenity/fast_food", "dining", (
        "imbiss", "snackbar", "snack bar", "friterie", "frituur", "patatzaak", "takeaway",
        "take away", "takeout", "comida rapida", "churreria", "bocadillos", "panineria",
        "piadineria", "rosticceria", "friggitoria", "tavola calda", "kebab", "kebap", "doner",
        "pide", "lahmacun", "kofte", "zapiekanki", "bufet", "shawarma", "falafel", "burrito",
        "taqueria", "tacos", "burgers", "hot dog", "fried chicken", "chippy", "chip shop",
        "fish bar", "fish and chips", "chip and fish", "fish chips",
    )),
    ("amenity/pub", "dining", (
        "pub", "kneipe", "bierstube", "brauhaus", "bierhalle", "biergarten", "taberna",
        "cerveceria", "cervejaria", "birreria", "enoteca", "kroeg", "krog", "pivnice",
        "hospoda", "kocsma", "sorozo", "piwiarnia", "baari", "meyhane", "tavern", "taverna",
        "inn and bar", "wine bar", "cocktail bar", "tap room", "taproom", "brewpub",
    )),
    ("amenity/pub", "dining", PUB_NAMES),
    ("amenity/cafe", "coffee", (
        "cafe", "caffe", "kaffee", "koffie", "kaffe", "kahvila", "kawiarnia", "kavarna",
        "kavana", "kafe", "kahve", "kahvehane", "konditorei", "conditorei", "konditori",
        "cukraszda", "salon de the", "teahouse", "tea house", "tea room", "kissaten",
        "ca phe", "caphe", "coffee", "coffee shop", "coffeeshop", "espresso bar", "espresso",
        "tea rooms", "tearoom", "tearooms", "bubble tea", "donut", "donuts", "doughnut",
        "doughnuts",
    )),
    ("shop/supermarket", "groceries", (
        "supermarket", "supermarche", "supermarkt", "supermercado", "supermercato",
        "supermarked", "hipermercado", "hypermarche", "hypermarket", "ipermercato",
        "lebensmittel", "alimentation", "alimentari", "alimentos", "abarrotes", "minimercado",
        "minimarket", "mini market", "livs", "livsmedel", "dagligvarer", "spozywczy",
        "potraviny", "elelmiszer", "bakkal", "konbini", "sieu thi", "chaoshi", "grocery",
        "groceries", "grocer", "grocers", "food store", "food market", "convenience store",
        "farm shop", "farm market", "farmers market",
    )),
    ("shop/greengrocer", "groceries", (
        "fruteria", "verduleria", "verdureria", "fruttivendolo", "groenteboer", "primeur",
        "greengrocer", "greengrocers",
    )),
    ("shop/butcher", "groceries", (
        "metzgerei", "fleischerei", "boucherie", "carniceria", "macelleria", "slagerij",
        "slakter", "slagter", "rzeznik", "reznictvi", "hentes", "kasap", "butcher", "butchers",
        "poultry", "meats", "meat market", "meat shop",
    )),
    ("shop/bakery", "groceries", (
        "backerei", "baeckerei", "bakkerij", "boulangerie", "panaderia", "panetteria",
        "panificio", "padaria", "bageri", "leipomo", "piekarnia", "pekarna", "pekarstvi",
        "pekara", "firin", "patisserie", "pasticceria", "pasteleria", "cukrarna", "bakery",
        "bakers", "baker",
    )),
    ("shop/seafood", "groceries", (
        "fromagerie", "kaseladen", "queseria", "cheesemonger", "cheese shop", "cheese",
        "poissonnerie", "pescaderia", "fischhandel", "fishmonger", "fishmongers",
    )),
    ("shop/alcohol", "groceries", (
        "weinhandlung", "caviste", "cave a vin", "off licence", "off license", "liquor",
        "liquor store", "bottle shop", "bottleshop", "wine merchants", "wine shop",
        "wines", "wine and spirits", "beer store", "beer shop",
    )),
    ("amenity/fuel", "fuel", (
        "tankstelle", "tankstation", "stazione di servizio", "distributore", "carburanti",
        "gasolinera", "gasolineria", "estacion de servicio", "posto de combustivel",
        "posto de gasolina", "station service", "carburant", "carburants", "bensinstasjon",
        "bensinstation", "benzinkut", "stacja paliw", "cerpaci stanice", "benzinska",
        "benzinarija", "akaryakit", "huoltoasema", "gas station", "gas bar", "filling station",
        "service station", "petrol station", "petrol", "fuel", "fuels", "diesel", "forecourt",
        "truck stop", "truckstop", "travel plaza",
    )),
    ("amenity/charging_station", "fuel", (
        "ev charging", "electric vehicle charging", "charging station", "ladestation",
        "supercharger",
    )),
    ("amenity/parking", "transport", (
        "parking", "parkhaus", "parkplatz", "parkgarage", "tiefgarage", "parkeerterrein",
        "parkeergarage", "parkeren", "parkering", "parkki", "pysakointi", "parcheggio",
        "parcheggi", "aparcamiento", "estacionamiento", "parqueadero", "estacionamento",
        "stationnement", "parcare", "parkovani", "parkolo", "otopark", "chushajo", "car park",
        "car parks", "carpark", "car parking",
        "parkade", "parkades", "park and ride", "pay and display",
    )),
    ("amenity/taxi", "transport", (
        "taxi", "taxis", "taksi", "taxa", "taxicab", "minicab", "minicabs", "radio taxi",
        "radiotaxi", "takso", "remis", "remises", "cab", "cabs", "private hire", "cars",
        "chauffeur", "limousine", "limo",
        "shuttle", "shuttles", "rideshare",
    )),
    ("public_transport/station", "transport", (
        "bahnhof", "hauptbahnhof", "hbf", "gare", "estacion", "stazione", "spoorwegen",
        "jernbane", "jarnvag", "rautatie", "koleje", "zeleznice", "vasut", "ferrovie",
        "ferrocarril", "ferrocarriles", "comboios", "tetsudo", "u bahn", "s bahn", "ubahn",
        "sbahn", "tunnelbana", "pendeltag", "tranvia", "strassenbahn", "tramvaj", "villamos",
        "autobus", "autobuses", "autobusy", "omnibus", "buss", "bussi", "otobus", "railway",
        "railways", "rail", "train", "trains", "tram", "metro", "bus", "buses", "coach",
        "coaches", "transit", "transport", "transports", "verkehrsbetriebe", "verkehr",
    )),
    ("amenity/ferry_terminal", "transport", (
        "ferry", "faehre", "fahre", "farja", "ferje", "traghetto", "traghetti",
        "transbordador", "veerdienst",
    )),
    ("highway/toll", "transport", (
        "peage", "maut", "peaje", "pedagio", "pedaggio", "bompenger", "vignette", "vinjeta",
        "dalnicni", "autoroute", "autopista", "autostrada", "autobahn", "toll", "tolls",
    )),
    ("shop/car_repair", "transport", (
        "autowerkstatt", "werkstatt", "kfz", "taller mecanico", "officina", "carrozzeria",
        "gommista", "autoservice", "reifen", "pneus", "neumaticos", "pneumatici", "banden",
        "dack", "renkaat", "opony", "pneuservis", "gumiszerviz", "lastik", "garage",
        "auto repair", "car repair", "tyres", "tires", "tyre", "tire", "mot",
        "motors", "auto centre", "auto center", "autocentre", "auto body", "autobody",
        "towing", "tow truck", "auto parts", "autoparts", "auto supply", "auto supplies",
        "auto glass", "windscreen", "windscreens", "windshield", "collision centre",
    )),
    ("amenity/car_wash", "transport", (
        "autowaschanlage", "waschstrasse", "lavage auto", "lavado", "autolavaggio", "carwash",
        "car wash", "biltvatt",
        "hand wash", "hand car wash", "car valet", "car valeting", "valeting",
    )),
    ("aeroway/aerodrome", "travel", (
        "airline", "airlines", "airways", "air lines", "aerolineas", "aerolinea",
        "linhas aereas", "lineas aereas", "compagnie aerienne", "fluggesellschaft",
        "aeroporto", "aeropuerto", "aeroport", "flughafen", "lufthavn", "flygplats",
        "lentoasema", "lotnisko", "letiste", "repuloter", "havalimani", "airport", "flight",
        "flights",
    )),
    ("tourism/hotel", "travel", (
        "hotel", "hotels", "hotell", "hotelli", "hotellet", "hotele", "szalloda", "hostal",
        "hosteria", "pensione", "albergo", "alberghi", "pousada", "posada",
        "parador", "ryokan", "minshuku", "auberge", "gite", "chambres dhotes", "agriturismo",
        "locanda", "herberg", "vandrarhem", "vandrehjem", "retkeilymaja", "schronisko",
        "penzion", "panzio", "otel", "oteli", "khach san", "binguan", "jiudian",
        "aparthotel", "apartotel", "motel", "hostel", "guesthouse", "guest house", "b&b",
        "bed and breakfast", "resort", "suites", "suite", "lodge", "inn",
        "htl",
        "hostels", "inns", "campsite", "campground", "caravan park", "holiday park", "glamping",
    )),
    ("amenity/car_rental", "travel", (
        "autovermietung", "location de voitures", "alquiler de coches", "autonoleggio",
        "autoverhuur", "biluthyrning", "rent a car", "car hire", "car rental", "van hire",
    )),
    ("shop/travel_agency", "travel", (
        "reiseburo", "reisebuero", "agence de voyage", "agence de voyages", "agencia de viajes",
        "agenzia viaggi", "reisbureau", "resebyra", "matkatoimisto", "biuro podrozy",
        "cestovni kancelar", "utazasi iroda", "seyahat", "vacances", "vacaciones", "ferien",
        "urlaub", "vakantie", "voyages", "viajes", "viaggi", "reisen", "reizen", "resor",
        "matkat", "turismo", "turizm", "holidays", "tours", "cruise", "cruises",
    )),
    ("amenity/pharmacy", "health", (
        "pharmacy", "pharmacie", "apotheke", "apotheek", "apotek", "apoteket", "apteekki",
        "apteka", "lekarna", "ljekarna", "gyogyszertar", "farmacia", "farmacie", "eczane",
        "yakkyoku", "nha thuoc", "yaofang", "chemist", "chemists", "drugstore",
        "drug store", "drug mart",
    )),
    ("amenity/dentist", "health", (
        "zahnarzt", "zahnarztpraxis", "dentiste", "dentista", "tandarts", "tandlakare",
        "tandlaege", "hammaslaakari", "dentysta", "zubar", "fogorvos", "dishekimi", "dentist",
        "dental",
    )),
    ("amenity/doctors", "health", (
        "arztpraxis", "medecin", "huisarts", "lakare", "laege", "laakari", "lekarz", "orvos",
        "klinik", "clinique", "clinica", "krankenhaus", "hopital", "ospedale", "ziekenhuis",
        "sjukhus", "sygehus", "sairaala", "szpital", "nemocnice", "korhaz", "hastane",
        "doctor", "doctors", "clinic", "hospital", "medical", "surgery", "physio",
        "physiotherapy", "chiropractic", "chiropractor", "osteopath", "osteopathy", "podiatry",
        "podiatrist", "chiropodist", "audiologist", "medical centre", "health centre",
    )),
    ("amenity/veterinary", "health", (
        "tierarzt", "tierklinik", "veterinaire", "veterinario", "dierenarts", "veterinary",
        "vets",
    )),
    ("shop/optician", "health", (
        "optiker", "opticien", "optica", "ottica", "optiek", "optikk", "optician",
        "opticians", "optical", "optometrist",
    )),
    ("leisure/fitness_centre", "health", (
        "fitnessstudio", "gimnasio", "palestra", "sportschool", "kuntosali", "silownia",
        "posilovna", "hallenbad", "freibad", "piscine", "piscina", "zwembad", "uimahalli",
        "gym", "fitness", "leisure centre", "swimming pool",
        "yoga", "pilates", "crossfit", "martial arts", "bouldering", "climbing wall",
    )),
    ("shop/hairdresser", "shopping", (
        "friseur", "coiffeur", "coiffure", "peluqueria", "parrucchiere", "kapper", "frisor",
        "kampaamo", "fryzjer", "kadernictvi", "fodrasz", "kuafor", "barber", "barbers",
        "barbershop", "hairdresser", "hairdressers", "hair salon", "nail salon", "nails",
        "hair", "hair and beauty",
    )),
    ("shop/laundry", "shopping", (
        "wascherei", "waescherei", "laverie", "lavanderia", "wasserette", "pesula", "pralnia",
        "dry cleaner", "dry cleaners", "dry cleaning", "laundry", "laundrette", "launderette",
        "laundromat",
        "tailor", "tailors", "alterations", "cobbler", "shoe repair", "key cutting",
    )),
    ("shop/department_store", "shopping", (
        "kaufhaus", "warenhaus", "grand magasin", "grands magasins", "grandes almacenes",
        "magazzini", "varuhus", "tavaratalo", "dom towarowy", "obchodni dum", "aruhaz",
        "department store", "department stores",
    )),
    ("shop/clothes", "shopping", (
        "bekleidung", "vetements", "abbigliamento", "kleding", "klader", "vaatteet", "odziez",
        "obleceni", "ruhazat", "giyim", "confecciones", "calzados", "zapateria", "schuhe",
        "chaussures", "scarpe", "clothing", "clothes", "fashion", "shoes",
        "apparel", "workwear",
        "outfitters", "menswear", "womenswear", "lingerie", "footwear", "knitwear",
    )),
    ("shop/books", "shopping", (
        "buchhandlung", "librairie", "libreria", "livraria", "boekhandel", "bokhandel",
        "kirjakauppa", "ksiegarnia", "knihkupectvi", "konyvesbolt", "kitabevi", "shoten",
        "papeterie", "papeleria", "cartoleria", "schreibwaren", "bookshop", "bookstore",
        "booksellers", "books", "stationers", "stationery",
        "office supplies", "art supplies", "art supply", "art store", "picture framing", "framing",
        "framers", "printing", "print shop", "copy shop", "copy centre", "copy center",
        "toner", "ink cartridges", "cartridges", "pens", "engraving", "engravers", "trophies",
    )),
    ("shop/toys", "shopping", (
        "spielwaren", "jouets", "juguetes", "giocattoli", "speelgoed", "leksaker", "zabawki",
        "toys", "toy shop", "toy store",
        "hobbies", "hobby shop", "model shop",
    )),
    ("shop/jewelry", "shopping", (
        "juwelier", "bijouterie", "joyeria", "gioielleria", "guldsmed", "jubiler",
        "jewellers", "jewelers", "jewellery", "jewelry",
        "goldsmith", "goldsmiths", "watches",
    )),
    ("shop/cosmetics", "shopping", (
        "parfumerie", "perfumeria", "profumeria", "cosmetics", "perfume", "beauty",
        "cosmetic",
    )),
    ("shop/pet", "shopping", (
        "zoohandlung", "animalerie", "tierbedarf", "dierenwinkel", "pet shop", "pet store",
        "pet supplies", "pets",
        "pet food", "pet centre", "aquatics",
    )),
    ("shop/photo", "shopping", ("photo", "photos", "fotografia", "camera", "cameras")),
    ("shop/musical_instrument", "shopping", (
        "musikhaus", "musique", "drums", "guitars", "guitar", "pianos", "music shop",
        "music store", "sheet music",
    )),
    ("shop/electronics", "shopping", (
        "elektronik", "electronica", "elettronica", "electronics", "gadgets", "computers",
        "computer store", "computer shop",
    )),
    ("shop/sports", "shopping", (
        "sportartikel", "articulos deportivos", "articoli sportivi", "sporting goods",
        "sporting", "sportswear", "sports store", "outdoor store", "bike shop",
        "bicycle shop", "cycle shop",
    )),
    ("shop/craft", "shopping", (
        "bastelbedarf", "mercerie", "merceria", "arts and crafts", "craft supplies", "yarn",
        "fabric", "fabrics", "sewing", "haberdashery", "quilting",
        "textiles", "textile", "knit", "knitting", "wool shop",
    )),
    ("shop/party", "shopping", (
        "party shop", "party store", "party supplies", "partyware", "fancy dress", "costume",
        "costumes", "balloons",
    )),
    ("shop/confectionery", "groceries", (
        "chocolaterie", "chocolatier", "confiserie", "confectionery", "sweet shop", "candy",
    )),
    ("amenity/ice_cream", "dining", (
        "eiscafe", "eisdiele", "gelateria", "heladeria", "glacier artisan", "ijssalon",
        "gelato", "ice cream",
    )),
    ("shop/nutrition_supplements", "health", (
        "reformhaus", "vitamins", "vitamin", "supplements", "nutrition",
    )),
    ("leisure/escape_game", "entertainment", (
        "escape room", "escape rooms", "escape game", "laser tag", "lasertag", "paintball",
        "trampoline", "trampoline park", "mini golf", "minigolf", "crazy golf", "arcade",
        "amusements", "funfair", "amusement park", "water park", "waterpark", "safari park",
        "bowling", "karting", "go karts", "go kart", "golf course", "driving range", "lido",
        "wildlife park", "ice rink", "art gallery", "attractions",
    )),
    ("shop/florist", "gifts", (
        "fleuriste", "blumen", "floristeria", "fioraio", "fioreria", "bloemist", "blomster",
        "kukkakauppa", "kwiaciarnia", "kvetinarstvi", "viragbolt", "cicekci", "florist",
        "florists", "flowers",
    )),
    ("shop/gift", "gifts", (
        "souvenir", "souvenirs", "recuerdos", "gift shop", "gift voucher", "gift vouchers",
        "gift card", "gifts",
    )),
    ("amenity/place_of_worship", "gifts", (
        "kirche", "eglise", "iglesia", "chiesa", "igreja", "kerk", "kyrka", "kirke", "kirkko",
        "kosciol", "kostel", "templom", "mosque", "masjid", "church", "parish", "charity",
        "charities", "foundation", "appeal",
    )),
    ("tourism/museum", "entertainment", (
        "musee", "museo", "museu", "muzeum", "muzej", "museet", "museum",
        "tierpark", "dierentuin", "djurpark", "zoologico", "zoo", "aquarium", "theme park",
    )),
    ("amenity/cinema", "entertainment", (
        "kino", "bioscoop", "biograf", "mozi", "sinema", "cinema", "cinemas", "movies",
    )),
    ("amenity/theatre", "entertainment", (
        "theater", "teatro", "teatr", "divadlo", "szinhaz", "tiyatro", "philharmonie",
        "konzerthaus", "schauspielhaus", "theatre", "concert", "opera house",
        "playhouse", "comedy club", "nightclub", "night club", "karaoke",
    )),
    ("shop/hardware", "housing", (
        "baumarkt", "bricolage", "ferreteria", "ferramenta", "ferramentas", "ijzerwaren",
        "bouwmarkt", "jarnhandel", "rautakauppa", "quincaillerie", "hardware", "diy",
        "builders merchants", "timber", "lumber", "locksmith", "locksmiths", "plumbing",
        "plumber", "glazing", "roofing", "removals", "self storage",
        "electrician", "electricians", "builders", "building supplies", "building materials",
        "home improvement", "glaziers", "decorating", "decorators", "paints", "lighting",
        "light bulbs", "lightbulbs", "bulbs", "pest control", "window cleaning", "movers",
        "hdw", "home hardware", "garden centre", "garden center", "garden supplies", "sod",
        "turf", "landscape supply", "landscaping", "fencing", "wallpaper", "appliances",
        "appliance repair", "garden nurseries",
    )),
    ("shop/furniture", "housing", (
        "mobel", "moebel", "meubles", "muebles", "mobili", "meubelen", "mobler", "huonekalut",
        "meble", "nabytek", "butor", "mobilya", "furniture", "furnishings", "carpets",
        "flooring", "floors", "floor", "carpet", "tiles", "blinds", "kitchens", "bathrooms",
        "mattress", "mattresses", "beds", "bedding", "curtains", "upholstery", "interiors",
    )),
    ("office/estate_agent", "housing", (
        "immobilien", "immobilier", "inmobiliaria", "immobiliare", "makelaar", "lettings",
        "letting", "letting agents", "estate agents", "estate agent", "property management",
        "rent", "rental",
        "properties", "realty", "realtor", "realtors", "real estate", "estates", "landlord",
    )),
    ("office/energy_supplier", "utilities", (
        "stadtwerke", "electricite", "electricidad", "elettricita", "energie", "energia",
        "electricity", "electric", "energy", "water", "gas bill", "utility", "utilities",
        "hydro", "sewerage", "heating oil",
    )),
    ("shop/telecommunication", "phone & internet", (
        "telecom", "telecoms", "telekom", "telecomunicaciones", "telecomunicazioni",
        "mobilfunk", "broadband", "mobile", "wireless", "internet service",
        "telephone", "telecommunications", "cellular", "cell phone", "phone shop",
    )),
    ("amenity/school", "education", (
        "schule", "ecole", "escuela", "scuola", "escola", "universitat", "universite",
        "universidad", "universita", "universidade", "universiteit", "universitet",
        "yliopisto", "uniwersytet", "univerzita", "egyetem", "universitesi", "daigaku",
        "daxue", "sprachschule", "fahrschule", "autoescuela", "auto ecole", "driving school",
        "school", "university", "uni", "college", "tuition", "institute",
        "academy", "tutoring", "tutors", "driving lessons", "driving test", "theory test",
    )),
)  # fmt: skip
"""Each kind of place: (kind, sbp category, the words that name it)."""
