// The network map's graph: graphology nodes from /netwerkkaart/graaf.json, placed on a circle
// by kind (ForceAtlas2 then runs in a web worker), sized by experience, coloured by kind.
import Graph from "graphology";
import { KIND_COLOURS } from "./labels.js";

/** A graphology graph of the map's JSON (nodes keep kind, provinces, themes, synthetic). */
export function buildGraph(data) {
  const graph = new Graph({ type: "undirected", multi: false });
  const count = data.nodes.length || 1;
  data.nodes.forEach((node, i) => {
    // A golden-angle spiral: deterministic, evenly spread, no overlap to start from.
    const angle = i * 2.399963;
    const radius = Math.sqrt(i / count) * 100;
    graph.addNode(node.id, nodeAttributes(node, radius * Math.cos(angle), radius * Math.sin(angle)));
  });
  for (const [source, target] of data.edges) {
    if (!graph.hasEdge(source, target)) graph.addEdge(source, target, edgeAttributes());
  }
  return graph;
}

/** The attributes of a map node (graaf.json or buren.json) drawn at (x, y). */
export function nodeAttributes(node, x, y) {
  return {
    label: node.name, x, y, size: 2 + 2.5 * Math.sqrt(node.experience),
    color: KIND_COLOURS[node.kind] || "#999999", kind: node.kind, provinces: node.provinces,
    themes: node.themes, synthetic: node.synthetic, experience: node.experience,
  };
}

/** The attributes of a membership edge. */
export function edgeAttributes() {
  return { color: "#c8c8c8", size: 0.5 };
}

/** Whether a node passes the filters (theme, province, kinds); `always` ids pass anyway. */
export function visibleNodes(graph, filters, always) {
  const visible = new Set();
  graph.forEachNode((id, attrs) => {
    if (always.has(id) || (filters.kinds.has(attrs.kind)
        && (!filters.theme || attrs.themes.includes(filters.theme))
        && (!filters.province || attrs.provinces.includes(filters.province)))) {
      visible.add(id);
    }
  });
  return visible;
}
