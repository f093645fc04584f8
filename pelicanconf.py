"""Pelican settings for the Riverbend County sample site (local preview).

`make html` builds with this file; `make publish` uses publishconf.py, which imports it.
"""

AUTHOR = "Riverbend County Department of Human Services"
SITENAME = "Riverbend County Human Services"
SITE_DESCRIPTION = "News, programs, events and alerts from Riverbend County Human Services."
# cope makes absolute links for feeds, email and social posts, so SITEURL is always
# absolute; locally it is the address `make serve` uses.
SITEURL = "http://127.0.0.1:8000"
RELATIVE_URLS = False

PATH = "content"
TIMEZONE = "America/Chicago"
DEFAULT_LANG = "en"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["cope"]
THEME = "theme"

ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["pages", "testimonials", "newsletters", "images"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
IGNORE_FILES = [".*", "__pycache__"]

# Pretty URLs (the output map in DESIGN.md).
ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "404"]
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None}
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
INDEX_SAVE_AS = "index.html"
# Pelican's DIRECT_TEMPLATES look for NAME_SAVE_AS; "404" is not a valid identifier,
# so it is set through globals().
globals()["404_SAVE_AS"] = "404.html"

# cope writes every feed itself (feedgen) and turns Pelican's own feeds off.

DISPLAY_PAGES_ON_MENU = True
DISPLAY_CATEGORIES_ON_MENU = True
MENUITEMS = []

# Deterministic output: the same content gives the same bytes.
# Safe: cope checks all content before Pelican empties the folder, so bad content
# stops the build with the previous output untouched.
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False

COPE_AGENCY = {
    "name": "Riverbend County Department of Human Services",
    "phone": "(555) 010-2000",
    "tty": "711",
    "email": "help@riverbend.example.gov",
    "address": "200 Main Street, Riverbend, ST 55501",
    "hours": "Monday to Friday, 8 a.m. to 5 p.m.",
    "domain": "riverbend.example.gov",
}
COPE_AUDIENCES = {
    "residents": {"name": "Residents", "description": "Everyone who lives in Riverbend County."},
    "seniors": {"name": "Seniors", "description": "People aged 60 and over."},
    "families": {"name": "Families", "description": "Parents, children and guardians."},
    "caregivers": {"name": "Caregivers", "description": "People who care for someone else."},
    "offline": {
        "name": "People offline",
        "description": "People with little or no internet, reached by SMS, print and phone.",
    },
}
COPE_CHANNELS = {
    "default": ["feeds", "api", "social", "newsletter"],
    "by_category": {"alerts": ["feeds", "api", "social", "sms", "newsletter"]},
}
COPE_NEWSLETTER = {
    "from_address": "Riverbend County Human Services <news@riverbend.example.gov>",
    "reply_to": "help@riverbend.example.gov",
    # The sending system's own unsubscribe page (or its merge tag, e.g. "*|UNSUB|*").
    "unsubscribe_url": "https://public.govdelivery.example/accounts/RIVERBEND/subscriber/edit",
    "unsubscribe_mailto": "unsubscribe@riverbend.example.gov",
    "signup_action": "https://public.govdelivery.example/accounts/RIVERBEND/subscriber/new",
}
