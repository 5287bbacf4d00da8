// Warm-introduction paths of the draft coalition: the shortest membership paths in the map's
// graph between each pair of its partners (through shared pps'en and their members).
import { bidirectional } from "graphology-shortest-path/unweighted";

/** Nodes and edges on the shortest path between each pair of `ids` present in the graph. */
export function coalitionPaths(graph, ids) {
  const present = ids.filter((id) => graph.hasNode(id));
  const nodes = new Set(present);
  const edges = new Set();
  let paths = 0;
  for (let i = 0; i < present.length; i += 1) {
    for (let j = i + 1; j < present.length; j += 1) {
      const path = bidirectional(graph, present[i], present[j]);
      if (!path) continue;
      paths += 1;
      path.forEach((node, k) => {
        nodes.add(node);
        if (k > 0) edges.add(graph.edge(path[k - 1], node));
      });
    }
  }
  return { nodes, edges, paths, members: present.length, missing: ids.length - present.length };
}
