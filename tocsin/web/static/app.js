// tocsin dashboard: plain JS + inline SVG, no library, no external asset.
// Every piece of data reaches the page through textContent or setAttribute, never innerHTML.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const FILTER_NAMES = ["actor", "recipient", "type", "since", "until"];
const MAX_GAP_FILL = 400; // periods; past that the timeline shows only periods with events

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

async function api(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v) query.set(k, v);
  const url = path + (query.toString() ? "?" + query : "");
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(`${url}: ${body.error || response.status}`);
  return body;
}

const fmt = (x) => (x === null || x === undefined ? "" : Number.isInteger(x) ? String(x) : x.toFixed(1));
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const codes = (s) => (s ? s.split(";").join("+") : "—");

// -- state ------------------------------------------------------------------------------------

function currentFilters() {
  const form = document.getElementById("filters");
  const out = {};
  for (const name of [...FILTER_NAMES, "by", "measure"]) out[name] = form.elements[name].value.trim();
  out.actor = out.actor.toUpperCase();
  out.recipient = out.recipient.toUpperCase();
  return out;
}

function setFilters(values) {
  const form = document.getElementById("filters");
  for (const [k, v] of Object.entries(values)) if (form.elements[k]) form.elements[k].value = v || "";
}

function apiFilters(f) {
  const out = {};
  for (const name of FILTER_NAMES) if (f[name]) out[name] = f[name];
  return out;
}

// -- summary ----------------------------------------------------------------------------------

async function loadSummary() {
  const s = await api("/api/summary");
  const c = s.counts;
  const range = s.first_date ? `${s.first_date} to ${s.last_date}` : "no dated events";
  const top = s.top_actors.slice(0, 5).map((a) => `${a.code} ${a.events}`).join(", ");
  document.getElementById("summary").textContent =
    `${c.articles} articles · ${c.events} event mentions · ${c.stories} story events · ${range}` +
    (top ? ` · top actors: ${top}` : "") + (c.failures ? ` · ${c.failures} inputs failed` : "");
  const select = document.getElementById("filters").elements.type;
  for (const t of s.event_types) select.append(el("option", { value: t.event }, `${t.event} (${t.events})`));
  const list = document.getElementById("codes");
  for (const code of s.codes) list.append(el("option", { value: code }));
}

// -- timeline ---------------------------------------------------------------------------------

function addDays(iso, n) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// Periods with no event are drawn as empty slots, so the x axis is real time.
function fillGaps(periods, by) {
  if (periods.length < 2) return periods;
  const step = by === "week" ? 7 : 1;
  const byKey = new Map(periods.map((p) => [p.period, p]));
  const out = [];
  for (let d = periods[0].period; d <= periods[periods.length - 1].period; d = addDays(d, step)) {
    if (out.length > MAX_GAP_FILL) return periods;
    out.push(byKey.get(d) || { period: d, events: 0, cooperation_events: 0, conflict_events: 0,
      cooperation_score: 0, conflict_score: 0, mentions: 0 });
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

function drawTimeline(data, measure) {
  const box = document.getElementById("timeline");
  clear(box);
  const periods = fillGaps(data.periods, data.by);
  if (!periods.length) {
    box.append(el("p", { class: "muted empty" }, "No dated story events match these filters."));
    return;
  }
  const up = (p) => (measure === "score" ? p.cooperation_score : p.cooperation_events);
  const down = (p) => (measure === "score" ? p.conflict_score : -p.conflict_events);
  const extent = niceExtent(
    Math.max(1, ...periods.map((p) => Math.max(up(p), down(p), 0))),
    Math.min(-1, ...periods.map((p) => Math.min(up(p), down(p), 0))), measure !== "score");
  const [top, bottom, step] = extent;

  const W = Math.max(box.clientWidth || 1000, 400), H = 260;
  const m = { left: 48, right: 12, top: 24, bottom: 40 };
  const plotW = W - m.left - m.right, plotH = H - m.top - m.bottom;
  const y = (v) => m.top + ((top - v) / (top - bottom)) * plotH;
  const slot = plotW / periods.length;
  const barW = Math.max(1, Math.min(48, slot * 0.7));

  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
    "aria-label": `Story events per ${data.by}: cooperation above the axis, conflict below` });

  // y grid on round numbers; counts below the axis are conflict events, labelled as positive counts
  for (let v = bottom; v <= top + step / 2; v += step) {
    const value = Math.round(v * 1000) / 1000;
    root.append(svg("line", { x1: m.left, x2: W - m.right, y1: y(value), y2: y(value), class: value === 0 ? "axis" : "grid" }));
    root.append(svg("text", { x: m.left - 6, y: y(value) + 4, class: "tick", "text-anchor": "end" },
      fmt(measure === "score" ? value : Math.abs(value))));
  }
  root.append(svg("text", { x: 4, y: 11, class: "tick" },
    measure === "score" ? "summed score" : "story events"));

  const labelEvery = Math.ceil(periods.length / Math.max(1, Math.floor(plotW / 78)));
  periods.forEach((p, i) => {
    const cx = m.left + slot * i + slot / 2;
    const g = svg("g", { class: "bar", tabindex: 0, "data-period": p.period });
    g.append(svg("title", {}, `${p.period}: ${p.events} story events, ${p.mentions} mentions\n` +
      `cooperation: ${p.cooperation_events} events, score ${fmt(p.cooperation_score)}\n` +
      `conflict: ${p.conflict_events} events, score ${fmt(p.conflict_score)}`));
    // a transparent hit area the height of the plot, so thin bars are easy to click
    g.append(svg("rect", { x: cx - slot / 2, y: m.top, width: slot, height: plotH, class: "hit" }));
    for (const [value, cls] of [[up(p), "coop"], [down(p), "conflict"]]) {
      if (!value) continue;
      const y0 = y(Math.max(value, 0)), y1 = y(Math.min(value, 0));
      g.append(svg("rect", { x: cx - barW / 2, y: y0, width: barW, height: Math.max(1, y1 - y0), class: cls }));
    }
    g.addEventListener("click", () => selectPeriod(p.period, data.by));
    g.addEventListener("keydown", (e) => { if (e.key === "Enter") selectPeriod(p.period, data.by); });
    root.append(g);
    if (i % labelEvery === 0) {
      root.append(svg("text", { x: cx, y: H - m.bottom + 16, class: "tick", "text-anchor": "middle" },
        p.period.slice(data.by === "week" ? 0 : 5)));
    }
  });
  root.append(svg("text", { x: m.left, y: H - 6, class: "tick" },
    `${data.by === "week" ? "weeks starting" : "days"} ${periods[0].period} – ${periods[periods.length - 1].period}` +
    ` · totals: ${data.totals.cooperation_events} cooperation, ${data.totals.conflict_events} conflict,` +
    ` ${data.totals.events} story events`));
  box.append(root);
}

function selectPeriod(period, by) {
  setFilters({ since: period, until: by === "week" ? addDays(period, 6) : period });
  refresh();
}

// -- events table -----------------------------------------------------------------------------

function drawEvents(data) {
  const body = document.querySelector("#events tbody");
  clear(body);
  document.getElementById("event-count").textContent =
    `(${data.count}${data.truncated ? "+, first " + data.limit + " shown" : ""})`;
  if (!data.events.length) {
    body.append(el("tr", {}, el("td", { colspan: 7, class: "muted" }, "No story events match these filters.")));
    return;
  }
  for (const ev of data.events) {
    const quad = ev.quad_code;
    const cls = (quad >= 3 ? "q-conflict" : quad ? "q-coop" : "") + (ev.story_id === selectedStory ? " selected" : "");
    const row = el("tr", { tabindex: 0, class: cls.trim() || null },
      el("td", { class: "nowrap" }, ev.date || "undated"),
      el("td", {}, el("span", { class: "type" }, ev.event)),
      el("td", { class: "nowrap" }, `${codes(ev.actor_codes)} → ${codes(ev.recipient_codes)}`),
      el("td", {}, ev.loc_name || ""),
      el("td", { class: "num" }, `${ev.num_mentions} / ${ev.num_sources} / ${ev.num_articles}`),
      el("td", { class: "num" }, fmt(ev.event_scale)),
      el("td", { class: "trigger-cell" }, ev.event_text || ""));
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

// The sentence as text nodes and <mark>s: trigger and parties highlighted from their char spans.
function highlighted(sentence, spans) {
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) &&
    s.start >= 0 && s.end <= sentence.length && s.start < s.end);
  const cuts = new Set([0, sentence.length]);
  for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = el("p", { class: "sentence" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const text = sentence.slice(a, b);
    const covering = valid.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { out.append(text); continue; }
    const classes = [...new Set(covering.map((s) => s.cls))].join(" ");
    out.append(el("mark", { class: classes, title: covering.map((s) => s.label).join("; ") }, text));
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
  const link = safeUrl(m.url);
  const head = el("div", { class: "card-head" },
    el("strong", {}, m.outlet || m.doc_id),
    m.title ? el("span", { class: "muted" }, ` · ${m.title}`) : null,
    el("span", { class: "muted" }, ` · event date ${m.date || "unknown"}` +
      (m.date_precision && m.date_precision !== "day" ? ` (${m.date_precision})` : "") +
      (m.published ? ` · published ${m.published}` : "")),
    link ? el("a", { href: link, rel: "noopener noreferrer nofollow", target: "_blank" }, " source ↗") : null);

  const a = m.attribution || {};
  const said = [];
  if (a.source) said.push(el("span", {}, "source: ", el("strong", {}, a.source)));
  if (a.status && a.status !== "asserted") said.push(el("span", { class: `attr-status ${a.status}` }, a.status));
  for (const h of a.hedges || []) said.push(el("span", { class: "hedge" }, `“${h}”`));
  for (const x of m.auxiliary || []) said.push(el("span", { class: "flag" }, x));
  if (m.fatalities) said.push(el("span", { class: "flag" }, `fatalities: ${m.fatalities.qualifier} ${m.fatalities.number}`));

  const parties = m.parties.map((p) => `${p.role} ${p.name || p.text}${p.code ? " [" + p.code + "]" : ""}` +
    (p.start === null ? " (outside this sentence)" : ""));
  return el("article", { class: "card" }, head,
    highlighted(m.sentence, spans),
    said.length ? el("p", { class: "attribution" }, ...said) : el("p", { class: "attribution muted" }, "stated by the article itself"),
    parties.length ? el("p", { class: "parties muted" }, parties.join(" · ")) : null,
    el("p", { class: "ids muted" }, `${m.doc_id} · ${m.event_id} · chars ${m.sentence_span[0]}–${m.sentence_span[1]}` +
      (m.trigger && m.trigger.start !== null ? ` · trigger at ${m.sentence_span[0] + m.trigger.start}` : "")));
}

async function showEvidence(storyId) {
  selectedStory = storyId;
  saveUrl();
  const box = document.getElementById("evidence");
  clear(box);
  box.append(el("p", { class: "muted" }, "Loading…"));
  try {
    const data = await api(`/api/story/${encodeURIComponent(storyId)}`);
    const s = data.story;
    clear(box);
    box.append(el("h3", {}, `${s.event} · ${codes(s.actor_codes)} → ${codes(s.recipient_codes)}`),
      el("p", { class: "muted" }, `${s.date || "undated"}${s.last_date && s.last_date !== s.date ? " – " + s.last_date : ""}` +
        `${s.loc_name ? " · " + s.loc_name : ""} · score ${fmt(s.event_scale)} (quad ${s.quad_code ?? "?"})` +
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

// -- dyad -------------------------------------------------------------------------------------

async function drawDyad(f) {
  const box = document.getElementById("dyad");
  if (!f.actor || !f.recipient || f.actor === f.recipient) { box.hidden = true; return; }
  const data = await api("/api/dyad", { a: f.actor, b: f.recipient, by: f.by });
  const sum = (key) => data.periods.reduce((acc, p) => acc + (p[key] || 0), 0);
  const ab = `${data.a}->${data.b}`, ba = `${data.b}->${data.a}`;
  box.textContent = `Both directions over the whole corpus: ${data.a} → ${data.b} ${sum(ab + " events")} events, ` +
    `score ${fmt(sum(ab + " score"))}; ${data.b} → ${data.a} ${sum(ba + " events")} events, score ${fmt(sum(ba + " score"))}`;
  box.hidden = false;
}

// -- wiring -----------------------------------------------------------------------------------

let lastTimeline = null; // redrawn on resize without asking the server again
let selectedStory = null; // kept in the URL, so a link opens the same evidence

function saveUrl() {
  const query = new URLSearchParams(Object.entries(currentFilters()).filter(([, v]) => v));
  if (selectedStory) query.set("story", selectedStory);
  history.replaceState(null, "", query.toString() ? "?" + query : location.pathname);
}

async function refresh() {
  const f = currentFilters();
  saveUrl();
  document.getElementById("measure-label").textContent =
    f.measure === "score" ? "bar height: summed PLOVER score (event_scale, −10…+10 per event)"
      : "bar height: number of story events";
  status("Loading…");
  try {
    const [timeline, events] = await Promise.all([
      api("/api/timeline", { by: f.by, ...apiFilters(f) }),
      api("/api/events", { ...apiFilters(f), limit: 500 }),
    ]);
    lastTimeline = timeline;
    drawTimeline(timeline, f.measure);
    drawEvents(events);
    await drawDyad(f);
    status("");
  } catch (err) {
    status(String(err.message || err), true);
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  const form = document.getElementById("filters");
  const initial = new URLSearchParams(location.search);
  setFilters(Object.fromEntries(initial));
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  for (const name of ["type", "by", "measure"]) form.elements[name].addEventListener("change", refresh);
  document.getElementById("reset").addEventListener("click", () => {
    form.reset();
    refresh();
  });
  let resizeTimer = null;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(() => {
      if (lastTimeline) drawTimeline(lastTimeline, currentFilters().measure);
    }, 250);
  });
  try {
    const type = form.elements.type.value;
    await loadSummary();
    form.elements.type.value = initial.get("type") || type;
  } catch (err) {
    status(String(err.message || err), true);
  }
  selectedStory = initial.get("story");
  await refresh();
  if (selectedStory) showEvidence(selectedStory);
});
