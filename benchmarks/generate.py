"""Deterministic synthetic content for the benchmarks.

`generate(folder, n)` writes N articles in the folders news, press-releases, programs,
events and alerts, with realistic lengths (3 to 10 paragraphs) and the whole front-matter
contract of DESIGN.md: tags, authors, audiences, summaries, a few urgent and emergency
stories with alert blocks, events, images with their alt text, redirects and social and
SMS overrides; plus pages/about.md and small PNGs in images/. The same seed and N give the
same bytes.

`generate(folder, n, flavor="vanilla")` writes the same articles in Pelican's native
Markdown metadata ("Title: ..." lines), for a plain Pelican build with the settings from
`vanilla_settings`.

    python -m benchmarks.generate OUT_DIR -n 500 [--vanilla] [--seed 8]
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import random
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ("news", "press-releases", "programs", "events", "alerts")
# Share of the articles in each folder (adds up to 1).
CATEGORY_WEIGHTS = (0.40, 0.15, 0.15, 0.18, 0.12)
SEED = 8
# The newest article's date; each older one is 5 to 13 hours before the previous one, so
# every article is in the past and the archive grows with N as a real one does.
NEWEST = dt.datetime(2026, 6, 30, 16, 0)
PHONE = "(555) 010-2000"

PLACES = (
    "Northside",
    "Cedar Flats",
    "Eastside",
    "Millbrook",
    "Oak Hill",
    "Southport",
    "Lakeview",
    "Westfield",
    "Pine Ridge",
    "the Harbor District",
    "Old Town",
    "Riverbend",
)
PROGRAMS = (
    "food assistance",
    "senior meals",
    "energy assistance",
    "child care help",
    "housing support",
    "job training",
    "health coverage",
    "transportation help",
    "caregiver support",
    "summer meals",
    "rental assistance",
    "veterans services",
    "home repair grants",
    "disability services",
)
VENUES = (
    "Community Center",
    "Public Library",
    "Senior Center",
    "Fire Hall",
    "Recreation Center",
    "High School gym",
)
STREETS = ("Elm Avenue", "Main Street", "Mill Road", "River Street", "Cedar Lane", "Oak Drive")
HAZARDS = (
    ("Flood", "Flood Warning", "Move to higher ground and stay out of flood water."),
    ("Extreme heat", "Excessive Heat Warning", "Stay inside where it is cool and drink water."),
    ("Winter storm", "Winter Storm Warning", "Stay off the roads and keep warm indoors."),
    ("Boil water", "Boil Water Notice", "Boil tap water for one minute before you drink it."),
    ("Power outage", "Power Outage", "Keep fridge doors closed and check on neighbors."),
    ("Air quality", "Air Quality Alert", "Limit time outdoors and keep windows closed."),
    ("Wildfire smoke", "Smoke Advisory", "Stay indoors and run an air filter if you have one."),
)
EVENTS = (
    "Benefits fair",
    "Caregiver workshop",
    "Winter coat giveaway",
    "Job fair",
    "Health screening day",
    "Budget listening session",
    "Tax help day",
    "Back-to-school supply drive",
)
TAGS = (
    "benefits",
    "food",
    "seniors",
    "caregivers",
    "child care",
    "housing",
    "energy",
    "heating help",
    "cooling centers",
    "warming centers",
    "water safety",
    "public meetings",
    "budget",
    "volunteers",
    "jobs",
    "health",
    "transportation",
    "veterans",
    "disability",
    "community events",
    "leadership",
    "grants",
    "office hours",
    "holidays",
    "weather",
    "emergency preparedness",
    "flooding",
    "heat",
    "winter",
    "air quality",
    "schools",
    "summer",
    "families",
    "rent",
    "utilities",
    "SNAP",
    "WIC",
    "Medicaid",
    "taxes",
    "libraries",
    "accessibility",
    "language access",
    "en español",
    "partnerships",
    "data",
    "surveys",
    "training",
    "home repair",
    "mental health",
    "outreach",
)
AUTHORS = (
    "Grace Kim",
    "Dana Whitfield",
    "Marcus Lee",
    "Priya Natarajan",
    "Tom Alvarez",
    "Office of Communications",
    "Office of Emergency Management",
    "Aging Services Division",
    "Family Services Division",
    "Sam Okafor",
    "Lena Novak",
    "Jordan Reyes",
)
IMAGES = (
    (
        "images/bench-office.png",
        "Drawing of the county office building with its windows lit.",
        (40, 90, 140),
    ),
    ("images/bench-water.png", "Drawing of blue waves, standing for tap water.", (30, 120, 200)),
    ("images/bench-meals.png", "Drawing of a plate with a warm meal on it.", (200, 120, 40)),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
SENTENCES = (
    "You can apply for {program} online, by phone at {phone} or in person at our {place} office.",
    "Our staff will help you fill out the form and answer your questions.",
    "Bring a photo ID and proof of where you live.",
    "If you do not have all your papers, come anyway; we can help you get them.",
    "The {place} {venue} is on bus routes {bus} and {bus2}, and parking is free.",
    "Interpreters are available in Spanish, Vietnamese and American Sign Language.",
    "Call {phone} if you need a ride; we will send a van.",
    "Last year more than {count} households in {place} got {program} from the county.",
    "The program is free and open to everyone who lives in Riverbend County.",
    "Most people hear back within {days} days after they apply.",
    "Please tell your neighbors, especially those who do not use the internet.",
    "Older adults and people who live alone are most at risk, so check on them.",
    "The County Board approved the plan at its meeting on {month} {day}.",
    "Funding comes from a state grant and does not raise local taxes.",
    "Questions? Call us at {phone}, Monday to Friday, 8 a.m. to 5 p.m.",
    "You can also text HELP to 55510 to get updates on your phone.",
    "We will post updates here and on our social media pages.",
    "The office at {number} {street} is open until {hour} p.m. on weekdays.",
    "Families with children under five may also qualify for {program2}.",
    "Caregivers can get a break through our respite program while they attend.",
    "This change starts on {month} {day} and affects about {count} people.",
    "If your income changed in the last 30 days, tell your caseworker.",
    "Applications that arrive after the deadline will be placed on a waiting list.",
    "Volunteers are welcome; sign up at the front desk or call {phone}.",
    "Free lunch and child care are provided during the session.",
    "The building is accessible and has a ramp at the main entrance.",
    "You do not need an appointment, but you may wait longer at busy times.",
    "Our partners at the {place} food bank will be on site to answer questions.",
    "Renewals are due every twelve months, and we will mail you a reminder.",
    "Everyone will be treated with respect, whatever their situation.",
)
HEADINGS = (
    "What to bring",
    "Who can apply",
    "How to apply",
    "What happens next",
    "Where to go",
    "Need help?",
    "Stay safe",
    "Get a ride",
    "Key dates",
    "More information",
)
BULLETS = (
    "A photo ID for each adult",
    "Pay stubs from the last 30 days",
    "A recent utility bill",
    "Your Social Security card",
    "Proof of where you live, such as a lease",
    "A list of your medicines",
    "Any letters we sent you",
    "Your bank statement",
)


@dataclass
class Article:
    """One synthetic article, independent of the file format it is written in."""

    index: int
    category: str
    stem: str
    meta: dict[str, Any]
    body: str
    links: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"{self.category}/{self.stem}.md"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _date(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def _title(rng: random.Random, category: str, hazard: tuple[str, str, str], place: str) -> str:
    program = rng.choice(PROGRAMS)
    event = rng.choice(EVENTS)
    options = {
        "news": (
            f"{program.capitalize()} applications open in {place}",
            f"New office hours at the {place} {rng.choice(VENUES)}",
            f"Changes to {program} start in {rng.choice(MONTHS)}",
            f"Volunteers needed for {program} in {place}",
            f"{place} families can now get {program} by phone",
            f"What the new state budget means for {program}",
        ),
        "press-releases": (
            f"County expands {program} to {place}",
            f"State grant funds {program} in {place}",
            f"County Board approves new {program} contract",
            f"Human Services and {place} food bank join forces",
            f"{rng.choice(AUTHORS[:5])} to lead {program}",
        ),
        "programs": (
            f"{program.capitalize()} for {place} residents",
            f"How to apply for {program}",
            f"{program.capitalize()}: who can get it and how",
        ),
        "events": (
            f"{event} at the {place} {rng.choice(VENUES)}",
            f"Free {program} workshop in {place}",
            f"{event} in {place}",
        ),
        "alerts": (
            f"{hazard[1]} for {place}",
            f"{hazard[0]} in {place}: what to do",
            f"{hazard[0]} update for {place} and nearby areas",
        ),
    }
    return rng.choice(options[category])


def _sentence(rng: random.Random) -> str:
    return rng.choice(SENTENCES).format(
        program=rng.choice(PROGRAMS),
        program2=rng.choice(PROGRAMS),
        place=rng.choice(PLACES),
        venue=rng.choice(VENUES),
        phone=PHONE,
        bus=rng.randint(1, 20),
        bus2=rng.randint(21, 40),
        count=f"{rng.randint(2, 90) * 100:,}",
        days=rng.choice((10, 14, 30)),
        month=rng.choice(MONTHS),
        day=rng.randint(1, 28),
        number=rng.randint(10, 1800),
        street=rng.choice(STREETS),
        hour=rng.choice((5, 6, 7)),
    )


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))


def _body(
    rng: random.Random, lead: str, image: tuple[str, str] | None, links: list[Article]
) -> str:
    blocks = [lead]
    for number in range(rng.randint(3, 10) - 1):
        if number and rng.random() < 0.3:
            blocks.append(f"## {rng.choice(HEADINGS)}")
        if rng.random() < 0.15:
            blocks.append("\n".join(f"- {b}" for b in rng.sample(BULLETS, rng.randint(3, 5))))
        blocks.append(_paragraph(rng))
    if image is not None and rng.random() < 0.5:
        blocks.insert(2, f"![{image[1].rstrip('.')}]({{static}}/{image[0]})")
    for other in links:
        blocks.append(f"Read more: [{other.meta['title']}]({{filename}}/{other.path}).")
    return "\n\n".join(blocks) + "\n"


def _sms(text: str) -> str:
    """At most 140 plain characters, so the message is one GSM-7 segment."""
    return text if len(text) <= 140 else text[:137].rsplit(" ", 1)[0] + "..."


def articles(n: int, seed: int = SEED, audiences: tuple[str, ...] | None = None) -> list[Article]:
    """The N articles, newest first; the same N and seed give the same articles."""
    audiences = audiences or audience_keys()
    rng = random.Random(seed)
    made: list[Article] = []
    when = NEWEST
    stems: set[str] = set()
    live_emergencies = 0
    for index in range(n):
        category = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
        hazard, place = rng.choice(HAZARDS), rng.choice(PLACES)
        title = _title(rng, category, hazard, place)
        stem = _slug(title)[:60].rstrip("-")
        if stem in stems:
            stem = f"{stem}-{index}"
        stems.add(stem)
        lead = _paragraph(rng)
        meta: dict[str, Any] = {"title": title, "date": _date(when)}
        if rng.random() < 0.1:
            meta["modified"] = _date(when + dt.timedelta(hours=rng.randint(1, 72)))
        if rng.random() < 0.75:
            meta["summary"] = " ".join(_sentence(rng) for _ in range(rng.randint(1, 2)))
        meta["tags"] = rng.sample(TAGS, rng.randint(1, 4))
        meta["authors"] = rng.sample(AUTHORS, 1 if rng.random() < 0.85 else 2)
        roll = rng.random()
        if roll < 0.008:
            meta["status"] = "draft"
        elif roll < 0.012:
            meta["status"] = "hidden"
        if rng.random() < 0.6:
            meta["audiences"] = rng.sample(audiences, rng.randint(1, min(3, len(audiences))))
        image = rng.choice(IMAGES) if rng.random() < 0.2 else None
        if image is not None:
            meta["image"] = image[0]
            meta["image_alt"] = image[1]
        if category == "alerts":
            priority_roll = rng.random()
            priority = (
                "emergency"
                if priority_roll < 0.12
                else "urgent"
                if priority_roll < 0.45
                else "routine"
            )
        else:
            priority = "urgent" if rng.random() < 0.01 else "routine"
        if priority != "routine":
            meta["priority"] = priority
        if category == "alerts" and priority != "routine":
            alert = {
                "event": hazard[1],
                "urgency": "Immediate" if priority == "emergency" else "Expected",
                "severity": rng.choice(("Extreme", "Severe"))
                if priority == "emergency"
                else rng.choice(("Moderate", "Minor")),
                "certainty": rng.choice(("Observed", "Likely")),
                "area": f"{place} and nearby neighborhoods of Riverbend County",
                "instruction": f"{hazard[2]} Call {PHONE} if you need help.",
            }
            # The two newest emergencies have no end; the others expired long ago.
            if priority == "emergency" and live_emergencies < 2 and "status" not in meta:
                live_emergencies += 1
            else:
                alert["expires"] = _date(when + dt.timedelta(days=rng.randint(1, 5)))
            meta["alert"] = alert
            if priority == "emergency" or rng.random() < 0.5:
                meta["sms"] = _sms(
                    f"RIVERBEND ALERT: {hazard[0]} in {place}. {hazard[2]} Info: {PHONE}"
                )
        if category == "events":
            start = when + dt.timedelta(days=rng.randint(5, 40), hours=rng.randint(0, 6))
            event: dict[str, Any] = {
                "start": _date(start.replace(hour=rng.choice((9, 10, 13, 17)), minute=0)),
                "location": f"{rng.choice(PLACES)} {rng.choice(VENUES)}, "
                f"{rng.randint(10, 1800)} {rng.choice(STREETS)}, Riverbend",
            }
            event["end"] = _date(
                dt.datetime.fromisoformat(event["start"])
                + dt.timedelta(hours=rng.choice((1, 2, 4)))
            )
            if rng.random() < 0.3:
                event["online_url"] = f"https://meet.riverbend.example.gov/{stem}"
            meta["event"] = event
            if rng.random() < 0.2:
                meta["channels"] = ["feeds", "api", "social", "newsletter", "sms"]
        if rng.random() < 0.04 or priority == "emergency":
            short = title if len(title) <= 120 else title[:117] + "..."
            social = {"x": f"{short}. Call {PHONE} for help.", "bluesky": short}
            if rng.random() < 0.5:
                social["mastodon"] = (
                    f"{short}. {meta.get('summary', lead)[:200].rsplit(' ', 1)[0]} #Riverbend"
                )
            meta["social"] = social
        if rng.random() < 0.01:
            meta["redirect_from"] = [f"/2019/{stem}.html", f"/old/{category}/{stem}/"]
        published = [a for a in made[-200:] if "status" not in a.meta]
        links = rng.sample(published, 1) if published and rng.random() < 0.2 else []
        body = _body(rng, lead, image, links)
        made.append(Article(index, category, stem, meta, body, [a.path for a in links]))
        when -= dt.timedelta(minutes=rng.randint(5 * 60, 13 * 60))
    return made


ABOUT = """The Riverbend County Department of Human Services helps people meet their basic needs.
We help with food, heating bills, child care, senior meals and support for caregivers.

We serve about 180,000 people in Riverbend County. Our main office is at 400 River Street.

## What we believe

- Asking for help is a sign of strength.
- Everyone should be treated with respect.
- You should be able to reach us in the way that works for you.
"""


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small, valid PNG of diagonal stripes (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(
        b"\x00"
        + b"".join(
            bytes(rgb) if (x + y) % 8 < 4 else bytes(min(255, c + 60) for c in rgb)
            for x in range(width)
        )
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def audience_keys(settings_file: Path = ROOT / "pelicanconf.py") -> tuple[str, ...]:
    """The keys of COPE_AUDIENCES in the project's settings (read, not executed)."""
    tree = ast.parse(settings_file.read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "COPE_AUDIENCES" for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            return tuple(ast.literal_eval(k) for k in node.value.keys if k is not None)
    raise ValueError(f"{settings_file}: no COPE_AUDIENCES")


def _front_matter(meta: dict[str, Any]) -> str:
    return yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)


def cope_text(article: Article) -> str:
    return f"---\n{_front_matter(article.meta)}---\n{article.body}"


def vanilla_text(article: Article) -> str:
    """Pelican's own Markdown metadata: the keys Pelican itself understands."""
    meta = article.meta
    lines = [f"Title: {meta['title']}", f"Date: {meta['date']}"]
    if "modified" in meta:
        lines.append(f"Modified: {meta['modified']}")
    lines.append(f"Slug: {article.stem}")
    lines.append(f"Tags: {', '.join(meta['tags'])}")
    lines.append(f"Authors: {'; '.join(meta['authors'])}")
    if "summary" in meta:
        lines.append(f"Summary: {meta['summary']}")
    if "status" in meta:
        lines.append(f"Status: {meta['status']}")
    return "\n".join(lines) + "\n\n" + article.body


def generate(
    folder: str | Path,
    n: int,
    seed: int = SEED,
    flavor: str = "cope",
    made: list[Article] | None = None,
) -> list[Article]:
    """Write N articles, pages/about.md and images/ under `folder`; the articles."""
    if flavor not in ("cope", "vanilla"):
        raise ValueError(f"flavor {flavor!r} is not cope or vanilla")
    root = Path(folder)
    made = made if made is not None else articles(n, seed)
    for category in CATEGORIES:
        (root / category).mkdir(parents=True, exist_ok=True)
    render = cope_text if flavor == "cope" else vanilla_text
    for article in made:
        (root / article.path).write_text(render(article), encoding="utf-8")
    (root / "pages").mkdir(parents=True, exist_ok=True)
    about = (
        "---\ntitle: About us\nsummary: Who we are and what we do.\n---\n" + ABOUT
        if flavor == "cope"
        else "Title: About us\nSummary: Who we are and what we do.\n\n" + ABOUT
    )
    (root / "pages" / "about.md").write_text(about, encoding="utf-8")
    (root / "images").mkdir(parents=True, exist_ok=True)
    for path, _, rgb in IMAGES:
        (root / path).write_bytes(_png(48, 32, rgb))
    return made


def change_one(folder: str | Path, article: Article, flavor: str = "cope") -> str:
    """Edit one article's body as an editor would (a sentence added); its path."""
    article.body = article.body.rstrip("\n") + "\n\nUpdate: the office will stay open late.\n"
    render = cope_text if flavor == "cope" else vanilla_text
    (Path(folder) / article.path).write_text(render(article), encoding="utf-8")
    return article.path


VANILLA_SETTINGS = '''"""Plain Pelican for the benchmark: default theme, native metadata, site and
category feeds; no plugins."""

AUTHOR = "Riverbend County Department of Human Services"
SITENAME = "Riverbend County Human Services"
SITEURL = "http://127.0.0.1:8000"
RELATIVE_URLS = False
TIMEZONE = "America/Chicago"
DEFAULT_LANG = "en"
PATH = {path!r}
ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["pages", "images"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{{slug}}.rss.xml"
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 10
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
'''


def vanilla_settings(folder: str | Path, content: str | Path) -> Path:
    """Write the plain Pelican settings file into `folder`; its path."""
    path = Path(folder) / "vanillaconf.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(VANILLA_SETTINGS.format(path=str(Path(content).resolve())), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("-n", type=int, default=500, help="number of articles")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--vanilla", action="store_true", help="Pelican's native metadata")
    args = parser.parse_args(argv)
    made = generate(args.folder, args.n, args.seed, "vanilla" if args.vanilla else "cope")
    print(f"{len(made)} articles in {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
