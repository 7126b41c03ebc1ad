from newsweave.digest.sentences import quote_spans, sentence_spans, split_sentences


def test_abbreviations_titles_and_months_do_not_end_sentences():
    text = "Mr. Harlan Vossberg met Sen. Idris Quell on Sept. 25 in the port. Dr. Quell left early."
    assert split_sentences(text) == [
        "Mr. Harlan Vossberg met Sen. Idris Quell on Sept. 25 in the port.",
        "Dr. Quell left early.",
    ]


def test_initials_and_decimal_numbers_stay_inside_a_sentence():
    text = "J. R. Talbot said output grew 3.5 percent in May. Prices rose 0.2 percent."
    assert split_sentences(text) == [
        "J. R. Talbot said output grew 3.5 percent in May.",
        "Prices rose 0.2 percent.",
    ]


def test_dotted_acronym_ends_a_sentence_only_before_a_usual_opener():
    assert split_sentences("The envoy flew to the U.S. The talks began at once.") == [
        "The envoy flew to the U.S.",
        "The talks began at once.",
    ]
    assert split_sentences("The U.S. Treasury froze the accounts of Varnholt Shipping.") == [
        "The U.S. Treasury froze the accounts of Varnholt Shipping."
    ]


def test_quote_ending_a_sentence_and_quote_spanning_sentences():
    text = '"We will rebuild," said Mara Quill, 54. "It is over. Nobody will stop us." Then she left.'
    assert split_sentences(text) == [
        '"We will rebuild," said Mara Quill, 54.',
        '"It is over. Nobody will stop us."',
        "Then she left.",
    ]


def test_question_inside_quote_with_lowercase_attribution_is_one_sentence():
    text = "“Where are the boats? Who sent them?” she asked. The mayor did not answer."
    assert split_sentences(text) == ["“Where are the boats? Who sent them?” she asked.", "The mayor did not answer."]


def test_unbalanced_straight_quote_is_not_protected():
    # A quote that runs on into the next paragraph has no closing mark: sentences still split.
    text = '"The river rose fast. We had no warning. Everything is gone.'
    assert len(split_sentences(text)) == 3
    assert quote_spans(text) == []


def test_paragraphs_are_split_separately_and_spans_point_into_the_paragraph():
    text = "First paragraph ends here\n\nSecond one. It has two sentences."
    assert split_sentences(text) == ["First paragraph ends here", "Second one.", "It has two sentences."]
    paragraph = "  Leading space. Trailing too.  "
    assert [paragraph[s:e] for s, e in sentence_spans(paragraph)] == ["Leading space.", "Trailing too."]


def test_seed_quote_with_age_attribution_ends_its_sentence(seed_articles):
    article = seed_articles["001"]
    paragraph = next(p for p in article.paragraphs() if "Alla Georgievna" in p)
    sentences = [paragraph[s:e] for s, e in sentence_spans(paragraph)]
    assert sentences[0].endswith("said Alla Georgievna, 68.")
    assert len(sentences) == 2
    assert sentences[1].startswith("\"I don't understand") and sentences[1].endswith('thanks to him."')


def test_seed_abbreviation_and_multi_sentence_quote(seed_articles):
    article = seed_articles["004"]
    sentences = split_sentences(article.text)
    # A five-sentence quotation with its attribution stays one unit.
    quote = next(s for s in sentences if s.startswith("“I am more worried"))
    assert quote.endswith("look at the repression here.")
    assert all(s.strip() == s and s for s in sentences)
