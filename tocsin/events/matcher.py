"""Find event triggers in a sentence: each token is looked up by lemma in the lexicon and the
entries' constraints (particle, preposition, object, complement...) are checked on the parse."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from tocsin import nlp
from tocsin.events.lexicon import Entry, Lexicon
from tocsin.events.syntax import (
    children,
    direct_object,
    first_child,
    governing_verb,
    hyphen_forms,
    hyphen_prefix,
    hyphenated,
    is_actorish,
    is_passive,
    lemma,
    object_words,
    shared_object,
    small_clause_subject,
    words,
)

_MONEY_WORDS = {"million", "billion", "trillion", "$", "dollar", "euro", "pound"}


@dataclass
class Trigger:
    head: object  # the token the lexicon entry names
    entry: Entry
    tokens: list  # every token of the trigger (verb, particle, object noun, light verb)
    anchor: object  # the clause token whose subject is the actor: the verb, or the light verb of a nominal
    nominal: bool = False
    adjectival: bool = False  # an `adj:` entry: a predicate ("willing", "declared the airspace closed")
    light: object | None = None  # light verb carrying a nominal trigger
    content: list = field(default_factory=list)  # triggers absorbed as this one's content
    frame: object | None = None  # generic noun a nominal trigger modifies ("mediation effort")
    arguments: object | None = None  # cached by tocsin.events.arguments.find_arguments
    subject_event: Trigger | None = None  # an event noun subject folded in ("airstrike" of "killed")
    results: list = field(default_factory=list)  # same-kind acts telling what this one did ("killing three")
    result_of: Trigger | None = None  # the act this one is a result of

    @property
    def start(self) -> int:
        return min(t.i for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.i for t in self.tokens) + 1


def _kind(tok) -> str | None:
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
        if tok.tag_ == "VBG" and tok.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass"):
            return "noun"
        if tok.dep_ == "amod" and not hyphen_prefix(tok):
            # A participle describing a noun ("opposing accounts", "the elected president") names
            # no act; one with its agent before a hyphen does ("US-backed forces").
            return None
        return "verb"
    if tok.pos_ == "NOUN":  # not PROPN: "Secretary of War", "Operation Desert Storm" are names
        return "noun"
    if tok.pos_ == "ADJ":
        return "verb" if _verb_tagged_adjective(tok) else "adj"
    return None


def _verb_tagged_adjective(tok) -> bool:
    """"The judge rebuffed Ruiz's arguments" with "rebuffed" tagged an adjective: a past form heading
    a clause with a subject and a direct object is a verb."""
    return (tok.lower_.endswith("ed") and tok.dep_ in ("ROOT", "conj", "ccomp")
            and any(c.dep_ == "nsubj" for c in tok.children) and any(c.dep_ == "dobj" for c in tok.children))


def _past_stems(form: str) -> tuple[str, ...]:
    """The lemmas a regular past form may have ("rebuffed" -> rebuff, "announced" -> announce)."""
    stem = form[:-2]
    out = (stem, form[:-1])
    if len(stem) > 2 and stem[-1] == stem[-2]:
        out += (stem[:-1],)  # "stopped" -> stop
    if stem.endswith("i"):
        out += (stem[:-1] + "y",)  # "denied" -> deny
    return out


def _object_tokens(tok, kind: str) -> list:
    if kind == "verb":
        obj = direct_object(tok)
        if obj is None:
            obj = shared_object(tok)
        objs = [obj] if obj is not None else []
        if is_passive(tok):
            objs += children(tok, "nsubjpass")
            if tok.dep_ == "relcl" and any(s.lower_ in ("which", "that") for s in objs):
                objs.append(tok.head)  # "chlorine, which has been used by the regime"
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN"):
            objs.append(tok.head)  # "a poll released on Monday", "the sanctions imposed on Iran"
        return objs
    return []


def _matches_set(tokens, wanted: frozenset) -> list:
    if "any" in wanted:
        return list(tokens)
    return [t for t in tokens if words(t) & wanted]


def _object_ok(entry: Entry, objs: list, actor_nouns) -> tuple[bool, list]:
    """Check the `object` constraint; returns (ok, object tokens that belong to the trigger)."""
    if entry.exclude_object and any(words(o) & entry.exclude_object for o in objs):
        return False, []
    if entry.no_object and objs:
        return False, []
    # ("called Mr Maduro on Friday" may be parsed with the object itself as the predicate)
    if entry.predicate and not any(c.dep_ == "oprd" and c.i not in {o.i for o in objs}
                                   for o in objs for c in o.head.children):
        return False, []
    if entry.object is None:
        return True, []
    for obj in objs:
        ws = object_words(obj)
        if ws & entry.object:
            return True, [obj]
        if "any" in entry.object:
            return True, []
        if "entity" in entry.object and is_actorish(obj, actor_nouns):
            return True, []
        if "money" in entry.object and (obj.ent_type_ == "MONEY" or ws & _MONEY_WORDS):
            return True, []
    return False, []


def _counted(tok, g):
    """The people a quantity names ("thousands of demonstrators", "a crowd of protesters")."""
    if tok.pos_ == "NUM" or lemma(tok) in g.quantity_nouns:
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = first_child(prep, "pobj") if prep is not None else None
        if obj is not None:
            return obj
    return tok


def carrier(tok, g):
    """The noun that stands in the clause for a trigger used as a modifier ("a mediation effort")."""
    if tok.dep_ in ("compound", "amod", "nmod") and lemma(tok.head) in g.frame_nouns:
        return tok.head
    return tok


def _check(entry: Entry, tok, kind: str, lex: Lexicon, sent_lemmas: set[str], objs: list) -> tuple[bool, list, object]:
    """Does `entry` fire on `tok`? Returns (ok, extra trigger tokens, light verb)."""
    g = lex.grammar
    extra: list = []
    light = None
    # "the systems stationed in the region": a participle after its noun is a passive use too
    if entry.passive is not None and entry.passive != (is_passive(tok) or (tok.dep_ == "acl" and tok.tag_ == "VBN")):
        return False, [], None
    ok, objs = _object_ok(entry, objs, g.actor_nouns)
    if not ok:
        return False, [], None
    extra += objs
    if entry.particle is not None:
        parts = [c for c in tok.children if c.i > tok.i and c.dep_ in (
            "prt", "advmod", "prep", "acomp", "oprd", "xcomp", "dobj", "npadvmod", "ccomp", "advcl")]
        obj = direct_object(tok)
        if obj is not None:  # "let free the activists", parsed with the particle as the object's adjective
            parts += [c for c in obj.children if c.dep_ == "amod" and c.i == tok.i + 1]
        hit = _matches_set(parts, entry.particle)
        if not hit:
            return False, [], None
        extra.append(hit[0])
    if entry.prep is not None:
        preps = [c for c in tok.children if c.dep_ in ("prep", "prt", "agent", "dative")]
        hit = _matches_set(preps, entry.prep)
        if not hit:
            return False, [], None
        extra.append(hit[0])
    if entry.pobj is not None:
        def entity(o) -> bool:
            return "entity" in entry.pobj and _names_party(o, g)
        # the object of the entry's own preposition when it names one ("called on ENTITY" is not met
        # by "called in the envoy on Thursday")
        hit = [(p, o) for p in tok.children if p.dep_ in ("prep", "prt", "advmod", "acomp", "oprd")
               and (entry.prep is None or "any" in entry.prep or words(p) & entry.prep)
               for o in [first_child(p, "pobj")] if o is not None and (words(o) & entry.pobj or entity(o))]
        # "named X as (being) responsible": the adjective after the preposition, or predicated in its clause
        for p in tok.children:
            if p.dep_ == "prep" and (entry.prep is None or words(p) & entry.prep):
                hit += [(p, a) for a in p.children if a.dep_ == "amod" and words(a) & entry.pobj]
                hit += [(p, a) for c in p.children if c.dep_ == "pcomp"
                        for a in c.children if a.dep_ in ("acomp", "attr") and words(a) & entry.pobj]
        # "let free", "found guilty": the word may hang directly from the verb; "held X responsible"
        # is often parsed with the word as a modifier of the object.
        hit += [(c, c) for c in tok.children if c.dep_ in ("acomp", "oprd", "advmod", "xcomp", "ccomp", "dobj")
                and words(c) & entry.pobj]
        obj = direct_object(tok)
        if obj is not None:
            hit += [(c, c) for c in obj.children if c.dep_ == "amod" and c.i > obj.i and words(c) & entry.pobj]
        if not hit:
            return False, [], None
        prep, pobj = hit[0]
        # An actor the pattern names ("sent batteries to ENTITY", "called on ENTITY", "suspended
        # aid to the group") stays the recipient, not a trigger word: only the preposition joins.
        extra += [prep] if pobj is not prep and (entity(pobj) or is_actorish(pobj, g.actor_nouns)) \
            else [prep, pobj]
    if entry.xcomp is not None:
        comps = [c for c in tok.children if c.pos_ in ("VERB", "AUX") and (
            c.dep_ in ("xcomp", "acl", "ccomp") or (c.dep_ == "advcl" and (kind == "noun" or (
                "any" not in entry.xcomp and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)))))]
        if not _matches_set(comps, entry.xcomp):
            return False, [], None
    if entry.ccomp_aux is not None:
        comps = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
        auxes = [a for c in comps for a in c.children if a.dep_ in ("aux", "auxpass")]
        if not _matches_set(auxes, entry.ccomp_aux):
            return False, [], None
    if entry.subject is not None:
        subj = small_clause_subject(tok, g.predicate_verbs) if kind == "adj" else None
        subj = subj if subj is not None else first_child(tok, "nsubj", "nsubjpass")
        if subj is None and tok.dep_ in ("amod", "acomp", "oprd") and kind == "adj":
            subj = first_child(tok.head, "nsubj", "nsubjpass")
        if subj is None and tok.dep_ == "xcomp":  # "troops have begun leaving": the controller's subject
            subj = first_child(tok.head, "nsubj")
        if subj is None and tok.dep_ == "acl" and tok.tag_ == "VBG":  # "new measures targeting X": measures
            subj = tok.head
        if subj is None or not (words(subj) & entry.subject or words(_counted(subj, g)) & entry.subject):
            return False, [], None
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod")]
    if (entry.modifier is not None or entry.exclude_modifier) and tok.i >= 2 and tok.nbor(-1).text == "-" \
            and not tok.nbor(-1).whitespace_ and not tok.nbor(-2).whitespace_:
        mods.append(tok.nbor(-2))  # "choke-slammed": the parser may split a hyphenated word
    if entry.exclude_prep and any(c.dep_ == "prep" and c.lower_ in entry.exclude_prep for c in tok.children):
        return False, [], None
    if entry.question and not _asks_question(tok):
        return False, [], None
    if entry.exclude_modifier and any(words(m) & entry.exclude_modifier for m in mods):
        return False, [], None
    if entry.modifier is not None:
        hit = _matches_set(mods, entry.modifier)
        if not hit:
            return False, [], None
    if entry.of is not None:
        ofs = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in [first_child(p, "pobj")]
               if o is not None]
        # ENTITY: a party ("at the request of Russia"), as for `pobj`
        if not _matches_set(ofs, entry.of) and not ("entity" in entry.of and any(_names_party(o, g) for o in ofs)):
            return False, [], None
    if kind == "noun":
        gov = governing_verb(carrier(tok, g))
        if gov is not None and _leads_to(carrier(tok, g), gov):
            gov = None  # "the arrest led to riots": a cause, not the rioters' act
        if gov is not None and (lemma(gov) in g.light_verbs or
                                (entry.governor is not None and lemma(gov) in entry.governor)):
            light = gov
        if entry.governor is not None and (gov is None or lemma(gov) not in entry.governor):
            return False, [], None
        if entry.light and light is None:
            return False, [], None
    if entry.cue is not None and not (sent_lemmas & entry.cue):
        return False, [], None
    if entry.possessor and named_possessor(tok) is None:
        return False, [], None
    return True, extra, light


def _names_party(tok, g) -> bool:
    """Does the object meet an ENTITY pattern: a word that can name an actor, not a date?"""
    return tok.ent_type_ not in ("DATE", "TIME") and is_actorish(tok, g.actor_nouns)


def _leads_to(noun, verb) -> bool:
    """"led to riots", "has led to clashes": "lead" carries a noun as its object ("led a protest"),
    but through "to" it tells what a cause brought about."""
    return lemma(verb) == "lead" and noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.i == verb.i


def named_possessor(tok):
    """The named possessor of a noun ("Togo's request", "the Ghanaian envoy's demands"), if any."""
    return next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)


def _embedded(trig: Trigger, index, lex: Lexicon, sent_lemmas: set[str]) -> list[Trigger]:
    """Event nouns the trigger took as its object words that have a named author of their own
    ("refused Togo's request", "denied his rival's accusations"): the author's own act."""
    out = []
    for tok in trig.tokens:
        if tok.i == trig.head.i or tok.pos_ != "NOUN" or named_possessor(tok) is None:
            continue
        for entry in index.get(("noun", tok.lemma_.lower())) or index.get(("noun", tok.lower_)) or ():
            if entry.event in ("NONE", trig.entry.event):
                continue
            ok, extra, light = _check(entry, tok, "noun", lex, sent_lemmas, [])
            if ok and light is None:
                out.append(Trigger(head=tok, entry=entry, tokens=[tok], anchor=tok, nominal=True))
                break
    return out


def _known_words(doc, lex: Lexicon) -> list[int]:
    """The words of the Doc an entry may name: its word or lemma, its past stem, or a hyphenated
    word it ends. Only these are examined (a new way of finding a token's entries in
    `find_triggers` must let its tokens through here too). Found once per Doc."""
    cache = nlp.shared(doc)
    key = ("events.known_words", id(lex))
    if key not in cache:
        known = lex.words
        lemmas, lowers, texts = nlp.column(doc, "lemma"), nlp.column(doc, "lower"), nlp.column(doc, "text")
        # each distinct word decided once: an article repeats most of its words
        lower_ok = {low for low in set(lowers) if low in known
                    or (low.endswith("ed") and any(f in known for f in _past_stems(low)))}
        lemma_ok = {lem for lem in set(lemmas) if lem.lower() in known}
        cache[key] = [i for i, (low, lem) in enumerate(zip(lowers, lemmas))
                      if low in lower_ok or lem in lemma_ok or (i >= 2 and texts[i - 1] == "-")]
    return cache[key]


def find_triggers(sent, lex: Lexicon) -> list[Trigger]:
    """All triggers of one sentence, verbs first; a token used by one trigger starts no other."""
    # One pass picks the few tokens whose lemma the lexicon knows; only those are examined.
    candidates: dict[str, list] = {"verb": [], "adj": [], "noun": []}
    index = lex.entries
    predicate_verbs = lex.grammar.predicate_verbs
    doc = sent.doc
    lemmas, lowers = nlp.column(doc, "lemma"), nlp.column(doc, "lower")
    known = _known_words(doc, lex)
    for i in known[bisect_left(known, sent.start) : bisect_left(known, sent.end)]:
        tok = doc[i]
        lem = tok.lemma_.lower()
        kind = _kind(tok)
        if kind is None:
            continue
        # A word split at hyphens is looked up whole first ("cease-fire", "counter-attack").
        entries = next((index[k] for k in ((kind, f) for f in hyphen_forms(tok)) if k in index), None) \
            or index.get((kind, lem)) or index.get((kind, tok.lower_))
        if not entries and kind == "verb" and tok.pos_ == "ADJ":
            entries = next((index[k] for k in (("verb", f) for f in _past_stems(tok.lower_)) if k in index), None)
        if kind != "adj":
            # "declared the airspace closed" with "closed" parsed as a verb or a noun: the
            # predicate is still the adjective the lexicon knows.
            adjectives = index.get(("adj", tok.lower_)) or index.get(("adj", lem)) \
                or index.get(("adj", hyphenated(tok)))
            if adjectives and small_clause_subject(tok, predicate_verbs) is not None:
                kind, entries = "adj", adjectives
        elif kind == "adj" and not entries and hyphen_prefix(tok):
            entries = index.get(("adj", hyphenated(tok)))
        if entries:
            candidates[kind].append((tok, entries))
    if not any(candidates.values()):
        return []
    sent_lemmas: set[str] | None = None
    used: set[int] = set()
    found: list[Trigger] = []
    for kind in ("verb", "adj", "noun"):
        for tok, entries in candidates[kind]:
            if tok.i in used:
                continue
            if sent_lemmas is None and any(e.cue is not None for e in entries):
                sent_lemmas = {lemmas[k].lower() for k in range(sent.start, sent.end)} | set(lowers[sent.start:sent.end])
            objs = _object_tokens(tok, kind)
            for entry in entries:
                ok, extra, light = _check(entry, tok, kind, lex, sent_lemmas or set(), objs)
                if not ok:
                    continue
                if entry.event != "NONE":
                    # A hyphenated trigger keeps all its words ("off-limits", "cease-fire").
                    whole = hyphen_prefix(tok) if entry.lemma not in (tok.lower_, tok.lemma_.lower()) else []
                    toks = [tok] + [t for t in whole + extra if t.i not in used]
                    if light is not None and light.i not in used:
                        toks.append(light)
                    anchor = light if light is not None else tok
                    frame = carrier(tok, lex.grammar) if kind == "noun" else tok
                    found.append(Trigger(head=tok, entry=entry, tokens=toks, anchor=anchor,
                                         nominal=kind == "noun", adjectival=kind == "adj", light=light,
                                         frame=frame if frame.i != tok.i else None))
                    used.update(t.i for t in toks)
                    if kind != "noun" and len(toks) > 1:
                        found += _embedded(found[-1], index, lex, sent_lemmas or set())
                else:
                    used.add(tok.i)
                break
    return found


_QUESTION_WORDS = {"how", "what", "why", "when", "where", "whether", "if", "who", "whom", "which", "whose"}


def _asks_question(tok) -> bool:
    """Does the verb ask a question: a clause under it opens with a wh-word, "whether" or "if", or
    one follows it and whom it asks ("asked her how many votes she won", however it is parsed),
    or it tags a question just closed ("“What is dangerous about that?” he asked")?"""
    doc = tok.doc
    if any(c.dep_ == "ccomp" and c.left_edge.lower_ in _QUESTION_WORDS for c in tok.children):
        return True
    after = max([tok.i] + [c.i for c in tok.children if c.dep_ in ("dobj", "dative")]) + 1
    if after < len(doc) and doc[after].lower_ in _QUESTION_WORDS:
        return True
    if any(c.dep_ in ("xcomp", "ccomp", "dobj") or (c.dep_ == "prep" and c.lower_ == "for") for c in tok.children):
        return False
    k = tok.i - 1
    while k >= 0 and (doc[k].is_punct and doc[k].text != "?" or doc[k].dep_ in ("nsubj", "det", "compound", "amod")
                      or doc[k].pos_ in ("PROPN", "PRON", "DET")):
        k -= 1  # back over the speaker and the closing quote
    return k >= 0 and doc[k].text == "?"
