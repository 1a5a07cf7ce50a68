/* congkhai search: the engine (window.CongkhaiSearch) and the results page (/tim-kiem/).
 *
 * The index is built by generator/site/search.py. The query is folded exactly as the index was
 * (diacritics dropped, "đ" -> "d", lowercase); every word must match (the last one as a prefix
 * while typing). Ranking happens in two steps so that a broad query stays fast on a cheap phone:
 * first from the postings alone (how many query words are in a result's title or registry
 * names, the kind, a province named in the query), then, for the best few hundred, from the
 * folded titles (the whole phrase, an exact name or number).
 *
 * Loaded deferred, only on the results page and, on demand, by the header box
 * (congkhai-suggest.js) when it gets focus. Everything else on the site reads without it.
 */
(function () {
  "use strict";

  var B64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var VALUE = new Int8Array(128).fill(-1);
  for (var b = 0; b < B64.length; b++) VALUE[B64.charCodeAt(b)] = b;
  var RERANK = 400;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function words(folded) { return folded.match(/[a-z0-9]+/g) || []; }
  function compounds(folded) { return folded.match(/[a-z0-9]+(?:[./\-&][a-z0-9]+)+/g) || []; }

  /* Document numbers from base-64 varint deltas (see varints() in search.py). */
  function decode(text) {
    var out = [], n = 0, delta = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var v = VALUE[text.charCodeAt(i)];
      delta += (v & 31) * scale;
      if (v & 32) { scale *= 32; continue; }
      n += delta; out.push(n); delta = 0; scale = 1;
    }
    return out;
  }

  /* ``data``: the index's JSON; ``records``: the bytes of its records file, one UTF-8 record a
   * line, kept as bytes: only the records a query shows are decoded. */
  function Engine(data, records, root) {
    this.root = root;
    this.kinds = data.kinds;
    this.plans = data.plans;
    this.agencies = data.agencies;
    this.statuses = data.statuses;
    this.provinces = data.provinces.map(function (p) { return words(fold(p)).join(" "); });
    this.bytes = records;
    var starts = [0];
    for (var i = records.indexOf(10); i >= 0; i = records.indexOf(10, i + 1)) starts.push(i + 1);
    this.starts = starts;  // record n is bytes starts[n] .. starts[n + 1] - 2
    this.size = starts.length - 1;
    this.decoder = new TextDecoder("utf-8");
    this.terms = data.terms.split(" ");
    this.postings = data.postings.split(" ");
    this.editorWords = (data.editor_words || []).map(function (w) { return words(fold(w)).join(" "); });
    this.docs = new Array(this.size);
    this.decoded = {};
  }

  /* A document record, parsed once: see build_index() for the fields. */
  Engine.prototype.doc = function (n) {
    var d = this.docs[n];
    if (d) return d;
    var f = this.decoder.decode(this.bytes.subarray(this.starts[n], this.starts[n + 1] - 1))
      .split("\t");
    var code = f[0].charAt(0);
    var kind = this.kinds[code] || [code, 0, 0];
    d = {
      n: n, kind: code, kindLabel: kind[0], weight: kind[1], editors: kind[2] === 1,
      target: f[1], title: f[2], plan: f[3] === "" ? -1 : +f[3],
      leads: f[4] ? f[4].split(",").map(Number) : [], due: f[5],
      status: f[6] === "" ? "" : this.statuses[+f[6]], demo: f[0].length > 1, label: f[7],
      names: f[8] ? f[8].split("|") : []
    };
    return (this.docs[n] = d);
  };

  /* The address of a result, relative to the page it is shown on. */
  Engine.prototype.url = function (d) {
    if (d.plan >= 0 && d.kind !== "p" && d.target.indexOf("/") < 0) {
      return this.root + this.plans[d.plan][0] + "#" + d.target;
    }
    if (d.kind === "p") return this.root + this.plans[d.plan][0];
    return this.root + d.target;
  };

  /* What a result says besides its title: plan, lead agencies, deadline, status. */
  Engine.prototype.meta = function (d) {
    var meta = [], self = this;
    if (d.leads.length) {
      meta.push((d.kind === "t" ? "Chủ trì: " : "Cơ quan: ") +
        d.leads.map(function (i) { return self.agencies[i]; }).join("; "));
    }
    if (d.plan >= 0) {
      var plan = this.plans[d.plan];
      meta.push(d.kind === "p" ? plan[1] : "Kế hoạch: " + plan[1] + " — " + plan[2]);
    }
    if (d.due) meta.push("Hạn: " + d.due);
    if (d.status) meta.push(d.status);
    if (d.demo) meta.push("Dữ liệu minh họa");
    return meta;
  };

  Engine.prototype.find = function (term) {
    var lo = 0, hi = this.terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (this.terms[mid] < term) lo = mid + 1; else hi = mid; }
    return lo;
  };
  Engine.prototype.postingsAt = function (i) {
    var p = this.decoded[i];
    if (!p) {
      var parts = this.postings[i].split(",");
      p = this.decoded[i] = [decode(parts[0]), decode(parts[1])];
    }
    return p;
  };
  /* Indexes of the terms a query word stands for: itself, or every term it begins. */
  Engine.prototype.termRange = function (word, prefix) {
    var lo = this.find(word), hi = lo;
    if (prefix) {
      while (hi < this.terms.length && this.terms[hi].lastIndexOf(word, 0) === 0) hi++;
    } else if (this.terms[lo] === word) {
      hi = lo + 1;
    }
    return [lo, hi];
  };

  /* The documents holding every one of ``required`` (the last one as a prefix when
   * ``prefixLast``), and for each how many of them its title holds. */
  Engine.prototype.match = function (required, prefixLast) {
    var size = this.size;
    var count = new Uint8Array(size), inTitle = new Uint8Array(size);
    var stamp = new Uint8Array(size), titleStamp = new Uint8Array(size);
    var touched = [], last = required.length - 1;
    for (var r = 0; r < required.length; r++) {
      var range = this.termRange(required[r], prefixLast && r === last);
      if (range[0] === range[1]) return { hits: [], inTitle: inTitle };
      for (var t = range[0]; t < range[1]; t++) {
        var p = this.postingsAt(t);
        for (var part = 0; part < 2; part++) {
          var list = p[part];
          for (var j = 0; j < list.length; j++) {
            var n = list[j];
            if (stamp[n] !== r + 1) {  // the first of this word's terms to hold n
              if (count[n] !== r) continue;  // n missed an earlier word: out
              stamp[n] = count[n] = r + 1;
              if (r === 0) touched.push(n);
            }
            if (!part && titleStamp[n] !== r + 1) { titleStamp[n] = r + 1; inTitle[n]++; }
          }
        }
      }
    }
    var hits = [];
    for (var k = 0; k < touched.length; k++) if (count[touched[k]] === required.length) hits.push(touched[k]);
    return { hits: hits, inTitle: inTitle };
  };

  /* Every result holding all the query's words, best first, split into citizens' and editors'.
   * A province named in the query with other words narrows the results to that province's
   * plans (and to what names the province itself), whether or not their text repeats its name. */
  Engine.prototype.search = function (query, typing) {
    var folded = fold(query).trim();
    var ws = words(folded).slice(0, 30);
    var empty = { citizens: [], editors: [], aboutEditing: false, words: ws };
    if (!ws.length) return empty;
    var phrase = ws.join(" ");
    var province = -1;
    for (var v = 0; v < this.provinces.length; v++) {
      if ((" " + phrase + " ").indexOf(" " + this.provinces[v] + " ") >= 0) { province = v; break; }
    }
    var lastWord = ws[ws.length - 1];
    // While typing, the last word is a prefix (it comes last, after the other words narrowed
    // the results), except a lone letter, which would stand for a large part of the vocabulary.
    var prefixLast = typing && /[a-z0-9]$/.test(folded) && (lastWord.length > 1 || ws.length > 1);
    var required = [], seenWord = {};
    compounds(folded).concat(ws).forEach(function (w) {
      if (!seenWord[w]) { seenWord[w] = 1; required.push(w); }
    });
    var found = null, self = this;
    if (province >= 0) {
      var named = this.provinces[province].split(" ");
      var rest = required.filter(function (w) { return named.indexOf(w) < 0; });
      if (rest.length && rest.length < required.length) {
        var inProvince = this.match(named, false).hits;
        var mark = new Uint8Array(this.size);
        for (var i = 0; i < inProvince.length; i++) mark[inProvince[i]] = 1;
        found = this.match(rest, prefixLast && rest[rest.length - 1] === lastWord);
        found.hits = found.hits.filter(function (n) {
          if (mark[n]) return true;
          var d = self.doc(n);
          return d.plan >= 0 && self.plans[d.plan][4] === province;
        });
        required = rest;
      }
    }
    if (!found) found = this.match(required, prefixLast && required[required.length - 1] === lastWord);
    var hits = found.hits, inTitle = found.inTitle, all = required.length;

    var bare = ws.join("");
    var bytes = this.bytes, starts = this.starts, kinds = this.kinds;
    // From the record's first bytes only (kind letter, demo mark): no record is decoded here.
    var scored = hits.map(function (n) {
      var code = String.fromCharCode(bytes[starts[n]]);
      var s = (kinds[code] ? kinds[code][1] : 0) + 10 * inTitle[n] + (all - inTitle[n]);
      if (code === "p" && province >= 0 && self.plans[self.doc(n).plan][4] === province) s += 45;
      if (bytes[starts[n] + 1] === 42) s -= 5;  // "*": demo data
      return { n: n, score: s };
    });
    var order = function (a, b) { return b.score - a.score || a.n - b.n; };
    scored.sort(order);
    var top = scored.slice(0, RERANK);
    top.forEach(function (hit) { hit.score += self.closeness(self.doc(hit.n), phrase, bare); });
    top.sort(order);
    var ranked = top.concat(scored.slice(RERANK));
    var out = { citizens: [], editors: [], aboutEditing: false, words: ws };
    ranked.forEach(function (hit) {
      var d = self.doc(hit.n);
      (d.editors ? out.editors : out.citizens).push(d);
    });
    out.aboutEditing = !out.citizens.length || this.editorWords.some(function (w) {
      return (" " + phrase + " ").indexOf(" " + w + " ") >= 0;
    });
    return out;
  };

  /* How closely a result's title, names or identifiers match the query as a whole: the
   * phrase in the title (more when it is most of the title), an exact registry name or
   * document number, a task's number or due date. */
  Engine.prototype.closeness = function (d, phrase, bare) {
    var title = words(fold(d.title)).join(" ");
    var s = 0;
    var at = (" " + title + " ").indexOf(" " + phrase + " ");
    if (at >= 0) {
      s += 20 + Math.round(25 * phrase.length / Math.max(title.length, 1));
      if (at === 0) s += 5;
      if (title === phrase) s += 30;
    }
    for (var i = 0; i < d.names.length; i++) {
      var name = words(fold(d.names[i]));
      if (name.join("") === bare) { s += 50; break; }
      if (at < 0 && (" " + name.join(" ") + " ").indexOf(" " + phrase + " ") >= 0) { s += 10; break; }
    }
    if (d.kind === "t" && d.label && words(fold(d.label)).join("") === bare) s += 40;
    if (d.due && words(d.due).join("") === bare) s += 40;
    return s;
  };

  function mark(name) { if (window.performance && performance.mark) performance.mark(name); }

  function get(url, as) {
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r[as](); });
  }

  var loading = {};
  /* Load (once per address) the index at ``url`` and its records at ``recordsUrl``, both at
   * once; results link relative to ``root``. */
  function load(url, recordsUrl, root) {
    if (!loading[url]) {
      loading[url] = Promise.all([get(url, "json"), get(recordsUrl, "arrayBuffer")])
        .then(function (both) {
          mark("ck-index-parsed");
          var engine = new Engine(both[0], new Uint8Array(both[1]), root || "");
          mark("ck-index-ready");
          return engine;
        });
    }
    return loading[url];
  }

  window.CongkhaiSearch = { load: load, fold: fold, Engine: Engine };

  /* --- the results page ------------------------------------------------------------------- */

  var root = document.getElementById("ck-search");
  if (!root) return;
  var input = document.getElementById("ck-search-input");
  var status = document.getElementById("ck-search-status");
  var list = document.getElementById("ck-search-results");
  var form = document.getElementById("ck-search-form");
  var groups = document.getElementById("ck-search-groups");
  var MAX = 50;
  var engine = null, group = "", timer = null;

  function params() { return new URL(window.location.href).searchParams; }

  function resultItem(d) {
    var li = document.createElement("li");
    li.className = "ck-result ck-result--" + d.kind;
    var kind = document.createElement("span");
    kind.className = "ck-result-kind";
    kind.textContent = d.kindLabel;
    var a = document.createElement("a");
    a.href = engine.url(d);
    a.textContent = (d.label ? d.label + ". " : "") + d.title;
    li.appendChild(kind);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(a);
    var meta = engine.meta(d);
    if (meta.length) {
      var p = document.createElement("p");
      p.className = "ck-result-meta";
      p.textContent = meta.join(" · ");
      li.appendChild(p);
    }
    return li;
  }

  function groupButton(key, label, n, pressed) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ck-search-group";
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
    button.setAttribute("data-group", key);
    button.textContent = label + " (" + n + ")";
    button.addEventListener("click", function () { group = key; run(false, true); });
    return button;
  }

  function render(query, found) {
    list.textContent = "";
    groups.textContent = "";
    if (!query.trim()) {
      status.textContent = "Nhập từ khóa để tìm, có dấu hoặc không dấu.";
      return;
    }
    var editorsShown = group === "bien-tap" || (group === "" && found.aboutEditing && found.editors.length > 0);
    var shown = editorsShown ? found.editors : found.citizens;
    if (found.citizens.length || found.editors.length) {
      groups.appendChild(groupButton("nguoi-dan", "Kết quả", found.citizens.length, !editorsShown));
      groups.appendChild(groupButton("bien-tap", "Hướng dẫn cho biên tập viên", found.editors.length, editorsShown));
    }
    var total = found.citizens.length + found.editors.length;
    if (!total) {
      status.textContent = "Không tìm thấy kết quả cho “" + query + "”.";
    } else {
      status.textContent = "Tìm thấy " + shown.length + " kết quả" +
        (editorsShown ? " trong hướng dẫn cho biên tập viên" : "") +
        (shown.length > MAX ? ", hiển thị " + MAX + " kết quả đầu" : "") + "." +
        (editorsShown ? "" : (found.editors.length ? " Hướng dẫn cho biên tập viên có " + found.editors.length + " kết quả khác." : ""));
    }
    var frag = document.createDocumentFragment();
    shown.slice(0, MAX).forEach(function (d) { frag.appendChild(resultItem(d)); });
    list.appendChild(frag);
  }

  function run(typing, push) {
    var q = input.value;
    render(q, engine.search(q, typing));
    if (window.history && window.history.replaceState) {
      var url = new URL(window.location.href);
      if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
      if (group) url.searchParams.set("nhom", group); else url.searchParams.delete("nhom");
      if (url.href !== window.location.href) {
        if (push) window.history.pushState(null, "", url); else window.history.replaceState(null, "", url);
      }
    }
  }

  function fromUrl() {
    var p = params();
    input.value = p.get("q") || "";
    group = p.get("nhom") || "";
  }

  status.textContent = "Đang tải chỉ mục tìm kiếm…";
  var here = new URL(root.getAttribute("data-index"), window.location.href);
  var records = new URL(root.getAttribute("data-records"), window.location.href);
  load(here.href, records.href, root.getAttribute("data-root") || "../")
    .then(function (e) {
      engine = e;
      fromUrl();
      run(false, false);
      mark("ck-first-result");
      root.setAttribute("data-ready", "true");
      input.addEventListener("input", function () {
        clearTimeout(timer);
        group = "";
        timer = setTimeout(function () { run(true, false); }, 120);
      });
      form.addEventListener("submit", function (e) { e.preventDefault(); group = ""; run(false, true); });
      window.addEventListener("popstate", function () { fromUrl(); run(false, false); });
    })
    .catch(function () {
      status.textContent = "Không tải được chỉ mục tìm kiếm. Hãy thử tải lại trang.";
    });
})();
