"""People and offices (kg.extract.people): names, the title before or after a name, the nation it serves,
counterparts, titles shared in a list, and title-only references."""

from __future__ import annotations

import pytest
from extract_context import context

from kg.extract.people import find_people
from kg.model import PersonMention

pytestmark = pytest.mark.model


def people(text: str) -> dict[str, PersonMention]:
    """The people named in ``text``, by name (the first mention of each)."""
    out: dict[str, PersonMention] = {}
    for p in find_people(context(text)):
        out.setdefault(p.name, p)
    return out


def test_an_office_before_a_name_with_its_nation() -> None:
    found = people("Australia's Minister for Defence Richard Marles met Japanese Defense Minister Minoru Kihara.")
    marles, kihara = found["Richard Marles"], found["Minoru Kihara"]
    assert (marles.title, marles.office, marles.nation) == ("Minister for Defence", "Minister of Defense", "AUS")
    assert (kihara.title, kihara.office, kihara.nation) == ("Defense Minister", "Minister of Defense", "JPN")


def test_a_rank_stands_between_the_office_and_the_name() -> None:
    brown = people("Gen. Charles Brown, chairman of the Joint Chiefs of Staff, spoke on Tuesday.")["Charles Brown"]
    assert brown.rank == "Gen."
    assert brown.title == "chairman of the Joint Chiefs of Staff"
    assert brown.office == "Chairman of the Joint Chiefs of Staff"


def test_a_counterpart_holds_the_office_of_the_host_for_the_nation_named() -> None:
    found = people(
        "Gen. Charles Brown, chairman of the Joint Chiefs of Staff, spoke by phone with his Japanese counterpart, "
        "Gen. Yoshihide Yoshida, on Tuesday."
    )
    yoshida = found["Yoshihide Yoshida"]
    assert yoshida.office == "Chairman of the Joint Chiefs of Staff"
    assert yoshida.nation == "JPN"


def test_a_title_joined_to_a_nation_s_title_serves_that_nation() -> None:
    found = people("Japanese Foreign Minister Yoko Kamikawa and Defense Minister Minoru Kihara met reporters.")
    assert found["Yoko Kamikawa"].nation == "JPN"
    assert found["Minoru Kihara"].nation == "JPN"
    assert found["Minoru Kihara"].confidence < found["Yoko Kamikawa"].confidence


def test_a_nation_after_the_name() -> None:
    assert people("Prime Minister Narendra Modi of India spoke.")["Narendra Modi"].nation == "IND"


def test_a_title_never_runs_across_a_line_break() -> None:
    marles = people("Ministers met.\nDefense Minister\nRichard Marles spoke.")["Richard Marles"]
    assert marles.title is None and marles.office is None


def test_later_mentions_by_surname_and_by_title_alone() -> None:
    text = "Secretary of State Antony Blinken arrived. Blinken met reporters. The secretary left."
    found = find_people(context(text))
    assert [p.name for p in found] == ["Antony Blinken", "Blinken", ""]
    assert found[2].role == "secretary"


def test_a_courtesy_title_and_a_family_name_in_capitals_name_a_person() -> None:
    found = people(
        "On December 16, Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, held a meeting with Mr. "
        "Enrique A. Manalo, Secretary for Foreign Affairs of the Philippines."
    )
    kamikawa, manalo = found["KAMIKAWA Yoko"], found["Enrique A. Manalo"]
    assert (kamikawa.title, kamikawa.nation) == ("Minister for Foreign Affairs of Japan", "JPN")
    assert (manalo.office, manalo.nation) == ("Minister of Foreign Affairs", "PHL")


def test_acronyms_and_lines_in_capitals_are_no_family_names() -> None:
    found = people("NATO Allies met today.\nRICHARD MARLES, DEPUTY PRIME MINISTER: Thank you, ASEAN Ministers.")
    assert not any(word.isupper() for name in found for word in name.split()), found


def test_a_capitalized_office_before_another_name_starts_the_next_item_of_a_list() -> None:
    found = people("Jim Mattis, Japan's Prime Minister Shinzo Abe and Defense Minister Tomomi Inada met in Tokyo.")
    assert found["Jim Mattis"].title is None
    assert found["Shinzo Abe"].title == "Prime Minister"


def test_names_in_a_headline_are_only_those_the_body_gives() -> None:
    found = people(
        "Home : News\n\nDeputy Secretary Meets Leaders, Troops on First Official Asia Trip\n\n"
        "Deputy Defense Secretary Bob Work met Japanese leaders in Tokyo today."
    )
    assert set(found) == {"Bob Work"}


@pytest.mark.parametrize(
    ("text", "name", "title", "nation"),
    [
        ("Commander of U.S. Southern Command Adm. Alvin Holsey visited Guatemala.", "Alvin Holsey",
         "Commander of U.S. Southern Command", "USA"),
        ("Franchetti met Chief of Staff of the Japan Maritime Self‑Defense Force Adm. Sakai Ryo today.", "Sakai Ryo",
         "Chief of Staff of the Japan Maritime Self‑Defense Force", "JPN"),
        ("Langley met Gen. Robert Kibochi, chief of the Kenya Defense Forces, in Nairobi.", "Robert Kibochi",
         "chief of the Kenya Defense Forces", "KEN"),
        ("Faller met the Commanding General of U.S. Army South, Maj. Gen. Daniel R. Walrath.", "Daniel R. Walrath",
         "Commanding General of U.S. Army South", "USA"),
    ],
)  # fmt: skip
def test_the_post_an_officer_holds_is_the_title_and_the_rank_apart(text, name, title, nation) -> None:
    """The post is "Commander of <the body he heads>", wherever the body's name ends; the rank stays a rank."""
    person = people(text)[name]
    assert (person.title, person.nation) == (title, nation)
    assert person.rank


def test_a_list_item_after_a_comma_and_is_not_the_office_of_the_name_before() -> None:
    found = people(
        "Faller met Brig. Gen. Juan Carlos Correa, head of the Joint Staff, and the Commanding General of U.S. "
        "Army South, Maj. Gen. Daniel R. Walrath."
    )
    assert found["Juan Carlos Correa"].title == "head of the Joint Staff"


def test_an_office_reaches_over_the_body_it_is_of() -> None:
    lancaster = people("Minister of State for the Armed Forces Mark Lancaster said the talks went well.")[
        "Mark Lancaster"
    ]
    assert lancaster.title == "Minister of State for the Armed Forces"


def test_an_offices_abbreviation_in_brackets_stands_between_it_and_the_name() -> None:
    found = people("India’s External Affairs Minister (EAM) Subrahmanyam Jaishankar will visit Manila.")
    assert (found["Subrahmanyam Jaishankar"].title, found["Subrahmanyam Jaishankar"].nation) == (
        "External Affairs Minister",
        "IND",
    )


def test_a_given_name_like_a_rank_after_a_family_name_in_capitals_is_a_name() -> None:
    found = people("Minister of Defense NAKATANI Gen held a meeting with Secretary of Defense Pete Hegseth.")
    assert found["NAKATANI Gen"].title == "Minister of Defense"
    assert people("Gen. Charles Brown met Hegseth.")["Charles Brown"].rank == "Gen."


def test_an_appositive_between_two_names_is_the_office_of_the_name_before() -> None:
    found = people(
        "The talks (attendees: Ms. Anna Berg, Minister for Foreign Affairs of Sweden, His Excellency Mr. Lars Holm, "
        "Foreign Minister of Norway) were short."
    )
    assert (found["Anna Berg"].title, found["Anna Berg"].nation) == ("Minister for Foreign Affairs of Sweden", "SWE")
    assert (found["Lars Holm"].title, found["Lars Holm"].nation) == ("Foreign Minister of Norway", "NOR")
    # With no office of its own after it, the name takes the appositive before it.
    holm = people("He welcomed his friend and counterpart, Norway's Minister of Defence, Lars Holm.")["Lars Holm"]
    assert (holm.office, holm.nation) == ("Minister of Defense", "NOR")


def test_courtesy_titles_of_other_governments_are_no_part_of_the_name() -> None:
    found = people("Malaysian Prime Minister Tun Dr Ahmad Rashid arrived on Monday.")
    assert "Tun" not in found
    assert (found["Ahmad Rashid"].office, found["Ahmad Rashid"].nation) == ("Prime Minister", "MYS")
    rao = people("Raksha Mantri Shri Vikram Rao held talks in Delhi.")["Vikram Rao"]
    assert (rao.office, rao.nation) == ("Minister of Defense", "IND")


def test_a_nation_before_a_name_is_no_part_of_it() -> None:
    found = people("Prime Minister of the Democratic Socialist Republic of Sri Lanka Ravi Perera arrived today.")
    assert "Ravi Perera" in found
    assert not any("Lanka" in name for name in found)
    assert found["Ravi Perera"].nation == "LKA"


def test_the_body_an_office_is_for_ends_before_the_name() -> None:
    holloway = people("Minister of State for Trade Policy Jane Holloway said the talks went well.")["Jane Holloway"]
    assert holloway.title == "Minister of State for Trade Policy"


def test_a_headline_keeps_a_name_after_an_office_where_it_ends_or_goes_on_in_lower_case() -> None:
    found = people("Remarks by Foreign Minister Nora Blythe on arrival at the summit\n\nGood morning.")
    assert found["Nora Blythe"].title == "Foreign Minister"
    # A headline in title case goes on after the name, which is then no name the tagger can be trusted with.
    assert "Meets Leaders" not in people("Deputy Secretary Meets Leaders, Troops\n\nThe deputy secretary spoke.")


def test_the_body_an_office_is_for_runs_up_to_the_name_after_a_head_word() -> None:
    roe = people("Assistant Secretary for Operations and Special Concerns Marie Delacroix spoke today.")
    assert roe["Marie Delacroix"].title == "Assistant Secretary for Operations and Special Concerns"


def test_a_word_after_an_office_is_a_name_though_a_place_bears_it() -> None:
    assert people("He met Secretary of State Kerry, who arrived late.")["Kerry"].title == "Secretary of State"


def test_a_name_in_apposition_to_an_office() -> None:
    found = people(
        "The minister met the Prime Minister of Japan, Tanabe Haruki. "
        "Later he met Ruto Barasa Kiprono, Kenya Minister of Defense; and others."
    )
    assert (found["Tanabe Haruki"].office, found["Tanabe Haruki"].nation) == ("Prime Minister", "JPN")
    assert found["Ruto Barasa Kiprono"].office == "Minister of Defense"


def test_names_after_an_office_in_the_plural_each_hold_it() -> None:
    found = people("They met former Presidents Jean Dupuis and Marc Tehei in Papeete.")
    assert found["Jean Dupuis"].title == found["Marc Tehei"].title == "President"
    assert not any(name.startswith("Presidents") for name in found)


def test_a_ship_named_after_a_person_is_no_person() -> None:
    assert not people("The carrier HMS Queen Victoria sailed with HMAS Admiral Collins on Monday.")


def test_an_office_after_a_counterpart_of_a_nation_serves_that_nation() -> None:
    found = people("The minister met her Japanese counterpart, Defense Minister Hiroshi Tanabe, in Tokyo.")
    assert (found["Hiroshi Tanabe"].office, found["Hiroshi Tanabe"].nation) == ("Minister of Defense", "JPN")


def test_a_demonym_before_a_rank_is_the_nation_served() -> None:
    found = people(
        "The admiral later met Peruvian Army Gen. Rosa Quispe and retired Chilean Gen. Tomas Vidal at the base."
    )
    assert (found["Rosa Quispe"].rank, found["Rosa Quispe"].nation) == ("Army Gen.", "PER")
    assert found["Tomas Vidal"].nation == "CHL"


def test_a_demonym_between_an_appositive_office_and_a_rank() -> None:
    found = people(
        "He was joined by the head of the Joint Training Directorate, Ecuadorian Brig. Gen. Ana Mora, on Monday."
    )
    mora = found["Ana Mora"]
    assert (mora.title, mora.nation, mora.rank) == ("head of the Joint Training Directorate", "ECU", "Brig. Gen.")


def test_a_nation_the_name_merely_follows_is_not_its_demonym() -> None:
    found = people("After the talks in Peru Gen. Luis Ortiz flew home.")
    assert found["Luis Ortiz"].nation is None


def test_an_office_in_the_lead_is_held_by_the_next_sentence_s_subject() -> None:
    found = people(
        "LIMA, Peru, May 3, 2021 - The chairman of the Joint Chiefs of Staff arrived here today for talks. "
        "Air Force Gen. Dana Pike met with Peruvian leaders at the ministry."
    )
    pike = found["Dana Pike"]
    assert (pike.title, pike.office, pike.rank) == (
        "chairman of the Joint Chiefs of Staff",
        "Chairman of the Joint Chiefs of Staff",
        "Air Force Gen.",
    )


def test_a_lead_office_is_not_given_to_a_foreign_officer_or_after_a_named_official() -> None:
    foreign = people(
        "The chairman of the Joint Chiefs of Staff arrived in Lima today. "
        "Peruvian Army Gen. Rosa Quispe greeted him at the airport."
    )
    assert foreign["Rosa Quispe"].title is None
    named = people(
        "Defense Secretary Jane Roe spoke on Monday. The chairman of the Joint Chiefs of Staff arrived later. "
        "Army Gen. Tom Ball met reporters."
    )
    assert named["Tom Ball"].title is None


def test_a_portfolio_named_before_a_bare_minister() -> None:
    found = people("He later met Ghana's Health, Tourism and Culture Minister Kofi Mensah on Monday.")
    mensah = found["Kofi Mensah"]
    assert (mensah.title, mensah.nation) == ("Health, Tourism and Culture Minister", "GHA")
    assert people("On Monday Minister Kofi Mensah spoke.")["Kofi Mensah"].title == "Minister"


def test_a_portfolio_after_and_is_no_part_of_the_name() -> None:
    found = people("The delegation includes Minister for Energy and Resources Paul Whitfield, officials say.")
    assert found["Paul Whitfield"].title == "Minister for Energy and Resources"


def test_one_office_twice_is_two_people() -> None:
    found = find_people(context("The Prime Minister and Prime Minister Ana Roe discussed trade."))
    roe = next(p for p in found if p.name == "Ana Roe")
    assert roe.title == "Prime Minister"


def test_an_appositive_office_ends_before_what_the_sentence_goes_on_to_say() -> None:
    found = people("Gen. Dan Pike, the chairman of the Joint Chiefs of Staff at a ceremony in May, spoke.")
    assert found["Dan Pike"].title == "chairman of the Joint Chiefs of Staff"


def test_an_appositive_office_with_a_comma_in_its_name_and_its_body_after() -> None:
    found = people(
        "General Kenji Sato, Chief of Staff, Joint Staff, Japan Self-Defense Forces was welcomed at the Pentagon."
    )
    sato = found["Kenji Sato"]
    assert (sato.title, sato.nation) == ("Chief of Staff, Joint Staff, Japan Self-Defense Forces", "JPN")


def test_a_headline_demonym_qualifies_the_person_the_body_names_without_one() -> None:
    text = (
        "Remarks with Peruvian Foreign Minister Rosa Quispe Before Their Lunch\n\n"
        "SECRETARY ROE: Thank you all. I thank Foreign Minister Quispe for coming."
    )
    found = [p for p in find_people(context(text)) if p.name == "Rosa Quispe"]
    assert [(p.title, p.nation) for p in found] == [("Foreign Minister", "PER")]


def test_a_service_in_lower_case_is_part_of_the_rank() -> None:
    kim = people("Smith met the South Korean chairman, air force Gen. Kim Dae-ho, in Seoul.")["Kim Dae-ho"]
    assert (kim.title, kim.nation, kim.rank) == ("chairman", "KOR", "air force Gen.")
    assert people("Later the army Gen. Ken Mori left.")["Ken Mori"].rank == "army Gen."


def test_a_senior_enlisted_advisor_is_a_post_beside_the_rank() -> None:
    found = people("The Command Senior Enlisted Advisor, Army Sgt. Maj. Tom Reyes, joined the visit.")
    assert (found["Tom Reyes"].title, found["Tom Reyes"].rank) == ("Command Senior Enlisted Advisor", "Army Sgt. Maj.")


def test_known_places_after_a_preposition_of_place_or_ending_in_a_place_head_are_no_people() -> None:
    found = people(
        "The ship sailed to Da Nang in May. Troops guarded Haditha Dam. Secretary Lloyd Austin spoke to Austin."
    )
    assert "Da Nang" not in found and "Haditha Dam" not in found
    assert "Austin" in found


def test_a_given_name_that_is_also_a_word_after_a_possessive_nation_and_office() -> None:
    found = people("After the talks, Admiral John Doe and Tonga's Minister for Defence, Will Mark Sefa, signed a pact.")
    sefa = found["Will Mark Sefa"]
    assert (sefa.office, sefa.nation) == ("Minister of Defense", "TON")


def test_proper_nouns_set_off_by_commas_after_an_office_are_a_name_whatever_the_parse() -> None:
    # The parser makes "Daka" the subject of "signed" and "Solomon Islands'" a person.
    found = people(
        "Following their meeting, Secretary Roe and Solomon Islands' Minister for Defence, Win Kauri Daka, "
        "signed a new agreement."
    )
    assert ("Win Kauri Daka", "Minister of Defense", "SLB") in {(p.name, p.office, p.nation) for p in found.values()}


def test_a_place_set_off_by_commas_after_an_office_is_no_name() -> None:
    found = people("He met the Minister for Defence, Papua New Guinea, and the Chief of Staff, Joint Staff, at noon.")
    assert not [name for name in found if name]


def test_an_honorific_between_an_appositive_office_and_the_name() -> None:
    owusu = people("In Accra, Smith met Ghana's Minister of Defence and Civil Protection, Dr. Ama Owusu, and others.")[
        "Ama Owusu"
    ]
    assert (owusu.title, owusu.nation) == ("Minister of Defence and Civil Protection", "GHA")


def test_a_short_form_of_one_person_s_given_name_is_a_name() -> None:
    mentions = find_people(context("Thomas Reid spoke after Richard Hale. When Tom and I met in Perth, we agreed."))
    assert [p.name for p in mentions] == ["Thomas Reid", "Richard Hale", "Tom"]


def test_a_particle_joined_by_a_hyphen_leads_the_name() -> None:
    found = people("The envoy later met Prime Minister el-Tahiri and his cabinet in the capital.")
    assert "el-Tahiri" in found
    assert found["el-Tahiri"].title == "Prime Minister"


def test_a_glottal_stop_is_part_of_a_polynesian_name() -> None:
    found = people("The envoy met Prime Minister of Tonga Samuela \u2018Akilisi Pohiva; also present were others.")
    assert found["Samuela \u2018Akilisi Pohiva"].title == "Prime Minister of Tonga"
    found = people("Defence Minister Jane Roe 'Confident' of a deal with the allies, officials said.")
    assert "Jane Roe" in found  # a quotation, not part of the name


def test_an_honorific_between_two_words_of_a_name_is_part_of_it() -> None:
    found = people("Gen. Tom Ridley met with Somali President Hassan Sheikh Mohamud in Mogadishu.")
    assert found["Hassan Sheikh Mohamud"].title == "President"


def test_a_portfolio_may_go_on_past_an_office_and_join_another_with_and() -> None:
    found = people("She met Minister for Defence Industry and Capability Delivery Tom Roe in Canberra.")
    assert found["Tom Roe"].title == "Minister for Defence Industry and Capability Delivery"
    found = people("She met Minister for Defence Industry Tom Roe in Canberra.")
    assert found["Tom Roe"].title == "Minister for Defence Industry"
    found = people("She met Minister of Foreign Affairs Sheikh Abdullah bin Zayed in Abu Dhabi.")
    assert found["Abdullah bin Zayed"].title == "Minister of Foreign Affairs"  # an honorific is no portfolio


def test_a_long_paragraph_cut_off_before_its_full_stop_is_no_headline() -> None:
    text = (
        "Defence news\n\nDuring his visit to India, the Secretary met with National Security Advisor Ajit Roe, "
        "Foreign Secretary Vinay Doe, Defence Secretary Giri Fox, Chief of Naval Staff Adm. Hari Kay, Chairman of "
        "the National Technical Research Organization Dr. Arun Lee, and NSA Maritim"
    )
    assert {"Ajit Roe", "Vinay Doe", "Giri Fox", "Hari Kay", "Arun Lee"} <= set(people(text))


def test_a_date_after_a_name_is_no_part_of_it() -> None:
    found = people("Defence Secretary Tom Hadley Oct. 14 told reporters the exercise would go ahead.")
    assert "Tom Hadley" in found
    assert not any("Oct" in name for name in found)


def test_a_nickname_in_quotes_is_left_out_of_the_name() -> None:
    found = people("Gen. Robert “Bobby” Vasquez, commander of the regional command, toured the port on Tuesday.")
    assert "Robert Vasquez" in found
    assert "Robert" not in found


def test_a_bracket_glued_to_a_name_ends_it() -> None:
    found = people("The delegation also met President Marta Kelevi(link is external) in the capital on Monday.")
    assert "Marta Kelevi" in found
    assert not any("(" in name for name in found)


def test_a_caption_line_ending_on_its_date_is_no_headline() -> None:
    text = (
        "Allies Meet in Brussels\n\n"
        "NATO Secretary General Jan Roe meets the Minister of Foreign Affairs of Romania, Elena Dima, at NATO "
        "Headquarters, 23 February 2026\n\n"
        "The Secretary General thanked the minister."
    )
    dima = next(p for p in find_people(context(text)) if p.name == "Elena Dima")
    assert (dima.title, dima.nation) == ("Minister of Foreign Affairs of Romania", "ROU")


def test_an_abbreviated_rank_makes_the_next_words_a_name() -> None:
    text = (
        "The group consisted of Brazilian Marine Cmdr. Elton L. Gomes, Canadian Army Ltc. James D. Wade, Chilean "
        "Navy Cmdr. Luis F. Barra, and Colombian Army Col. Oscar O. Luna."
    )
    found = {p.name: p for p in find_people(context(text))}
    assert {"Elton L. Gomes", "James D. Wade", "Luis F. Barra", "Oscar O. Luna"} <= set(found)
    assert (found["Luis F. Barra"].nation, found["James D. Wade"].rank) == ("CHL", "Army Ltc.")


def test_name_particles_in_a_row_stay_in_the_name() -> None:
    found = {p.name for p in find_people(context("Commission President Ursula von der Leyen met the minister."))}
    assert "Ursula von der Leyen" in found


def test_a_hyphenated_given_name_in_apposition_to_an_office_is_whole() -> None:
    text = "Ms Roe met yesterday with Jean-Yves Le Brun, France's Minister for Europe and Foreign Affairs."
    found = {p.name: p for p in find_people(context(text))}
    assert (found["Jean-Yves Le Brun"].title, found["Jean-Yves Le Brun"].nation) == (
        "Minister for Europe and Foreign Affairs",
        "FRA",
    )


def test_sultan_is_a_title_after_majesty_and_a_given_name_elsewhere() -> None:
    text = (
        "He had an audience with His Majesty Sultan Haji Omar Bakri. Sultan Al Shamsi, Assistant Minister, attended. "
        "He later called on Sultan of Brunei Hassan Bakar."
    )
    found = {p.name: p.title for p in find_people(context(text))}
    assert found == {
        "Haji Omar Bakri": "Sultan",
        "Sultan Al Shamsi": "Assistant Minister",
        "Hassan Bakar": "Sultan of Brunei",
    }


def test_amir_is_an_emir_after_the_or_highness_and_a_given_name_elsewhere() -> None:
    text = "Defence Minister Amir Hatami met His Highness the Amir Sheikh Tamim bin Hamad Al Thani in Doha."
    found = {p.name: p.title for p in find_people(context(text))}
    assert found == {"Amir Hatami": "Defence Minister", "Tamim bin Hamad Al Thani": "Amir"}


def test_the_given_name_before_an_initial_is_no_word_of_the_office() -> None:
    found = {p.name: p.title for p in find_people(context("Secretary of Defense Lloyd J. Austin III greets the crew."))}
    assert found == {"Lloyd J. Austin III": "Secretary of Defense"}


def test_a_day_after_a_name_is_no_part_of_it() -> None:
    found = {p.name for p in find_people(context("Gen. Roe last met with President Ana Peña May 16 in Lima."))}
    assert found == {"Roe", "Ana Peña"}


def test_the_items_of_a_list_of_officials_are_no_headlines() -> None:
    text = (
        "Adm. Tom Hale met with senior defense officials.\nMeetings with Fijian officials included:\n"
        "· Chief of Staff, Colonel Ravi Naidu\n· Chief of Force Preparation, Colonel Sam Tora\n"
    )
    found = {p.name for p in find_people(context(text))}
    assert found == {"Tom Hale", "Ravi Naidu", "Sam Tora"}  # and no "Preparation"


def test_a_list_of_commanders_serves_the_nation_its_first_is_of() -> None:
    text = (
        "The admiral also met with Peruvian Army Commander Gen. Luis Soto, Commander of Naval Operations Adm. Raul "
        "Mena, and Air Force Commander Gen. Pablo Ruiz."
    )
    found = {p.name: p.nation for p in find_people(context(text)) if p.name}  # and "the admiral", a role
    assert found == {"Luis Soto": "PER", "Raul Mena": "PER", "Pablo Ruiz": "PER"}


def test_a_courtesy_title_with_its_article_between_an_office_and_a_name() -> None:
    text = "The NATO Deputy Secretary General, the Honourable Ms. Ana Lindqvist, will travel to Oslo on Thursday."
    found = {p.name: p.title for p in find_people(context(text))}
    assert found == {"Ana Lindqvist": "NATO Deputy Secretary General"}


def test_an_office_two_nations_style_alike_says_neither() -> None:
    text = "She met Minister for Europe and Foreign Affairs Ana Lindqvist."
    assert [p.nation for p in find_people(context(text))] == [None]


def test_his_highness_abbreviated_is_no_name() -> None:
    found = {
        p.name for p in find_people(context("H.H. Sheikh Hamad bin Ali Al Kaabi received the minister.")) if p.name
    }
    assert found == {"Hamad bin Ali Al Kaabi"}


def test_a_portfolio_running_on_past_an_office_ends_with_its_nation() -> None:
    text = (
        "He also received Ana Lindqvist, Minister of Foreign Affairs, Regional Integration and Development "
        "Cooperation of the Republic of Chile, and Ola Berg, Minister of Economy and Innovation of the Republic "
        "of Peru, at the palace."
    )
    found = {p.name: (p.title, p.nation) for p in find_people(context(text))}
    assert found["Ana Lindqvist"][1] == "CHL"
    assert found["Ola Berg"] == ("Minister of Economy and Innovation of the Republic of Peru", "PER")


def test_a_text_cut_off_mid_sentence_ends_on_no_headline() -> None:
    text = (
        "The minister received two delegations today.\n\n"
        "The meetings were attended by Dr. Hamad bin Ali Al Kaabi, Minister of Foreign Trade; Sheikh Saif Al "
        "Nuaimi, Minister"
    )
    assert {p.name for p in find_people(context(text)) if p.name} == {"Hamad bin Ali Al Kaabi", "Saif Al Nuaimi"}


def test_the_dateline_s_place_in_capitals_names_no_one() -> None:
    text = "FORT SAM HOUSTON, Texas, Nov. 3, 2011 -- Maj. Gen. Ana Soto signed the agreement."
    assert {p.name for p in find_people(context(text)) if p.name} == {"Ana Soto"}


def test_a_family_name_alone_after_an_office_is_a_name_though_the_tagger_takes_it_for_the_body_s() -> None:
    text = "Foreign Minister Ana Soto met with US Secretary of State Pompeo on June 14."
    assert {p.name: p.title for p in find_people(context(text))} == {
        "Ana Soto": "Foreign Minister",
        "Pompeo": "Secretary of State",
    }


def test_an_abbreviation_in_brackets_inside_a_list_ends_no_sentence() -> None:
    text = (
        "Over the two-day visit, Brown met with Defense Minister Ken Sato, Chief of Joint Staff Adm. Jiro Kawa and "
        "JASDF Air Defense Command (ADC) Commander Lt. Gen. Shigeru Muto."
    )
    ctx = context(text)
    found = {p.name: p.sentence for p in find_people(ctx) if p.name}
    assert found["Shigeru Muto"] == found["Ken Sato"]
    assert {p.name: p.nation for p in find_people(ctx)}["Jiro Kawa"] is None  # a Joint Staff is no one nation's


def test_each_who_co_leads_a_delegation_serves_its_nation() -> None:
    text = (
        "The Chilean delegation was co-led by Assistant Secretary Ana Soto and Defense Assistant Secretary Luis "
        "Mena, while the Norwegian delegation was co-led by Deputy Director-General Ola Berg and Director-General "
        "Eva Lind."
    )
    found = {p.name: p.nation for p in find_people(context(text))}
    assert found == {"Ana Soto": "CHL", "Luis Mena": "CHL", "Ola Berg": "NOR", "Eva Lind": "NOR"}


def test_a_nation_s_force_after_an_office_set_off_by_commas_is_whose_office_it_is() -> None:
    text = (
        "U.S. Marine Corps Lt. Gen. Tom Hale, commander, U.S. Marine Corps Forces, Pacific, and General Kato Ken, "
        "commander, Japan Ground Self Defense Force, met for the first time."
    )
    found = {p.name: p.nation for p in find_people(context(text))}
    assert found == {"Tom Hale": "USA", "Kato Ken": "JPN"}


def test_the_adjutant_general_of_a_state_s_guard_serves_the_state_s_nation() -> None:
    text = (
        "Brig. Gen. Tom Hale, adjutant general of the Montana National Guard; and Maj. Gen. Ana Soto, the "
        "adjutant general for South Carolina, met the minister."
    )
    found = {p.name: p.title for p in find_people(context(text)) if p.name}
    assert found == {
        "Tom Hale": "adjutant general of the Montana National Guard",
        "Ana Soto": "adjutant general for South Carolina",
    }


def test_a_list_the_tagger_splits_at_initials_or_a_semicolon_stays_one_sentence() -> None:
    text = (
        "The Philippine delegation was co-led by Assistant Secretary for Asia-Pacific Affairs Maria LB. Santos and "
        "Defense Assistant Secretary Luis Mena.\nAmbassador Eva Lind; Brig. Gen. Tom Hale, adjutant general of "
        "the Montana National Guard; and Secretary of Defense Ola Berg signed the memorandum."
    )
    found = {p.name: (p.title, p.sentence) for p in find_people(context(text)) if p.name}
    assert found["Maria LB. Santos"][1] == found["Luis Mena"][1]
    assert found["Luis Mena"][0] == "Defense Assistant Secretary"
    assert found["Eva Lind"][1] == found["Tom Hale"][1] == found["Ola Berg"][1]


@pytest.mark.parametrize("name", ["Vance", "Clarence", "Terrance"])
def test_a_family_name_alone_after_an_office_is_a_name_whatever_it_ends_in(name: str) -> None:
    found = {p.name: p.title for p in find_people(context(f"Secretary of State {name} spoke."))}
    assert found == {name: "Secretary of State"}
