/* congkhai: instant suggestions in the header search box, on every page.
 *
 * The box is a plain form that goes to /tim-kiem/?q=… (it works without JavaScript). With it,
 * the box becomes a WAI-ARIA combobox (the "list autocomplete" pattern of the ARIA Authoring
 * Practices): typing shows the top results in a listbox; Arrow Down/Up move through them
 * (aria-activedescendant, focus stays in the box); Enter opens the highlighted result, or the
 * full results page when none is; Escape closes the list (a second Escape clears the box).
 * The search engine (congkhai-search.js) and the index are loaded only when the box gets focus,
 * so every other page stays light.
 */
(function () {
  "use strict";

  var form = document.querySelector("form.ck-header-search");
  if (!form || !window.fetch || !window.Promise) return;
  var input = form.querySelector("input[name=q]");
  var SHOWN = 8;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  // The listbox and the status line join the page when the box first gets focus: nothing to
  // lay out on the pages where nobody searches.
  var listbox = null, live = null;
  function build() {
    if (listbox) return;
    listbox = document.createElement("ul");
    listbox.id = "ck-header-suggest";
    listbox.className = "ck-suggest";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Gợi ý tìm kiếm");
    listbox.hidden = true;
    live = document.createElement("p");
    live.className = "ck-sr";
    live.setAttribute("role", "status");
    form.appendChild(listbox);
    form.appendChild(live);
    input.setAttribute("aria-controls", listbox.id);
  }

  var engine = null, pending = null, options = [], active = -1, timer = null, shownFor = null;

  function engineScript() {
    if (window.CongkhaiSearch) return Promise.resolve(window.CongkhaiSearch);
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = form.getAttribute("data-engine");
      script.onload = function () { resolve(window.CongkhaiSearch); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function ready() {
    if (!pending) {
      var index = new URL(form.getAttribute("data-index"), window.location.href).href;
      var records = new URL(form.getAttribute("data-records"), window.location.href).href;
      pending = engineScript()
        .then(function (api) { return api.load(index, records, form.getAttribute("data-root")); })
        .then(function (e) { engine = e; return e; });
      pending.catch(function () { pending = null; });
    }
    return pending;
  }

  function resultsUrl(q) {
    var url = new URL(form.getAttribute("action"), window.location.href);
    url.searchParams.set("q", q);
    return url.href;
  }

  function close() {
    if (!listbox) return;
    listbox.hidden = true;
    listbox.textContent = "";
    options = [];
    active = -1;
    shownFor = null;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function option(id, kind, text, meta, href) {
    var li = document.createElement("li");
    li.id = id;
    li.className = "ck-suggest__option";
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.setAttribute("data-href", href);
    if (kind) {
      var k = document.createElement("span");
      k.className = "ck-suggest__kind";
      k.textContent = kind;
      li.appendChild(k);
      li.appendChild(document.createTextNode(" "));
    }
    var t = document.createElement("span");
    t.className = "ck-suggest__title";
    t.textContent = text;
    li.appendChild(t);
    if (meta) {
      var m = document.createElement("span");
      m.className = "ck-suggest__meta";
      m.textContent = meta;
      li.appendChild(m);
    }
    li.addEventListener("mousedown", function (e) { e.preventDefault(); });
    li.addEventListener("click", function () { window.location.href = href; });
    return li;
  }

  function show(q, found) {
    build();
    var hits = found.citizens.length ? found.citizens : found.editors;
    listbox.textContent = "";
    options = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    hits.slice(0, SHOWN).forEach(function (d, i) {
      var meta = engine.meta(d).slice(0, 2).join(" · ");
      var li = option("ck-suggest-" + i, d.kindLabel, (d.label ? d.label + ". " : "") + d.title,
                      meta, engine.url(d));
      listbox.appendChild(li);
      options.push(li);
    });
    var total = found.citizens.length + found.editors.length;
    var all = option("ck-suggest-all", "", total
      ? "Xem tất cả " + total + " kết quả cho “" + q + "”"
      : "Không có gợi ý cho “" + q + "”: mở trang tìm kiếm", "", resultsUrl(q));
    all.classList.add("ck-suggest__all");
    listbox.appendChild(all);
    options.push(all);
    listbox.hidden = false;
    shownFor = q;
    input.setAttribute("aria-expanded", "true");
    live.textContent = total ? Math.min(hits.length, SHOWN) + " gợi ý; dùng phím mũi tên để chọn."
      : "Không có gợi ý.";
  }

  function update() {
    var q = input.value;
    if (!q.trim()) { close(); return; }
    ready().then(function () {
      if (input.value === q && document.activeElement === input) show(q, engine.search(q, true));
    });
  }

  function move(step) {
    if (!options.length) return;
    if (active >= 0) options[active].setAttribute("aria-selected", "false");
    active += step;
    if (active >= options.length) active = -1;
    if (active < -1) active = options.length - 1;
    if (active === -1) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    var current = options[active];
    current.setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", current.id);
    if (current.scrollIntoView) current.scrollIntoView({ block: "nearest" });
  }

  input.addEventListener("focus", function () {
    build();
    ready();
    if (input.value.trim() && shownFor === null) update();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 60);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!listbox || listbox.hidden) {
        update();
        return;
      }
      move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      if (listbox && !listbox.hidden && active >= 0) {
        e.preventDefault();
        window.location.href = options[active].getAttribute("data-href");
      }
    } else if (e.key === "Escape") {
      if (listbox && !listbox.hidden) {
        e.preventDefault();
        close();
      } else if (input.value) {
        e.preventDefault();
        input.value = "";
      }
    } else if (e.key === "Tab") {
      close();
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
