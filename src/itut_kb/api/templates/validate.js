// The validation form: a file (or pasted text) is POSTed to /api/validate with its Content-Type (the same service
// as `itut-kb validate`), and the report is shown grouped by severity.
"use strict";
(function () {
  const form = document.getElementById("validate-form");
  const file = document.getElementById("submission-file");
  const text = document.getElementById("submission-text");
  const format = document.getElementById("submission-format");
  const out = document.getElementById("report");
  const ui = JSON.parse(document.getElementById("ui-text").textContent);
  const byExtension = { json: "application/json", jsonld: "application/ld+json", ttl: "text/turtle" };

  file.addEventListener("change", function () {
    const f = file.files[0];
    if (!f) return;
    const ext = f.name.split(".").pop().toLowerCase();
    if (byExtension[ext]) format.value = byExtension[ext];
    f.text().then(function (content) { text.value = content; });
  });
  function el(tag, cls, content) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined && content !== null) e.textContent = content;
    return e;
  }
  function show(report) {
    out.textContent = "";
    const head = el("h2", report.conforms ? "conforms" : "violates", report.conforms ? ui.conforms : ui.violates);
    out.appendChild(head);
    const c = report.counts;
    out.appendChild(el("p", "counts", c.violations + " violation(s), " + c.warnings + " warning(s), " + c.infos + " info(s)"));
    ["Violation", "Warning", "Info"].forEach(function (severity) {
      const results = report.results.filter(function (r) { return r.severity === severity; });
      if (!results.length) return;
      const section = el("section", "severity severity-" + severity.toLowerCase());
      section.appendChild(el("h3", "", severity + " (" + results.length + ")"));
      const list = el("ul");
      results.forEach(function (r) {
        const item = el("li", "finding");
        item.appendChild(el("strong", "", (r.source || "") + (r.path ? " · " + r.path : "")));
        item.appendChild(el("p", "", r.message_zh));
        item.appendChild(el("p", "", r.message_en));
        if (r.hint) item.appendChild(el("p", "hint", r.hint));
        list.appendChild(item);
      });
      section.appendChild(list);
      out.appendChild(section);
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    out.textContent = "…";
    const send = file.files[0] && !text.value ? file.files[0].text() : Promise.resolve(text.value);
    send.then(function (body) {
      return fetch("/api/validate", { method: "POST", headers: { "Content-Type": format.value, Accept: "application/json" }, body: body });
    }).then(function (r) { return r.json(); }).then(function (body) {
      if (body.error) { out.textContent = ""; out.appendChild(el("p", "error", body.error.message)); return; }
      show(body);
    }).catch(function (err) { out.textContent = String(err); });
  });
})();
