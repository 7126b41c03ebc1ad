"""The shared tokeniser: accents and marks of every script folded away, typographic quotes made plain."""

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.text import _WORD, content_words, fold, words


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


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="abcXYZ019 '’‘_-.,\n\t\x00éÉ—…€·«» ½²“”ßø日Ж", max_size=40))
def test_split_shortcut_tokenises_as_the_unicode_pattern(text):
    """words() splits text whose letters and digits fold to ASCII on separators instead of running the
    Unicode pattern (dashes, ellipses, symbols and stray apostrophes separate); it must find the same tokens."""
    assert words(text) == _WORD.findall(fold(text))
