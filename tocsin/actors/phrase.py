"""Reads who a noun phrase names off its words: country, sector and role.

"Venezuelan troops" -> VEN, [MIL]; "the US President" -> USA, [GOV], role President;
"his Secretary of War" -> the country of whoever "his" is, [GOV], role "Secretary of War";
"defence officials" -> [GOV]; "rebel leader" -> [REB] (the modifier beats the generic head).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tocsin import nlp
from tocsin.actors.dictionaries import Lexicon
from tocsin.actors.matcher import Match, find
from tocsin.actors.normalize import HYPHENS, fold, is_capitalised, title_key

_MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod"}


@dataclass
class Reading:
    code: str | None = None
    rule: str | None = None
    sectors: list[str] = field(default_factory=list)
    role: str | None = None
    head_key: str | None = None  # the sector noun that matched ("president", "troop")
    person: bool = False  # the head names one person
    known: bool = False  # the head is a sector noun
    code_tokens: set[int] = field(default_factory=set)  # tokens that gave the code

    def set_code(self, code: str | None, rule: str, tokens=()) -> None:
        if code and not self.code:
            self.code, self.rule = code, rule
            self.code_tokens.update(tokens)

    def add_sectors(self, sectors) -> None:
        for s in sectors:
            if s not in self.sectors:
                self.sectors.append(s)


def lemma_key(token) -> str:
    return title_key(fold(token.lemma_ if token.tag_ in ("NNS", "NNPS", "NN") else token.text))


def head_noun(root, lexicon: Lexicon) -> tuple[str | None, tuple[str, ...] | None, tuple]:
    """The longest sector noun ending at `root` ("prime minister", "secretary of state", "troop"),
    and the words it spans. Kept per Doc: the mentions, the resolver and the stages after ask again."""
    cache = nlp.shared(root.doc).setdefault("actors.head_noun", {})
    key = (root.i, id(lexicon))
    found = cache.get(key)
    if found is None:
        key_, sectors, words = _head_noun(root, lexicon)
        found = cache[key] = (key_, sectors, tuple(words))
    return found


def _head_noun(root, lexicon: Lexicon) -> tuple[str | None, tuple[str, ...] | None, list]:
    doc = root.doc
    of_pobj = of_object(root)
    if of_pobj is not None:
        key = f"{lemma_key(root)} of {fold(of_pobj.text)}"
        sectors = lexicon.sector_noun(key)
        if sectors is not None:
            return key, sectors, [root, of_pobj]
    # The up to four words before the root inside its sentence, read once for every k below
    # (Token.sent walks the sentence, and each doc[j] or .head builds a new Token). A multi-word
    # title ends in the root's own key, so a root that ends none needs no look at its words.
    i = root.i
    root_key = lemma_key(root)
    first = max(i - 4, 0)
    heads_known = lexicon.multiword_heads is not None and " " not in root_key
    if heads_known and root_key not in lexicon.multiword_heads:
        first = i
    if first < i:
        first = max(first, root.sent.start)
    window = [doc[j] for j in range(first, i)]
    texts = [t.text for t in window]
    heads = [t.head.i for t in window]
    root_head = root.head.i
    for k in (4, 3, 2, 1):  # "deputy prime minister", "Attorney-General" (hyphens are tokens)
        if i - k < first:
            continue
        # the words hang from the title, or sit beside it in a flat name ("Crown Prince Mohammed")
        if texts[-k] in HYPHENS or any((h < i - k or h > i) and h != root_head for h in heads[-k:]):
            continue
        words = [fold(t) for t in texts[-k:] if t not in HYPHENS]
        if not words or len(words) > 2:
            continue
        key = " ".join(words + [root_key])
        sectors = lexicon.sector_noun(key)
        if sectors is not None:
            return title_key(key), sectors, window[-k:] + [root]
    key = root_key
    if key in lexicon.capitalised_only and not is_capitalised(root.text):
        return None, None, []  # "the House" votes; "the house" was raided
    sectors = lexicon.sector_noun(key)
    if sectors is None and fold(root.text) != key:
        key = fold(root.text)
        sectors = lexicon.sector_noun(key)
    if sectors is None and root.tag_ in ("NNP", "NNPS") and key.endswith("s"):
        # a plural the tagger took for a name at the head of a sentence ("Physicians said")
        sectors = lexicon.sector_noun(key[:-1])
        key = key[:-1] if sectors is not None else key
    if sectors is None and key in lexicon.title_abbreviations:
        key = lexicon.title_abbreviations[key]
        sectors = lexicon.sector_noun(key)
    return (key, sectors, [root]) if sectors is not None else (None, None, [])


def of_object(root, preps=("of",)):
    """The object of the first of the root's prepositions among `preps` ("leader of Hamas": Hamas)."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def read(
    tokens,
    root,
    lexicon: Lexicon,
    matches: list[Match] | None = None,
    entity_of: Callable | None = None,
    _depth: int = 0,
) -> Reading:
    """Read a phrase (a Span or list of tokens of one Doc) whose head is `root`."""
    r = Reading()
    toks = list(tokens)
    if not toks:
        return r
    if matches is None:
        matches = find(root.doc[toks[0].i : toks[-1].i + 1], lexicon)
    key, sectors, head_tokens = head_noun(root, lexicon)
    if sectors is not None:
        r.known, r.head_key = True, key
        r.person = (key in lexicon.people or key in lexicon.civilians) and root.tag_ not in ("NNS", "NNPS")
        r.add_sectors(sectors)
    # modifiers set the sector ("opposition leader"); a generic head gives way to them
    mod_sectors: list[str] = []
    for t in toks:
        if t.i < root.i and t.dep_ in _MODIFIER_DEPS and t not in head_tokens:
            ms = lexicon.modifiers.get(fold(t.lemma_)) or lexicon.modifiers.get(fold(t.text))
            if ms:
                mod_sectors.extend(ms)
    if mod_sectors:
        if key in lexicon.generic or key is None:
            r.sectors = []
        r.add_sectors(mod_sectors)
    # country or coded organisation named inside the phrase
    doc = root.doc
    relational = fold(root.lemma_) in lexicon.relational_nouns
    backers = []
    for m in matches:
        if m.end + 1 < len(doc) and doc[m.end].text == "-" and doc[m.end + 1].lower_ != "led":
            backers.append(m)  # "the UN-backed government": the backer, the last resort for a code
            continue
        if m.entry.code and not (m.name_start <= root.i < m.end and m.entry.kind in ("country", "demonym")):
            if relational and m.end < len(doc) and doc[m.end].tag_ == "POS":
                continue  # "Kyiv's allies": the possessor is the other side of the relation
            if m.start >= toks[0].i and m.end <= toks[-1].i + 1:
                if m.start > root.i and not r.known and root.pos_ != "PROPN":
                    # "military intervention in Venezuela": the place, not who acts; "military"
                    # belongs to the unnamed intervener
                    r.sectors = []
                institution = m.entry.kind in ("org", "metonym", "user", "capital")
                if institution and _name_part(m, root, r, lexicon):
                    continue  # "the Congress party" (India) is not the US Congress
                rule = "dictionary" if m.entry.kind in ("org", "outlet", "user") else m.entry.rule
                if m.entry.kind == "capital":
                    rule = "metonym"
                r.set_code(m.entry.code, rule, range(m.start, m.end))
                if institution and (not r.known or (key in lexicon.generic and m.entry.sector)):
                    # "Hamas leader", "Pentagon spokesman": a generic head belongs to the body
                    r.sectors = [] if r.known else r.sectors
                    r.add_sectors(m.entry.sector)
                break
    # possessor: "Venezuela's", "his", "Trump's"
    for child in root.children:
        if child.dep_ == "poss" and entity_of is not None and not r.code and not relational:
            ent = entity_of(child)
            if ent is not None and ent.code:
                r.set_code(ent.code, "possessive", [child.i])
    # "a spokesman for the foreign ministry": a generic head speaks for the body after "for"
    of_pobj = of_object(root, ("of", "for") if r.head_key in lexicon.generic else ("of",))
    if of_pobj is not None and r.known and _depth < 3:
        _of_phrase(r, root, of_pobj, lexicon, entity_of, _depth)
    if not r.code:  # "forces loyal to Kabore", "militias backing the government": whose side they fight on
        _allegiance(r, root, lexicon, entity_of)
    if not r.code:  # "the Kerala government", "Sindh's provincial government": a state's or province's
        _subdivision(r, toks, root, lexicon)
    # "people in eastern Syria", "positions inside Syria": where they are. Only an actor noun is
    # somewhere: "military intervention in Venezuela" says nothing of who intervenes.
    if not r.code and r.known:
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ in lexicon.place_prepositions and child.lower_ != "of" \
                    and child.lower_ not in lexicon.proximity_prepositions:
                beside = _beside(child, lexicon)  # "in a town near the Syrian border": not in Syria
                for m in find(root.doc[child.i : max(t.i for t in child.subtree) + 1], lexicon):
                    if m.start in beside:
                        continue
                    # "diplomats from EU states": where people come from can be a body they belong to
                    member = child.lower_ == "from" and m.entry.kind == "org" and bool(m.entry.code)
                    if m.entry.kind in ("country", "demonym", "capital") or member:
                        r.set_code(m.entry.code, "location", range(m.start, m.end))
                        break
    for m in backers:
        if m.entry.code and m.start >= toks[0].i and m.end <= toks[-1].i + 1:
            r.set_code(m.entry.code, "backer", range(m.start, m.end))
    if not r.code and root.pos_ == "PROPN" and _ngo_name(toks, lexicon):
        r.set_code("NGO", "name")  # "the Alliance of Rural Health and Relief Workers"
    if r.person and r.known:
        r.role = _role(toks, root, head_tokens, r, lexicon)
        if any(t.i < root.i and fold(t.text) in lexicon.former_words for t in toks):
            r.sectors = ["ELI"]  # "former president", "ex-minister": PLOVER codes former officials as elites
    return r


def _beside(prep, lexicon: Lexicon) -> set[int]:
    """The tokens of the place phrases under `prep` that are only near a place ("near the border")."""
    return {t.i for p in prep.subtree if p.dep_ == "prep" and p.lower_ in lexicon.proximity_prepositions
            for t in p.subtree}


def _ngo_name(toks, lexicon: Lexicon) -> bool:
    """A capitalised name with a word only voluntary bodies use ("Relief", "Charity") and none a state
    body uses ("Ministry", "National")."""
    words = {fold(t.lemma_) for t in toks if t.text[:1].isupper()} | {fold(t.text) for t in toks if t.text[:1].isupper()}
    return bool(words & lexicon.ngo_name_words) and not words & lexicon.state_name_words


def allegiance_object(root, lexicon: Lexicon):
    """The head of whoever a group is 'loyal to', 'backing', 'allied with'; None if none."""
    for child in root.children:
        if child.i > root.i and child.lower_ in lexicon.allegiance_words and child.dep_ in ("amod", "acl", "relcl"):
            for grand in child.children:
                if grand.dep_ == "dobj":
                    return grand
                if grand.dep_ == "prep":
                    for pobj in grand.children:
                        if pobj.dep_ == "pobj":
                            return pobj
    return None


def _allegiance(r: Reading, root, lexicon: Lexicon, entity_of) -> None:
    if not r.known or r.person:
        return
    obj = allegiance_object(root, lexicon)
    if obj is None:
        return
    ent = entity_of(obj) if entity_of is not None else None
    if ent is not None and ent.code:
        r.set_code(ent.code, "allegiance", [obj.i])
        return
    sub = list(obj.subtree)
    for m in find(root.doc[sub[0].i : sub[-1].i + 1], lexicon):
        if m.entry.code and m.entry.kind != "outlet":
            r.set_code(m.entry.code, "allegiance", range(m.start, m.end))
            return


def _subdivision(r: Reading, toks, root, lexicon: Lexicon) -> None:
    """A state or province in front of an actor noun ("the Ohio state government"), or the phrase is
    the area's own name: its country."""
    from tocsin.actors import subdivisions

    words = [t for t in toks if t.i < root.i] if r.known else toks
    for child in root.children:  # the possessor of an actor noun: "Sindh's government"
        if child.dep_ == "poss" and r.known and fold(root.lemma_) not in lexicon.relational_nouns:  # not "Kyiv's allies"
            words += [t for t in child.subtree if t not in words]
    for run in subdivisions.runs(sorted(words, key=lambda t: t.i)):
        if not r.known and root not in run:
            continue
        code = subdivisions.country_of(run, lexicon.not_areas)
        if code:
            r.set_code(code, "subdivision", [t.i for t in run])
            return


def _name_part(m: Match, root, r: Reading, lexicon: Lexicon) -> bool:
    """An institution's name in front of a head of another kind is part of another name: "the
    Congress party", "the Kremlin Cup". A generic head ("leader") belongs to the institution."""
    if m.entry.kind not in ("org", "user") or not r.known or r.person or r.head_key in lexicon.generic \
            or not m.entry.sector or m.end > root.i:
        return False  # "NATO Secretary-General": a person's office belongs to the body
    return not set(m.entry.sector) & set(r.sectors)


def _of_phrase(r: Reading, root, of_pobj, lexicon: Lexicon, entity_of, depth: int) -> None:
    """'the President of Venezuela', 'Secretary-General of the United Nations': the "of" phrase gives
    the code; 'leaders of the opposition party', 'members of a rebel group': a generic head ("leader",
    "member") takes the sectors of the body it belongs to."""
    doc = root.doc
    sub = list(of_pobj.subtree)
    # the body's name, not a clause about it ("..., which runs clinics in Peru")
    end = min([c.left_edge.i for c in of_pobj.children if c.dep_ in ("relcl", "acl", "appos") and c.i > of_pobj.i]
              + [sub[-1].i + 1])
    sub = [t for t in sub if t.i < end]
    of_span = doc[sub[0].i : end]
    if not r.code:
        for m in find(of_span, lexicon):
            if m.entry.code and m.entry.kind != "outlet":
                r.set_code(m.entry.code, "title", range(m.start, m.end))
                break
    if r.head_key not in lexicon.generic and r.sectors:
        if not r.code and of_pobj.pos_ == "PROPN" and _ngo_name(sub, lexicon):
            r.set_code("NGO", "title")  # "the chairman of the ... Relief Organisations"
        return
    inner = read(of_span, of_pobj, lexicon, None, entity_of, depth + 1)
    sectors = list(inner.sectors)
    owner = entity_of(of_pobj) if entity_of is not None and not sectors else None
    if owner is not None:
        sectors = list(owner.sectors)
        r.set_code(owner.code, "title")
    if sectors:
        r.sectors = sectors
    r.set_code(inner.code, "title")


def _role(toks, root, head_tokens, r: Reading, lexicon: Lexicon) -> str:
    head = {t.i for t in head_tokens}
    keep = []
    for t in toks:
        if t.i > root.i:
            continue
        if t.i in head:  # the title itself, hyphens and all ("Secretary-General", "Crown Prince")
            keep.append(t)
            continue
        if t.i in r.code_tokens or t.dep_ not in _MODIFIER_DEPS:
            continue
        if t.pos_ in ("PROPN", "NOUN") or is_capitalised(t.text) or fold(t.text) in lexicon.modifiers:
            if t.ent_type_ in ("PERSON",) or t.pos_ == "NUM":
                continue
            keep.append(t)
    if root.i not in head:
        keep.append(root)
    role = render(keep)
    of_pobj = of_object(root)
    if of_pobj is not None and not any(i >= of_pobj.i for i in r.code_tokens):
        sub = list(of_pobj.subtree)
        role += " of " + root.doc[sub[0].i : sub[-1].i + 1].text
    return role


def render(tokens) -> str:
    """Tokens as written: the text's own spacing between neighbours, one space across gaps."""
    out = ""
    prev = None
    for t in sorted(tokens, key=lambda t: t.i):
        if prev is not None:
            out += prev.whitespace_ if t.i == prev.i + 1 else " "
        out += t.text
        prev = t
    return out
