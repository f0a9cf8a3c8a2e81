// Run *fn* on every page: after each of Material's instant page loads when it has them
// (document$), else once the document is ready.
function sopOnEveryPage(fn) {
  if (typeof document$ !== "undefined") {
    document$.subscribe(fn);
  } else {
    document.addEventListener("DOMContentLoaded", fn);
  }
}

// Make every "Daftar SOP" table sortable by clicking its headers (tablesort, vendored).
// Cells carry data-sort values (ISO dates, numbers) where the shown text does not sort well.
function sopSortableTables() {
  document.querySelectorAll("table.sop-index").forEach(function (table) {
    if (!table.dataset.sortable) {
      new Tablesort(table);
      table.dataset.sortable = "yes";
    }
  });
}
sopOnEveryPage(sopSortableTables);

// The sheet is as wide as its paper (F4 landscape is 330 mm): on a phone it scrolls in its
// box, and the "Sesuaikan ke lebar layar" button scales it to the box's width (CSS zoom keeps
// the table and its drawing together). The button is hidden until this script shows it.
function sopFitSheets() {
  document.querySelectorAll(".sop-fit-button").forEach(function (button) {
    var box = document.querySelector(".sop-sheet-box");
    var sheet = box && box.querySelector(".sop-sheet");
    if (!sheet || button.dataset.ready) return;
    button.dataset.ready = "yes";
    button.hidden = false;
    button.addEventListener("click", function () {
      var fitted = button.getAttribute("aria-pressed") === "true";
      if (fitted) {
        sheet.style.zoom = "";
      } else {
        var style = getComputedStyle(box);
        var room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        sheet.style.zoom = String(Math.min(1, room / sheet.scrollWidth));
      }
      button.setAttribute("aria-pressed", fitted ? "false" : "true");
      button.textContent = fitted ? "Sesuaikan ke lebar layar" : "Tampilkan ukuran asli";
    });
  });
}
sopOnEveryPage(sopFitSheets);

// The global Daftar SOP: filter rows by a text and by pemda and kecamatan (the form is hidden
// until this script runs; without it every row stays visible).
function sopFilterDaftar() {
  document.querySelectorAll("form.sop-filter").forEach(function (form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "yes";
    form.hidden = false;
    var rows = Array.prototype.slice.call(document.querySelectorAll("table.sop-daftar tbody tr"));
    var count = form.querySelector(".sop-filter-count");
    function apply() {
      var words = form.teks.value.toLowerCase().split(/\s+/).filter(Boolean);
      var pemda = form.pemda.value, unit = form.unit.value, shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var ok = (!pemda || row.dataset.pemda === pemda) && (!unit || row.dataset.unit === unit) &&
          words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown + " dari " + rows.length + " SOP";
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  });
}
sopOnEveryPage(sopFilterDaftar);
