"""The built-in keyword table: the categorizer's last layer, for a store with no history yet.

Each everyday category lists words that, found in a normalised description, suggest it. The
words are matched as whole words; a longer match wins over a shorter one.
"""

from __future__ import annotations

BUILTIN_KEYWORDS: dict[str, tuple[str, ...]] = {
    "coffee": ("coffee", "cafe", "café", "espresso", "latte", "cappuccino", "starbucks",
               "blue bottle", "peets", "costa", "tim hortons", "dunkin"),
    "dining": ("restaurant", "lunch", "dinner", "breakfast", "pizza", "burger", "sushi",
               "mcdonalds", "mcdonald's", "kfc", "subway", "chipotle", "takeaway", "deliveroo",
               "ubereats", "uber eats", "doordash", "grubhub", "bistro", "diner", "bar", "pub"),
    "groceries": ("grocery", "groceries", "supermarket", "whole foods", "trader joe",
                  "safeway", "kroger", "aldi", "lidl", "tesco", "sainsbury", "rewe", "edeka",
                  "carrefour", "walmart", "costco", "market", "bakery"),
    "transport": ("uber", "lyft", "taxi", "cab", "bus", "metro", "subway fare", "train",
                  "tram", "parking", "toll", "transit", "mta", "bart", "tfl", "db bahn", "bike",
                  "auto repair", "auto service", "auto parts", "car repair", "car wash", "tire",
                  "tires", "tyre", "tyres", "mot", "garage", "car park", "railway", "rail",
                  "airport parking", "ferry"),
    "fuel": ("fuel", "gas station", "petrol", "shell", "chevron", "exxon", "bp", "esso",
             "texaco", "aral", "diesel"),
    "housing": ("rent", "mortgage", "landlord", "hoa", "property", "furniture", "ikea",
                "home depot", "repair", "home repair", "plumber", "plumbing", "locksmith",
                "hardware", "diy"),
    "utilities": ("electric", "electricity", "water bill", "gas bill", "utility", "utilities",
                  "power", "energy", "heating", "trash"),
    "phone & internet": ("phone", "mobile", "internet", "broadband", "verizon", "at&t", "t-mobile",
                         "vodafone", "comcast", "xfinity", "telekom", "wifi"),
    "health": ("pharmacy", "doctor", "dentist", "hospital", "clinic", "cvs", "walgreens",
               "medicine", "gym", "fitness", "optician", "therapy", "drugstore"),
    "entertainment": ("cinema", "movie", "movies", "theater", "theatre", "concert", "tickets",
                      "museum", "game", "games", "steam", "playstation", "xbox", "nintendo",
                      "bowling"),
    "shopping": ("amazon", "ebay", "target", "clothing", "clothes", "shoes", "zara", "h&m",
                 "uniqlo", "store", "shop", "mall", "best buy", "apple store", "book", "books"),
    "travel": ("hotel", "hotels", "motel", "inn", "resort", "airbnb", "flight", "airline",
               "airlines", "airport", "booking.com", "expedia", "hostel", "delta", "united",
               "ryanair", "easyjet", "lufthansa"),
    "subscriptions": ("netflix", "spotify", "hulu", "disney+", "disney plus", "youtube premium",
                      "icloud", "dropbox", "subscription", "patreon", "prime", "adobe", "github"),
    "education": ("tuition", "school", "course", "udemy", "coursera", "university", "college",
                  "textbook", "class"),
    "gifts": ("gift", "gifts", "present", "donation", "charity", "flowers", "florist"),
    "fees": ("fee", "fees", "interest", "overdraft", "atm fee", "commission", "penalty",
             "late fee", "bank charge", "service charge", "charges"),
    "cash": ("atm", "cash withdrawal", "cashpoint", "cash machine"),
}  # fmt: skip

DEFAULT_CATEGORY = "other"

EVERYDAY_CATEGORIES: tuple[str, ...] = (*BUILTIN_KEYWORDS, DEFAULT_CATEGORY)
"""The categories sbp knows from the start, in display order."""
