// tocsin dashboard: plain JS + inline SVG; the map's country shapes come from a vendored file.
// Every piece of data reaches the page through textContent or setAttribute, never innerHTML, and
// text from articles sits in <bdi> so a right-to-left mark in it cannot reorder what follows.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const FILTER_NAMES = ["actor", "recipient", "type", "kind", "outlet", "attribution", "fatalities", "since", "until", "place"];
const VIEW_NAMES = ["by", "measure"];
const DAY_MS = 86400000;

// -- small DOM helpers ------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// Text from the corpus, isolated from its neighbours' direction.
const iso = (text, attrs) => el("bdi", attrs || {}, text === null || text === undefined ? "" : String(text));

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function status(message, isError) {
  const node = document.getElementById("status");
  node.textContent = message || "";
  node.classList.toggle("error", Boolean(isError));
}

function queryString(params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) query.set(k, v);
  const text = query.toString();
  return text ? "?" + text : "";
}

let snapshotSeen = null; // set when an answer came from the copy read while an ingest writes
let snapshotTimer = null;

class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

async function api(path, params) {
  const url = path + queryString(params);
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({ error: response.statusText }));
    if (response.ok) {
      if (body.snapshot) snapshotSeen = body.snapshot;
      return body;
    }
    // 503: an ingest holds the database; ask again until it lets go.
    if (response.status === 503) {
      status(`${body.error || "database busy"} (attempt ${attempt + 1}, next in 3 s)`);
      await new Promise((r) => setTimeout(r, 3000));
      continue;
    }
    throw new ApiError(body.error || String(response.status), response.status);
  }
}

const fmt = (x) => (x === null || x === undefined ? "" : Number.isInteger(x) ? String(x) : x.toFixed(1));
const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
const codes = (s) => (s ? s.split(";").join("+") : "—");

// -- state ------------------------------------------------------------------------------------

const state = { sort: "date", order: "desc", offset: 0, limit: 50, story: null, article: null };
let lastTimeline = null; // redrawn on resize without asking the server again
let lastPlaces = null;
let lastDyad = null;

function form() {
  return document.getElementById("filters");
}

function currentFilters() {
  const f = form();
  const out = {};
  for (const name of [...FILTER_NAMES, ...VIEW_NAMES]) {
    const field = f.elements[name];
    out[name] = field.multiple ? [...field.selectedOptions].map((o) => o.value).join(",") : field.value.trim();
  }
  return out;
}

function setFilters(values) {
  const f = form();
  for (const [k, v] of Object.entries(values)) {
    const field = f.elements[k];
    if (!field) continue;
    if (field.multiple) {
      const chosen = new Set(String(v || "").split(",").filter(Boolean));
      for (const option of field.options) option.selected = chosen.has(option.value);
    } else {
      field.value = v || "";
    }
  }
}

function apiFilters(f) {
  const out = {};
  for (const name of FILTER_NAMES) if (f[name]) out[name] = f[name];
  return out;
}

function saveUrl() {
  const params = { ...currentFilters(), sort: state.sort === "date" ? "" : state.sort,
    order: state.order === "desc" ? "" : state.order, offset: state.offset || "",
    limit: state.limit === 50 ? "" : state.limit, story: state.story, article: state.article };
  if (params.by === "day") params.by = "";
  if (params.measure === "count") params.measure = "";
  history.replaceState(null, "", queryString(params) || location.pathname);
}

// -- summary ----------------------------------------------------------------------------------

async function loadSummary() {
  const s = await api("/api/summary");
  const c = s.counts;
  const range = s.first_date ? `${s.first_date} to ${s.last_date}` : "no dated events";
  const top = s.top_actors.slice(0, 5).map((a) => `${a.code} ${a.events}`).join(", ");
  document.getElementById("summary").textContent =
    `${plural(c.articles, "article")} · ${plural(c.events, "event mention")} · ${plural(c.stories, "story event")}` +
    ` · ${range}` + (top ? ` · top actors: ${top}` : "") + (c.failures ? ` · ${c.failures} inputs failed` : "");
  const ungrouped = document.getElementById("ungrouped");
  ungrouped.hidden = !s.ungrouped_articles;
  ungrouped.textContent = s.ungrouped_articles
    ? `${plural(s.ungrouped_articles, "stored article")} not yet grouped into story events, so not shown here:` +
      " an ingest stopped before grouping them. Run the same tocsin ingest again to group them."
    : "";
  const f = form();
  for (const t of s.event_types) f.elements.type.append(el("option", { value: t.event }, `${t.event} (${t.events})`));
  for (const o of s.outlets) f.elements.outlet.append(el("option", { value: o.outlet }, `${o.outlet} (${o.articles})`));
  const list = document.getElementById("codes");
  for (const code of s.codes) list.append(el("option", { value: code }));
}

// -- roving focus: a chart is one tab stop; arrow keys move between its marks ---------------

function rovingKeys(root, items, activate) {
  let current = 0;
  const mark = () => items.forEach((item, i) => item.classList.toggle("focused", i === current && root === document.activeElement));
  root.addEventListener("focus", mark);
  root.addEventListener("blur", mark);
  root.addEventListener("keydown", (e) => {
    if (!items.length) return;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") current = Math.min(items.length - 1, current + 1);
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") current = Math.max(0, current - 1);
    else if (e.key === "Home") current = 0;
    else if (e.key === "End") current = items.length - 1;
    else if (e.key === "Enter" || e.key === " ") { activate(current); e.preventDefault(); return; }
    else return;
    e.preventDefault();
    const title = items[current].querySelector("title");
    root.setAttribute("aria-label", title ? title.textContent : "");
    mark();
  });
}

// -- time axis ----------------------------------------------------------------------------------

const periodStart = (p) => Date.parse((p.length === 7 ? p + "-01" : p) + "T00:00:00Z");
const periodLength = (by) => (by === "month" ? 30.44 : by === "week" ? 7 : 1) * DAY_MS;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

function periodEnd(period, by) {
  if (by === "month") {
    const d = new Date(periodStart(period));
    return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  }
  return isoDay(periodStart(period) + (by === "week" ? 6 : 0) * DAY_MS);
}

// Tick marks on whole days, months or years, about one per 90 px, always with the year.
function timeTicks(t0, t1, width) {
  const want = Math.max(2, Math.floor(width / 90));
  const spanDays = (t1 - t0) / DAY_MS;
  const out = [];
  const d0 = new Date(t0);
  if (spanDays / 365 > want / 2) {
    const step = Math.max(1, Math.ceil(spanDays / 365 / want));
    for (let y = d0.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= t1; y += step) out.push([Date.UTC(y, 0, 1), String(y)]);
  } else if (spanDays / 30 > want / 2) {
    const step = [1, 2, 3, 6].find((k) => spanDays / 30 / k <= want) || 12;
    for (let m = d0.getUTCMonth() + 1, y = d0.getUTCFullYear(); Date.UTC(y, m, 1) <= t1; m += step) {
      const t = Date.UTC(y, m, 1);
      out.push([t, isoDay(t).slice(0, 7)]);
    }
  } else {
    const step = Math.max(1, Math.ceil(spanDays / want));
    for (let t = Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth(), d0.getUTCDate()); t <= t1; t += step * DAY_MS) {
      out.push([t, isoDay(t)]);
    }
  }
  return out;
}

// Axis bounds rounded out to a 1-2-5 step, about five gridlines over the whole range.
function niceExtent(top, bottom, whole) {
  const raw = (top - bottom) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((k) => k * power).find((k) => k >= raw) || raw;
  if (whole) step = Math.max(1, step); // counts: no gridline at half an event
  return [Math.ceil(top / step) * step, Math.floor(bottom / step) * step, step];
}

function chartWidth(box) {
  return Math.max(260, Math.floor(box.clientWidth || 600));
}

// Bars on a real time axis: cooperation up, conflict down; `series` gives [up, down] per period.
function drawBars(box, periods, by, series, opts) {
  const W = chartWidth(box), H = opts.height || 240;
  const m = { left: 44, right: 10, top: 14, bottom: 24 };
  const plotW = W - m.left - m.right, plotH = H - m.top - m.bottom;
  const len = periodLength(by);
  const t0 = periodStart(periods[0].period), t1 = periodStart(periods[periods.length - 1].period) + len;
  const x = (t) => m.left + ((t - t0) / (t1 - t0)) * plotW;
  const values = periods.flatMap((p) => series(p));
  const [top, bottom, step] = niceExtent(Math.max(1, ...values), Math.min(-1, ...values), opts.whole);
  const y = (v) => m.top + ((top - v) / (top - bottom)) * plotH;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", tabindex: 0,
    class: opts.cls || "", "aria-label": opts.label });
  for (let v = bottom; v <= top + step / 2; v += step) {
    const value = Math.round(v * 1000) / 1000;
    root.append(svg("line", { x1: m.left, x2: W - m.right, y1: y(value), y2: y(value), class: value === 0 ? "axis" : "grid" }));
    root.append(svg("text", { x: m.left - 6, y: y(value) + 4, class: "tick", "text-anchor": "end" },
      fmt(opts.whole ? Math.abs(value) : value)));
  }
  for (const [t, label] of timeTicks(t0, t1, plotW)) {
    if (x(t) > W - 4 * label.length) continue; // a label cut by the right edge
    root.append(svg("line", { x1: x(t), x2: x(t), y1: H - m.bottom, y2: H - m.bottom + 4, class: "axis" }));
    root.append(svg("text", { x: x(t), y: H - m.bottom + 16, class: "tick", "text-anchor": "middle" }, label));
  }
  const periodW = (len / (t1 - t0)) * plotW;
  const barW = Math.max(2, Math.min(40, periodW * 0.85));
  const groups = periods.map((p) => {
    // A bar starts where its period starts (the tick of that day or month), within its period.
    const cx = x(periodStart(p.period)) + Math.min((periodW - barW) / 2, 1) + barW / 2;
    const g = svg("g", { class: "bar", "data-period": p.period });
    g.append(svg("title", {}, opts.title(p)));
    g.append(svg("rect", { x: cx - Math.max(barW, 8) / 2, y: m.top, width: Math.max(barW, 8), height: plotH, class: "hit" }));
    series(p).forEach((value, i) => {
      if (!value) return;
      const y0 = y(Math.max(value, 0)), y1 = y(Math.min(value, 0));
      g.append(svg("rect", { x: cx - barW / 2, y: y0, width: barW, height: Math.max(1, y1 - y0), class: opts.classes[i] }));
    });
    if (opts.onSelect) g.addEventListener("click", () => opts.onSelect(p));
    root.append(g);
    return g;
  });
  if (opts.onSelect) rovingKeys(root, groups, (i) => opts.onSelect(periods[i]));
  box.append(root);
  // The caption as page text, so a narrow screen wraps it instead of cutting it.
  if (opts.caption) box.append(el("p", { class: "caption muted" }, opts.caption));
  return root;
}

// -- timeline ---------------------------------------------------------------------------------

function drawTimeline(data, measure) {
  const box = document.getElementById("timeline");
  clear(box);
  if (!data || !data.periods.length) {
    box.append(el("p", { class: "muted empty" }, "No dated story events match these filters."));
    return;
  }
  const score = measure === "score";
  const series = (p) => (score ? [p.cooperation_score, p.conflict_score] : [p.cooperation_events, -p.conflict_events]);
  const t = data.totals;
  drawBars(box, data.periods, data.by, series, {
    whole: !score, classes: ["coop", "conflict"], cls: "timeline-chart",
    label: `Story events per ${data.by}: cooperation above the axis, conflict below`,
    title: (p) => `${p.period}${data.by === "day" ? "" : " (" + data.by + ")"}: ${p.events} story events, ${p.mentions} mentions\n` +
      `cooperation: ${p.cooperation_events} events, score ${fmt(p.cooperation_score)}\n` +
      `conflict: ${p.conflict_events} events, score ${fmt(p.conflict_score)}`,
    caption: `${t.events} story events: ${t.cooperation_events} cooperation, ${t.conflict_events} conflict` +
      (score ? " · bar height: summed score" : ""),
    onSelect: (p) => { setFilters({ since: p.period.length === 7 ? p.period + "-01" : p.period, until: periodEnd(p.period, data.by) }); refresh(); },
  });
}

// -- dyad -------------------------------------------------------------------------------------

function fetchDyad(f) {
  if (!f.actor || !f.recipient) return Promise.resolve(null);
  return api("/api/dyad", { a: f.actor, b: f.recipient, by: f.by, ...apiFilters(f), actor: "", recipient: "" });
}

function drawDyad(data, measure) {
  const box = document.getElementById("dyad");
  const legend = document.getElementById("dyad-legend");
  clear(box);
  if (!data) {
    legend.textContent = "give an actor and a recipient to compare both directions";
    return;
  }
  const a = data.a.join("+"), b = data.b.join("+");
  legend.textContent = "";
  legend.append(el("span", { class: "swatch ab" }), ` ${a} → ${b} above the axis `,
    el("span", { class: "swatch ba" }), ` ${b} → ${a} below · ${measure === "score" ? "summed score" : "story events"} per ${data.by}`);
  if (!data.periods.length) {
    box.append(el("p", { class: "muted empty" }, `No story events between ${a} and ${b} match these filters.`));
    return;
  }
  const score = measure === "score";
  const sum = (k) => data.periods.reduce((acc, p) => acc + p[k], 0);
  // Scores keep their sign, so the B→A bars are drawn below as negative counts only.
  const series = (p) => (score ? [p.ab_score, p.ba_score] : [p.ab_events, -p.ba_events]);
  drawBars(box, data.periods, data.by, series, {
    whole: !score, classes: ["ab", "ba"], cls: "dyad-chart", height: 200,
    label: `${a} and ${b} per ${data.by}, both directions`,
    title: (p) => `${p.period}: ${a} → ${b} ${p.ab_events} events (score ${fmt(p.ab_score)}); ` +
      `${b} → ${a} ${p.ba_events} events (score ${fmt(p.ba_score)})`,
    caption: `${a} → ${b}: ${sum("ab_events")} events, score ${fmt(sum("ab_score"))} · ` +
      `${b} → ${a}: ${sum("ba_events")} events, score ${fmt(sum("ba_score"))}`,
  });
}

// -- events table -----------------------------------------------------------------------------

function drawEvents(data) {
  const body = document.querySelector("#events-table tbody");
  clear(body);
  const first = data.total ? data.offset + 1 : 0, last = data.offset + data.count;
  const order = { date: "date", type: "type", actor: "actor", recipient: "recipient", place: "place",
    mentions: "mentions", sources: "sources", score: "score" }[data.sort];
  document.getElementById("event-count").textContent = data.total
    ? `showing ${first.toLocaleString("en")}–${last.toLocaleString("en")} of ${plural(data.total, "story event")},` +
      ` by ${order} ${data.order === "desc" ? (data.sort === "date" ? "(newest first)" : "(highest first)") : (data.sort === "date" ? "(oldest first)" : "(lowest first)")}`
    : "no story events match";
  document.getElementById("page-info").textContent = data.total ? `${first}–${last} of ${data.total}` : "";
  document.getElementById("prev-page").disabled = data.offset === 0;
  document.getElementById("next-page").disabled = last >= data.total;
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.setAttribute("aria-sort", th.dataset.sort === data.sort ? (data.order === "desc" ? "descending" : "ascending") : "none");
  }
  if (!data.events.length) {
    body.append(el("tr", {}, el("td", { colspan: 7, class: "muted" }, "No story events match these filters.")));
    return;
  }
  for (const ev of data.events) {
    const quad = ev.quad_code;
    const cls = (quad >= 3 ? "q-conflict" : quad ? "q-coop" : "") + (ev.story_id === state.story ? " selected" : "");
    const row = el("tr", { tabindex: 0, class: cls.trim() || null, "data-story": ev.story_id },
      el("td", { class: "nowrap date", title: ev.date_precision === "publication" ? "no date in the text: the publication date" : null },
        ev.date_shown || "undated"),
      el("td", {}, el("span", { class: "type" }, ev.event)),
      el("td", { class: "nowrap" }, `${codes(ev.actor_codes)} → ${codes(ev.recipient_codes)}`),
      el("td", {}, iso(ev.loc_name || "")),
      el("td", { class: "num" }, `${ev.num_mentions} / ${ev.num_sources} / ${ev.num_articles}`),
      el("td", { class: "num" }, fmt(ev.event_scale)),
      el("td", { class: "trigger-cell" }, iso(ev.event_text || "")));
    const open = () => {
      for (const r of body.querySelectorAll("tr.selected")) r.classList.remove("selected");
      row.classList.add("selected");
      showEvidence(ev.story_id);
    };
    row.addEventListener("click", open);
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
    body.append(row);
  }
}

// -- evidence ---------------------------------------------------------------------------------

// Text as text nodes and <mark>s from character spans; `wrap` may turn a covered piece into a link.
function highlighted(tag, text, spans, attrs) {
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) &&
    s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = new Set([0, text.length]);
  for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = el(tag, attrs || {});
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = valid.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { out.append(piece); continue; }
    const classes = [...new Set(covering.flatMap((s) => s.cls.split(" ")))].join(" ");
    const attrsOf = { class: classes, title: covering.map((s) => s.label).join("; ") };
    const starting = covering.find((s) => s.id && s.start === a);
    if (starting) attrsOf.id = starting.id;
    const events = covering.filter((s) => s.event).map((s) => s.event);
    if (events.length) attrsOf["data-events"] = events.join(" ");
    out.append(el("mark", attrsOf, piece));
  }
  return out;
}

function safeUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (e) {
    return null;
  }
}

function sourceLink(url) {
  const link = safeUrl(url);
  return link ? el("a", { href: link, rel: "noopener noreferrer nofollow", target: "_blank" }, "source ↗") : null;
}

function linkButton(label, onClick, attrs) {
  const button = el("button", { type: "button", class: "link", ...(attrs || {}) }, label);
  button.addEventListener("click", onClick);
  return button;
}

function mentionCard(m) {
  const spans = [];
  if (m.trigger && m.trigger.start !== null) {
    spans.push({ start: m.trigger.start, end: m.trigger.end, cls: "trigger", label: `trigger: ${m.trigger.text}` });
  }
  for (const p of m.parties) {
    if (p.start === null) continue;
    spans.push({ start: p.start, end: p.end, cls: p.role,
      label: `${p.role}: ${p.name || p.text}${p.code ? " (" + p.code + ")" : ""}` });
  }
  const head = el("div", { class: "card-head" },
    el("strong", {}, iso(m.outlet || m.doc_id)),
    m.title ? el("span", { class: "muted" }, " · ", iso(m.title)) : null,
    el("span", { class: "muted" }, ` · event date ${m.date_shown || "unknown"}` + (m.published ? ` · published ${m.published}` : "")),
    " ", sourceLink(m.url), " ",
    linkButton("whole article", () => showArticle(m.article_id, m.event_id), { "data-article": m.article_id }));

  const a = m.attribution || {};
  const said = [];
  if (a.source) said.push(el("span", {}, "source: ", el("strong", {}, iso(a.source))));
  if (a.status && a.status !== "asserted") said.push(el("span", { class: `attr-status ${a.status}` }, a.status));
  for (const h of a.hedges || []) said.push(el("span", { class: "hedge" }, "“", iso(h), "”"));
  for (const x of m.auxiliary || []) said.push(el("span", { class: "flag" }, x));
  if (m.fatalities) said.push(el("span", { class: "flag" }, `fatalities: ${m.fatalities.qualifier} ${m.fatalities.number}`));

  const parties = m.parties.map((p) => iso(`${p.role} ${p.name || p.text}${p.code ? " [" + p.code + "]" : ""}` +
    (p.start === null ? " (outside this sentence)" : "")));
  return el("article", { class: "card" }, head,
    highlighted("p", m.sentence, spans, { class: "sentence", dir: "auto" }),
    said.length ? el("p", { class: "attribution" }, ...said) : el("p", { class: "attribution muted" }, "stated by the article itself"),
    parties.length ? el("p", { class: "parties muted" }, ...parties.flatMap((p, i) => (i ? [" · ", p] : [p]))) : null,
    el("p", { class: "ids muted" }, `${m.doc_id} · ${m.event_id} · chars ${m.sentence_span[0]}–${m.sentence_span[1]}`));
}

function sidePanel(title) {
  document.getElementById("side-title").textContent = title;
  const box = document.getElementById("evidence");
  clear(box);
  return box;
}

async function showEvidence(storyId) {
  state.story = storyId;
  state.article = null;
  saveUrl();
  const box = sidePanel("Evidence");
  box.append(el("p", { class: "muted" }, "Loading…"));
  try {
    const data = await api(`/api/story/${encodeURIComponent(storyId)}`);
    const s = data.story;
    clear(box);
    box.append(el("h3", {}, `${s.event} · ${codes(s.actor_codes)} → ${codes(s.recipient_codes)}`),
      el("p", { class: "muted" }, `${s.date || "undated"}${s.last_date && s.last_date !== s.date ? " – " + s.last_date : ""}`,
        s.loc_name ? el("span", {}, " · ", iso(s.loc_name)) : null,
        ` · score ${fmt(s.event_scale)} (quad ${s.quad_code ?? "?"})` +
        ` · ${plural(s.num_mentions, "mention")} in ${plural(s.num_articles, "article")}` +
        ` from ${plural(s.num_sources, "source")}`),
      el("p", { class: "key" }, el("mark", { class: "trigger" }, "trigger"), " ",
        el("mark", { class: "actor" }, "actor"), " ", el("mark", { class: "recipient" }, "recipient")),
      ...data.evidence.map(mentionCard));
  } catch (err) {
    clear(box);
    box.append(el("p", { class: "error" }, String(err.message || err)));
  }
}

// -- article view -----------------------------------------------------------------------------

async function showArticle(articleId, focusEvent) {
  state.article = articleId;
  saveUrl();
  const box = sidePanel("Article");
  box.append(el("p", { class: "muted" }, "Loading…"));
  try {
    const a = await api(`/api/article/${encodeURIComponent(articleId)}`);
    clear(box);
    const back = state.story ? linkButton("← back to the evidence", () => showEvidence(state.story)) : null;
    const spans = [];
    const anchor = new Map(); // events of one sentence share the anchor of the first
    for (const ev of a.events) if (!anchor.has(ev.span_start)) anchor.set(ev.span_start, `ev-${ev.event_id}`);
    for (const ev of a.events) {
      const kind = ev.quad_code >= 3 ? "ev-conflict" : ev.quad_code ? "ev-coop" : "ev-other";
      spans.push({ start: ev.span_start, end: ev.span_end, cls: `event ${kind}`, id: anchor.get(ev.span_start),
        event: ev.event_id, label: `${ev.event}: ${codes(ev.actor_codes)} → ${codes(ev.recipient_codes)}` });
      if (Number.isInteger(ev.event_start)) {
        spans.push({ start: ev.event_start, end: ev.event_end, cls: "trigger", label: `trigger: ${ev.event_text}` });
      }
    }
    const list = el("ol", { class: "event-list" }, ...a.events.map((ev) => el("li", {},
      el("a", { href: `#${anchor.get(ev.span_start)}` }, ev.event), ` ${codes(ev.actor_codes)} → ${codes(ev.recipient_codes)} · `,
      `${ev.date_shown || "undated"} · “`, iso(ev.event_text), "” ",
      ev.story_id ? linkButton("evidence", () => showEvidence(ev.story_id), { "data-story": ev.story_id }) : null)));
    const removed = a.removed.length
      ? el("details", { class: "removed" }, el("summary", {}, `What cleaning removed (${a.removed.length})`),
        el("ul", {}, ...a.removed.map((r) => el("li", {}, el("span", { class: "flag" }, r.reason), " ", iso(r.text, { dir: "auto" })))))
      : el("p", { class: "muted" }, "Cleaning removed nothing from this article.");
    box.append(back || "",
      el("h3", {}, iso(a.title || a.doc_id)),
      el("p", { class: "muted" }, iso(a.outlet || ""), ` · published ${a.published || "unknown"} · ${a.doc_id} `, sourceLink(a.url)),
      el("p", { class: "muted" }, `${plural(a.events.length, "coded event")}, highlighted in the text; click one in the list for its evidence.`),
      list,
      highlighted("div", a.text, spans, { class: "article-text", dir: "auto" }),
      removed);
    const marks = [...box.querySelectorAll(".article-text mark[data-events]")]
      .filter((m) => m.dataset.events.split(" ").includes(focusEvent));
    for (const m of marks) m.classList.add("focus");
    if (marks.length) marks[0].scrollIntoView({ block: "nearest" });
  } catch (err) {
    clear(box);
    box.append(el("p", { class: "error" }, String(err.message || err)));
  }
}

// -- alerts -----------------------------------------------------------------------------------

async function loadAlerts() {
  const data = await api("/api/alerts");
  const panel = document.getElementById("alerts-panel");
  const list = document.getElementById("alerts");
  clear(list);
  panel.hidden = !data.alerts.length;
  document.getElementById("alert-count").textContent = `(${data.alerts.length})`;
  for (const a of data.alerts) {
    const links = a.evidence.map((ref, i) => ref.story_id
      ? linkButton(`evidence ${i + 1}`, () => showEvidence(ref.story_id), { "data-story": ref.story_id })
      : ref.article_id ? linkButton(`article ${i + 1}`, () => showArticle(ref.article_id, ref.event_id), { "data-article": ref.article_id }) : null);
    list.append(el("li", {}, el("strong", {}, iso(a.rule || a.kind || "alert")), " ",
      el("span", { class: "muted" }, `${a.day || ""} ${a.actor || ""}${a.recipient ? " → " + a.recipient : ""} · `),
      iso(a.summary || ""), " ", ...links.flatMap((l) => (l ? [l, " "] : []))));
  }
}

// -- map --------------------------------------------------------------------------------------

async function drawPlaces() {
  const box = document.getElementById("map");
  clear(box);
  if (!lastPlaces) return;
  try {
    await window.tocsinMap.draw(box, lastPlaces, chartWidth(box), (place) => { setFilters({ place: place.place }); refresh(); }, rovingKeys);
  } catch (err) {
    box.append(el("p", { class: "error" }, `map: ${err.message || err}`));
  }
}

// -- wiring -----------------------------------------------------------------------------------

function clearResults() {
  lastTimeline = lastPlaces = lastDyad = null;
  for (const id of ["timeline", "map", "dyad"]) clear(document.getElementById(id));
  clear(document.querySelector("#events-table tbody"));
  document.getElementById("event-count").textContent = "no results: see the error above";
  document.getElementById("page-info").textContent = "";
}

function exportLinks(f) {
  const filters = apiFilters(f);
  document.getElementById("export-csv").href = "/api/export" + queryString({ format: "csv", ...filters });
  document.getElementById("export-json").href = "/api/export" + queryString({ format: "json", ...filters });
}

function fetchEvents(f) {
  return api("/api/events", { ...apiFilters(f), sort: state.sort, order: state.order,
    limit: state.limit, offset: state.offset });
}

let generation = 0; // an answer to an older refresh never overwrites a newer one

async function refresh(keepPage) {
  const f = currentFilters();
  if (!keepPage) state.offset = 0;
  const mine = ++generation;
  snapshotSeen = null;
  document.body.dataset.loading = "1"; // cleared when this refresh has drawn (tests wait on it)
  saveUrl();
  exportLinks(f);
  document.getElementById("measure-label").textContent =
    f.measure === "score" ? "bar height: summed PLOVER score (event_scale, −10…+10 per event)"
      : "bar height: number of story events";
  status("Loading…");
  try {
    const [timeline, events, map, dyad] = await Promise.all([
      api("/api/timeline", { by: f.by, ...apiFilters(f) }), fetchEvents(f), api("/api/map", apiFilters(f)), fetchDyad(f),
    ]);
    if (mine !== generation) return;
    [lastTimeline, lastPlaces, lastDyad] = [timeline, map.places, dyad];
    drawEvents(events);
    drawTimeline(timeline, f.measure);
    drawDyad(dyad, f.measure);
    await drawPlaces();
    status("");
    if (snapshotSeen) {
      status(`An ingest is writing the database: showing it as it was at ${snapshotSeen}; refreshing every 10 s.`);
      clearTimeout(snapshotTimer);
      snapshotTimer = setTimeout(() => refresh(true), 10000);
    }
  } catch (err) {
    if (mine !== generation) return;
    clearResults();
    status(String(err.message || err), true);
  }
  delete document.body.dataset.loading;
}

async function turnPage(delta) {
  state.offset = Math.max(0, state.offset + delta * state.limit);
  document.body.dataset.loading = "1";
  saveUrl();
  try {
    drawEvents(await fetchEvents(currentFilters()));
    document.getElementById("events").focus();
  } catch (err) {
    status(String(err.message || err), true);
  }
  delete document.body.dataset.loading;
}

function resetAll() {
  // Not form.reset(): the defaults would be whatever the page was opened with.
  const f = form();
  for (const name of FILTER_NAMES) setFilters({ [name]: "" });
  f.elements.by.value = "day";
  f.elements.measure.value = "count";
  Object.assign(state, { sort: "date", order: "desc", offset: 0, story: null, article: null });
  sidePanel("Evidence").append(el("p", { class: "muted" }, "Select an event to see its evidence."));
  refresh();
}

document.addEventListener("DOMContentLoaded", async () => {
  const f = form();
  const initial = new URLSearchParams(location.search);
  f.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  for (const name of ["type", "kind", "outlet", "attribution", "by"]) f.elements[name].addEventListener("change", () => refresh());
  f.elements.measure.addEventListener("change", () => {
    saveUrl();
    drawTimeline(lastTimeline, f.elements.measure.value);
    drawDyad(lastDyad, f.elements.measure.value);
  });
  document.getElementById("reset-filters").addEventListener("click", resetAll);
  document.querySelector("a.skip").addEventListener("click", (e) => {
    e.preventDefault();
    document.getElementById("events").focus();
  });
  document.getElementById("prev-page").addEventListener("click", () => turnPage(-1));
  document.getElementById("next-page").addEventListener("click", () => turnPage(1));
  document.getElementById("page-size").addEventListener("change", (e) => { state.limit = Number(e.target.value); refresh(); });
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.querySelector("button").addEventListener("click", () => {
      const key = th.dataset.sort;
      state.order = state.sort === key && state.order === "desc" ? "asc" : "desc";
      state.sort = key;
      refresh();
    });
  }
  let resizeTimer = null;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(() => {
      const measure = currentFilters().measure;
      if (lastTimeline) drawTimeline(lastTimeline, measure);
      if (lastDyad) drawDyad(lastDyad, measure);
      if (lastPlaces) drawPlaces();
    }, 250);
  });
  try {
    await loadSummary();
  } catch (err) {
    status(String(err.message || err), true);
  }
  setFilters(Object.fromEntries(initial));
  state.sort = initial.get("sort") || "date";
  state.order = initial.get("order") || "desc";
  state.offset = Number(initial.get("offset")) || 0;
  state.limit = Number(initial.get("limit")) || 50;
  document.getElementById("page-size").value = String(state.limit);
  state.story = initial.get("story");
  state.article = initial.get("article");
  loadAlerts().catch((err) => status(String(err.message || err), true));
  await refresh(true);
  if (state.article) showArticle(state.article);
  else if (state.story) showEvidence(state.story);
});
