"""The graph view with 2,000 nodes, in a real browser: it is drawn (points on the canvas, not only
objects in memory), laid out in its web worker, filtered, and a click on a node opens that node's
page. How fast it redraws is measured in bench/workspace.py, not here."""
from __future__ import annotations

import base64
import json
import random
from urllib.parse import quote

NODES = 2000
TYPES = ["Person", "Person", "Person", "State", "Organization", "Group", "Topic", "Event"]
STANCES = ["requests", "supports", "opposes", "rejects", "warns", "neutral"]


def large_network(nodes: int = NODES) -> dict:
    """A network shaped like the actors view: typed nodes, about three edges a node, some with a stance."""
    rng = random.Random(15)
    made = [{"id": f"https://example.org/actor/n{i}", "label": f"Actor {i}", "type": rng.choice(TYPES),
             "statements": rng.randint(0, 40), "pagerank": rng.random() / nodes, "first": "", "last": ""}
            for i in range(nodes)]
    edges = {}
    while len(edges) < nodes * 3:
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        relation = rng.choice(["position", "addressed", "met"])
        if a != b:
            edges[(a, b, relation)] = {
                "id": f"{a}|{b}|{relation}", "source": made[a]["id"], "target": made[b]["id"], "relation": relation,
                "label": relation, "weight": float(rng.randint(1, 5)), "first": "2025-03-01", "last": "2025-03-02",
                "stance": rng.choice(STANCES) if relation != "met" else "", "evidence": []}
    return {"nodes": made, "edges": list(edges.values())}


# Of the nodes drawn with a radius of 6 pixels or more, the one with the most room around it, as a page
# position: a click there can only mean that node.
LONELY_NODE = """() => {
    const {graph, renderer} = window.diplographGraph;
    const container = document.getElementById("sigma");
    container.scrollIntoView({block: "center"});
    const box = container.getBoundingClientRect();
    const drawn = graph.nodes().map((n) => {
        const p = renderer.graphToViewport(graph.getNodeAttributes(n));
        return {n, x: p.x, y: p.y, r: renderer.scaleSize(renderer.getNodeDisplayData(n).size)};
    }).filter((d) => d.x > 20 && d.y > 20 && d.x < box.width - 20 && d.y < box.height - 20);
    const big = drawn.filter((d) => d.r >= 6);  // sigma picks on a half-resolution layer: aim at a wide dot
    let best = null, room = -1;
    for (const d of big) {
        let nearest = Infinity;
        for (const o of drawn) if (o !== d) nearest = Math.min(nearest, Math.hypot(o.x - d.x, o.y - d.y) - o.r - d.r);
        if (nearest > room) { room = nearest; best = d; }
    }
    return {node: best.n, kind: graph.getNodeAttribute(best.n, "kind"), x: Math.round(box.left + best.x),
            y: Math.round(box.top + best.y), room};
}"""

# Pixels of the node colours in a screenshot (decoded by the browser itself).
COLOURED_PIXELS = """async (png) => {
    const image = new Image();
    image.src = "data:image/png;base64," + png;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width; canvas.height = image.height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, image.height).data;
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured += 1;
    }
    return coloured;
}"""


def test_a_2000_node_graph_is_drawn_filtered_and_answers_a_click(server: str, watched) -> None:
    page = watched.page
    network = large_network()
    page.route("**/graph/data.json", lambda route: route.fulfill(body=json.dumps(network),
                                                              content_type="application/json"))
    page.goto(server + "/graph")
    page.wait_for_selector("body[data-graph-ready='true']")
    assert page.locator("#graph-status").inner_text().startswith(f"Showing {NODES} of {NODES} nodes")
    page.wait_for_selector("body[data-layout-done='true']", timeout=60_000)
    spread = page.evaluate("""() => { const xs = []; window.diplographGraph.graph.forEachNode((n, a) => xs.push(a.x));
        return Math.max(...xs) - Math.min(...xs); }""")
    assert spread > 0  # the worker's positions reached the drawing
    png = base64.b64encode(page.locator("#sigma").screenshot()).decode()
    assert page.evaluate(COLOURED_PIXELS, png) > NODES  # the nodes are on the canvas, not only in memory

    page.get_by_label("Stance").select_option("rejects")
    fewer = page.evaluate("window.diplographGraph.shownNodes().size")
    assert 0 < fewer < NODES
    page.get_by_label("Stance").select_option("")
    topics = sorted(n["id"].rsplit("/", 1)[-1] for n in network["nodes"] if n["type"] == "Topic")
    offered = page.locator("#f-topic option").evaluate_all("options => options.map((o) => o.value)")
    assert offered[0] == "" and sorted(offered[1:]) == topics  # the topic filter offers the network's topics
    assert not watched.errors, watched.errors

    target = page.evaluate(LONELY_NODE)
    assert target["room"] > 0, target
    page.mouse.click(target["x"], target["y"])
    page.wait_for_function("location.pathname !== '/graph'")
    assert page.url.endswith(page_of(target["node"], target["kind"])), (page.url, target)


def page_of(node: str, kind: str) -> str:
    """Where a click on a node leads: its topic, event evidence or actor page."""
    if kind == "Topic":
        return "/topic/" + quote(node.rsplit("/", 1)[-1], safe="")
    if kind == "Event":
        return "/evidence?iri=" + quote(node, safe="")
    return "/actor/" + quote(node, safe="")
