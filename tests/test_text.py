"""The shared tokeniser: accents and marks of every script folded away, typographic quotes made plain."""

from newsweave.text import content_words, fold, words


def test_fold_strips_accents_of_latin_greek_and_cyrillic_and_plain_quotes():
    assert fold("Élodie Dürr’s café in São Paulo — “Never”") == "elodie durr's cafe in sao paulo — \"never\""
    assert fold("Ἀθῆναι") == "αθηναι"
    assert fold("Йошкар-Ола") == "иошкар-ола"  # й is и with a breve, as in any folding search


def test_marks_of_other_scripts_do_not_split_words():
    vowelled = "كَتَبَ الْوَلَدُ"  # Arabic with short-vowel marks: two words, as without the marks
    assert words(vowelled) == words("كتب الولد") == ["كتب", "الولد"]


def test_content_words_drop_stopwords_numbers_and_single_letters():
    assert content_words("The Port Alder strike ended on 12 May, a union said") == ["port", "alder", "strike",
                                                                                    "ended", "union"]
