// The dashboard's map: Natural Earth country shapes (vendor/countries-110m.json, decoded by the
// vendored topojson-client) in an equirectangular projection, zoomed to the places shown, with
// one circle per geocoded place: area by story events, colour by conflict vs cooperation.
"use strict";

(() => {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const TOP = 84, BOTTOM = -58; // latitudes shown: Antarctica and the far north add nothing here
  let countries = null; // one path string per country, in projected degrees

  const project = (lon, lat) => [lon + 180, TOP - lat];

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function ringPath(ring) {
    let d = "", previous = null;
    for (const [lon, lat] of ring) {
      const [x, y] = project(lon, lat);
      // A ring that crosses the antimeridian jumps across the map: start a new piece instead.
      d += (previous === null || Math.abs(lon - previous) > 180 ? "M" : "L") + x.toFixed(2) + "," + y.toFixed(2);
      previous = lon;
    }
    return d + "Z";
  }

  async function loadCountries() {
    if (countries) return countries;
    const response = await fetch("/static/vendor/countries-110m.json");
    if (!response.ok) throw new Error(`country shapes: HTTP ${response.status}`);
    const topo = await response.json();
    const features = window.topojson.feature(topo, topo.objects.countries).features;
    countries = features.map((f) => {
      const g = f.geometry;
      const polygons = !g ? [] : g.type === "Polygon" ? [g.coordinates] : g.coordinates;
      return { name: (f.properties && f.properties.name) || "", d: polygons.flat().map(ringPath).join("") };
    });
    return countries;
  }

  // The part of the world that holds the points, padded, at the chart's aspect ratio.
  function viewBox(points, aspect) {
    const world = [0, 0, 360, TOP - BOTTOM];
    if (!points.length) return world;
    const xs = points.map((p) => project(p.lon, p.lat)[0]), ys = points.map((p) => project(p.lon, p.lat)[1]);
    let [x0, x1, y0, y1] = [Math.min(...xs) - 8, Math.max(...xs) + 8, Math.min(...ys) - 6, Math.max(...ys) + 6];
    let w = Math.max(x1 - x0, 40), h = Math.max(y1 - y0, 40 * aspect);
    if (h / w > aspect) w = h / aspect; else h = w * aspect;
    if (w >= 360 || h >= world[3]) return world;
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    x0 = Math.min(Math.max(cx - w / 2, 0), 360 - w);
    y0 = Math.min(Math.max(cy - h / 2, 0), world[3] - h);
    return [x0, y0, w, h];
  }

  async function draw(box, places, width, onSelect, rovingKeys) {
    const shapes = await loadCountries();
    const height = Math.round(Math.min(360, Math.max(180, width * 0.5)));
    const [vx, vy, vw, vh] = viewBox(places, height / width);
    const unit = vw / width; // viewBox units per pixel
    const root = svg("svg", { viewBox: `${vx} ${vy} ${vw} ${vh}`, width, height, role: "img", tabindex: 0,
      class: "map-chart", "aria-label": `Map of ${places.length} places with story events` });
    root.append(svg("rect", { x: 0, y: 0, width: 360, height: TOP - BOTTOM, class: "sea" }));
    const land = svg("g", { class: "land" });
    for (const c of shapes) {
      const path = svg("path", { d: c.d });
      path.append(svg("title", {}, c.name));
      land.append(path);
    }
    root.append(land);
    const most = Math.max(1, ...places.map((p) => p.events));
    // Biggest first, so small circles stay on top and clickable.
    const ordered = [...places].sort((a, b) => b.events - a.events);
    const marks = ordered.map((p) => {
      const [x, y] = project(p.lon, p.lat);
      const kind = p.conflict_events > p.cooperation_events ? "conflict"
        : p.cooperation_events > p.conflict_events ? "coop" : "mixed";
      const g = svg("g", { class: `place ${kind}`, "data-place": p.place });
      g.append(svg("title", {}, `${p.place}${p.country ? " (" + p.country + ")" : ""}: ${p.events} story events,` +
        ` ${p.conflict_events} conflict, ${p.cooperation_events} cooperation`));
      g.append(svg("circle", { cx: x, cy: y, r: (4 + 14 * Math.sqrt(p.events / most)) * unit }));
      g.addEventListener("click", () => onSelect(p));
      root.append(g);
      return g;
    });
    ordered.slice(0, 6).forEach((p) => {
      const [x, y] = project(p.lon, p.lat);
      root.append(svg("text", { x: x + (6 + 14 * Math.sqrt(p.events / most)) * unit, y: y + 4 * unit,
        class: "place-label", "font-size": 11 * unit }, p.place));
    });
    rovingKeys(root, marks, (i) => onSelect(ordered[i]));
    box.append(root);
    if (!places.length) {
      const note = document.createElement("p");
      note.className = "muted";
      note.textContent = "No geocoded places among these story events.";
      box.append(note);
    }
  }

  window.tocsinMap = { draw };
})();
