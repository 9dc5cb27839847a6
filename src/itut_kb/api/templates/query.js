// The query page: a plain textarea editor that POSTs to /sparql and renders the answer. No dependencies.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const editor = document.getElementById("query");
  const examples = document.getElementById("examples");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const idBase = data.prefixes.id;

  document.getElementById("prefix-list").textContent = prefixLines(Object.keys(data.prefixes)).join("\n");
  data.examples.forEach(function (ex, i) {
    const option = document.createElement("option");
    option.value = String(i);
    option.textContent = ex.summary;
    examples.appendChild(option);
  });
  examples.addEventListener("change", function () {
    if (examples.value !== "") editor.value = data.examples[Number(examples.value)].text;
  });
  const fromUrl = new URLSearchParams(location.search).get("query");
  editor.value = fromUrl || (data.examples.length ? data.examples[0].text : "SELECT * WHERE { ?s ?p ?o } LIMIT 10");

  function prefixLines(names) {
    return names.map(function (p) { return "PREFIX " + p + ": <" + data.prefixes[p] + ">"; });
  }
  document.getElementById("prefixes").addEventListener("click", function () {
    const text = editor.value;
    const missing = Object.keys(data.prefixes).filter(function (p) {
      return new RegExp("\\b" + p + ":").test(text) && !new RegExp("PREFIX\\s+" + p + ":", "i").test(text);
    });
    if (missing.length) editor.value = prefixLines(missing).join("\n") + "\n" + text;
  });
  editor.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
    if (e.key === "Tab") {
      e.preventDefault();
      const s = editor.selectionStart;
      editor.value = editor.value.slice(0, s) + "  " + editor.value.slice(editor.selectionEnd);
      editor.selectionStart = editor.selectionEnd = s + 2;
    }
  });
  document.getElementById("run").addEventListener("click", run);

  function run() {
    const accept = document.getElementById("format").value;
    const started = performance.now();
    status.textContent = "running…";
    results.textContent = "";
    history.replaceState(null, "", "?query=" + encodeURIComponent(editor.value));
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", "Accept": accept },
      body: editor.value,
    }).then(function (response) {
      return response.text().then(function (body) {
        const ms = Math.round(performance.now() - started);
        const type = (response.headers.get("Content-Type") || "").split(";")[0];
        if (!response.ok) {
          status.textContent = "HTTP " + response.status + " · " + ms + " ms";
          results.appendChild(pre(body, "error"));
          return;
        }
        const rows = response.headers.get("X-Result-Rows");
        const cut = response.headers.get("X-Result-Truncated") ? " (cut at the row limit)" : "";
        status.textContent = type + " · " + (rows || "?") + " rows" + cut + " · " + ms + " ms";
        if (type === "application/sparql-results+json" && accept.indexOf(",") >= 0) {
          results.appendChild(table(JSON.parse(body)));
        } else {
          results.appendChild(pre(body));
        }
        results.appendChild(download(body, type));
      });
    }).catch(function (err) { status.textContent = "request failed: " + err; });
  }

  function pre(text, cls) {
    const el = document.createElement("pre");
    if (cls) el.className = cls;
    el.textContent = text;
    return el;
  }
  function download(body, type) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([body], { type: type }));
    a.download = "result";
    a.textContent = "download";
    return a;
  }
  function table(json) {
    if (typeof json.boolean === "boolean") return pre(String(json.boolean));
    const t = document.createElement("table");
    const head = t.createTHead().insertRow();
    json.head.vars.forEach(function (v) { head.appendChild(document.createElement("th")).textContent = "?" + v; });
    const body = t.createTBody();
    json.results.bindings.forEach(function (b) {
      const row = body.insertRow();
      json.head.vars.forEach(function (v) { row.insertCell().appendChild(term(b[v])); });
    });
    return t;
  }
  function term(t) {
    if (!t) return document.createTextNode("");
    if (t.type === "uri") {
      const a = document.createElement("a");
      a.textContent = shorten(t.value);
      a.href = t.value.indexOf(idBase) === 0 ? "/id/" + t.value.slice(idBase.length) : t.value;
      return a;
    }
    const span = document.createElement("span");
    span.textContent = t.value;
    if (t["xml:lang"]) span.title = "@" + t["xml:lang"];
    else if (t.datatype) span.title = shorten(t.datatype);
    return span;
  }
  function shorten(iri) {
    for (const p in data.prefixes) {
      if (iri.indexOf(data.prefixes[p]) === 0) return p + ":" + iri.slice(data.prefixes[p].length);
    }
    return iri;
  }
})();
