// The graph page: the actors network (GET /graph/data.json) drawn with sigma.js over a graphology
// graph laid out by ForceAtlas2. Filters hide nodes and edges; "Export GEXF" writes what is shown.
(function () {
  "use strict";
  const NODE_COLOURS = {Person: "#1f5f99", State: "#7b3fa0", Organization: "#0f7c6b", Group: "#8a6d00",
                        Topic: "#b8b8b8", Event: "#e07b39"};
  const EDGE_COLOURS = {requests: "#2f6fd0", supports: "#2e8b3e", opposes: "#d0501f", rejects: "#b0182a",
                        warns: "#c99100", neutral: "#888888", "": "#c8c8c8"};
  const LARGE = 500;  // nodes: above it the network is drawn at once and laid out in a web worker
  const LAYOUT_SECONDS = 5;  // ForceAtlas2 in the worker
  const LAYOUT_COPY_MS = 500;  // how often the drawing takes the worker's positions
  const LAYOUT_RESUME_MS = 300;  // the layout pauses while the camera moves and resumes this long after
  const $ = (id) => document.getElementById(id);
  const status = $("graph-status");
  let graph, renderer, large = false, shownNodes = new Set(), shownEdges = new Set();

  function hrefFor(node, attrs) {
    if (attrs.kind === "Topic") return "/topic/" + encodeURIComponent(node.split("/").pop());
    if (attrs.kind === "Event") return "/evidence?iri=" + encodeURIComponent(node);
    return "/actor/" + encodeURIComponent(node);
  }

  function edgeHref(attrs) {
    const params = attrs.evidence.map((iri) => "iri=" + encodeURIComponent(iri)).join("&");
    return "/evidence?" + params + "&title=" + encodeURIComponent(attrs.sourceLabel + " " + attrs.label + " " + attrs.targetLabel);
  }

  // Radius in pixels: a large network gets smaller dots, so that they overlap less (and drawing them,
  // which costs by the pixel where WebGL runs in software, stays quick).
  function sizeNodes() {
    const by = $("f-size").value, [smallest, spread] = large ? [3, 9] : [4, 16];
    let most = 0;
    graph.forEachNode((n, a) => { most = Math.max(most, a[by] || 0); });
    graph.updateEachNodeAttributes((n, a) => ({...a, size: smallest + spread * Math.sqrt((a[by] || 0) / (most || 1))}),
                                   {attributes: ["size"]});
  }

  function overlaps(a, from, to) {
    if (!from && !to) return true;
    if (!a.first && !a.last) return false;
    return (!from || (a.last || a.first) >= from) && (!to || (a.first || a.last) <= to);
  }

  // The topic filter offers the network's topic nodes (the page itself is served without them).
  function listTopics() {
    const topics = graph.filterNodes((n, a) => a.kind === "Topic")
      .map((n) => ({key: n.split("/").pop(), label: graph.getNodeAttribute(n, "label")}))
      .sort((a, b) => a.label.localeCompare(b.label));
    $("f-topic").append(...topics.map(({key, label}) => new Option(label, key)));
  }

  function applyFilters() {
    const topic = $("f-topic").value, stance = $("f-stance").value, relation = $("f-relation").value;
    const from = $("f-from").value, to = $("f-to").value;
    const edgeFilter = topic || stance || relation || from || to;
    let topicHolders = null;
    if (topic) {
      topicHolders = new Set();
      graph.forEachEdge((e, a, s, t) => {
        if (a.relation === "position" && t.split("/").pop() === topic) { topicHolders.add(s); topicHolders.add(t); }
      });
    }
    shownEdges = new Set();
    graph.forEachEdge((e, a, s, t) => {
      let keep = (!stance || a.stance === stance) && (!relation || a.relation === relation) && overlaps(a, from, to);
      if (topicHolders) keep = keep && topicHolders.has(s) && topicHolders.has(t) &&
        (a.relation !== "position" || t.split("/").pop() === topic);
      if (keep) shownEdges.add(e);
    });
    shownNodes = new Set();
    graph.forEachNode((n) => {
      if (!edgeFilter) { shownNodes.add(n); return; }
      if (topicHolders && !topicHolders.has(n)) return;
      if (graph.edges(n).some((e) => shownEdges.has(e))) shownNodes.add(n);
    });
    graph.forEachEdge((e, a, s, t) => { if (!shownNodes.has(s) || !shownNodes.has(t)) shownEdges.delete(e); });
    renderer.refresh();
    status.textContent = `Showing ${shownNodes.size} of ${graph.order} nodes and ${shownEdges.size} of ${graph.size} edges.`;
    if ($("graph-lists").open) fillLists();
  }

  function fillLists() {
    const nodes = $("node-list"), edges = $("edge-list");
    nodes.replaceChildren(); edges.replaceChildren();
    const limit = 500;
    [...shownNodes].slice(0, limit).forEach((n) => {
      const a = graph.getNodeAttributes(n), li = document.createElement("li"), link = document.createElement("a");
      link.href = hrefFor(n, a); link.textContent = `${a.label} (${a.kind})`;
      li.append(link); nodes.append(li);
    });
    [...shownEdges].slice(0, limit).forEach((e) => {
      const a = graph.getEdgeAttributes(e), li = document.createElement("li"), link = document.createElement("a");
      link.href = edgeHref(a);
      link.textContent = `${a.sourceLabel} — ${a.label}${a.stance ? " (" + a.stance + ")" : ""} — ${a.targetLabel}`;
      li.append(link); edges.append(li);
    });
  }

  function exportGexf() {
    const shown = new graphology.MultiDirectedGraph();
    shownNodes.forEach((n) => {
      const {label, kind, statements, pagerank, first, last, x, y, size, color} = graph.getNodeAttributes(n);
      shown.addNode(n, {label, type: kind, statements, pagerank, first, last, x, y, size, color});
    });
    shownEdges.forEach((e) => {
      const a = graph.getEdgeAttributes(e);
      shown.addEdgeWithKey(e, graph.source(e), graph.target(e),
        {label: a.label, relation: a.relation, stance: a.stance, weight: a.weight, first: a.first, last: a.last, color: a.color});
    });
    const xml = graphologyLibrary.gexf.write(shown, {pretty: true});
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([xml], {type: "application/gexf+xml"}));
    link.download = "diplograph-shown.gexf";
    document.body.append(link); link.click(); link.remove();
    status.textContent = `Exported ${shown.order} nodes and ${shown.size} edges as GEXF.`;
  }

  async function start() {
    const response = await fetch("/graph/data.json");
    if (!response.ok) { status.textContent = "The network could not be loaded."; return; }
    const data = await response.json();
    graph = new graphology.MultiDirectedGraph();
    const labels = {};
    data.nodes.forEach((n) => { labels[n.id] = n.label; });
    // sigma reads a node's "type" as its drawing program: the actor type travels as "kind".
    data.nodes.forEach(({type, ...n}) => graph.addNode(n.id, {...n, kind: type, color: NODE_COLOURS[type] || "#555555"}));
    data.edges.forEach((e) => {
      if (graph.hasNode(e.source) && graph.hasNode(e.target)) {
        graph.addEdgeWithKey(e.id, e.source, e.target, {...e, sourceLabel: labels[e.source], targetLabel: labels[e.target],
          color: EDGE_COLOURS[e.stance] || EDGE_COLOURS[""], size: 1 + Math.min(4, Math.log2(1 + e.weight))});
      }
    });
    // Small networks are laid out before the first drawing. Large ones are drawn at once and laid out
    // by ForceAtlas2 (Barnes-Hut) in a web worker for a few seconds, so the page answers from the start;
    // they are drawn as points and lines, without edges and labels while the camera moves
    // (graph_drawing.js), so that panning and zooming stay fluid.
    large = graph.order > LARGE;
    graphologyLibrary.layout.circular.assign(graph);
    const settings = {...graphologyLibrary.layoutForceAtlas2.inferSettings(graph), barnesHutOptimize: large};
    const started = performance.now();
    if (graph.order > 1 && !large) graphologyLibrary.layoutForceAtlas2.assign(graph, {iterations: 200, settings});
    window.diplographLayoutMs = performance.now() - started;
    sizeNodes();
    listTopics();
    const Renderer = large ? LargeNetworkSigma : Sigma;
    renderer = new Renderer(graph, $("sigma"), {
      enableEdgeEvents: !large, renderEdgeLabels: false, labelRenderedSizeThreshold: large ? 7 : 8,
      hideEdgesOnMove: large, hideLabelsOnMove: large,
      nodeReducer: (n, a) => (shownNodes.has(n) ? a : {...a, hidden: true}),
      edgeReducer: (e, a) => (shownEdges.has(e) ? a : {...a, hidden: true}),
    });
    renderer.on("clickNode", ({node}) => { window.location.href = hrefFor(node, graph.getNodeAttributes(node)); });
    renderer.on("clickEdge", ({edge}) => { window.location.href = edgeHref(graph.getEdgeAttributes(edge)); });
    ["f-topic", "f-stance", "f-relation", "f-from", "f-to"].forEach((id) => $(id).addEventListener("change", applyFilters));
    $("f-size").addEventListener("change", () => { sizeNodes(); renderer.refresh(); });
    $("export-gexf").addEventListener("click", exportGexf);
    $("graph-lists").addEventListener("toggle", () => { if ($("graph-lists").open) fillLists(); });
    applyFilters();
    window.diplographGraph = {graph, renderer, shownNodes: () => shownNodes, shownEdges: () => shownEdges};
    document.body.dataset.graphReady = "true";
    if (large) {
      status.textContent += " Laying out…";
      layOutInWorker(settings);
    } else {
      document.body.dataset.layoutDone = "true";
    }
  }

  // ForceAtlas2 runs in a web worker on a bare copy of the network (positions and weights only) and the
  // drawing takes its positions every LAYOUT_COPY_MS: sigma re-reads every node and edge at each
  // update of the graph it draws, and the worker finishes an iteration every few milliseconds. While
  // the camera moves (a drag, the wheel) the layout pauses, so that the worker leaves the processor to
  // the drawing, and resumes LAYOUT_RESUME_MS after the last move; it runs LAYOUT_SECONDS in all.
  function layOutInWorker(settings) {
    const bare = new graphology.MultiDirectedGraph();
    graph.forEachNode((n, a) => bare.addNode(n, {x: a.x, y: a.y, size: a.size}));
    graph.forEachEdge((e, a, s, t) => bare.addEdgeWithKey(e, s, t, {weight: a.weight}));
    const layout = new graphologyLibrary.FA2Layout(bare, {settings});
    const copy = () => graph.updateEachNodeAttributes((n, a) => {
      const placed = bare.getNodeAttributes(n);
      a.x = placed.x; a.y = placed.y;
      return a;
    }, {attributes: ["x", "y"]});
    let ran = 0, since = performance.now(), lastMove = 0;
    const onMove = () => {
      lastMove = performance.now();
      if (layout.isRunning()) { ran += lastMove - since; layout.stop(); copy(); }
    };
    renderer.getCamera().on("updated", onMove);
    layout.start();
    const ticking = setInterval(() => {
      const now = performance.now();
      if (!layout.isRunning()) {
        if (now - lastMove < LAYOUT_RESUME_MS) return;
        since = now;
        layout.start();
        return;
      }
      if (ran + now - since < LAYOUT_SECONDS * 1000) { copy(); return; }
      clearInterval(ticking);
      renderer.getCamera().removeListener("updated", onMove);
      layout.kill();
      copy();
      document.body.dataset.layoutDone = "true";
      applyFilters();
    }, LAYOUT_COPY_MS);
  }

  start().catch((error) => { status.textContent = "The network could not be drawn: " + error.message; });
})();
