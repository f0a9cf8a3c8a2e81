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
if (typeof document$ !== "undefined") {
  document$.subscribe(sopSortableTables);
} else {
  document.addEventListener("DOMContentLoaded", sopSortableTables);
}
