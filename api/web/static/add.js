// Add articles: each text goes to POST /documents with the bearer token; the page lists what was extracted.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const status = $("add-status"), out = $("extracted");

  function show(name, answer) {
    const section = document.createElement("section"), h = document.createElement("h2");
    h.textContent = `${name}: ${answer.changed ? "stored" : "already stored, nothing changed"}`;
    const summary = document.createElement("p");
    summary.textContent = `${answer.statements.length} statements, ${answer.events} events, actors: ${answer.actors.join(", ") || "none"}.`;
    const link = document.createElement("a");
    link.href = "/article/" + encodeURIComponent(answer.doc_iri); link.textContent = "Read it with its statements highlighted";
    const list = document.createElement("ul");
    answer.statements.forEach((s) => {
      const li = document.createElement("li"), badge = document.createElement("span");
      badge.className = "badge stance-" + (s.stance || ""); badge.textContent = s.stance || "no stance";
      li.append(`${s.speaker || s.speaker_mention || "unknown"} `, badge, ` “${s.text}”`);
      list.append(li);
    });
    section.append(h, summary, link, list);
    out.prepend(section);
  }

  async function send(name, text) {
    const params = new URLSearchParams({name, title: $("title").value, url: $("url").value, published: $("published").value});
    const response = await fetch("/documents?" + params, {method: "POST",
      headers: {"Content-Type": "text/plain; charset=utf-8", Authorization: "Bearer " + $("token").value}, body: text});
    const answer = await response.json();
    if (!response.ok) throw new Error(`${name}: ${answer.message || response.statusText}`);
    show(name, answer);
  }

  $("add-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const texts = [];
    if ($("article-text").value.trim()) texts.push(["pasted-" + Date.now() + ".txt", $("article-text").value]);
    for (const file of $("files").files) texts.push([file.name, await file.text()]);
    if (!texts.length) { status.textContent = "Paste a text or choose a file first."; return; }
    status.textContent = `Extracting ${texts.length} article(s)…`;
    try {
      for (const [name, text] of texts) await send(name, text);
      status.textContent = `Done: ${texts.length} article(s).`;
    } catch (error) {
      status.textContent = "Not stored: " + error.message;
    }
  });
})();
