"""The built-in keyword table: everyday words that say what kind of place was paid, for a store
with no history yet.

Each everyday category lists words that, found in a cleaned description, suggest it. The words
are matched as whole words; a longer match wins over a shorter one. Brands live in the merchant
knowledge base (`sbp.core.categorize.merchants`); the few here are everyday names people type
by hand ("starbucks", "uber").
"""

from __future__ import annotations

BUILTIN_KEYWORDS: dict[str, tuple[str, ...]] = {
    "coffee": ("coffee", "cafe", "café", "caffe", "espresso", "latte", "cappuccino",
               "coffee shop", "tea room", "tea rooms", "tearoom", "starbucks", "blue bottle",
               "peets", "costa", "tim hortons", "dunkin"),
    "dining": ("restaurant", "restaurants", "restaurante", "restaurang", "ristorante",
               "trattoria", "osteria", "pizzeria", "brasserie", "bistro", "diner", "eatery",
               "tavern", "taverna", "grill", "steakhouse", "steak house", "carvery", "tapas",
               "taqueria", "noodle", "noodles", "ramen", "sushi", "dim sum", "thai", "indian",
               "balti", "curry", "tandoori", "kebab", "fish bar", "chippy", "fish and chips",
               "chicken", "bbq", "seafood", "gelato", "ice cream", "food hall", "food court",
               "catering", "caterers", "canteen", "cafeteria", "imbiss", "lunch", "dinner",
               "breakfast", "pizza", "burger", "mcdonalds", "mcdonald's", "kfc", "subway",
               "chipotle", "takeaway", "deliveroo", "ubereats", "uber eats", "doordash",
               "grubhub", "bar", "pub", "rest", "resto", "cuisine", "gourmet", "chef",
               "grillhouse", "grill house", "taphouse", "tap house", "brewpub", "piri piri",
               "peri peri", "shawarma", "falafel", "burrito", "tacos", "wings", "bistrot"),
    "groceries": ("grocery", "groceries", "grocer", "grocers", "supermarket", "supermarkt",
                  "supermercado", "supermarche", "food store", "foods", "convenience store",
                  "delicatessen", "deli", "butcher", "butchers", "halal meat", "greengrocer",
                  "bakery", "market", "whole foods", "trader joe", "safeway", "kroger", "aldi",
                  "lidl", "tesco", "sainsbury", "rewe", "edeka", "carrefour", "walmart",
                  "costco", "foodmart", "food mart", "supermart", "minimarket", "mini market",
                  "supermercato", "alimentari", "epicerie", "off licence"),
    "transport": ("uber", "lyft", "taxi", "taxis", "cab", "cabs", "private hire", "bus", "buses",
                  "coach", "coaches", "metro", "underground", "subway fare", "train", "trains",
                  "tram", "railway", "railways", "rail", "station", "stations", "stn",
                  "ticket machine", "parking", "car park", "car parks",
                  "carpark", "car parking", "toll", "tolls", "autoroute", "autopista",
                  "autostrada", "congestion charge", "transit", "mta", "bart", "tfl",
                  "db bahn", "bike", "auto repair", "auto repairs", "auto service", "auto parts",
                  "car parts", "car repair", "car wash", "motorist", "tire", "tires", "tyre",
                  "tyres", "mot", "garage", "airport parking", "ferry", "taxa", "radiotaxi", "limo",
                  "limousine", "limousines", "chauffeur", "park ride", "park and ride",
                  "rlywy", "rly", "mainline"),
    "fuel": ("fuel", "fuels", "gas station", "service station", "filling station",
             "petrol station", "petrol", "petroleum", "autogas", "lpg", "diesel", "forecourt",
             "shell", "chevron", "exxon", "bp", "esso", "texaco", "aral", "gas bar", "gas bars",
             "gasbar", "sstn", "pfs"),
    "housing": ("rent", "mortgage", "landlord", "hoa", "property", "furniture", "furnishings",
                "bathrooms", "kitchens", "garden centre", "garden center", "building supplies",
                "timber", "tiles", "flooring", "carpets", "ironmongery", "ikea", "home depot",
                "repair", "home repair", "plumber", "plumbing", "locksmith", "locksmiths",
                "hardware", "diy", "lettings", "letting", "letting agents", "estate agents",
                "estate agent", "properties", "paints", "paint", "plumb", "drainage",
                "bathroom", "blinds", "locks", "builders merchants", "lumber"),
    "utilities": ("electric", "electricity", "water bill", "gas bill", "utility", "utilities",
                  "power", "energy", "heating", "trash", "water"),
    "phone & internet": ("phone", "mobile", "internet bill", "internet service", "broadband",
                         "verizon", "at&t", "t-mobile", "vodafone", "comcast", "xfinity",
                         "telekom", "wifi"),
    "health": ("pharmacy", "chemist", "chemists", "doctor", "dentist", "dental", "medical",
               "hospital", "clinic", "cvs", "walgreens", "medicine", "gym", "fitness",
               "optician", "opticians", "physio", "therapy", "drugstore", "healthcare",
               "health centre", "health center", "medical centre", "optical", "pharmacie",
               "apotheke", "farmacia"),
    "entertainment": ("cinema", "cinemas", "movie", "movies", "theater", "theatre",
                      "concert", "tickets", "museum", "zoo", "aquarium", "theme park",
                      "racecourse", "karting", "golf", "game", "games", "steam",
                      "playstation", "xbox", "nintendo", "bowling", "fc", "football club",
                      "escape room", "fun centre", "fun center", "stadium", "water park"),
    "shopping": ("amazon", "ebay", "target", "clothing", "clothes", "fashion", "boutique",
                 "shoes", "zara", "h&m", "uniqlo", "store", "shop", "mall", "outlet",
                 "duty free", "department store", "best buy", "apple store", "book", "books",
                 "bookshop", "stationery", "toys", "toy", "jewellers", "jewellery", "jewelry",
                 "cosmetics", "perfume", "electronics", "fancy dress", "party supplies",
                 "gadgets", "stereo", "crafts", "accessories", "accessory", "workwear", "pets",
                 "pet supplies", "art supplies", "art supply", "sporting goods", "sports",
                 "apparel", "hobby", "hobbies", "stationers", "music store", "discount store"),
    "travel": ("hotel", "hotels", "htl", "aparthotel", "hostal", "hotell", "hotellet", "hotelli",
               "motel", "inn", "resort", "guest house", "guesthouse", "bed and breakfast", "lodge",
               "suites", "airbnb", "flight", "flights", "airline", "airlines", "airways",
               "airport", "booking.com", "expedia", "hostel", "cruise", "holidays", "delta",
               "united", "ryanair", "easyjet", "lufthansa", "travel", "tours", "tourism",
               "turismo", "turizm", "turizem", "recepcion", "recepcja", "reception", "lodging",
               "youth hostel", "yha"),
    "subscriptions": ("netflix", "spotify", "hulu", "disney+", "disney plus", "youtube premium",
                      "icloud", "dropbox", "subscription", "patreon", "prime", "adobe", "github"),
    "education": ("tuition", "school", "course", "udemy", "coursera", "university", "college",
                  "textbook", "class", "institute"),
    "gifts": ("gift", "gifts", "present", "donation", "charity", "flowers", "florist",
              "florists", "appeal", "church", "foundation", "charities", "gift voucher",
              "gift vouchers"),
    "fees": ("fee", "fees", "interest", "overdraft", "atm fee", "commission", "penalty",
             "late fee", "bank charge", "service charge", "charges"),
    "cash": ("atm", "cash withdrawal", "cashpoint", "cash machine"),
}  # fmt: skip

WEAK_KEYWORDS = frozenset(
    ("united", "delta", "target", "prime", "repair", "game", "games", "class", "present",
     "course", "power", "gift", "gifts", "steam", "market", "store", "shop", "bar", "station")
)  # fmt: skip
"""Keywords that are also brands or everyday words of other trades ("UNITED CABS", "REPAIR MY
PHONE", "DOLLY'S CRAFTS & GIFTS"): any other keyword in the description says more."""

DEFAULT_CATEGORY = "other"

EVERYDAY_CATEGORIES: tuple[str, ...] = (*BUILTIN_KEYWORDS, DEFAULT_CATEGORY)
"""The categories sbp knows from the start, in display order."""
