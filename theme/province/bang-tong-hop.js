/* The province dashboard: sort by any column, filter by name or situation. Vanilla JS,
   no third party; without it the table is complete, in the province's order. */
(function () {
  "use strict";
  var table = document.getElementById("pv-table");
  var controls = document.getElementById("pv-controls");
  if (!table || !controls || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var query = document.getElementById("pv-q");
  var filter = document.getElementById("pv-filter");
  var count = document.getElementById("pv-count");
  controls.hidden = false;

  // Typed without diacritics ("nguyen trai") still finds "Nguyễn Trãi".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function apply() {
    var term = fold(query.value.trim());
    var want = filter.value;
    var shown = 0;
    rows.forEach(function (row) {
      var name = fold(row.getAttribute("data-name")) + " " + row.getAttribute("data-slug");
      var tags = row.getAttribute("data-filter").split(" ");
      var ok = (!term || name.indexOf(term) >= 0) && (!want || tags.indexOf(want) >= 0);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = "Đang hiện " + shown + " trong " + rows.length + " xã.";
  }

  function value(row, column) {
    var cell = row.cells[column];
    if (!cell || cell.hasAttribute("colspan")) return null;
    var v = cell.getAttribute("data-value");
    return v === null || v === "" ? null : v;
  }

  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, column) {
    var kind = th.getAttribute("data-sort");
    if (!kind) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pv-sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = value(a, column), y = value(b, column);
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; // blanks last
        var order = kind === "number" ? Number(x) - Number(y) : x.localeCompare(y, "vi");
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });

  query.addEventListener("input", apply);
  filter.addEventListener("change", apply);
  apply();
})();
