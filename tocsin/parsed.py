"""The parse as plain Python objects, read off spaCy's arrays once per Doc.

spaCy builds a new Token object on every `doc[i]`, `token.head` or `token.children`, and looks
each string attribute up in its StringStore on every access; the stages walk the parse tens of
thousands of times per article. `read(doc)` copies what they read (words, tags, the tree,
entities and sentences) into one `Token` per word with plain attributes, in one pass over
`Doc.to_array`. `Doc`, `Span` and `Token` here answer the part of spaCy's API the stages use,
with spaCy's own semantics; anything else is passed to the spaCy object underneath and its
answer translated back, so a stage never holds a spaCy Token beside one of these.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from operator import attrgetter

import numpy as np
from spacy import attrs

_VIEW = "tocsin.parsed"  # the view of a spaCy Doc, kept in its user_data until `nlp.release`
_COLUMNS = [attrs.ORTH, attrs.LOWER, attrs.LEMMA, attrs.POS, attrs.TAG, attrs.DEP, attrs.HEAD, attrs.IDX,
            attrs.ENT_TYPE, attrs.ENT_IOB, attrs.SPACY, attrs.IS_PUNCT, attrs.IS_SPACE, attrs.LIKE_NUM,
            attrs.IS_UPPER, attrs.IS_ALPHA, attrs.SENT_START]
_IOB = ("", "I", "O", "B")
_START = attrgetter("start")
_SENT_START = {1: True, -1: False, 0: None}

# Hash -> string, shared by the Docs of a process: a hash names one string forever, so the table
# stays right across spaCy's memory zones; it is emptied when large, as a long corpus run grows it.
_STRINGS: dict[int, str] = {}
_STRINGS_MAX = 500_000


def read(doc) -> Doc:
    """The view of a spaCy Doc (built once; a view is returned as it is)."""
    if isinstance(doc, Doc):
        return doc
    view = doc.user_data.get(_VIEW)
    if view is None:
        view = doc.user_data[_VIEW] = Doc(doc)
    return view


def forget(doc) -> None:
    """Drop the view kept in a spaCy Doc's user_data (the view points back at the Doc)."""
    if not isinstance(doc, Doc):
        doc.user_data.pop(_VIEW, None)


def _strings(hashes: list[int], store) -> list[str]:
    if len(_STRINGS) > _STRINGS_MAX:
        _STRINGS.clear()
    out = list(map(_STRINGS.get, hashes))
    if None in out:
        for n, h in enumerate(hashes):
            if out[n] is None:
                out[n] = _STRINGS[h] = store[h]
    return out


def _own(doc: Doc, value):
    """A value spaCy returned, with its Tokens and Spans replaced by the view's."""
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token as SpacyToken

    if isinstance(value, SpacyToken):
        return doc.tokens[value.i]
    if isinstance(value, SpacySpan):
        return Span(doc, value.start, value.end, value.label_)
    if isinstance(value, tuple):
        return tuple(_own(doc, v) for v in value)
    if isinstance(value, list):
        return [_own(doc, v) for v in value]
    if isinstance(value, Iterator):
        return (_own(doc, v) for v in value)
    if callable(value) and not isinstance(value, type):
        return lambda *a, **k: _own(doc, value(*a, **k))
    return value


def _normalize_slice(length: int, start, stop, step) -> tuple[int, int]:
    """spaCy's slice rule: negative from the end, clipped to the length, never ending before it starts."""
    if not (step is None or step == 1):
        raise ValueError("a Doc or Span slice takes no step")
    start = 0 if start is None else start + length if start < 0 else start
    start = min(length, max(0, start))
    stop = length if stop is None else stop + length if stop < 0 else stop
    return start, min(length, max(start, stop))


class Doc:
    """A parsed text: its words (`tokens`), sentences, entities and the spaCy Doc (`spacy`)."""

    __slots__ = ("spacy", "text", "tokens", "user_data", "vocab", "_sents", "_sent_of", "_ents", "_ends", "_roots")

    def __init__(self, doc):
        self.spacy = doc
        self.vocab = doc.vocab
        # The stages' caches (nlp.shared) live here, apart from any kept on the spaCy Doc itself.
        self.user_data = {k: v for k, v in doc.user_data.items() if k != _VIEW and not str(k).startswith("tocsin.shared")}
        self.tokens = _tokens(self, doc)
        self.text = "".join([t.text + t.whitespace_ for t in self.tokens])
        self._sents: tuple | None = None
        self._sent_of: list[int] | None = None
        self._ents: tuple | None = None
        self._ends: list[int] | None = None
        self._roots: dict[tuple[int, int], Token] = {}  # of the spans asked, as the stages ask again

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return iter(self.tokens)

    def __getitem__(self, key):
        if key.__class__ is slice:
            start, end = key.start, key.stop
            if not (key.step is None and start is not None and end is not None and 0 <= start <= end <= len(self.tokens)):
                start, end = _normalize_slice(len(self.tokens), start, end, key.step)
            return Span(self, start, end)
        return self.tokens[key]

    def __repr__(self) -> str:
        return self.text

    @property
    def sents(self) -> Iterator[Span]:
        return iter(self._sentences())

    def _sentences(self) -> tuple:
        if self._sents is None:
            self._sents = tuple(Span(self, s.start, s.end) for s in self.spacy.sents)
            sent_of: list[int] = []
            for n, sent in enumerate(self._sents):
                sent_of.extend([n] * (sent.end - sent.start))
            self._sent_of = sent_of
        return self._sents

    def sent_of(self, i: int) -> Span:
        """The sentence of token i (spaCy's Token.sent)."""
        sents = self._sentences()
        return sents[self._sent_of[i]]

    @property
    def ents(self) -> tuple:
        if self._ents is None:
            self._ents = tuple(Span(self, e.start, e.end, e.label_) for e in self.spacy.ents)
        return self._ents

    @property
    def doc(self) -> Doc:
        return self

    @property
    def noun_chunks(self) -> Iterator[Span]:
        # spaCy's own chunker for the language, run over this view's words
        found = list(self.spacy.noun_chunks_iterator(self))
        strings = self.vocab.strings
        return (Span(self, start, end, strings[label]) for start, end, label in found)

    def char_span(self, start_idx: int, end_idx: int, label="", alignment_mode: str = "strict", **kwargs) -> Span | None:
        """spaCy's Doc.char_span (a knowledge-base id, vector or span id is left to spaCy)."""
        if kwargs or alignment_mode not in ("strict", "contract", "expand"):
            span = self.spacy.char_span(start_idx, end_idx, label, alignment_mode=alignment_mode, **kwargs)
            return None if span is None else Span(self, span.start, span.end, span.label_)
        tokens = self.tokens
        start = self._token_at(start_idx)
        if start < 0 or (alignment_mode == "strict" and start_idx != tokens[start].idx):
            return None
        end = self._token_at(end_idx - 1)
        if end < 0 or (alignment_mode == "strict" and end_idx != tokens[end].idx + len(tokens[end].text)):
            return None
        if alignment_mode == "contract":
            if tokens[start].idx < start_idx:
                start += 1
            if end_idx < tokens[end].idx + len(tokens[end].text):
                end -= 1
            if end < start:
                return None
        elif alignment_mode == "expand" and start_idx == tokens[start].idx + len(tokens[start].text):
            start += 1  # not the trailing space of the token before
        if end + 1 < start:
            raise IndexError(f"a span cannot end (token {end + 1}) before it starts (token {start})")
        return Span(self, start, end + 1, label if isinstance(label, str) else self.vocab.strings[label] if label else "")

    def _token_at(self, char: int) -> int:
        """The token whose text or trailing space holds character `char`, -1 if none."""
        if self._ends is None:
            # a word and its trailing space end where the next word starts
            self._ends = [t.idx for t in self.tokens[1:]] + [len(self.text)]
        at = bisect_right(self._ends, char)
        return at if at < len(self.tokens) and self.tokens[at].idx <= char else -1

    def to_array(self, *args):
        return self.spacy.to_array(*args)

    def __getattr__(self, name: str):
        return _own(self, getattr(self.spacy, name))


def _tokens(view: Doc, doc) -> list[Token]:
    if not len(doc):
        return []
    array = doc.to_array(_COLUMNS)  # uint64: the hashes; the head offsets and sentence starts are signed
    text, lower, lemma, pos, tag, dep, _, idx, ent_type, iob, space, punct, is_space, num, upper, alpha, _ = \
        array.T.tolist()
    signed = array.view(np.int64)
    head, sent_start = signed[:, 6].tolist(), signed[:, 16].tolist()
    store = doc.vocab.strings
    text, lower, lemma, tag, dep_, ent_type = (_strings(c, store) for c in (text, lower, lemma, tag, dep, ent_type))
    pos_ = _strings(pos, store)
    iob = list(map(_IOB.__getitem__, iob))
    space = [" " if s else "" for s in space]
    punct, is_space, num, upper, alpha = (list(map(bool, c)) for c in (punct, is_space, num, upper, alpha))
    sent_start = list(map(_SENT_START.__getitem__, sent_start))
    tokens = list(map(Token, [view] * len(text), range(len(text)), text, lower, lemma, pos_, pos, tag, dep_, dep, idx,
                      ent_type, iob, space, punct, is_space, num, upper, alpha, sent_start))
    parents = []  # the words with children, once each
    for tok, offset in zip(tokens, head):
        if offset:
            parent = tokens[tok.i + offset]
            tok.head = parent
            if not (parent.lefts or parent.rights):
                parents.append(parent)
                parent.lefts, parent.rights = [], []
            (parent.lefts if offset > 0 else parent.rights).append(tok)
    for parent in parents:  # tuples: a caller cannot change the tree by changing what it was given
        parent.lefts, parent.rights = tuple(parent.lefts), tuple(parent.rights)
        parent.children = parent.lefts + parent.rights
    return tokens


class Token:
    """One word of the parse, with spaCy's Token attributes as plain values."""

    __slots__ = ("doc", "i", "text", "lower_", "lemma_", "pos_", "pos", "tag_", "dep_", "dep", "idx", "ent_type_",
                 "ent_iob_", "whitespace_", "is_punct", "is_space", "like_num", "is_upper", "is_alpha",
                 "is_sent_start", "head", "lefts", "rights", "children")

    def __init__(self, doc, i, text, lower, lemma, pos_, pos, tag, dep_, dep, idx, ent_type, ent_iob_, whitespace_,
                 is_punct, is_space, like_num, is_upper, is_alpha, is_sent_start):
        self.doc = doc
        self.i = i
        self.text = text
        self.lower_ = lower
        self.lemma_ = lemma
        self.pos_ = pos_
        self.pos = pos
        self.tag_ = tag
        self.dep_ = dep_
        self.dep = dep
        self.idx = idx
        self.ent_type_ = ent_type
        self.ent_iob_ = ent_iob_
        self.whitespace_ = whitespace_
        self.is_punct = is_punct
        self.is_space = is_space
        self.like_num = like_num
        self.is_upper = is_upper
        self.is_alpha = is_alpha
        self.is_sent_start = is_sent_start
        self.head = self
        self.lefts = self.rights = self.children = ()  # lists once the word has children

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    def __lt__(self, other: Token) -> bool:
        return self.idx < other.idx

    def __le__(self, other: Token) -> bool:
        return self.idx <= other.idx

    def __gt__(self, other: Token) -> bool:
        return self.idx > other.idx

    def __ge__(self, other: Token) -> bool:
        return self.idx >= other.idx

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    @property
    def sent(self) -> Span:
        return self.doc.sent_of(self.i)

    @property
    def n_lefts(self) -> int:
        return len(self.lefts)

    @property
    def n_rights(self) -> int:
        return len(self.rights)

    # spaCy's edges (its sweeps from children to heads; in a non-projective parse they may differ
    # from the bounds of the subtree), asked of spaCy for the few words whose edges are read.
    @property
    def left_edge(self) -> Token:
        return self.doc.tokens[self.doc.spacy[self.i].left_edge.i]

    @property
    def right_edge(self) -> Token:
        return self.doc.tokens[self.doc.spacy[self.i].right_edge.i]

    @property
    def subtree(self) -> Iterator[Token]:
        for word in self.lefts:
            yield from word.subtree
        yield self
        for word in self.rights:
            yield from word.subtree

    @property
    def ancestors(self) -> Iterator[Token]:
        tok, n, limit = self, 0, len(self.doc.tokens)
        while tok.head is not tok and n < limit:
            tok = tok.head
            yield tok
            n += 1

    def is_ancestor(self, descendant: Token) -> bool:
        return descendant.doc is self.doc and any(a is self for a in descendant.ancestors)

    @property
    def conjuncts(self) -> tuple:
        start = self
        while start.head is not start and start.dep_ == "conj":
            start = start.head
        queue = [start]
        output = [start]
        for word in queue:
            for child in word.rights:
                if child.dep_ == "conj":
                    output.append(child)
                    queue.append(child)
        return tuple(w for w in output if w is not self)

    def nbor(self, i: int = 1) -> Token:
        at = self.i + i
        if at < 0 or at >= len(self.doc.tokens):
            raise IndexError(f"token {self.i} has no neighbour at {i}")
        return self.doc.tokens[at]

    def __getattr__(self, name: str):
        return _own(self.doc, getattr(self.doc.spacy[self.i], name))


class Span:
    """Words start..end of a Doc (a sentence, an entity with its label_, a phrase)."""

    __slots__ = ("doc", "start", "end", "label_", "_root")

    def __init__(self, doc: Doc, start: int, end: int, label_: str = ""):
        self.doc = doc
        self.start = start
        self.end = end
        self.label_ = label_
        self._root = None

    @property
    def start_char(self) -> int:
        tokens = self.doc.tokens
        return tokens[self.start].idx if self.start < len(tokens) else len(self.doc.text)

    @property
    def end_char(self) -> int:
        if self.start == self.end:
            return self.start_char
        last = self.doc.tokens[self.end - 1]
        return last.idx + len(last.text)

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[Token]:
        return iter(self.doc.tokens[self.start:self.end])

    def __getitem__(self, key):
        n = self.end - self.start
        if isinstance(key, slice):
            start, end = _normalize_slice(n, key.start, key.stop, key.step)
            return Span(self.doc, self.start + start, self.start + end)
        if key < 0:
            key += n
        if not 0 <= key < n:
            raise IndexError(f"span of {n} tokens has no token {key}")
        return self.doc.tokens[self.start + key]

    def __eq__(self, other) -> bool:
        return isinstance(other, Span) and other.doc is self.doc and (other.start, other.end, other.label_) == (
            self.start, self.end, self.label_)

    def __hash__(self) -> int:
        return hash((id(self.doc), self.start, self.end, self.label_))

    # spaCy orders spans by offsets, then by the label's hash
    def _key(self) -> tuple[int, int, int]:
        return self.start_char, self.end_char, self.label

    def __lt__(self, other: Span) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Span) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: Span) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: Span) -> bool:
        return self._key() >= other._key()

    @property
    def label(self) -> int:
        return self.doc.vocab.strings[self.label_]

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char]

    @property
    def text_with_ws(self) -> str:
        return self.text + (self.doc.tokens[self.end - 1].whitespace_ if self.end > self.start else "")

    @property
    def root(self) -> Token:
        """spaCy's rule: a sentence root in the span, else the word nearest the root of those whose
        head is outside (a bare punctuation mark or space counting as far), the first on a tie."""
        if self._root is None:
            self._root = self.doc._roots.get((self.start, self.end))
        if self._root is None:
            start, end = self.start, self.end
            words = self.doc.tokens[start:end]
            found = next((t for t in words if t.head is t), None)
            if found is None:
                outside = [t for t in words if not start <= t.head.i < end]
                # most phrases: the one word whose head is outside, with no path to count
                found = outside[0] if len(outside) == 1 else _nearest_root(outside, len(self.doc.tokens))
            self._root = self.doc._roots[start, end] = found if found is not None else self.doc.tokens[start]
        return self._root

    @property
    def sent(self) -> Span:
        return self.doc.sent_of(self.start) if self.start < len(self.doc.tokens) else _own(
            self.doc, self.doc.spacy[self.start:self.end].sent)

    @property
    def ents(self) -> list[Span]:
        """spaCy's rule: the entities from the first starting in the span to the first ending past it."""
        ents = self.doc.ents
        out = []
        for k in range(bisect_left(ents, self.start, key=_START), len(ents)):
            if ents[k].end > self.end:
                break
            out.append(ents[k])
        return out

    def __getattr__(self, name: str):
        return _own(self.doc, getattr(self.doc.spacy[self.start:self.end], name))


def _nearest_root(words: list[Token], limit: int) -> Token | None:
    """The word with the fewest steps up to its sentence's root (a bare punctuation mark or space
    counting as far), the first on a tie."""
    best, found = limit, None
    for tok in words:
        if (tok.is_space or tok.is_punct) and not tok.children:
            n = limit - 1
        else:
            n, up = 0, tok
            while up.head is not up:
                up, n = up.head, n + 1
        if n < best:
            best, found = n, tok
    return found
