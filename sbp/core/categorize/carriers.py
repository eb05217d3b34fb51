"""Airlines, railways, transit networks and toll roads, as card statements name them.

The curated list beside the map's brands (`online`) names a few of each; this one covers the
carriers of the countries people most often pay in, by their own names and the short forms
their tickets carry ("THY" for Turkish Airlines, "TTC" for Toronto's transit). Airlines and
their holiday arms are `travel`; trains, buses, ferries across a city and tolls are
`transport`. Names that are also everyday words or another trade's brand (IndiGo the airline,
Indigo the bookshops) are left out. Compiled from public knowledge of the carriers.
"""

from __future__ import annotations

CARRIERS: dict[str, tuple[str, ...]] = {
    "travel": (
        # Europe
        "thy", "turkish airlines", "tarom", "flybe", "aer lingus", "aerlingus", "wizz air",
        "wizz", "jet2.com", "jet2holidays", "loganair", "eastern airways", "aurigny",
        "blue islands", "lot polish", "aegean airlines", "airbaltic", "air baltic",
        "air serbia", "air malta", "luxair", "binter", "volotea", "transavia", "sunexpress",
        "condor", "tuifly", "tui fly", "edelweiss", "air dolomiti", "ita airways",
        "air europa", "iberia express", "norse atlantic", "flyplay",
        "wideroe", "braathens", "atlantic airways", "smartwings", "bulgaria air",
        "blue air", "air moldova", "ukraine international", "aeroflot", "s7 airlines",
        "easyjet holidays", "ba holidays", "british airways holidays", "virgin holidays",
        "tui holidays", "on the beach", "loveholidays", "jet2 holidays",
        # the Americas
        "porter airlines", "porter escapes", "flair airlines", "sunwing",
        "air transat", "transat", "vacances transat", "air north", "pal airlines",
        "canadian north", "harbour air", "allegiant", "sun country", "hawaiian airlines",
        "breeze airways", "volaris", "viva aerobus", "vivaaerobus", "gol linhas",
        "sky airline", "jetsmart", "copa airlines", "aerolineas argentinas",
        "westjet vacations", "air canada vacations", "aircanada",
        # Middle East, Africa, Asia, Oceania
        "saudia", "flydubai", "air arabia", "oman air", "gulf air",
        "royal jordanian", "el al", "kenya airways", "ethiopian airlines", "egyptair",
        "royal air maroc", "south african airways", "air mauritius", "spicejet", "vistara",
        "airasia", "air asia", "jetstar", "tigerair", "cebu pacific",
        "philippine airlines", "vietjet", "vietnam airlines", "bamboo airways",
        "thai airways", "bangkok airways", "malaysia airlines", "garuda indonesia",
        "eva air", "china airlines", "starlux", "asiana", "jeju air", "all nippon airways",
        "japan airlines", "peach aviation", "hong kong airlines", "hainan airlines",
        "sichuan airlines", "xiamen airlines", "air new zealand", "rex airlines",
        "fiji airways", "air tahiti nui", "azerbaijan airlines", "azal", "uzbekistan airways",
        "air astana", "pegasus airlines", "flypgs", "ajet", "anadolujet",
    ),
    "transport": (
        # rail and transit in Europe
        "heathrow express", "gatwick express", "stansted express", "merseyrail",
        "c2c", "chiltern railways", "east midlands railway", "greater anglia",
        "london northwestern", "west midlands railway", "south western railway",
        "transport for wales", "tfw rail", "hull trains", "grand central rail", "lumo",
        "caledonian sleeper", "raileasy", "split my fare", "irish rail", "iarnrod eireann",
        "dublin bus", "luas", "translink ni", "stib", "mivb", "de lijn", "dsb", "ruter", "hsl",
        "cfl", "comboios de portugal", "metro de madrid",
        "atm milano", "atac", "trenord", "sbb cff ffs", "postbus", "postauto",
        "wiener linien", "cd.cz", "ceske drahy", "pkp intercity", "regiojet",
        "leo express", "westbahn", "thalys", "eurocity", "nightjet", "hvv", "mvv", "vbb",
        "rmv", "kvb", "navigo", "tisseo", "rtm", "gvb", "htm", "ov chipkaart",
        "ovpay", "ns international",
        # the Americas
        "ttc", "presto", "go transit", "up express", "stm", "oc transpo",
        "translink bc", "compass card", "bc transit", "calgary transit", "edmonton transit",
        "mbta", "septa", "wmata", "metrorail", "cta ventra", "ventra", "nj transit",
        "njt", "lirr", "metro north", "caltrain", "clipper card",
        "king county metro", "orca card", "trimet", "marta", "metra", "brightline",
        "sunrail", "metrocard", "omny", "tap card",
        # Asia and Oceania
        "octopus card", "mtr", "ez-link", "easycard", "suica", "pasmo", "icoca",
        "t-money", "myki", "opal card", "go card", "snapper", "at hop",
        # tolls and crossings
        "merseyflow", "dart charge", "dartford crossing", "m6 toll", "severn crossing",
        "mersey gateway", "tyne tunnel", "407 etr", "407etr", "e-zpass", "peage",
        "autostrade", "telepass", "vialis", "bip&go", "brisa via verde", "via verde",
        "emovis", "fastrak", "txtag", "peach pass", "sunpass", "toll by plate",
    ),
}  # fmt: skip
"""Each category's carriers, as names people read on statements."""
