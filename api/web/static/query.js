// The SPARQL page: runs the query against /sparql (the SPARQL 1.1 Protocol endpoint) and shows
// SELECT results as a table, ASK as yes/no, CONSTRUCT and DESCRIBE as Turtle.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const text = $("sparql-text"), results = $("results"), status = $("query-status");
  const examples = JSON.parse($("sparql-examples").textContent);
  const prefixes = JSON.parse($("sparql-prefixes").textContent);

  function form(query) {
    const body = query.replace(/#[^\n"'<>]*$/gm, " ").replace(/PREFIX\s+\S+\s*<[^>]*>/gi, " ");
    const m = /\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(body);
    return m ? m[1].toUpperCase() : "SELECT";
  }

  function cell(binding) {
    const td = document.createElement("td");
    if (!binding) return td;
    if (binding.type === "uri") {
      const code = document.createElement("code"); code.textContent = binding.value; td.append(code);
    } else {
      td.textContent = binding.value;
      if (binding["xml:lang"]) td.lang = binding["xml:lang"];
    }
    return td;
  }

  function table(json) {
    const vars = json.head.vars || [], rows = json.results.bindings;
    const t = document.createElement("table"), head = t.createTHead().insertRow(), body = t.createTBody();
    const caption = t.createCaption(); caption.textContent = `${rows.length} rows`;
    vars.forEach((v) => { const th = document.createElement("th"); th.scope = "col"; th.textContent = v; head.append(th); });
    rows.forEach((row) => { const tr = body.insertRow(); vars.forEach((v) => tr.append(cell(row[v]))); });
    return t;
  }

  async function run(event) {
    if (event) event.preventDefault();
    const query = text.value, kind = form(query);
    const accept = kind === "CONSTRUCT" || kind === "DESCRIBE" ? "text/turtle" : "application/sparql-results+json";
    status.textContent = "Running…";
    results.replaceChildren();
    const started = performance.now();
    const response = await fetch("/sparql", {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded", Accept: accept},
                                             body: new URLSearchParams({query})});
    const elapsed = Math.round(performance.now() - started);
    if (!response.ok) {
      let message = response.statusText;
      try { const error = await response.json(); message = error.message || message; } catch (e) { /* not JSON */ }
      status.textContent = `The query failed (${response.status}): ${message}`;
      status.className = "message error";
      return;
    }
    status.className = "muted";
    if (accept === "text/turtle") {
      const pre = document.createElement("pre"); pre.className = "turtle"; pre.textContent = await response.text();
      results.append(pre);
      status.textContent = `${kind} answered as Turtle in ${elapsed} ms.`;
      return;
    }
    const json = await response.json();
    if (typeof json.boolean === "boolean") {
      const p = document.createElement("p"); p.textContent = json.boolean ? "yes (true)" : "no (false)"; results.append(p);
    } else {
      results.append(table(json));
    }
    const cut = response.headers.get("X-SPARQL-MaxRows");
    status.textContent = `${kind} answered in ${elapsed} ms${cut ? ` (cut at ${cut} rows)` : ""}.`;
  }

  $("sparql-form").addEventListener("submit", (event) => { run(event).catch((e) => { status.textContent = "The query failed: " + e.message; }); });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("sparql-form").requestSubmit();
  });
  $("examples").addEventListener("change", (event) => {
    if (event.target.value !== "") text.value = examples[Number(event.target.value)];
  });
  $("add-prefixes").addEventListener("click", () => {
    const declared = prefixes.filter(([p]) => !new RegExp(`PREFIX\\s+${p}:`, "i").test(text.value))
      .map(([p, ns]) => `PREFIX ${p}: <${ns}>`).join("\n");
    if (declared) text.value = declared + "\n" + text.value;
  });
})();
