/* congkhai: narrowing and sorting the task lists of a page, as progressive enhancement.
 *
 * Without JavaScript a list reads in full, a page of rows at a time, and the filter form stays
 * hidden. With it, the form (rendered by the generator: one field per facet the lists have)
 * filters and sorts every list of the page at once, over all of its rows (each list's rows are
 * in a JSON file beside the page, rendered exactly as the page renders them), and the choice is
 * in the address (?trang-thai=…&nam=…&sap-xep=…): it can be shared, and Back undoes it.
 */
(function () {
  "use strict";

  var form = document.querySelector("form.ck-filters");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var lists = Array.prototype.slice.call(document.querySelectorAll(".ck-list[data-src]"));
  if (!lists.length) return;
  var fields = Array.prototype.slice.call(form.querySelectorAll("select[name]"));
  var status = form.querySelector(".ck-filters__status");
  var SHOWN = 200;
  var NO_DUE = "khong-han";

  // What the server wrote, to put back when no filter is chosen (kept when first replaced).
  var saved = lists.map(function (list) {
    return { list: list, body: list.querySelector("tbody"), html: null, data: null };
  });

  function load(entry) {
    if (!entry.data) {
      var url = new URL(entry.list.getAttribute("data-src"), window.location.href);
      entry.data = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (d) { d.url = url; return d; });
      entry.data.catch(function () { entry.data = null; });
    }
    return entry.data;
  }

  function choice() {
    var c = {};
    fields.forEach(function (f) { if (f.value) c[f.name] = f.value; });
    return c;
  }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (f) {
      var value = params.get(f.name) || "";
      var known = Array.prototype.some.call(f.options, function (o) { return o.value === value; });
      f.value = known ? value : "";
    });
  }

  function toAddress() {
    var url = new URL(window.location.href);
    fields.forEach(function (f) {
      if (f.value) url.searchParams.set(f.name, f.value); else url.searchParams.delete(f.name);
    });
    if (url.href !== window.location.href) window.history.pushState(null, "", url);
  }

  function keep(row, c, d) {
    if (c["trang-thai"] && d.statuses[row[0]][0] !== c["trang-thai"]) return false;
    if (c.nam && (c.nam === NO_DUE ? row[1] !== "" : row[1].slice(0, 4) !== c.nam)) return false;
    if (c["ke-hoach"] && d.plans[row[2]][0] !== c["ke-hoach"]) return false;
    if (c["co-quan"] && !row[3].some(function (i) { return d.agencies[i][0] === c["co-quan"]; })) return false;
    if (c.tinh && (row[4] < 0 || d.provinces[row[4]][0] !== c.tinh)) return false;
    return true;
  }

  var ORDERS = {
    han: function (a, b) { return byDue(a, b, 1); },
    "han-giam": function (a, b) { return byDue(a, b, -1); },
    "ke-hoach": function (a, b, d) {
      return d.plans[a.row[2]][1].localeCompare(d.plans[b.row[2]][1], "vi", { numeric: true });
    },
    "trang-thai": function (a, b) { return a.row[0] - b.row[0]; }
  };
  function byDue(a, b, sign) {
    var x = a.row[1], y = b.row[1];
    if (!x || !y) return (x ? 0 : 1) - (y ? 0 : 1);  // without a fixed due date: last
    return x < y ? -sign : x > y ? sign : 0;
  }

  /* A row's HTML from its cells: a number names a cell shared by several rows. */
  function rowHtml(row, d) {
    return row[6].map(function (p) { return typeof p === "number" ? d.pieces[p] : p; }).join("");
  }

  function rowsHtml(rows, d) {
    var html = rows.map(function (r) { return rowHtml(r.row, d); }).join("");
    // The file sits beside the page, so its links read the same here; should it not, rebase.
    if (new URL(".", d.url).href === new URL(".", window.location.href).href) return html;
    var t = document.createElement("tbody");
    t.innerHTML = html;
    Array.prototype.forEach.call(t.querySelectorAll("a[href]"), function (a) {
      a.setAttribute("href", new URL(a.getAttribute("href"), d.url).href);
    });
    return t.innerHTML;
  }

  function count(entry) {
    var p = entry.list.querySelector(".ck-list-count");
    if (!p) {
      p = document.createElement("p");
      p.className = "ck-list-count";
      entry.list.insertBefore(p, entry.list.firstChild);
    }
    return p;
  }

  function setPaged(entry, paged) {
    Array.prototype.forEach.call(entry.list.querySelectorAll(".ck-pager, .ck-range"),
      function (el) { el.hidden = !paged; });
    var more = entry.list.querySelector(".ck-more");
    if (more && paged) more.remove();
    var p = entry.list.querySelector(".ck-list-count");
    if (p && paged) p.remove();
  }

  function said(shown, found, total) {
    if (!found) return "Không có nhiệm vụ nào phù hợp (danh sách có " + total + " nhiệm vụ).";
    return (shown < found ? "Hiển thị " + shown + " trong " : "") + found +
      " nhiệm vụ phù hợp (danh sách có " + total + " nhiệm vụ).";
  }

  function show(entry, d, c) {
    var order = ORDERS[c["sap-xep"]];
    var rows = [];
    d.rows.forEach(function (row, i) { if (keep(row, c, d)) rows.push({ row: row, i: i }); });
    if (order) rows.sort(function (a, b) { return order(a, b, d) || a.i - b.i; });
    setPaged(entry, false);
    if (entry.html === null) entry.html = entry.body.innerHTML;
    var shown = Math.min(rows.length, SHOWN);
    entry.body.innerHTML = rowsHtml(rows.slice(0, shown), d);
    count(entry).textContent = said(shown, rows.length, d.rows.length);
    if (shown < rows.length) {
      var more = entry.list.querySelector(".ck-more") || document.createElement("button");
      more.type = "button";
      more.className = "md-button ck-more";
      more.textContent = "Hiển thị thêm " + Math.min(SHOWN, rows.length - shown) + " nhiệm vụ";
      more.onclick = function () {
        var next = rows.slice(shown, shown + SHOWN);
        entry.body.insertAdjacentHTML("beforeend", rowsHtml(next, d));
        shown += next.length;
        count(entry).textContent = said(shown, rows.length, d.rows.length);
        if (shown >= rows.length) more.remove();
        else more.textContent = "Hiển thị thêm " + Math.min(SHOWN, rows.length - shown) + " nhiệm vụ";
      };
      entry.list.appendChild(more);
    } else {
      var old = entry.list.querySelector(".ck-more");
      if (old) old.remove();
    }
    return rows.length;
  }

  var turn = 0;
  function apply() {
    var c = choice(), mine = ++turn;
    if (!Object.keys(c).length) {
      saved.forEach(function (entry) {
        if (entry.html !== null) entry.body.innerHTML = entry.html;
        setPaged(entry, true);
      });
      status.textContent = "";
      form.removeAttribute("data-applied");
      return Promise.resolve();
    }
    status.textContent = "Đang lọc…";
    return Promise.all(saved.map(function (entry) {
      return load(entry).then(function (d) { return mine === turn ? show(entry, d, c) : 0; });
    })).then(function (found) {
      if (mine !== turn) return;
      var n = found.reduce(function (a, b) { return a + b; }, 0);
      status.textContent = "Có " + n + " nhiệm vụ phù hợp.";
      form.setAttribute("data-applied", "true");
    }, function () {
      status.textContent = "Không tải được danh sách đầy đủ. Hãy thử tải lại trang.";
    });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("change", function () { toAddress(); apply(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { toAddress(); apply(); }, 0);
  });
  window.addEventListener("popstate", function () { fromAddress(); apply(); });
  fromAddress();
  form.setAttribute("data-ready", "true");
  if (Object.keys(choice()).length) apply();
})();
