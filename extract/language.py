"""Is an article in English? The extractor's lexicons and the spaCy model read English only.

py3langid (a maintained fork of langid.py, with its model inside the package: nothing downloads)
names the language; an article is refused only when it is long enough to judge and either most of
its letters are not Latin script (Cyrillic, Chinese, Arabic...: English it cannot be, whatever the
detector's confidence among related languages) or the detector is confident, so a short English text
full of foreign names is never turned away.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

SAMPLE_CHARS = 20_000  # the language of an article shows in its first pages; keeps detection cheap
MIN_LETTERS = 30  # below this, detectors guess (30 Chinese characters are a sentence or two)
MIN_CONFIDENCE = 0.95
NAMES = {"ru": "Russian", "zh": "Chinese", "uk": "Ukrainian", "fr": "French", "de": "German", "es": "Spanish",
         "ar": "Arabic", "fa": "Persian", "he": "Hebrew", "ja": "Japanese", "ko": "Korean", "it": "Italian",
         "pt": "Portuguese", "pl": "Polish", "tr": "Turkish", "nl": "Dutch", "hi": "Hindi", "el": "Greek"}


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def foreign_language(text: str) -> str | None:
    """The name of the language `text` is written in when it is confidently not English, else None."""
    sample = text[:SAMPLE_CHARS]
    letters = [character for character in sample if character.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    other_script = sum(not _is_latin(character) for character in letters) > len(letters) / 2
    code, confidence = _identifier().classify(sample)
    if code == "en" or (confidence < MIN_CONFIDENCE and not other_script):
        return None
    return f"{NAMES.get(code, 'another language')} ({code})"


def _is_latin(letter: str) -> bool:
    """Latin script: Basic Latin, Latin-1, Latin Extended-A/B and Additional (accented letters included)."""
    point = ord(letter)
    return point < 0x250 or 0x1E00 <= point < 0x1F00
