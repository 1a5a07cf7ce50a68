/* congkhai search: folds Vietnamese diacritics in the query exactly as the index was folded at
 * build time (generator/search.py), matches every word (the last one as a prefix while typing),
 * and ranks title matches first. Runs only on the search page; everything else reads without JS.
 */
(function () {
  "use strict";

  var root = document.getElementById("ck-search");
  if (!root) return;
  var input = document.getElementById("ck-search-input");
  var status = document.getElementById("ck-search-status");
  var list = document.getElementById("ck-search-results");
  var form = document.getElementById("ck-search-form");
  var MAX = 50;
  var KIND = { t: "Nhiệm vụ", p: "Văn bản", a: "Cơ quan", l: "Lĩnh vực", g: "Trang" };
  var KIND_BONUS = { t: 0, p: 6, a: 8, l: 8, g: 2 };

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function words(folded) { return folded.match(/[a-z0-9]+/g) || []; }
  function compounds(folded) { return folded.match(/[a-z0-9]+(?:[./\-][a-z0-9]+)+/g) || []; }

  var index = null, terms = null, sortedTerms = null, foldedTitles = null;

  function expand(deltas) {
    var out = new Array(deltas.length), n = 0;
    for (var i = 0; i < deltas.length; i++) { n += deltas[i]; out[i] = n; }
    return out;
  }
  function postings(term) {
    // Own properties only: "constructor" or "__proto__" typed as a query are words, not keys.
    var d = Object.prototype.hasOwnProperty.call(terms, term) ? terms[term] : null;
    return d ? expand(d) : [];
  }
  function prefixPostings(prefix) {
    var lo = 0, hi = sortedTerms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sortedTerms[mid] < prefix) lo = mid + 1; else hi = mid; }
    var seen = {}, out = [];
    for (var i = lo; i < sortedTerms.length && sortedTerms[i].lastIndexOf(prefix, 0) === 0; i++) {
      var p = postings(sortedTerms[i]);
      for (var j = 0; j < p.length; j++) if (!seen[p[j]]) { seen[p[j]] = 1; out.push(p[j]); }
      if (out.length > 20000) break;
    }
    return out;
  }

  function search(query, typing) {
    var folded = fold(query).trim();
    var ws = words(folded);
    if (!ws.length) return [];
    var required = compounds(folded).concat(ws);
    var sets = [];
    for (var i = 0; i < required.length; i++) {
      var last = typing && i === required.length - 1 && /[a-z0-9]$/.test(folded);
      sets.push(last ? prefixPostings(required[i]) : postings(required[i]));
    }
    sets.sort(function (a, b) { return a.length - b.length; });
    var hits = sets[0];
    for (var k = 1; k < sets.length && hits.length; k++) {
      var lookup = {};
      for (var m = 0; m < sets[k].length; m++) lookup[sets[k][m]] = 1;
      hits = hits.filter(function (d) { return lookup[d]; });
    }
    var phrase = ws.join(" ");
    var bare = ws.join("");
    var scored = hits.map(function (n) {
      var doc = index.docs[n];
      var title = foldedTitles[n] || (foldedTitles[n] = words(fold(doc[2])).join(" "));
      var score = KIND_BONUS[doc[0]] || 0;
      for (var w = 0; w < ws.length; w++) {
        if ((" " + title + " ").indexOf(" " + ws[w]) >= 0) score += 10; else score += 1;
      }
      if (title.indexOf(phrase) >= 0) score += 20;
      if (title.lastIndexOf(phrase, 0) === 0) score += 10;
      if (title === phrase) score += 30;
      var ident = doc[0] === "p" ? index.plans[doc[3]][1] : doc[8];
      if (ident && words(fold(ident)).join("") === bare) score += 40;
      if (doc[0] === "t" && doc[5] && words(doc[5]).join("") === bare) score += 40;
      if (doc[7]) score -= 5;
      return { n: n, score: score };
    });
    scored.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
    return scored;
  }

  function urlOf(doc) {
    if (doc[0] === "t") return "../" + index.plans[doc[3]][0] + "#" + doc[1];
    return "../" + doc[1];
  }

  function render(query, scored) {
    list.textContent = "";
    if (!query.trim()) { status.textContent = "Nhập từ khóa để tìm, có dấu hoặc không dấu."; return; }
    status.textContent = scored.length
      ? "Tìm thấy " + scored.length + " kết quả" + (scored.length > MAX ? ", hiển thị " + MAX + " kết quả đầu" : "") + "."
      : "Không tìm thấy kết quả cho “" + query + "”.";
    var frag = document.createDocumentFragment();
    scored.slice(0, MAX).forEach(function (hit) {
      var doc = index.docs[hit.n];
      var li = document.createElement("li");
      li.className = "ck-result ck-result--" + doc[0];
      var kind = document.createElement("span");
      kind.className = "ck-result-kind";
      kind.textContent = KIND[doc[0]] || "";
      var a = document.createElement("a");
      a.href = urlOf(doc);
      a.textContent = (doc[8] ? doc[8] + ". " : "") + doc[2];
      li.appendChild(kind);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      var meta = [];
      if (doc[0] === "t") {
        if (doc[4].length) meta.push("Chủ trì: " + doc[4].map(function (i) { return index.agencies[i]; }).join("; "));
        var plan = index.plans[doc[3]];
        meta.push("Kế hoạch: " + plan[1] + " — " + plan[2]);
        if (doc[5]) meta.push("Hạn: " + doc[5]);
        if (doc[6]) meta.push(doc[6]);
      } else if (doc[0] === "p") {
        meta.push(index.plans[doc[3]][1]);
      }
      if (doc[7]) meta.push("Dữ liệu minh họa");
      if (meta.length) {
        var p = document.createElement("p");
        p.className = "ck-result-meta";
        p.textContent = meta.join(" · ");
        li.appendChild(p);
      }
      frag.appendChild(li);
    });
    list.appendChild(frag);
  }

  var timer = null;
  function run(typing) {
    var q = input.value;
    render(q, search(q, typing));
    if (window.history && window.history.replaceState) {
      var url = new URL(window.location.href);
      if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
    }
  }

  status.textContent = "Đang tải chỉ mục tìm kiếm…";
  fetch(root.getAttribute("data-index"))
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (data) {
      index = data; terms = data.terms; sortedTerms = Object.keys(terms).sort();
      foldedTitles = new Array(data.docs.length);
      var q = new URL(window.location.href).searchParams.get("q") || "";
      input.value = q;
      run(false);
      if (window.performance && performance.mark) performance.mark("ck-first-result");
      root.setAttribute("data-ready", "true");
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { run(true); }, 120);
      });
      form.addEventListener("submit", function (e) { e.preventDefault(); run(false); });
    })
    .catch(function () {
      status.textContent = "Không tải được chỉ mục tìm kiếm. Hãy thử tải lại trang.";
    });
})();
