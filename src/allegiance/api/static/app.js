// The dashboard's behaviour: charts (plotly), the network (vis-network), click-through to events.
"use strict";

const DATA = JSON.parse(document.getElementById("page-data").textContent);
const PAGE = document.body.dataset.page;
const QUAD = [
  ["Verbal cooperation", "#7fb77e"], ["Material cooperation", "#2e7d32"],
  ["Verbal conflict", "#f4a259"], ["Material conflict", "#c0392b"],
];
const PLOT = { displaylogo: false, responsive: true };

function esc(text) {
  const div = document.createElement("div");
  div.textContent = text == null ? "" : String(text);
  return div.innerHTML;
}

// Mark the evidence spans (source, trigger, target) inside the event's sentence. Their offsets are
// into the article: the sentence's offset is the one that puts every span's text where it belongs.
function highlight(record) {
  const sentence = record.sentence || "";
  const evidence = record.evidence || {};
  const spans = ["source", "trigger", "target"].filter(r => evidence[r] && evidence[r].text).map(r => [r, evidence[r]]);
  let placed = [];
  if (spans.length) {
    const anchor = (spans.find(([r]) => r === "trigger") || spans[0])[1];
    for (let at = sentence.indexOf(anchor.text); at >= 0; at = sentence.indexOf(anchor.text, at + 1)) {
      const base = anchor.start - at;
      const trial = spans.map(([r, sp]) => [sp.start - base, sp.end - base, r, sp.text]);
      if (trial.every(([a, b, , text]) => a >= 0 && b <= sentence.length && sentence.slice(a, b) === text)) {
        placed = trial.sort((x, y) => x[0] - y[0]);
        break;
      }
    }
  }
  let out = "", pos = 0;
  for (const [s, e, role] of placed) {
    if (s < pos) continue;
    out += esc(sentence.slice(pos, s)) + `<mark class="${role}">` + esc(sentence.slice(s, e)) + "</mark>";
    pos = e;
  }
  return out + esc(sentence.slice(pos));
}

function goldColour(g) {
  if (g == null) return "#999";
  const t = Math.max(-1, Math.min(1, g / 6));
  return t >= 0 ? `rgb(${Math.round(200 - 150 * t)},${Math.round(160 + 20 * t)},${Math.round(90 - 40 * t)})`
                : `rgb(${Math.round(200 + 30 * -t)},${Math.round(160 - 110 * -t)},${Math.round(90 - 50 * -t)})`;
}

function overview() {
  const v = DATA.volume || [];
  if (!v.length) return;
  Plotly.newPlot("volume-chart", [
    { type: "bar", name: "events", x: v.map(p => p.period), y: v.map(p => p.events), marker: { color: "#4a6fa5" } },
    { type: "scatter", mode: "lines+markers", name: "articles", x: v.map(p => p.period), y: v.map(p => p.articles),
      line: { color: "#d68910" } },
  ], { margin: { t: 10, r: 10, b: 40, l: 50 }, legend: { orientation: "h" } }, PLOT);
}

function network() {
  const palette = ["#4a6fa5", "#c0392b", "#2e7d32", "#8e44ad", "#d68910", "#16a085", "#7f8c8d", "#a04000"];
  const shapes = { state: "dot", bloc: "diamond", person: "triangle" };
  const nodes = new vis.DataSet(DATA.nodes.map(n => ({
    id: n.id, label: n.label, shape: shapes[n.kind] || "dot", value: n.events,
    color: palette[(n.community || 0) % palette.length],
    title: `${n.label} (${n.kind}) · ${n.events} events · betweenness ${n.betweenness}`,
  })));
  const edges = new vis.DataSet(DATA.edges.map((e, i) => ({
    id: i, from: e.source, to: e.target, value: e.weight, color: { color: goldColour(e.goldstein), opacity: 0.8 },
    title: `${e.weight} events · mean Goldstein ${e.goldstein}`,
  })));
  const container = document.getElementById("network");
  const graph = new vis.Network(container, { nodes, edges }, {
    nodes: { scaling: { min: 8, max: 40 }, font: { size: 14 } },
    edges: { scaling: { min: 1, max: 10 }, smooth: false },
    physics: { stabilization: { iterations: 200 }, barnesHut: { springLength: 160 } },
    interaction: { hover: true },
  });
  graph.once("stabilizationIterationsDone", () => { graph.setOptions({ physics: false }); container.dataset.ready = "1"; });
  graph.on("click", params => {
    if (params.nodes.length) window.location.href = "/actor/" + encodeURIComponent(params.nodes[0]);
  });
  window.allegianceNetwork = graph;
}

function timeline(id, points, label) {
  if (!points.length) return;
  Plotly.newPlot(id, [
    { type: "bar", name: "events", x: points.map(p => p.period), y: points.map(p => p.events), marker: { color: "#9fb3d1" } },
    { type: "scatter", mode: "lines+markers", name: label, x: points.map(p => p.period), y: points.map(p => p.goldstein_mean),
      yaxis: "y2", line: { color: "#c0392b" }, connectgaps: false },
  ], { margin: { t: 10, r: 50, b: 40, l: 50 }, yaxis: { title: "events" },
       yaxis2: { title: label, overlaying: "y", side: "right", range: [-10, 10], tickmode: "linear", dtick: 5 },
       legend: { orientation: "h" } }, PLOT);
}

function actor() { timeline("timeline-chart", DATA.timeline || [], "mean Goldstein"); }

function dyad() {
  const pts = DATA.points || [];
  const shifts = JSON.parse(document.getElementById("shift-data").textContent);
  const x = pts.map(p => p.period);
  const traces = QUAD.map(([name, colour], q) => ({ type: "bar", name, x, y: pts.map(p => p.quad[q]), marker: { color: colour } }));
  traces.push({ type: "scatter", mode: "lines+markers", name: "mean Goldstein", x, y: pts.map(p => p.goldstein_mean),
                yaxis: "y2", line: { color: "#222", width: 2 } });
  const lines = shifts.map(s => ({ type: "line", xref: "x", yref: "paper", x0: s.date, x1: s.date, y0: 0, y1: 1,
                                   line: { color: "#8e44ad", dash: "dash", width: 2 } }));
  const notes = shifts.map(s => ({ x: s.date, y: 1, yref: "paper", text: `${s.before.toFixed(1)} → ${s.after.toFixed(1)}`,
                                   showarrow: false, yanchor: "bottom", font: { color: "#8e44ad" } }));
  const chart = document.getElementById("dyad-chart");
  Plotly.newPlot(chart, traces, {
    barmode: "stack", margin: { t: 30, r: 60, b: 40, l: 50 }, shapes: lines, annotations: notes,
    yaxis: { title: "events" }, yaxis2: { title: "mean Goldstein", overlaying: "y", side: "right", range: [-10, 10], tickmode: "linear", dtick: 5 },
    legend: { orientation: "h", y: -0.15 }, hovermode: "x",
  }, PLOT);
  chart.on("plotly_click", ev => { if (ev.points.length) showPeriod(String(ev.points[0].x).slice(0, 10)); });
  chart.dataset.ready = "1";
}

async function showPeriod(period) {
  const params = new URLSearchParams({ period, interval: DATA.interval, directed: DATA.directed, mentions: DATA.mentions });
  const url = `/api/dyads/${encodeURIComponent(DATA.a)}/${encodeURIComponent(DATA.b)}/events?${params}`;
  const response = await fetch(url);
  const body = await response.json();
  const list = document.getElementById("period-list");
  document.getElementById("period-label").textContent = response.ok ? `${body.since} to ${body.until}` : "";
  if (!response.ok) {
    list.innerHTML = `<li class="error">${esc(body.error.message)}</li>`;
  } else if (!body.events.length) {
    list.innerHTML = "<li>No events in this period.</li>";
  } else {
    list.innerHTML = body.events.map(e =>
      `<li><span class="date">${esc(e.date)}</span> <span class="code">${esc(e.plover)} ${esc(e.cameo)} (${esc(e.goldstein)})</span> ` +
      `<a class="event-link" href="/event/${encodeURIComponent(e.event_id)}">${highlight(e)}</a> ` +
      `<a class="src" href="/article/${encodeURIComponent(e.article_id)}">article</a></li>`).join("");
  }
  const section = document.getElementById("period-events");
  section.hidden = false;
  section.scrollIntoView({ block: "nearest" });
}

function bloc() { timeline("cohesion-chart", DATA.cohesion || [], "cohesion"); }

function article() {
  // Hovering an event in the list lights up its spans in the text.
  for (const item of document.querySelectorAll("#article-events li[data-event]")) {
    const marks = document.querySelectorAll(`#article-text mark[data-event="${item.dataset.event}"]`);
    item.addEventListener("mouseenter", () => marks.forEach(m => m.classList.add("focus")));
    item.addEventListener("mouseleave", () => marks.forEach(m => m.classList.remove("focus")));
  }
}

const PAGES = { overview, network, actor, dyad, bloc, article };
if (PAGES[PAGE]) PAGES[PAGE]();
