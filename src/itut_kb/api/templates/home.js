// The home page's owner box: answers in place from /api/recommendations/{number}/owner (the same service as
// `itut-kb owner`); without JavaScript the form goes to /owner, which sends the browser to the Recommendation's page.
"use strict";
(function () {
  const form = document.getElementById("owner-form");
  const input = document.getElementById("owner-number");
  const out = document.getElementById("owner-answer");
  const text = JSON.parse(document.getElementById("ui-text").textContent);
  const state = new URLSearchParams();
  new URLSearchParams(location.search).forEach(function (v, k) { if (k === "as_of" || k === "version") state.set(k, v); });
  const suffix = state.toString() ? "?" + state.toString() : "";

  function el(tag, cls, content) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined) e.textContent = content;
    return e;
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const number = input.value.trim();
    if (!number) return;
    out.textContent = "…";
    fetch("/api/recommendations/" + encodeURIComponent(number) + "/owner" + suffix, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (answer) {
        out.textContent = "";
        if (!answer.ok) { out.appendChild(el("p", "error", answer.body.error.message)); return; }
        const a = answer.body;
        const p = el("p", "owners");
        p.appendChild(el("strong", "", a.recommendation + " → "));
        if (a.owners.length === 0) p.appendChild(document.createTextNode(text.none));
        a.owners.forEach(function (g) {
          const link = el("a", "group-badge", g);
          link.href = "/id/group/" + g + suffix;
          p.appendChild(link);
          p.appendChild(document.createTextNode(" "));
        });
        out.appendChild(p);
        if (a.joint) out.appendChild(el("p", "note", text.joint));
        if (a.conflict) out.appendChild(el("p", "note warning", text.conflict));
        a.basis.forEach(function (b) {
          out.appendChild(el("p", "basis", b.group + ": " + b.scope + " (" + b.kind + ") — " + b.text_zh));
        });
        const more = el("a", "", text.page + " →");
        more.href = "/id/recommendation/" + encodeURIComponent(a.recommendation) + suffix;
        out.appendChild(more);
      })
      .catch(function (err) { out.textContent = String(err); });
  });
})();
