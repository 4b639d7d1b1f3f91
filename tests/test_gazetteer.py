"""The gazetteer (nations, offices, places, organizations, ranks, treaties) and the integrity of kg/data."""

from __future__ import annotations

import doctest
import importlib
import json
import pkgutil
import re
from datetime import date

import pycountry
import pytest

import kg.gazetteer
from kg.gazetteer import Gazetteer, OfficeInfo, gazetteer, normalize
from kg.resources import data_dir


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def rows(name: str) -> list[dict[str, str]]:
    return list(kg.gazetteer._rows(name))


def test_docstring_examples_run() -> None:
    # The examples in the per-kind modules call gazetteer(), which only the package defines.
    modules = [kg.gazetteer] + [
        importlib.import_module(f"kg.gazetteer.{info.name}") for info in pkgutil.iter_modules(kg.gazetteer.__path__)
    ]
    results = [doctest.testmod(module, extraglobs={"gazetteer": gazetteer}) for module in modules]
    assert sum(result.attempted for result in results) > 0
    assert sum(result.failed for result in results) == 0


def test_normalize_folds_case_diacritics_quotes_spaces_and_spelling() -> None:
    assert normalize("  Malacañang   Palace ") == "malacanang palace"
    assert normalize("Japan\u2019s Defence Minister") == "japan's defense minister"
    assert normalize("U.S.\u2013Japan") == "u.s.-japan"
    assert normalize("Đà Nẵng") == "da nang"


# -- nations -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("U.S.", "USA"),
        ("US", "USA"),
        ("United States of America", "USA"),
        ("America", "USA"),
        ("American", "USA"),
        ("U.K.", "GBR"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("British", "GBR"),
        ("ROK", "KOR"),
        ("Republic of Korea", "KOR"),
        ("South Korean", "KOR"),
        ("DPRK", "PRK"),
        ("North Korea", "PRK"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Japanese", "JPN"),
        ("Japan's", "JPN"),
        ("Japan\u2019s", "JPN"),
        ("JAPAN", "JPN"),
        ("Filipino", "PHL"),
        ("Filipinos", "PHL"),
        ("Philippine", "PHL"),
        ("PH", "PHL"),
        ("the Philippines", "PHL"),
        ("Philippines'", "PHL"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Turkish", "TUR"),
        ("PRC", "CHN"),
        ("Chinese", "CHN"),
        ("Taiwan", "TWN"),
        ("Republic of China", "TWN"),
        ("Russia", "RUS"),
        ("Iran", "IRN"),
        ("Syria", "SYR"),
        ("Vietnam", "VNM"),
        ("Viet Nam", "VNM"),
        ("Laos", "LAO"),
        ("Bolivia", "BOL"),
        ("Venezuela", "VEN"),
        ("Tanzania", "TZA"),
        ("Moldova", "MDA"),
        ("Czechia", "CZE"),
        ("Czechs", "CZE"),
        ("Ivory Coast", "CIV"),
        ("Burma", "MMR"),
        ("Emirati", "ARE"),
        ("UAE", "ARE"),
        ("Saudi", "SAU"),
        ("Kenyan", "KEN"),
        ("Ethiopian", "ETH"),
        ("Swedish", "SWE"),
        ("Vietnamese", "VNM"),
        ("Congo", "COD"),
        ("Georgia", "GEO"),
        ("Jordan", "JOR"),
        ("Niger", "NER"),
        ("Nigerien", "NER"),
    ],
)
def test_nation_from_names_abbreviations_demonyms_and_possessives(gaz: Gazetteer, text: str, iso3: str) -> None:
    assert gaz.nation(text) == iso3


@pytest.mark.parametrize(
    "text", ["us", "Us", "uk", "ph", "rok", "Guam", "Hong Kong", "Korean", "Soviet", "Pentagon", ""]
)
def test_nation_is_none_for_lowercase_abbreviations_territories_and_non_nations(gaz: Gazetteer, text: str) -> None:
    assert gaz.nation(text) is None


def test_nation_terms_are_written_as_in_text(gaz: Gazetteer) -> None:
    terms = gaz.nation_terms()
    assert terms["U.S."] == terms["US"] == terms["Americans"] == "USA"
    assert terms["Filipino"] == "PHL"
    assert "us" not in terms
    assert not any("," in term for term in terms)


def test_nation_info(gaz: Gazetteer) -> None:
    usa = gaz.nation_info("USA")
    assert (usa.iso2, usa.numeric, usa.name, usa.wikidata) == ("US", "840", "United States", "Q30")
    assert gaz.nation_info("JPN").wikidata == "Q17"
    assert gaz.nation_info("GUM").name == "Guam"
    with pytest.raises(KeyError):
        gaz.nation_info("XXX")


# -- offices and ranks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "canonical", "nation"),
    [
        ("Defense Secretary", "Secretary of Defense", None),
        ("Secretary of Defense", "Secretary of Defense", None),
        ("defense chief", "Secretary of Defense", None),
        ("Defence Secretary", "Secretary of Defense", None),
        ("Defense Minister", "Minister of Defense", None),
        ("Defence Minister", "Minister of Defense", None),
        ("Minister for Defence", "Minister of Defense", None),
        ("Minister of National Defense", "Minister of Defense", None),
        ("the Defense Minister", "Minister of Defense", None),
        ("then-Prime Minister", "Prime Minister", None),
        ("Foreign Minister", "Minister of Foreign Affairs", None),
        ("Foreign Affairs Secretary", "Minister of Foreign Affairs", None),
        ("Cabinet Secretary for Foreign Affairs", "Minister of Foreign Affairs", None),
        ("Secretary of State", "Secretary of State", None),
        ("Secretary-General", "Secretary General", None),
        ("National Security Advisor", "National Security Adviser", None),
        ("Chairman of the Joint Chiefs of Staff", "Chairman of the Joint Chiefs of Staff", "USA"),
        ("House Speaker", "Speaker of the House of Representatives", "USA"),
        ("Japanese Defense Minister", "Minister of Defense", "JPN"),
        ("Australia's Defence Minister", "Minister of Defense", "AUS"),
        ("Prime Minister of India", "Prime Minister", "IND"),
        ("Chief Pentagon Spokesperson", "Spokesperson", "USA"),
        ("Pentagon Press Secretary", "Press Secretary", "USA"),
        ("Kremlin Spokesman", "Spokesperson", "RUS"),
        ("Defense Ministry Spokesman", "Spokesperson", None),
        ("Ambassador to the United States", "Ambassador", None),
        ("Philippine Ambassador to the United States", "Ambassador", "PHL"),
        (
            "South Korean Chairman of the Joint Chiefs of Staff",
            "Chairman of the Joint Chiefs of Staff",
            "KOR",
        ),
        ("Staff Sgt.", "Staff Sergeant", None),
        ("Army Sgt.", "Sergeant", None),
        ("Petty Officer 2nd Class", "Petty Officer Second Class", None),
    ],
)
def test_office_canonicalizes_wordings(gaz: Gazetteer, title: str, canonical: str, nation: str | None) -> None:
    office = gaz.office(title)
    assert office is not None
    assert (office.canonical, office.nation) == (canonical, nation)


def test_office_of_an_international_organization_serves_no_nation(gaz: Gazetteer) -> None:
    assert gaz.office("NATO Secretary General") == OfficeInfo("Secretary General", None, True)
    assert gaz.office("far-right leader") is None


def test_office_terms_cover_both_spellings(gaz: Gazetteer) -> None:
    terms = gaz.office_terms()
    assert terms["defence minister"] == terms["defense minister"]
    assert terms["secretary-general"] == terms["secretary general"]
    assert all(term == term.lower() for term in terms)


def test_ranks(gaz: Gazetteer) -> None:
    for token in [
        "Gen.",
        "Lt. Gen.",
        "Adm.",
        "Vice Adm.",
        "Cmdr.",
        "Sgt.",
        "Staff Sgt.",
        "Navy",
        "Army",
        "Mr.",
        "Sen.",
    ]:
        assert gaz.is_rank(token), token
    assert not gaz.is_rank("Smith")
    assert "Gen." in gaz.ranks
    assert gaz.rank_prefix(["Army", "Staff", "Sgt.", "Lena", "Marchetti"]) == 3
    assert gaz.rank_prefix(["Lena", "Marchetti"]) == 0


def test_organizations(gaz: Gazetteer) -> None:
    assert gaz.organization("the Pentagon").nation == "USA"
    assert gaz.organization("DoD").nation == "USA"
    assert gaz.organization("Kremlin's").nation == "RUS"
    assert gaz.organization("PLA").nation == "CHN"
    assert gaz.organization("Self-Defense Forces").nation == "JPN"
    nato = gaz.organization("NATO")
    assert nato.nation is None and nato.international
    assert not gaz.organization("Foreign Ministry").international
    assert gaz.organization("who") is None  # "WHO" only in exact case


# -- places ------------------------------------------------------------------------------------------


def test_place_base_building_and_sea(gaz: Gazetteer) -> None:
    base = gaz.place("Andersen Air Force Base")
    assert (base.kind, base.country) == ("base", "USA")
    assert gaz.place("Futenma").name == "Marine Corps Air Station Futenma"
    assert gaz.place("the Pentagon") == gaz.place("Pentagon")
    assert (gaz.place("Pentagon").kind, gaz.place("Pentagon").country) == ("building", "USA")
    assert gaz.place("Elysee Palace").country == "FRA"
    sea = gaz.place("South China Sea")
    assert (sea.kind, sea.country) == ("body_of_water", None)


def test_place_conventions_for_territories_and_disputed_features(gaz: Gazetteer) -> None:
    assert gaz.place("Guam").country == "USA"
    assert gaz.place("Senkaku Islands").country == "JPN"
    assert gaz.place("Second Thomas Shoal").country == "PHL"
    assert gaz.place("Spratly Islands").country is None
    assert gaz.place("Indo-Pacific").country is None


def test_place_subdivisions(gaz: Gazetteer) -> None:
    maryland = gaz.place("Md.")
    assert (maryland.name, maryland.country) == ("Maryland", "USA")
    assert maryland.geonames is not None
    assert gaz.place("Calif.").name == "California"
    cagayan = gaz.place("Cagayan")
    assert (cagayan.kind, cagayan.country) == ("region", "PHL")
    assert gaz.place("Cagayan province") == cagayan
    assert gaz.place("Northern Territory").country == "AUS"
    assert gaz.place("Bavaria").country == "DEU"


def test_place_prefers_the_article_nations(gaz: Gazetteer) -> None:
    assert gaz.place("Santa Ana", prefer=["PHL", "USA"]).country == "PHL"
    assert gaz.place("Santa Ana", prefer=["USA", "PHL"]).country == "USA"
    assert gaz.place("Paris", prefer=["USA", "FRA"]).country == "FRA"  # Paris, Texas does not beat Paris
    assert gaz.place("Naples", prefer=["USA"]).country == "ITA"  # nor Naples, Florida (a fortieth of it)
    assert gaz.place("Alexandria", prefer=["USA"]).country == "USA"  # Alexandria, Va. is a twenty-fourth of Egypt's
    assert gaz.place("Perth", prefer=["USA", "GBR"]).country == "AUS"
    assert gaz.place("Victoria", prefer=["CAN"]).country == "CAN"
    assert gaz.place("Victoria").country == "AUS"  # the state


def test_place_cities_and_alternate_names(gaz: Gazetteer) -> None:
    washington = gaz.place("Washington")
    assert (washington.kind, washington.country, washington.geonames) == ("city", "USA", 4140963)
    assert washington.population > 500_000
    assert gaz.place("Saigon").name == "Ho Chi Minh City"
    assert gaz.place("Kiev").name == "Kyiv"
    assert gaz.place("Siem Reap").country == "KHM"


def test_place_never_picks_a_tiny_town_over_a_big_one(gaz: Gazetteer) -> None:
    austin = gaz.place("Austin")
    assert austin.population > 500_000
    candidates = gaz.places("Austin")
    assert candidates[0] == austin
    assert all(p.population <= austin.population for p in candidates)
    assert gaz.places("Biden") == []


def test_place_terms_hold_curated_places_not_cities(gaz: Gazetteer) -> None:
    terms = gaz.place_terms()
    assert terms["Pentagon"].country == "USA"
    assert terms["Cagayan"].country == "PHL"
    assert "Georgia" not in terms  # a nation first
    assert "Central" not in terms
    assert "Annapolis" not in terms  # cities are left to place()


# -- treaties ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("U.S.-Japan Security Treaty", "us-japan-security-treaty"),
        ("Japan-U.S. security treaty", "us-japan-security-treaty"),
        ("the U.S.-Philippines Mutual Defense Treaty", "us-philippines-mdt"),
        ("1951 Mutual Defense Treaty", "us-philippines-mdt"),
        ("the 1953 Mutual Defense Treaty", "us-rok-mdt"),
        ("Washington Treaty", "north-atlantic-treaty"),
        ("New START", "new-start"),
        ("INF Treaty", "inf-treaty"),
        ("Nuclear Non-Proliferation Treaty", "npt"),
        ("UNCLOS", "unclos"),
        ("Elysee Treaty", "elysee-treaty"),
        ("Aachen treaty", "aachen-treaty"),
        ("EDCA", "edca"),
        ("ANZUS", "anzus"),
        ("2015 climate accord", "paris-agreement"),
        ("Philippines-Australia status-of-forces agreement", "australia-philippines-sovfa"),
    ],
)
def test_treaty_by_name_or_alias(gaz: Gazetteer, text: str, key: str) -> None:
    assert gaz.treaty(text).key == key


def test_shared_alias_is_resolved_by_parties(gaz: Gazetteer) -> None:
    assert gaz.treaty("Reciprocal Access Agreement", parties=["JPN", "AUS"]).key == "japan-australia-raa"
    assert gaz.treaty("Reciprocal Access Agreement", parties=["PHL", "JPN"]).key == "japan-philippines-raa"
    assert gaz.treaty("civil nuclear agreement", parties=["IND", "JPN"]).parties == ("IND", "JPN")
    assert len(gaz.treaties("Mutual Defense Treaty")) >= 3


def test_treaty_acronyms_match_in_exact_case_only(gaz: Gazetteer) -> None:
    assert gaz.treaty("START").key == "start-i"
    assert gaz.treaty("start") is None


def test_treaties_between(gaz: Gazetteer) -> None:
    keys = [t.key for t in gaz.treaties_between(["USA", "JPN"])]
    assert "us-japan-security-treaty" in keys
    assert "us-philippines-mdt" not in keys
    assert {"elysee-treaty", "aachen-treaty"} <= {t.key for t in gaz.treaties_between(["FRA", "DEU"])}
    assert gaz.treaty_by_key("new-start").parties == ("RUS", "USA")
    assert gaz.treaty_by_key("no-such-treaty") is None


def test_treaty_terms(gaz: Gazetteer) -> None:
    terms = gaz.treaty_terms()
    assert terms["AUKUS"].parties == ("AUS", "GBR", "USA")
    assert terms["Japan-U.S. Security Treaty"].key == "us-japan-security-treaty"


# -- integrity of kg/data ----------------------------------------------------------------------------

ISO3 = {c.alpha_3 for c in pycountry.countries}
QID = re.compile(r"Q[1-9]\d*")


def data_iso3_codes() -> list[tuple[str, str]]:
    codes = [("nations.tsv", r["iso3"]) for r in rows("nations.tsv")]
    for r in rows("territories.tsv"):
        codes += [("territories.tsv", r["iso3"]), ("territories.tsv", r["country"])]
    codes += [("places.tsv", r["country"]) for r in rows("places.tsv")]
    codes += [("offices.tsv", r["nation"]) for r in rows("offices.tsv")]
    codes += [("organizations.tsv", r["nation"]) for r in rows("organizations.tsv")]
    treaties = json.loads((data_dir() / "treaties.json").read_text(encoding="utf-8"))["treaties"]
    codes += [("treaties.json", party) for t in treaties for party in t["parties"]]
    return [(name, code) for name, code in codes if code]


def test_every_iso3_in_the_data_files_is_a_pycountry_code() -> None:
    # but a code pycountry lacks, given with its two-letter form (Kosovo's user-assigned XKX, XK)
    assigned = {r["iso3"] for r in rows("nations.tsv") if r["iso2"]}
    assert assigned == {"XKX"}
    unknown = [(name, code) for name, code in data_iso3_codes() if code not in ISO3 | assigned]
    assert unknown == []


def test_kosovo_is_a_nation_with_its_user_assigned_codes_and_its_places_are_there() -> None:
    gaz = gazetteer()
    assert (gaz.nation("Kosovo"), gaz.nation("Kosovar")) == ("XKX", "XKX")
    assert gaz.nation_info("XKX").iso2 == "XK"
    assert gaz.place("Pristina").country == "XKX"


def test_every_country_is_a_nation_or_a_territory_with_a_wikidata_id() -> None:
    nations = [r["iso3"] for r in rows("nations.tsv")]
    territories = [r["iso3"] for r in rows("territories.tsv")]
    assert sorted(nations + territories) == sorted(ISO3 | {"XKX"})
    qids = [r["wikidata"] for r in rows("nations.tsv") + rows("territories.tsv")]
    assert all(QID.fullmatch(q) for q in qids)
    assert len(set(qids)) == len(qids)


def test_subdivision_codes_exist() -> None:
    unknown = [r["code"] for r in rows("subdivisions.tsv") if pycountry.subdivisions.get(code=r["code"]) is None]
    assert unknown == []
    assert all(pycountry.subdivisions.get(code=f"US-{r['code']}") for r in rows("us_states.tsv"))


def test_place_rows_are_well_formed() -> None:
    kinds = {"city", "region", "island", "base", "building", "body_of_water"}
    for r in rows("places.tsv") + rows("territories.tsv"):
        assert r["kind"] in kinds, r
        assert not r.get("geonames") or r["geonames"].isdigit(), r
        assert not r["wikidata"] or QID.fullmatch(r["wikidata"]), r


def test_every_treaty_has_a_source_and_a_unique_key() -> None:
    treaties = json.loads((data_dir() / "treaties.json").read_text(encoding="utf-8"))["treaties"]
    assert len(treaties) >= 60
    assert all(t["source"] for t in treaties)
    assert len({t["key"] for t in treaties}) == len(treaties)
    for t in treaties:
        assert t["multilateral"] or 1 <= len(t["parties"]) <= 2, t["key"]
        assert t["wikidata"] is None or QID.fullmatch(t["wikidata"]), t["key"]


def test_office_and_rank_rows_are_well_formed() -> None:
    assert all(r["canonical"] and r["international"] in {"0", "1"} for r in rows("offices.tsv"))
    assert {r["kind"] for r in rows("ranks.tsv")} == {"rank", "service", "honorific"}


# --- office holders ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "titles", "day", "nation"),
    [
        ("Shinzo Abe", ["Prime Minister"], date(2016, 7, 14), ("JPN",)),
        ("Abe Shinzo", [], date(2016, 7, 14), ("JPN",)),  # family name first, no office stated
        ("Abe", ["Prime Minister"], date(2016, 7, 14), ("JPN",)),  # the family name with an office of the kind
        ("Abe", [], date(2016, 7, 14), None),  # a family name alone says nothing
        ("Shapps", ["Secretary"], date(2024, 3, 22), ("GBR",)),  # "Secretary Shapps": a minister of some kind
        ("Shinzo Abe", ["Prime Minister"], date(1995, 1, 1), None),  # not yet in office
        ("Wei Fenghe", [], date(2024, 5, 31), ("CHN",)),  # a former holder, named in full
        ("Abe", ["Prime Minister"], date(2024, 1, 1), None),  # a family name only while in office
        ("Narendra Modi", ["Prime Minister"], date(2024, 6, 1), ("IND",)),
    ],
)
def test_a_holder_of_a_top_office_serves_the_nation_of_the_office_while_in_it(
    gaz: Gazetteer, name: str, titles: list[str], day: date, nation: tuple | None
) -> None:
    assert gaz.holder_nation(name, titles, day) == nation


def test_the_offices_a_holder_named_in_full_held_that_day_as_the_nation_styles_them(gaz: Gazetteer) -> None:
    assert gaz.holder_offices("Simon Coveney", date(2017, 11, 17)) == ("IRL", ["Minister for Foreign Affairs"])
    assert gaz.holder_offices("Boris Johnson", date(2017, 11, 17)) == ("GBR", ["Foreign Secretary"])
    assert gaz.holder_offices("Boris Johnson", date(2018, 12, 1)) is None  # between his two offices
    assert gaz.holder_offices("Johnson", date(2017, 11, 17)) is None  # a family name alone says nothing
    assert gaz.holder_offices("Jane Roe", date(2017, 11, 17)) is None


def test_the_office_holders_table_is_well_formed() -> None:
    from kg.gazetteer.holders import OFFICE_KINDS

    table = rows("office_holders.tsv")
    assert table
    for row in table:
        assert row["office"] in OFFICE_KINDS, row
        assert row["nation"] == "" or pycountry.countries.get(alpha_3=row["nation"]) or row["nation"] == "XKX", row
        assert re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", row["start"]), row
        assert row["end"] == "" or (re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", row["end"]) and row["end"] >= row["start"])


def test_the_holders_spelling_of_a_name_written_without_its_diacritics(gaz: Gazetteer) -> None:
    assert gaz.holder_spelling("Zoran Milanovic") == "Zoran Milanović"
    assert gaz.holder_spelling("Zoran Milanović") is None  # already so written
    assert gaz.holder_spelling("Jane Roe") is None
