"""Load articles (.txt, .jsonl, folders of them) into Documents, refusing bad input clearly.

Page furniture ("Similar Posts", comment forms, share buttons) is blanked to spaces rather than
cut, and a title-cased headline is lower-cased where its words are not names, so every character
offset into `Document.clean` is still an offset into the file as the reader sees it.

Invisible characters (zero-width spaces and joiners, bidirectional controls, soft hyphens) are
removed from the text before anything else, so they can neither split a name the parser should
see whole nor hide a quote; offsets are offsets into that stored text. Files may be UTF-8 or UTF-16
with a byte-order mark; an article confidently in another language than English is refused with
its language named (extract/language.py), rather than giving no statements without a word.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .language import foreign_language
from .records import Document

MAX_BYTES = 20 * 1024 * 1024
MAX_CHARS = 1_000_000  # spaCy's parser needs about 1 GB per 100,000 words: no news article comes near this
SUFFIXES = (".txt", ".jsonl")
META_SUFFIX = ".meta.json"  # beside a .txt article: its metadata, so the article's text stays as published
META_FIELDS = ("title", "url", "published")

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


# Format characters (Unicode category Cf) that show nothing: soft hyphen, zero-width space/joiners,
# left-to-right and right-to-left marks, embeddings, overrides and isolates, word joiner, BOM.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def strip_invisible(text: str) -> str:
    """`text` without invisible format characters."""
    return _INVISIBLE.sub("", text)


def published_date(value: str, source: str) -> str:
    """A publication date as YYYY-MM-DD (a longer ISO timestamp is cut to its date); DocumentError when
    it is not a real calendar date, so no impossible date reaches the graph."""
    from datetime import date

    text = value.strip()[:10]
    if not text:
        return ""
    try:
        if not _DATE.match(text):
            raise ValueError
        date.fromisoformat(text)
    except ValueError:
        raise DocumentError(source, f"the publication date {value.strip()[:40]!r} is not a date; write it as YYYY-MM-DD") from None
    return text


class DocumentError(Exception):
    """A file or record that cannot be read as an article; `source` names the file (and line)."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


# A wire dateline opening a paragraph: "MOSCOW, Nov 3 (Reuters) - ", "KYIV/WASHINGTON — ".
_DATELINE = re.compile(r"^(?:[A-Z][A-Z'.-]+(?:[ /][A-Z][A-Z'.-]+)*)(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?"
                       r"(?: \([A-Za-z .]+\))? ?[-–—]+ (?=\S)")


# A live blog's time stamp opening a paragraph: "10:30 - ", "14:05 ", "9.15am: ", "11:20 GMT — ", with the
# label breaking news puts before it ("UPDATE 13:40 - ", "Updated 9.15am: ").
_TIMESTAMP = re.compile(r"^(?:(?:UPDATED?|Updated?|BREAKING|Breaking|LATEST|Latest):? )?\d{1,2}[:.]\d{2}(?: ?[aApP]\.?[mM]\.?)?(?: (?:GMT|UTC|CET|CEST|BST|EST|EDT|ET))?"
                        r"(?: ?[-–—:|])? (?=\S)")


# An interview's answer label opening a paragraph ("A: "): layout, not a word of the sentence (the parser
# reads "A" as one, and misses a cue after it); the Q&A layout reads the labels from the stored text.
_TURN_LABEL = re.compile(r"^A: (?=\S)")


def _blank_dateline(line: str) -> str:
    match = _DATELINE.match(line) or _TIMESTAMP.match(line) or _TURN_LABEL.match(line)
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
    parses as a sentence. Names keep their case because the body writes them capitalised, or because
    they name a state, its capital or its adjective ("Kyiv Pleads for Interceptors", where the body
    may never write "Kyiv": the capital stands for its state, the guide's speaker).
    """
    if not _is_title_case(title):
        return title
    names = {re.sub(r"['’]s$", "", w) for w in re.findall(r"(?<=[a-z,;:] )([A-Z][\w'’-]*)", body)} | _state_words(title)

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if match.start() == 0 or word in names or word.isupper():
            return word
        return word.lower()

    return re.sub(r"[A-Za-z][\w'’-]*", fix, title)


def _state_words(title: str) -> set[str]:
    """The words of a title that name a state, a capital or a state's adjective ("New Delhi", "Kyiv"), or an
    actor the gazetteer knows by that name ("Washington", "White House")."""
    from diplograph.ontology.countries import find_country
    words = re.findall(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", title)  # runs of capitalised words
    found: set[str] = set()
    for run in words:
        parts = run.split()
        for size in (3, 2, 1):
            for i in range(len(parts) - size + 1):
                words = " ".join(parts[i:i + size])
                if find_country(words) is not None or _is_known_name(words):
                    found.update(parts[i:i + size])
    return found


def _is_known_name(words: str) -> bool:
    """The name or alias (not a mere descriptor) of an actor the gazetteer knows: "Washington", "Kremlin"."""
    from diplograph.ontology.lexicon import find_actor, normalize
    actor = find_actor(words)
    return actor is not None and normalize(words) in {normalize(n) for n in (actor.name, *actor.aliases)}


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
    if re.search(r"[.!?][\"”’']?\s*$", title):
        return title  # a first line ending on a full stop is a sentence paragraph, not a headline of clauses
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


SUBHEAD = re.compile(r"(?<=\n\n)([^\n]{8,160})(?=\n\n)")


def _as_headline(clean: str, text: str, start: int, line: str) -> str:
    """The clean text with the headline `line` (at `start` in the text) lower-cased where the body writes its
    words in lower case, and broken into its clauses: offsets stay the same."""
    headline = split_headline_clauses(decase_headline(line, text[start + len(line):]))
    return clean[:start] + headline + clean[start + len(line):]


def _subheads(text: str, title_start: int) -> Iterator[tuple[int, str]]:
    """A roundup's or live blog's title-cased subheads ("German Carmakers Warn of Job Losses, Urge Deal"), which
    are headlines of their own: a short line standing alone between blank lines, with no full stop."""
    for match in SUBHEAD.finditer(text):
        line = match.group(1).strip()
        start = match.start(1) + match.group(1).index(line)
        if start != title_start and line[-1] not in ".!?\"”:" and len(line.split()) <= 20 and _is_title_case(line):
            yield start, line


def document_from_text(text: str, *, name: str, title: str = "", url: str = "", published: str = "",
                       publisher: str = "", author: str = "", summary_only: bool = False) -> Document:
    """A Document from article text; the title is taken from the first line when none is given."""
    text = strip_invisible(text or "")
    if not text or not text.strip():
        raise DocumentError(name, "the article is empty (no text to extract from)")
    if "\x00" in text:
        raise DocumentError(name, "the article holds NUL characters: this looks like a binary file, not text")
    if len(text) > MAX_CHARS:
        raise DocumentError(name, f"the article is {len(text):,} characters; the limit is {MAX_CHARS:,} "
                                  "(split it into articles)")
    language = foreign_language(text)
    if language is not None:
        raise DocumentError(name, f"the article is in {language}, not English: diplograph reads English articles only")
    published = published_date(published, name)
    clean = blank_furniture(text)
    found_title = _split_title(text)
    head = text.index(found_title) if found_title else -1
    for start, line in ([(head, found_title)] if found_title else []) + list(_subheads(text, head)):
        clean = _as_headline(clean, text, start, line)  # the title and each subhead parse as sentences
    return Document(name=name, text=text, clean=clean, title=title or found_title, url=url, published=published,
                    publisher=publisher, author=author, summary_only=summary_only)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise DocumentError(str(path), f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes an article")
    if not data.strip():
        raise DocumentError(str(path), "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark (Windows "Unicode")
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(str(path), "the file starts as UTF-16 but does not decode as UTF-16") from None
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
                published=str(record.get("published") or ""),
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


def _is_article_file(path: Path) -> bool:
    from .formats import is_web_file

    return path.is_file() and (path.suffix.lower() in SUFFIXES or is_web_file(path)) and not _is_annotation_file(path)


def _articles_in(folder: Path) -> Iterator[Path | DocumentError]:
    """The article files under `folder`, sorted; a sub-folder that cannot be listed is reported, not skipped silently."""
    unreadable: list[DocumentError] = []

    def report(error: OSError) -> None:
        unreadable.append(DocumentError(str(error.filename or folder), f"cannot read the folder ({error.strerror})"))

    found: list[Path] = []
    for root, folders, files in os.walk(folder, onerror=report):
        folders.sort()
        found += [Path(root, name) for name in files]
    articles = sorted(p for p in found if _is_article_file(p))
    yield from unreadable
    if not articles and not unreadable:
        yield DocumentError(str(folder), "the folder holds no articles (.txt, .jsonl, .html, feeds, .warc)")
    yield from articles


def _expand(paths: Iterable[str | Path], fetch: bool) -> Iterator[Path | str | DocumentError]:
    from .fetch import is_url

    for raw in paths:
        if isinstance(raw, str) and is_url(raw):
            yield raw if fetch else DocumentError(raw, "only the command line fetches URLs; send the page's text or HTML")
            continue
        if isinstance(raw, str) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", raw):
            yield DocumentError(raw, "only http:// and https:// addresses are fetched")
            continue
        path = Path(raw)
        try:
            if path.is_dir():
                yield from _articles_in(path)
            elif path.is_file():
                yield path
            else:
                yield DocumentError(str(path), "no such file or folder")
        except OSError as error:
            yield DocumentError(str(path), f"cannot read it ({error.strerror or error})")


def iter_documents(paths: Iterable[str | Path], *, fetch: bool = False) -> Iterator[Document | DocumentError]:
    """Every article under `paths`; a bad file or line is yielded as a DocumentError, never raised.

    Web pages, feeds and archives go to their readers (formats.py), lazily, so an archive streams;
    URLs are fetched only when `fetch` is set (the command line), never for the HTTP API.
    """
    from .fetch import documents_from_url
    from .formats import is_web_file, read_web_file

    for path in _expand(paths, fetch):
        if isinstance(path, DocumentError):
            yield path
            continue
        if isinstance(path, str):
            yield from documents_from_url(path)
            continue
        if is_web_file(path):
            yield from read_web_file(path)
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
                yield document_from_text(text, name=path.name, **read_metadata(path))
            except DocumentError as error:
                yield DocumentError(str(path), error.message)


def metadata_path(article: Path) -> Path:
    """Where a .txt article's metadata lives: `NAME.meta.json` beside `NAME.txt`."""
    return article.with_name(article.stem + META_SUFFIX)


def read_metadata(article: Path) -> dict[str, str]:
    """The title, URL and publication date of a .txt article from its `NAME.meta.json`, if any.

    A sidecar rather than a header line: the text file stays byte for byte what the outlet published,
    so character offsets (gold annotations, evidence) and the content hash do not move.
    """
    path = metadata_path(article)
    if not path.is_file():
        return {}
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DocumentError(str(path), f"the metadata file is not readable JSON ({error})") from None
    if not isinstance(record, dict):
        raise DocumentError(str(path), 'the metadata file must be a JSON object such as {"published": "2025-10-18"}')
    metadata = {key: str(record[key]) for key in META_FIELDS if record.get(key)}
    if "published" in metadata:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", metadata["published"][:10]):
            raise DocumentError(str(path), f'"published" must be an ISO date (YYYY-MM-DD), not {metadata["published"]!r}')
        metadata["published"] = metadata["published"][:10]
    return metadata
