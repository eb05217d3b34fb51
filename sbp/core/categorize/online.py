"""Merchants without a shop on the map: the short curated list beside OpenStreetMap's brands.

Streaming, news, software, marketplaces, ride hailing and delivery, airlines and rail companies,
phone networks and energy suppliers are paid online or by direct debit, so the name-suggestion
index (a list of places) does not know them. Names are written as people read them; they are
cleaned like descriptions when the list is first used ("AMZN Mktp" is "amzn mktp").
"""

from __future__ import annotations

from sbp.core.categorize.carriers import CARRIERS
from sbp.core.categorize.software import SOFTWARE

ONLINE_MERCHANTS: dict[str, tuple[str, ...]] = {
    "subscriptions": (
        "netflix", "spotify", "hulu", "disney plus", "disneyplus", "hbo max", "max.com",
        "paramount+", "paramount plus", "peacock", "crunchyroll", "dazn", "now tv", "britbox",
        "youtube premium", "youtubepremium", "google youtube", "google storage", "google one",
        "icloud", "apple.com/bill", "apple com bill", "itunes.com/bill", "itunes com bill",
        "apple itunes", "itunes", "audible", "kindle unlimited", "amazon prime", "prime video",
        "amazon digital", "nytimes", "new york times", "washington post", "wsj", "the guardian",
        "the economist", "financial times", "ft.com", "medium.com", "substack", "patreon",
        "onlyfans", "dropbox", "adobe", "microsoft", "msft", "office 365", "xbox game pass",
        "github", "openai", "chatgpt", "anthropic", "notion", "slack", "zoom.us", "zoom us",
        "canva", "evernote", "1password", "lastpass", "nordvpn", "expressvpn", "duolingo",
        "headspace", "calm.com", "tinder", "bumble", "linkedin", "grammarly", "squarespace",
        "wix.com", "godaddy", "namecheap", "tv licence", "tv licensing",
        "deezer", "tidal", "sirius xm", "siriusxm",
    ),
    "shopping": (
        "amazon", "amzn", "amzn mktp", "amazon mktplace", "amazon marketplace",
        "ebay", "etsy", "aliexpress",
        "alibaba", "temu", "shein", "wish.com", "zalando", "asos", "boohoo", "allegro",
        "mercado libre", "mercadolibre", "mercadopago", "rakuten", "flipkart", "myntra",
        "shopee", "lazada", "jd.com", "taobao", "bol.com", "cdiscount", "fnac", "vinted",
        "depop", "chewy", "newegg", "ao.com", "very.co.uk",
        "argos", "currys", "qvc", "apple store", "apple online store", "google store",
        "thriftbooks", "abebooks", "wordery",
    ),
    "transport": (
        "uber", "lyft", "bolt.eu", "free now", "freenow", "cabify", "didi",
        "ola cabs", "gett", "addison lee", "blablacar",
        "trainline", "thetrainline", "national rail", "lner", "avanti west coast",
        "gwr", "great western railway", "northern rail", "scotrail",
        "southern railway", "southeastern", "thameslink", "crosscountry", "transpennine",
        "tfl",
        "oyster", "eurostar", "sncf", "sncf connect", "ouigo", "tgv", "db bahn",
        "deutsche bahn", "db vertrieb", "bahn.de", "trenitalia", "italo",
        "renfe", "sncb", "nmbs",
        "sbb", "obb", "amtrak", "via rail",
        "greyhound", "megabus", "flixbus", "national express", "stagecoach", "arriva",
        "first bus", "ringgo", "paybyphone", "justpark",
        "ezpass", "e-zpass", "fastrak", "sunpass", "ipass",
        "ratp", "bvg", "mvg", "mta",
        "bart", "clipper", "opal", "translink",     ),
    "dining": (
        "uber eats", "ubereats", "deliveroo", "just eat", "justeat", "doordash", "grubhub",
        "postmates", "seamless", "caviar", "glovo", "wolt", "foodora", "lieferando",
        "thuisbezorgd", "takeaway.com", "swiggy", "zomato", "rappi", "ifood", "menulog",
        "skipthedishes", "too good to go",
    ),
    "groceries": (
        "instacart", "ocado",
        "amazon fresh", "gorillas", "getir",
        "flink", "picnic", "hellofresh", "gousto", "mindful chef",
    ),
    "travel": (
        "booking.com", "booking com", "airbnb", "expedia", "hotels.com", "hotels com",
        "agoda", "trivago", "vrbo", "lastminute", "lastminute.com", "opodo",
        "edreams", "kayak", "skyscanner", "trip.com", "tripadvisor", "hostelworld",
                "lufthansa", "klm", "air france", "british airways",
        "ryanair", "easyjet", "wizzair", "vueling", "iberia",
        "norwegian air", "norwegian.com", "finnair", "sas",
        "scandinavian airlines", "emirates", "etihad",
        "qatar airways", "turkish airlines", "pegasus", "aer lingus",
        "tap air", "tap portugal", "brussels airlines",
        "swiss international", "austrian airlines", "eurowings",
        "germanwings", "czech airlines",
        "croatia airlines", "icelandair", "jet2", "tui",
        "aegean", "air china",
        "china eastern", "china southern", "cathay pacific", "dragonair", "singapore airlines",
        "qantas", "virgin atlantic", "virgin australia", "delta airlines",
        "united airlines", "american airlines",
        "southwest airlines", "jetblue", "alaska air", "spirit airlines", "frontier airlines",
        "air canada", "westjet", "aeromexico", "latam", "avianca", "air india",
        "japan airlines", "korean air", "hertz", "avis", "europcar", "sixt",
        "enterprise rent", "budget rent", "p&o ferries",
        "dfds", "brittany ferries", "viking line", "eurotunnel", "le shuttle",
    ),
    "phone & internet": (
        "vodafone", "ee", "o2", "three.co.uk", "bt", "bt group",
        "sky digital", "sky uk", "virgin media", "talktalk", "plusnet", "giffgaff",
        "tesco mobile", "id mobile", "lebara", "lycamobile", "sfr", "bouygues",
        "free mobile", "telekom", "telefonica", "movistar", "wind tre", "kpn", "proximus",
        "swisscom", "telia", "telenor", "verizon", "at&t", "t-mobile", "tmobile", "sprint",
        "comcast", "xfinity", "rogers", "bell canada", "telus",
        "starlink", "mint mobile", "google fi", "cricket wireless", "boost mobile",
    ),
    "utilities": (
        "british gas", "britishgas", "npower", "e.on", "eon", "edf", "edf energy",
        "octopus energy", "ovo", "ovo energy", "scottish power", "sse", "shell energy",
        "thames water", "severn trent", "anglian water",
        "united utilities", "yorkshire water", "southern water", "pg&e", "pge", "con edison",
        "coned", "duke energy", "dominion energy", "national grid", "engie", "vattenfall",
        "enel", "iberdrola", "endesa", "naturgy", "rwe", "eni plenitude",
    ),
    "health": (
        "nhs", "bupa", "specsavers online", "zocdoc", "teladoc", "puregym", "pure gym",
        "the gym group", "planet fitness", "anytime fitness", "peloton", "strava",
        "myfitnesspal", "classpass",
    ),
    "entertainment": (
        "steam", "steampowered", "steam games", "playstation", "playstation network", "psn",
        "nintendo", "xbox", "epic games", "blizzard", "riot games", "roblox", "twitch",
        "ticketmaster", "live nation", "eventbrite", "see tickets", "stubhub", "viagogo",
        "fandango", "odeon", "vue cinema", "cineworld", "amc theatres",
        "regal cinemas", "picturehouse", "everyman cinema", "national lottery", "bet365",
        "william hill", "paddy power", "betfair", "draftkings", "fanduel",
    ),
    "education": (
        "udemy", "coursera", "edx", "skillshare", "masterclass", "khan academy",
        "pluralsight", "codecademy", "babbel", "rosetta stone", "busuu", "chegg",
    ),
    "gifts": (
        "gofundme", "justgiving", "just giving", "nspcc", "oxfam", "unicef", "red cross",
        "cancer research", "wikimedia", "moonpig", "funky pigeon", "interflora",
        "1-800-flowers",
    ),
}  # fmt: skip
"""Each category's curated merchants, as names people read on statements."""


CURATED: dict[str, tuple[str, ...]] = {
    category: ONLINE_MERCHANTS.get(category, ())
    + CARRIERS.get(category, ())
    + SOFTWARE.get(category, ())
    for category in {**ONLINE_MERCHANTS, **CARRIERS, **SOFTWARE}
}
"""Every curated merchant: this list, the carriers (`carriers`) and the services (`software`)."""
