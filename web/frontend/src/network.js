// Netwerkkaart: sigma.js (WebGL) over graphology, ForceAtlas2 in a web worker, filters, a
// detail panel and neighbour expansion. Timings of the first frame and of each filter are kept
// in window.ppsmatchMap.timings (the browser tests print them).
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import Sigma from "sigma";
import { callApi } from "./api.js";
import { el, syntheticBadge } from "./dom.js";
import { KIND_COLOURS, KIND_NL } from "./labels.js";
import { loadDraft } from "./draft.js";
import { buildGraph, edgeAttributes, nodeAttributes, visibleNodes } from "./network-graph.js";
import { coalitionPaths } from "./network-paths.js";

const LAYOUT_MS = 4000;
const byId = (id) => document.getElementById(id);

export async function start() {
  const form = byId("map-filters");
  const timings = { firstFrameMs: null, filterMs: [] };
  window.ppsmatchMap = { timings };
  form.querySelectorAll(".swatch").forEach((swatch) => {
    const kind = [...swatch.classList].find((c) => c.startsWith("kind-")).slice(5);
    swatch.style.background = KIND_COLOURS[kind];
  });
  const started = performance.now();
  const limit = form.dataset.limit ? `?limit=${form.dataset.limit}` : "";
  const data = await callApi(`/netwerkkaart/graaf.json${limit}`);
  const graph = buildGraph(data);
  const state = { visible: null, selected: null, expanded: new Set(),
    provinces: JSON.parse(form.dataset.provinces) };
  const renderer = new Sigma(graph, byId("network-canvas"), {
    labelRenderedSizeThreshold: 9, defaultEdgeColor: "#c8c8c8",
    nodeReducer: (node, attrs) => nodeLook(state, node, attrs),
    edgeReducer: (edge, attrs) => edgeLook(state, graph, edge, attrs),
  });
  renderer.once("afterRender", () => {
    // From the start of the navigation (performance's time origin): page, bundle, data, graph.
    timings.firstFrameMs = performance.now();
    timings.sinceScriptMs = performance.now() - started;
    timings.nodes = graph.order;
    timings.edges = graph.size;
  });
  Object.assign(window.ppsmatchMap, { graph, renderer });
  const layout = new FA2Layout(graph, { settings: forceAtlas2.inferSettings(graph) });
  layout.start();
  setTimeout(() => layout.stop(), LAYOUT_MS);

  const apply = () => {
    const begun = performance.now();
    state.paths = form.elements.coalitie.checked ? showPaths(graph) : null;
    const always = new Set([...state.expanded, ...(state.paths ? state.paths.nodes : [])]);
    state.visible = visibleNodes(graph, filtersOf(form), always);
    renderer.once("afterRender", () => timings.filterMs.push(performance.now() - begun));
    renderer.refresh();
    byId("map-status").textContent =
      `${state.visible.size.toLocaleString("nl-NL")} van ${graph.order.toLocaleString("nl-NL")} knopen zichtbaar.`;
  };
  form.addEventListener("change", (event) => { if (event.target.id !== "node-search") apply(); });
  form.addEventListener("submit", (event) => event.preventDefault());
  apply();
  fillSearch(graph, state, renderer);
  renderer.on("clickNode", ({ node }) => select(graph, state, renderer, node));
  renderer.on("clickStage", () => close(state, renderer));
  byId("node-close").addEventListener("click", () => close(state, renderer));
  byId("node-expand").addEventListener("click", () => expand(graph, state, renderer, apply));
}

function filtersOf(form) {
  return {
    theme: form.elements.thema.value, province: form.elements.provincie.value,
    kinds: new Set([...form.querySelectorAll('input[name="soort"]:checked')].map((b) => b.value)),
  };
}

function nodeLook(state, node, attrs) {
  if (state.visible && !state.visible.has(node)) return { ...attrs, hidden: true };
  if (state.selected === node || state.paths?.nodes.has(node)) {
    return { ...attrs, highlighted: true, zIndex: 2 };
  }
  return attrs;
}

function showPaths(graph) {
  const found = coalitionPaths(graph, loadDraft().members.map((m) => m.id));
  window.ppsmatchMap.paths = { nodes: found.nodes.size, edges: found.edges.size, paths: found.paths };
  byId("coalition-paths").textContent = found.members < 2
    ? "Je coalitie heeft nog geen twee partners op deze kaart."
    : `${found.paths} paden tussen ${found.members} partners (${found.nodes.size} knopen).`;
  return found;
}

function edgeLook(state, graph, edge, attrs) {
  const [a, b] = graph.extremities(edge);
  if (state.visible && !(state.visible.has(a) && state.visible.has(b))) return { ...attrs, hidden: true };
  if (state.paths?.edges.has(edge)) return { ...attrs, color: "#b3261e", size: 2.5, zIndex: 1 };
  if (state.selected && (a === state.selected || b === state.selected)) {
    return { ...attrs, color: "#333333", size: 1.5 };
  }
  return attrs;
}

function fillSearch(graph, state, renderer) {
  state.names = new Map();
  graph.forEachNode((id, attrs) => state.names.set(attrs.label, id));
  listNames(state);
  byId("node-search").addEventListener("change", (event) => {
    const id = state.names.get(event.target.value);
    if (id) select(graph, state, renderer, id);
  });
}

function listNames(state) {
  byId("node-names").replaceChildren(
    ...[...state.names.keys()].sort().map((n) => el("option", { value: n })));
}

function select(graph, state, renderer, node) {
  state.selected = node;
  const attrs = graph.getNodeAttributes(node);
  const isPps = attrs.kind === "pps";
  byId("node-panel").hidden = false;
  byId("node-name").replaceChildren(attrs.label, attrs.synthetic ? " " : "",
    attrs.synthetic ? syntheticBadge() : "");
  byId("node-meta").textContent = isPps ? `pps · ${attrs.experience} leden`
    : `${KIND_NL[attrs.kind] || attrs.kind} · lid van ${attrs.experience} pps'en`;
  const places = attrs.provinces.map((p) => state.provinces[p] || p).join(", ");
  byId("node-places").textContent = places ? `Provincies: ${places}` : "";
  byId("node-link").href = `/${isPps ? "pps" : "organisatie"}/${encodeURIComponent(node)}`;
  byId("node-neighbours").replaceChildren(...graph.neighbors(node).slice(0, 50).map((other) => {
    const link = el("a", { href: "#" }, graph.getNodeAttribute(other, "label"));
    link.addEventListener("click", (event) => {
      event.preventDefault();
      select(graph, state, renderer, other);
    });
    return el("li", {}, link);
  }));
  renderer.refresh();
}

function close(state, renderer) {
  state.selected = null;
  byId("node-panel").hidden = true;
  renderer.refresh();
}

// Neighbours come from the read model with the same attributes as the loaded nodes (they may
// lie outside the loaded graph), and stay visible whatever the filters say.
async function expand(graph, state, renderer, apply) {
  const node = state.selected;
  if (!node) return;
  const view = await callApi(`/netwerkkaart/buren.json?id=${encodeURIComponent(node)}`);
  const centre = graph.getNodeAttributes(node);
  for (const other of view.nodes) {
    if (!graph.hasNode(other.id)) {
      graph.addNode(other.id, nodeAttributes(other, centre.x + Math.random() * 4 - 2,
        centre.y + Math.random() * 4 - 2));
      state.names.set(other.name, other.id);
    }
    state.expanded.add(other.id);
  }
  for (const [source, target] of view.edges) {
    if (graph.hasNode(source) && graph.hasNode(target) && !graph.hasEdge(source, target)) {
      graph.addEdge(source, target, edgeAttributes());
    }
  }
  listNames(state);
  apply();
  select(graph, state, renderer, node);
}
