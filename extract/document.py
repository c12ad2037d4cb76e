"""Load articles (.txt, .jsonl, folders of them) into Documents, refusing bad input clearly.

Page furniture ("Similar Posts", comment forms, share buttons) is blanked to spaces rather than
cut, and a title-cased headline is lower-cased where its words are not names, so every character
offset into `Document.clean` is still an offset into the file as the reader sees it.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .records import Document

MAX_BYTES = 20 * 1024 * 1024
MAX_CHARS = 1_000_000  # spaCy's parser needs about 1 GB per 100,000 words: no news article comes near this
SUFFIXES = (".txt", ".jsonl")

# A line that is only page furniture; the ones marked as tails end the article (all below goes).
_FURNITURE = re.compile(
    r"^\s*(similar posts|related posts|related articles|related stories|read more|read also|see also|"
    r"leave a reply|leave a comment|\d+ comments?|comments|post navigation|previous post|next post|"
    r"you may also like|more from .{1,40}|share this( article| story)?:?|share on \w+|click to share.*|"
    r"follow us.*|subscribe.*|sign up for .*newsletter.*|advertisement|tags?:.*|posted in .*|filed under .*|"
    r"your email address will not be published.*|required fields are marked.*|all rights reserved.*|©.*|"
    r"(photo|image|picture) ?(credit)?:.*|by [A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3}( and [A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3})?,?"
    r"( \w+ \d{1,2},? \d{4})?)\s*$",
    re.IGNORECASE,
)
_TAIL = re.compile(r"^\s*(similar posts|related posts|related articles|related stories|leave a reply|leave a comment|"
                   r"you may also like|post navigation)\s*$", re.IGNORECASE)


class DocumentError(Exception):
    """A file or record that cannot be read as an article; `source` names the file (and line)."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


# A wire dateline opening a paragraph: "MOSCOW, Nov 3 (Reuters) - ", "KYIV/WASHINGTON — ".
_DATELINE = re.compile(r"^(?:[A-Z][A-Z'.-]+(?:[ /][A-Z][A-Z'.-]+)*)(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?"
                       r"(?: \([A-Za-z .]+\))? ?[-–—]+ (?=\S)")


def _blank_dateline(line: str) -> str:
    match = _DATELINE.match(line)
    return " " * match.end() + line[match.end():] if match else line


def blank_furniture(text: str) -> str:
    """Replace page-furniture lines and datelines with spaces of the same length (offsets stay valid)."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    in_tail = False
    for line in lines:
        body = line.rstrip("\r\n")
        if _TAIL.match(body):
            in_tail = True
        if in_tail or (body.strip() and _FURNITURE.match(body)):
            out.append(" " * len(body) + line[len(body):])
        else:
            out.append(_blank_dateline(line))
    return "".join(out)


def _is_title_case(line: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def decase_headline(title: str, body: str) -> str:
    """Lower-case a title-cased headline's words that the body never capitalises mid-sentence.

    Parsers read "Trump Urges Zelensky to Stop" as a string of names; "Trump urges Zelensky to stop"
    parses as a sentence. Names keep their case because the body writes them capitalised.
    """
    if not _is_title_case(title):
        return title
    names = set(re.findall(r"(?<=[a-z,;:] )([A-Z][\w'’-]*)", body))

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if match.start() == 0 or word in names or word.isupper():
            return word
        return word.lower()

    return re.sub(r"[A-Za-z][\w'’-]*", fix, title)


_CLAUSE_BREAK = re.compile(r"(?<=\w)(?:[;,]|\s[-–—]) (?=\S)")


def _is_cue_verb(word: str) -> bool:
    """"..., Calls for New Sanctions": a clause that opens on a speech verb shares the headline's subject."""
    from diplograph.ontology.lexicon import load_cues
    word = word.lower()
    return any(word in {c.lemma, c.lemma + "s", c.lemma + "es"} for c in load_cues())


def split_headline_clauses(title: str) -> str:
    """Break a headline's clauses apart ("India Accuses Pakistan, Army Chief Warns of Response"), the
    separator turned into a line break of the same length so that each clause parses as a sentence with
    its own speaker and offsets stay valid. A list of names ("Putin, Trump Agree") is left alone: both
    sides of a break must be three words or more."""
    out = title
    for match in _CLAUSE_BREAK.finditer(title):
        left, right = title[:match.start()], title[match.end():]
        right_clause = re.split(r"[;,]|\s[-–—]\s", right)[0]
        if len(left.split()) >= 3 and len(right_clause.split()) >= 3 and not re.search(r"['‘“\"«][^'’”\"»]*$", left) \
                and not _is_cue_verb(right_clause.split()[0]):
            out = out[:match.start()] + "." + "\n" * (match.end() - match.start() - 1) + out[match.end():]
    return out


def _split_title(text: str) -> str:
    """The first line is a title when it is short, or stands alone above a blank line."""
    first, _, rest = text.partition("\n")
    stripped = first.strip()
    if not stripped or not rest.strip():
        return ""
    stands_alone = rest.startswith("\n") or rest.startswith("\r\n")
    short = len(stripped.split()) <= 20 and stripped[-1] not in ".!?\"”"
    return stripped if (stands_alone or short) else ""


def document_from_text(text: str, *, name: str, title: str = "", url: str = "", published: str = "") -> Document:
    """A Document from article text; the title is taken from the first line when none is given."""
    if not text or not text.strip():
        raise DocumentError(name, "the article is empty (no text to extract from)")
    if "\x00" in text:
        raise DocumentError(name, "the article holds NUL characters: this looks like a binary file, not text")
    if len(text) > MAX_CHARS:
        raise DocumentError(name, f"the article is {len(text):,} characters; the limit is {MAX_CHARS:,} "
                                  "(split it into articles)")
    clean = blank_furniture(text)
    found_title = _split_title(text)
    if found_title:
        head = text.index(found_title)
        headline = split_headline_clauses(decase_headline(found_title, text[head + len(found_title):]))
        clean = clean[:head] + headline + clean[head + len(found_title):]
    return Document(name=name, text=text, clean=clean, title=title or found_title, url=url, published=published)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise DocumentError(str(path), f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes an article")
    if not data.strip():
        raise DocumentError(str(path), "the file is empty")
    if b"\x00" in data:
        raise DocumentError(str(path), "the file holds NUL bytes: it is binary, not a text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            str(path),
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it first, e.g. `iconv -f latin1 -t utf-8`",
        ) from None


def _jsonl_documents(path: Path, text: str) -> Iterator[Document | DocumentError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield DocumentError(source, f"malformed JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield DocumentError(source, 'each line must be a JSON object with a "text" string')
            continue
        try:
            yield document_from_text(
                record["text"],
                name=str(record.get("id") or f"{path.name}:{number}"),
                title=str(record.get("title") or ""),
                url=str(record.get("url") or ""),
                published=str(record.get("published") or "")[:10],
            )
        except DocumentError as error:
            yield DocumentError(source, error.message)


def _is_annotation_file(path: Path) -> bool:
    """A .jsonl of gold statements or actors lying beside articles (as in an evaluation folder)."""
    if path.suffix.lower() != ".jsonl":
        return False
    try:
        with path.open(encoding="utf-8") as handle:
            first = next((line for line in handle if line.strip()), "")
        record = json.loads(first) if first else {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(record, dict) and ("text" not in record or {"speaker", "doc"} <= record.keys())


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | DocumentError]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not _is_annotation_file(p))
            if not found:
                yield DocumentError(str(path), "the folder holds no .txt or .jsonl articles")
            yield from found
        elif path.is_file():
            yield path
        else:
            yield DocumentError(str(path), "no such file or folder")


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document | DocumentError]:
    """Every article under `paths`; a bad file or line is yielded as a DocumentError, never raised."""
    for path in _expand(paths):
        if isinstance(path, DocumentError):
            yield path
            continue
        try:
            text = _read_text(path)
        except DocumentError as error:
            yield error
            continue
        except OSError as error:
            yield DocumentError(str(path), f"cannot read the file ({error.strerror})")
            continue
        if path.suffix.lower() == ".jsonl":
            yield from _jsonl_documents(path, text)
        else:
            try:
                yield document_from_text(text, name=path.name)
            except DocumentError as error:
                yield DocumentError(str(path), error.message)
