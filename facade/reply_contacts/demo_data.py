"""Realistic demo prospects, deterministic, with the bad rows real exports contain.

`examples/prospects.csv` is `write_csv(path, 3000)`; the demo regenerates the same rows when
that file is not at hand (an installed package has no examples folder). The rows exercise a
UTF-8 byte-order mark, spreadsheet headers ("First Name", "E-mail", "LinkedIn URL"), quoted
commas, non-ASCII names, duplicate emails in another case, and rows the SDK must reject locally
(no first name, a broken email, a non-numeric value in a number field).
"""

from __future__ import annotations

import csv
import random
import unicodedata
from pathlib import Path

FIRST = [
    "Ana",
    "Björn",
    "Chloé",
    "Dmitri",
    "Emeka",
    "Fatima",
    "Giulia",
    "Hiroshi",
    "Ingrid",
    "José",
    "Kwame",
    "Léa",
    "Mateusz",
    "Nadia",
    "Oğuz",
    "Priya",
    "Quentin",
    "Renée",
    "Søren",
    "Thandiwe",
    "Ulrich",
    "Valentina",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zoë",
    "Amelia",
    "Ben",
    "Carla",
    "David",
]
LAST = [
    "Andersson",
    "Brennan",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ivanova",
    "Jansen",
    "Kowalski",
    "Lindqvist",
    "Müller",
    "Nakamura",
    "O'Connor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schäfer",
    "Tanaka",
    "Ueda",
    "Varga",
    "Wójcik",
    "Xu",
    "Yilmaz",
    "Zhang",
]
TITLES = [
    "VP Sales",
    "VP of Marketing",
    "Head of Growth",
    "Chief Revenue Officer",
    "Sales Director",
    "Account Executive",
    "Marketing Manager",
    "CTO",
    "VP Engineering",
    "Founder & CEO",
    "Director, Business Development",
    "RevOps Lead",
    "SDR Manager",
    "COO",
]
COMPANIES = [
    ("Acme Analytics", "acme-analytics.com", "51-200", "Software"),
    ("Globex, Inc.", "globex.com", "1001-5000", "Manufacturing"),
    ("Initech", "initech.io", "201-500", "Software"),
    ("Umbrella Health", "umbrella-health.com", "5001-10000", "Healthcare"),
    ("Stark Logistics", "starklogistics.com", "501-1000", "Logistics"),
    ("Wayne Ventures", "wayne.vc", "11-50", "Financial Services"),
    ("Hooli", "hooli.xyz", "10001+", "Internet"),
    ("Pied Piper", "piedpiper.com", "11-50", "Software"),
    ("Soylent Foods", "soylent.example", "201-500", "Food & Beverage"),
    ("Cyberdyne Systems", "cyberdyne.ai", "1001-5000", "Robotics"),
    ("Tyrell Biotech", "tyrell.bio", "51-200", "Biotechnology"),
    ("Nakatomi Trading", "nakatomi.co.jp", "501-1000", "Trading"),
]
PLACES = [
    ("Berlin", "", "Germany"),
    ("Austin", "TX", "United States"),
    ("São Paulo", "SP", "Brazil"),
    ("Lagos", "", "Nigeria"),
    ("Tokyo", "", "Japan"),
    ("Paris", "", "France"),
    ("Kraków", "", "Poland"),
    ("Toronto", "ON", "Canada"),
    ("Seattle", "WA", "United States"),
    ("Stockholm", "", "Sweden"),
    ("Istanbul", "", "Turkey"),
    ("Bengaluru", "KA", "India"),
]
SOURCES = ["Webinar", "Conference", "Referral", "Inbound", "Outbound list", "Partner"]
HEADERS = [
    "First Name",
    "Last Name",
    "E-mail",
    "Title",
    "Company",
    "Company Size",
    "Industry",
    "City",
    "State",
    "Country",
    "LinkedIn URL",
    "Phone",
    "Lead Source",
    "Lead Score",
]


def _ascii(text: str) -> str:
    """An email-safe spelling of a name (Björn -> bjorn, O'Connor -> oconnor)."""
    folded = unicodedata.normalize("NFKD", text.lower().replace("ø", "o").replace("ł", "l"))
    return "".join(c for c in folded if c.isascii() and c.isalnum())


def make_rows(count: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        company, domain, size, industry = rng.choice(COMPANIES)
        city, state, country = rng.choice(PLACES)
        local = f"{_ascii(first)}.{_ascii(last)}{i}"
        rows.append(
            {
                "First Name": first,
                "Last Name": last,
                "E-mail": f"{local}@{domain}",
                "Title": rng.choice(TITLES),
                "Company": company,
                "Company Size": size,
                "Industry": industry,
                "City": city,
                "State": state,
                "Country": country,
                "LinkedIn URL": f"https://www.linkedin.com/in/{local.replace('.', '-')}",
                "Phone": f"+1-555-{rng.randrange(1000, 9999)}",
                "Lead Source": rng.choice(SOURCES),
                "Lead Score": str(rng.randrange(1, 100)),
            }
        )
    # The bad and the awkward, at fixed places so tests can name them.
    rows[10]["First Name"] = ""  # no first name
    rows[20]["E-mail"] = "not-an-email"  # broken email
    rows[30]["Lead Score"] = "very high"  # not a number
    rows[40]["E-mail"] = rows[41]["E-mail"].upper()  # duplicate, other case
    rows[50]["LinkedIn URL"] = "https://example.com/someone"  # not a LinkedIn URL
    rows[60]["E-mail"] = ""  # LinkedIn only: still valid
    rows[70]["E-mail"] = ""  # nothing to identify them
    rows[70]["LinkedIn URL"] = ""
    return rows


def write_csv(path: Path, count: int = 3000) -> Path:
    """Write `count` prospects to `path` as Excel writes CSV (UTF-8 with a byte-order mark)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADERS)
        writer.writeheader()
        writer.writerows(make_rows(count))
    return path
