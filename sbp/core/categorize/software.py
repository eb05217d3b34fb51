"""Software, streaming, news and print-on-demand services, as card statements name them.

Paid online, so on no map: the curated list (`online`) names the best known; this one covers
the tools small businesses and households subscribe to (office suites, hosting, design, video
calls, password managers, accounting), streaming and news across the countries people pay in,
game stores, and the online print and gift shops. Compiled from public knowledge of the
services; names that are everyday words ("sage", "buffer", "notion" is kept as it is known) are
left out where they would be read alone.
"""

from __future__ import annotations

SOFTWARE: dict[str, tuple[str, ...]] = {
    "subscriptions": (
        # work and office
        "atlassian", "jira", "confluence", "trello", "asana", "monday.com", "basecamp",
        "clickup", "airtable", "smartsheet", "zapier", "ifttt", "salesforce", "hubspot",
        "mailchimp", "constant contact", "sendgrid", "twilio", "docusign", "hellosign",
        "dropbox sign", "surveymonkey", "typeform", "jotform", "google workspace", "gsuite",
        "g suite", "google gsuite", "microsoft 365", "office365", "webex", "gotomeeting",
        "goto.com", "logmein", "teamviewer", "figma", "miro", "lucidchart", "balsamiq",
        "invision", "webflow", "wordpress", "wpengine", "wp engine", "hostgator", "bluehost",
        "siteground", "ionos", "1and1", "1&1", "123-reg", "123 reg", "fasthosts",
        "heart internet", "hostinger", "dreamhost", "digitalocean", "linode", "vultr",
        "heroku", "netlify", "vercel", "cloudflare", "aws", "amazon web services",
        "google cloud", "azure", "backblaze", "carbonite", "idrive", "pcloud", "box.com",
        "onedrive", "todoist", "ticktick", "dashlane", "bitwarden", "keeper security",
        "surfshark", "protonmail", "proton ag", "fastmail", "tutanota", "kahoot", "quizlet",
        "prezi", "shutterstock", "istock", "getty images", "envato", "adobe stock",
        "jetbrains", "gitlab", "bitbucket", "midjourney", "xero", "quickbooks", "intuit",
        "freshbooks", "zoho", "freshdesk", "zendesk", "intercom", "hootsuite",
        "sprout social", "shopify", "bigcommerce", "gandi", "porkbun", "autodesk",
        "solidworks", "mathworks", "wolfram", "tableau", "qualtrics", "calendly", "skype",
        "microsoft store", "google play", "app store", "apple services", "mcafee", "avast",
        "kaspersky", "malwarebytes", "bitdefender", "eset",
        # streaming, music, books and news
        "apple music", "apple tv", "amazon music", "youtube tv", "youtube music", "sling tv",
        "fubo", "philo", "crave tv", "mubi", "curiositystream", "showtime", "starz",
        "espn plus", "nba league pass", "scribd", "kobo plus", "pandora", "soundcloud",
        "sky go", "sky tv", "nowtv", "itvx", "canal+", "canal plus", "rtl+", "joyn", "waipu",
        "viaplay", "hbo nordic", "ruutu", "videoland", "npo plus", "movistar plus",
        "filmin", "atresplayer", "mediaset infinity", "timvision", "globoplay", "claro video",
        "blim", "kayo", "hayu", "acorn tv", "shudder", "discovery+",
        "discovery plus", "the times", "the telegraph", "telegraph media", "the athletic",
        "bloomberg", "new yorker", "the atlantic", "le monde", "der spiegel",
        "el pais", "corriere", "globe and mail", "toronto star", "national post",
        "the australian", "readly", "pressreader", "blinkist", "storytel", "bookbeat",
        "nextory", "deezer premium",
    ),
    "entertainment": (
        "epic games", "ubisoft", "electronic arts", "battle.net", "gog.com", "humble bundle",
        "itch.io", "ea games", "ea origin", "rockstar games", "nintendo eshop",
        "playstation store", "xbox live",
    ),
    "shopping": (
        "vistaprint", "zazzle", "redbubble", "society6", "cafepress", "snapfish", "photobox",
        "shutterfly", "moo.com", "notonthehighstreet", "not on the high street", "gear4music",
        "thomann", "sweetwater", "musicroom", "sheet music plus", "bookdepository",
        "book depository", "waterstones online", "blackwells", "world of books",
    ),
    "housing": (
        "wayfair", "made.com", "dunelm", "the range", "homebase", "b&q", "diy.com",
        "cult furniture", "loaf.com", "overstock",
    ),
}  # fmt: skip
"""Each category's services, as names people read on statements."""
