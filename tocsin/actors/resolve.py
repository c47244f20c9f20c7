"""Groups the candidates of one document into entities, in reading order.

- Names: the same name without honorifics and diacritics is one entity; a one-word name joins
  the most recent full name that ends with it ("Trump" -> "Donald Trump"); a full name adopts
  an earlier one-word entity it ends with.
- Codes come from the text: title and country words in front of the name, an apposition, a
  possessor ("Venezuela's Nicolas Maduro", "his Secretary of War"), a dictionary entry.
- Nominal anaphora ("the Venezuelan leader") joins the most recent compatible person entity
  when only one is compatible; a definite role with no holder yet is an entity of its own and
  takes the next new name that carries no title ("his Secretary of War ... Pete Hesgeth").
- Pronouns ("he", "his") join the one person mentioned before them in the sentence, or in the
  nearest earlier sentence that mentions people; two or more candidates leave them unresolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tocsin import nlp
from tocsin.actors.dictionaries import Lexicon
from tocsin.actors.matcher import Match, find
from tocsin.actors.mentions import Candidate
from tocsin.actors.normalize import fold, has_diacritics
from tocsin.actors.phrase import Reading, allegiance_object, read, render
from tocsin.model import Entity, Mention

PRONOUN_LOOKBACK = 3  # sentences a pronoun may look back for its antecedent
BRIDGE_WINDOW = 3  # sentences within which an unnamed office-holder takes the next new name
_DEFINITE = {"the", "this", "that"}


@dataclass
class Work:
    name: str
    type: str
    key: tuple[str, ...] = ()
    code: str | None = None
    rule: str | None = None
    sectors: list[str] = field(default_factory=list)
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    first_sent: int = 0
    unnamed_role: bool = False  # created from "his Secretary of War": waits for a name
    titled: bool = False  # its role came from a title next to its name

    def absorb(self, r: Reading | None, titled: bool = False) -> None:
        if r is None:
            return
        if r.code and not self.code:
            self.code, self.rule = r.code, r.rule
        for s in r.sectors:
            if s not in self.sectors:
                self.sectors.append(s)
        if r.role and (not self.role or (titled and not self.titled)):
            self.role = r.role
            self.titled = self.titled or titled


class Resolver:
    def __init__(self, doc, lexicon: Lexicon, matches: list[Match]):
        self.doc, self.lex, self.matches = doc, lexicon, matches
        self.entities: list[Work] = []
        self.by_token: dict[int, Work] = {}
        self.log: list[tuple[int, int, Work]] = []  # (sentence, token, entity) of each mention
        self.sent_of = nlp.sent_index(doc)  # token -> its sentence's number
        self._pronoun_done: dict[int, Work | None] = {}
        # name -> the country a knowledge base gives it on the article's day (set by the stage)
        self.known_code = None
        self._dict_entities: dict[str, Work] = {}
        self._loyal: list[tuple[Work, object]] = []
        self._bodies: dict[str, list[Work]] = {}  # head noun -> coded bodies (not people), latest last

    # -- helpers --------------------------------------------------------------------------
    def _add_mention(self, ent: Work, start: int, end: int, tokens=None) -> None:
        ent.mentions.append((start, end))
        if ent.code and ent.type != "PERSON":  # bodies by head noun, for "the ministry" later
            bucket = self._bodies.setdefault(fold(self.doc[start:end].root.lemma_), [])
            if not bucket or bucket[-1] is not ent:
                bucket.append(ent)
        for i in tokens if tokens is not None else range(start, end):
            self.by_token.setdefault(i, ent)
        self.log.append((self.sent_of[start], start, ent))

    def _new(self, **kw) -> Work:
        ent = Work(**kw)
        self.entities.append(ent)
        return ent

    def entity_of(self, token) -> Work | None:
        """The entity a token belongs to (a possessor, a name, a pronoun)."""
        if token.lower_ in self.lex.person_pronouns:
            return self.resolve_pronoun(token)
        ent = self.by_token.get(token.i)
        if ent is not None:
            return ent
        for m in self.matches:
            if m.name_start <= token.i < m.end and m.entry.code:
                return Work(name=m.entry.name, type=m.entry.type, code=m.entry.code, rule=m.entry.rule)
        return None

    def _name_key(self, start: int, end: int) -> tuple[str, ...]:
        words = [fold(t.text) for t in self.doc[start:end] if t.tag_ != "POS" and not t.is_punct]
        while words and (words[0] in self.lex.honorifics or words[0] in self.lex.title_abbreviations):
            words.pop(0)
        return tuple(words)

    # -- candidates -----------------------------------------------------------------------
    def run(self, cands: list[Candidate]) -> None:
        self._appos_links = self._appositions(cands)
        self._deferred: dict[int, list[Candidate]] = {}
        for c in cands:
            if c.kind == "dict":
                self._dictionary(c)
            elif c.kind == "name":
                self._name(c)
            elif c.kind == "nominal":
                self._nominal(c)
            else:
                ent = self.resolve_pronoun(c.root)
                if ent is not None:
                    self._add_mention(ent, c.start, c.end)

    def _dictionary(self, c: Candidate) -> None:
        entry = c.entry
        eid, sector, rule = entry.id, list(entry.sector), entry.rule
        if entry.kind == "capital" and self._is_place(c):
            eid, sector, rule = f"country:{entry.code}", [], "country"
        ent = self._dict_entities.get(eid)
        if ent is None:
            name = entry.name if entry.kind != "capital" or eid.startswith("country:") else self.doc[c.name_start : c.end].text
            typ = "GPE" if entry.kind in ("country", "demonym") or eid.startswith("country:") else entry.type
            ent = self._new(name=name, type=typ, code=entry.code, rule=rule, sectors=sector, role=entry.role,
                            first_sent=self.sent_of[c.start], key=(eid,))
            self._dict_entities[eid] = ent
        self._add_mention(ent, c.start, c.end)

    def _is_place(self, c: Candidate) -> bool:
        """A capital is a place unless it says, decides or does something political as a government:
        subject or agent of a government verb ("Washington said", "condemned by Moscow"), or
        possessor of a government noun ("Moscow's decision")."""
        lex = self.lex
        head = c.root
        while head.dep_ == "conj" and head.head.i != head.i:  # "Washington and Moscow agreed"
            head = head.head
        if head.dep_ == "poss":
            return head.head.lemma_.lower() not in lex.government_nouns
        if head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.dep_ == "agent":
            verb = head.head.head
        elif head.dep_ in ("nsubj", "nsubjpass"):
            verb = head.head
        else:
            return True
        lemmas = {verb.lemma_.lower()} | {t.lemma_.lower() for t in verb.children if t.dep_ in ("xcomp", "ccomp")}
        return not lemmas & lex.government_verbs

    def _name(self, c: Candidate) -> None:
        key = self._name_key(c.name_start, c.name_end)
        if not key:
            return
        doc = self.doc
        name_text = doc[c.name_start : c.name_end].text
        reading = None
        if c.type == "PERSON" and self._prefixed(c):
            c.type = "ORG"  # "USS Ada Lowell": a ship named after a person is its navy's
        if c.type == "PERSON":
            reading = self._person_context(c)
        elif c.type in ("ORG", "GPE"):
            span = doc[c.name_start : c.name_end]
            # only a country word gives an organisation's name its code: "US Navy" is American,
            # "the African National Congress" is not the US Congress
            inner = [m for m in find(span, self.lex)
                     if m.entry.kind in ("country", "demonym", "metonym", "capital")
                     or not (m.name_start <= c.root.i < m.end)]
            reading = read(span, c.root, self.lex, inner, self.entity_of)
            if reading.code and reading.rule not in ("possessive",):
                reading.rule = "name"
        ent = self._find_name(c, key, reading)
        if ent is None:
            ent = self._new(name=name_text, type=c.type, key=key, first_sent=self.sent_of[c.start])
        elif (ent.key and ent.key[0] == "nominal") or len(key) > len(ent.key) or (
            key == ent.key and has_diacritics(name_text) and not has_diacritics(ent.name)
        ):
            ent.name, ent.key = name_text, key
        if c.type == "PERSON" and ent.type != "PERSON":
            ent.type = "PERSON"
        ent.absorb(reading, titled=c.type == "PERSON")
        end = self._leader_group_end(c)
        self._add_mention(ent, c.start, end, range(c.start, c.name_end))
        for nominal in self._deferred.pop(id(c), []):
            self._add_mention(ent, nominal.start, nominal.end)

    def _prefixed(self, c: Candidate) -> bool:
        """Does a one-word seat-of-power or ship prefix ("USS", "HMS") open the name?"""
        return any(m.name_start == c.name_start and m.end - m.name_start == 1 and m.end < c.name_end
                   and m.entry.kind == "metonym" and m.entry.code and fold(self.doc[m.name_start].text).isalpha()
                   and self.doc[m.name_start].text.isupper() for m in self.matches)

    @staticmethod
    def _appositions(cands: list[Candidate]) -> dict[int, Candidate]:
        """Nominal candidates in apposition to a person's name, mapped to that name."""
        names = [c for c in cands if c.kind == "name" and c.type == "PERSON"]
        # the names by the tokens they cover and by the head of an appositive root, so that each
        # nominal looks only at its own; the last name that fits wins
        covering: dict[int, list[int]] = {}
        appos_to: dict[int, list[int]] = {}
        for k, p in enumerate(names):
            for i in range(p.name_start, p.name_end):
                covering.setdefault(i, []).append(k)
            if p.root.dep_ == "appos":
                appos_to.setdefault(p.root.head.i, []).append(k)
        links = {}
        for n in cands:
            if n.kind != "nominal" or n.type != "PERSON":
                continue
            fits = appos_to.get(n.root.i, [])
            if n.root.dep_ == "appos":
                fits = fits + covering.get(n.root.head.i, [])
            if fits:
                links[id(n)] = names[max(fits)]
        return links

    def _leader_group_end(self, c: Candidate) -> int:
        """'Donald Trump's administration' is a mention of Trump (his side, his government)."""
        root = c.root
        head = root.head
        if root.dep_ == "poss" and head.lemma_.lower() in self.lex.leader_groups and head.i >= c.name_end:
            return head.i + 1
        return c.name_end

    def _person_context(self, c: Candidate) -> Reading:
        """Titles, country words and possessor in front of the name, or an apposition."""
        doc = self.doc
        r = Reading()
        if c.start < c.name_start:
            left = list(doc[c.start : c.name_start])
            title_words = [t for t in left if t.tag_ != "POS" and t.dep_ != "case"]
            titles = [t for t in title_words if self.lex.sector_noun(fold(t.lemma_)) is not None
                      or fold(t.text) in self.lex.title_abbreviations]
            if titles:
                sub = read(title_words, titles[-1], self.lex, None, self.entity_of)
                r = sub
                if r.code:
                    r.rule = "title"
                r.role = r.role if titles[-1].lower_ not in self.lex.honorifics else None
            before = doc[c.start - 1] if c.start > 0 else None
            if titles and before is not None and fold(before.text) in self.lex.former_words \
                    and c.start <= before.head.i < c.name_end:
                r.sectors = ["ELI"]  # "former president Alvaro Quispe": no longer in office
            # a possessor ("Venezuela's Nicolas Maduro") or a country word with no title
            for m in find(doc[c.start : c.name_start], self.lex):
                if m.entry.code and not r.code:
                    poss = any(t.tag_ == "POS" for t in doc[m.end : c.name_start])
                    r.set_code(m.entry.code, "possessive" if poss else m.entry.rule)
        root = doc[c.name_start : c.name_end].root
        if r.role and not r.code:  # "Prime Minister Ana Ruiz of Peru": the office's country follows the name
            of = next((t for t in root.children if t.dep_ == "prep" and t.lower_ == "of"), None)
            if of is not None:
                sub = list(of.subtree)
                for m in find(doc[sub[0].i : sub[-1].i + 1], self.lex):
                    if m.entry.code and m.entry.kind in ("country", "org", "user"):
                        r.set_code(m.entry.code, "title")
                        break
        for other in [t for t in root.children if t.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else []):
            sub = _without_clauses(other)
            app = read(sub, other, self.lex, None, self.entity_of)
            if app.known:
                if app.code and not r.code:
                    r.set_code(app.code, "apposition")
                if app.role and set(r.sectors) <= {"ELI"}:
                    # "Qatari Prime Minister, Sheikh Hamad": the office, not the rank, says who he is
                    rank, r.sectors, r.role = r.sectors, list(app.sectors), app.role
                    r.add_sectors(rank)
                else:
                    r.add_sectors(app.sectors)
                    r.role = r.role or app.role
        return r

    def _find_name(self, c: Candidate, key, reading) -> Work | None:
        by_key, by_last = self._name_index()
        named = ("PERSON", "ORG", "GPE")
        for e in reversed(by_key.get(key, ())):  # the same name, the latest entity first
            if e.key == key and e.type in named and (e.type == c.type or c.type == "PERSON" or e.type == "PERSON"):
                return self._found(e)
        if c.type in ("PERSON", "ORG") and len(key) == 1:  # a surname joins the full name ending with it
            for e in reversed(by_last.get(key[0], ())):
                if e.type == "PERSON" and len(e.key) > 1 and e.key[-1] == key[0]:
                    return self._found(e)
        if c.type == "PERSON" and len(key) > 1:  # the full name adopts an earlier surname-only entity
            for e in reversed(by_key.get((key[-1],), ())):
                if e.type in ("PERSON", "ORG") and e.key == (key[-1],) and not self._named_before(key[-1], e):
                    return self._found(e)
        if c.type == "PERSON":
            return self._found(self._bridge(c, reading))
        return None

    def _named_before(self, word: str, bare: Work) -> bool:
        """Did a person whose full name holds `word` come before the bare `word` ("Habib Khan Wazir ...
        Khan said ... Murad Khan")? Then the bare word is theirs as much as the later name's."""
        first = min((s for s, _ in bare.mentions), default=0)
        return any(o is not bare and o.type == "PERSON" and len(o.key) > 1 and word in o.key
                   and min((s for s, _ in o.mentions), default=first) < first for o in self.entities)

    def _name_index(self) -> tuple[dict, dict]:
        """Entities by key, and by a multi-word key's last word, each list in creation order, so
        a name finds its entity without a walk over every entity.

        Kept up to date as it goes: entities created since the last look are filed, and so again
        is the entity `_find_name` returned last, under the key `_name` may have given it (the only
        place a key changes). An entry whose entity has since changed key is stale: the lookups
        check the key again.
        """
        if not hasattr(self, "_by_key"):
            self._by_key, self._by_last, self._created, self._last_found = {}, {}, {}, None
        start = len(self._created)
        fresh = self.entities[start:]
        self._created.update((id(e), n) for n, e in enumerate(fresh, start))
        if self._last_found is not None:
            fresh = [self._last_found, *fresh]
        for e in fresh:
            if e.key:
                self._file(self._by_key.setdefault(e.key, []), e)
                if len(e.key) > 1:
                    self._file(self._by_last.setdefault(e.key[-1], []), e)
        self._last_found = None
        return self._by_key, self._by_last

    def _file(self, bucket: list, e: Work) -> None:
        """Put `e` in its place by creation order (once)."""
        if any(x is e for x in bucket):
            return
        order = self._created[id(e)]
        k = len(bucket)
        while k and self._created[id(bucket[k - 1])] > order:
            k -= 1
        bucket.insert(k, e)

    def _found(self, e: Work | None) -> Work | None:
        self._last_found = e
        return e

    def _bridge(self, c: Candidate, reading: Reading | None) -> Work | None:
        """An unnamed office-holder ('his Secretary of War') takes the next new untitled name."""
        sent = self.sent_of[c.start]
        if reading is not None and reading.role:
            return None
        for e in reversed(self.entities):
            if e.unnamed_role and sent - e.first_sent <= BRIDGE_WINDOW and e.type == "PERSON":
                if self._known_elsewhere(c, e):
                    return None  # "Iraq's president ... Donald Trump": a known name of another country
                if reading is None or reading.code is None or reading.code == e.code:
                    e.unnamed_role = False
                    return e
                return None
        return None

    def _known_elsewhere(self, c: Candidate, e: Work) -> bool:
        if self.known_code is None or not e.code:
            return False
        code = self.known_code(self.doc[c.name_start : c.name_end].text)
        return code is not None and code != e.code

    def _nominal(self, c: Candidate) -> None:
        doc = self.doc
        owner = self._appos_links.get(id(c))
        if owner is not None:  # "the defence secretary, Pete Hesgeth": one person
            ent = self.by_token.get(owner.root.i)
            if ent is not None:
                self._add_mention(ent, c.start, c.end)
            else:
                self._deferred.setdefault(id(owner), []).append(c)
            return
        if len(c.parts) > 1:
            self._compound(c)
            return
        span = doc[c.start : c.end]
        r = read(span, c.root, self.lex, None, self.entity_of)
        dets = {t.lower_ for t in c.root.lefts if t.dep_ == "det"}
        possessed = any(t.dep_ == "poss" for t in c.root.lefts)
        definite = bool(dets & _DEFINITE) or possessed
        if c.type == "PERSON" and r.person and definite:
            ent = self._anaphor(c, r)
            if ent is not None:
                if r.head_key in self.lex.generic:
                    r.role = None  # "the Venezuelan leader" says nothing of the office
                ent.absorb(r)
                self._add_mention(ent, c.start, c.end)
                return
        name = render([t for t in span if not (t.dep_ in ("det", "poss", "case") and t.head.i == c.root.i)
                       and t.tag_ != "POS"]) or span.text
        key = ("nominal", fold(name), r.code or "")
        if c.type != "PERSON" or not r.person:
            if dets == {"the"} and not possessed and not r.code and r.known:
                ent = self._body_before(c.root, key[1])
                if ent is not None:  # "Peru's foreign ministry ... the ministry": the body named before
                    self._add_mention(ent, c.start, c.end)
                    return
            for e in self.entities:
                if e.key == key:
                    self._add_mention(e, c.start, c.end)
                    return
        ent = self._new(name=name, type=c.type if r.person or c.type != "PERSON" else "ORG", key=key,
                        first_sent=self.sent_of[c.start])
        ent.absorb(r)
        ent.unnamed_role = c.type == "PERSON" and r.person and definite and bool(r.role)
        self._add_mention(ent, c.start, c.end)
        if not ent.code and r.known and not r.person:
            obj = allegiance_object(c.root, self.lex)
            if obj is not None:  # "forces loyal to Kabore": Kabore is resolved later in reading order
                self._loyal.append((ent, obj))

    def _body_before(self, root, words: str) -> Work | None:
        """The latest coded body (not a person) mentioned before with this head noun and every word of
        this phrase ("the ministry" after "Peru's foreign ministry"); None when there is none."""
        for e in reversed(self._bodies.get(fold(root.lemma_), ())):
            if e.code and set(words.split()) <= set(fold(e.name).split()) | {fold(root.lemma_)}:
                return e
        return None

    def allegiances(self) -> None:
        """Groups loyal to an actor coded once the whole document is read take its country."""
        for ent, obj in self._loyal:
            owner = self.entity_of(obj)
            if not ent.code and owner is not None and owner.code:
                ent.code, ent.rule = owner.code, "allegiance"

    def _compound(self, c: Candidate) -> None:
        """'US and Afghan forces': one entity per country word, each with the head's sectors.
        The last conjunct's mention runs to the head ("Afghan forces"); the others are their
        country word ("US"), so each has a span of its own."""
        doc = self.doc
        r = read(doc[c.start : c.end], c.root, self.lex, [], self.entity_of)
        last = c.parts[-1]
        head_words = render([t for t in doc[last.end : c.end]])
        for n, m in enumerate(c.parts):
            start, end = (m.name_start, m.end) if n < len(c.parts) - 1 else (m.name_start, c.end)
            name = f"{doc[m.name_start : m.end].text} {head_words}"
            key = ("nominal", fold(name), m.entry.code)
            ent = next((e for e in self.entities if e.key == key), None)
            if ent is None:
                ent = self._new(name=name, type=c.type, key=key, first_sent=self.sent_of[c.start],
                                code=m.entry.code, rule=m.entry.rule)
                ent.absorb(r)
            self._add_mention(ent, start, end)

    def _anaphor(self, c: Candidate, r: Reading) -> Work | None:
        """The one earlier person entity the nominal fits (same country if stated, role fits)."""
        generic = r.head_key in self.lex.generic
        fits = []
        for e in self.entities:
            if e.type != "PERSON" or not e.mentions:
                continue
            if r.code and e.code and e.code != r.code:
                continue
            if r.code and r.rule in ("country", "demonym") and not e.code and self.known_code is not None \
                    and self.known_code(e.name, surname=True) not in (None, r.code):
                continue  # "the US president" is not "Erdogan", whom the knowledge base codes later
            if e.sectors and r.sectors and not set(e.sectors) & set(r.sectors):
                continue
            if not generic and e.role and r.head_key and r.head_key.split()[-1] not in fold(e.role):
                continue  # "the US President" is not the Secretary of War
            if not generic and not e.role and not r.code:
                continue  # "Mr Biden met the Pope"; but "Mr Trump ... the US President" names a country's office
            if self._same_clause(c.root, e):
                continue  # "King Salman met the envoy": one verb's two arguments are two people
            fits.append(e)
        if len(fits) != 1:
            return None
        if r.code and not fits[0].code:
            r.rule = "anaphora"  # the nominal tells the country of a person the text named bare
        return fits[0]

    def _same_clause(self, token, e: Work) -> bool:
        """Is a mention of `e` another argument of the verb `token` depends on?"""
        verb = _governor(token)
        if verb is None:
            return False
        return any(getattr(_governor(self.doc[s:t].root), "i", None) == verb.i for s, t in e.mentions
                   if self.sent_of[s] == self.sent_of[token.i])

    def resolve_pronoun(self, token) -> Work | None:
        if token.i in self._pronoun_done:
            return self._pronoun_done[token.i]
        sent = self.sent_of[token.i]
        # the log by sentence, filed as it grows, so a pronoun reads only the sentences it looks at
        if not hasattr(self, "_log_by_sent"):
            self._log_by_sent, self._log_filed = {}, 0
        for ms, pos, e in self.log[self._log_filed :]:
            self._log_by_sent.setdefault(ms, []).append((pos, e))
        self._log_filed = len(self.log)
        found = None
        for back in range(0, PRONOUN_LOOKBACK + 1):
            s = sent - back
            if s < 0:
                break
            people = {id(e): e for (pos, e) in self._log_by_sent.get(s, ())
                      if (back > 0 or pos < token.i) and e.type == "PERSON" and e is not None}
            if people:
                if len(people) == 1:
                    found = next(iter(people.values()))
                break
        self._pronoun_done[token.i] = found
        if found is not None:
            self.by_token.setdefault(token.i, found)
        return found

    def surnames(self) -> None:
        """Surnames NER missed ("Read more: Trump declares ...") join the person they name."""
        last = {}
        for e in self.entities:
            # a one-word name too ("Trump said" tagged, "Trump declares" missed)
            if e.type == "PERSON" and e.key and e.key[0] != "nominal" and ":" not in e.key[0]:
                last.setdefault(e.key[-1], []).append(e)
        if not last:
            return  # no surname to look for: spare the walk over every token
        for t in nlp.tokens(self.doc):
            if t.i in self.by_token or not t.text[:1].isupper() or t.pos_ not in ("PROPN", "NOUN", "ADJ"):
                continue
            owners = last.get(fold(t.text))
            if owners and len(owners) == 1:
                self._add_mention(owners[0], t.i, t.i + 1)

    def possessors(self) -> None:
        """Bodies named by a possessor resolved only later ("Ruto's government", with "Ruto" found by
        `surnames`; "the Biden administration" or "the government of President Biden", Biden coded
        by the knowledge base) take its country."""
        people: dict[str, list[Work]] = {}
        for e in self.entities:
            if e.type == "PERSON" and e.code and e.key and e.key[0] != "nominal" and ":" not in e.key[0]:
                people.setdefault(e.key[-1], []).append(e)
        for e in self.entities:
            # "Erdoğan's spokesman", "a spokesman for Erdoğan": a generic title speaks for its owner's side
            speaks_for = e.type == "PERSON" and len(e.key) > 1 and e.key[1] in self.lex.generic
            if e.code or not e.key or e.key[0] != "nominal" or (e.type == "PERSON" and not speaks_for):
                continue
            for s, t in e.mentions:
                root = self.doc[s:t].root
                group = root.lemma_.lower() in self.lex.leader_groups
                poss = next((c for c in root.children if c.dep_ == "poss"
                             or (group and c.dep_ == "compound" and c.pos_ == "PROPN")), None)
                if poss is None and (speaks_for or group):
                    # "a spokesman for Erdoğan"; "the government of Prime Minister Abiy Ahmed"
                    poss = next((o for c in root.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
                                 for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
                if poss is None:
                    continue
                owner = self.by_token.get(poss.i)
                if owner is None or owner is e:  # a surname inside this very mention
                    named = people.get(fold(poss.text), [])
                    owner = named[0] if len(named) == 1 else None
                if owner is not None and owner.code:
                    e.code, e.rule = owner.code, "possessive"
                    break

    # -- output ---------------------------------------------------------------------------
    def entities_out(self) -> list[Entity]:
        doc = self.doc
        # offsets and text from the Doc's columns and text, not from a Span per mention
        text, idx, words = doc.text, nlp.column(doc, "idx"), nlp.column(doc, "text")
        out = []
        live = [e for e in self.entities if e.mentions]
        live.sort(key=lambda e: min(m[0] for m in e.mentions))
        for n, e in enumerate(live, 1):
            seen, mentions = set(), []
            for s, t in sorted(e.mentions):
                if t > s:
                    start, end = idx[s], idx[t - 1] + len(words[t - 1])
                else:
                    start = end = doc[s:t].start_char
                if (start, end) in seen:
                    continue
                seen.add((start, end))
                mentions.append(Mention(text=text[start:end], start=start, end=end))
            out.append(Entity(id=f"e{n}", name=e.name, type=e.type, code=e.code, sector=list(e.sectors),
                              role=e.role, rule=e.rule if e.code else None, mentions=mentions))
        return out


def _without_clauses(head) -> list:
    """The head's subtree without relative clauses ("the chairman of X, which runs clinics in Peru"
    says nothing of the chairman's country)."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ != "relcl")
    return sorted(out, key=lambda t: t.i)


def _governor(token):
    """The verb a noun phrase is an argument of (through prepositions), None if none."""
    t = token
    for _ in range(4):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.pos_ not in ("ADP",):
            return None
    return None
