(function () {
  "use strict";
  var entries = Array.prototype.slice.call(document.querySelectorAll("details.dossier"));
  var status = document.getElementById("f-status");
  var code = document.getElementById("f-code");
  var specialty = document.getElementById("f-specialty");
  var search = document.getElementById("f-search");
  var counter = document.getElementById("counter");

  function matches(e) {
    var s = status.value, c = code.value, sp = specialty.value, q = search.value.trim().toLowerCase();
    var okStatus = s === "" || (s === "attention" ? e.dataset.attention === "1"
      : s === "invalid" ? e.dataset.invalid === "1" : e.dataset.status === s);
    var okCode = c === "" || e.dataset.codes.split(" ").indexOf(c) >= 0;
    return okStatus && okCode && (sp === "" || e.dataset.specialty === sp)
      && (q === "" || e.dataset.id.toLowerCase().indexOf(q) >= 0);
  }

  function apply() {
    var shown = 0;
    entries.forEach(function (e) {
      var ok = matches(e);
      e.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.querySelectorAll("section.list").forEach(function (section) {
      section.hidden = !section.querySelector("details.dossier:not([hidden])");
    });
    document.getElementById("none").hidden = shown > 0;
    counter.textContent = shown + (shown > 1 ? " dossiers affichés" : " dossier affiché") + " sur " + entries.length;
    counter.dataset.shown = String(shown);
  }

  [status, code, specialty].forEach(function (el) { el.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  document.querySelectorAll("[data-filter-status]").forEach(function (button) {
    button.addEventListener("click", function () {
      status.value = button.dataset.filterStatus;
      apply();
      status.focus();
    });
  });

  document.querySelectorAll("[data-filter-code]").forEach(function (button) {
    button.addEventListener("click", function () {
      code.value = button.dataset.filterCode;
      apply();
      code.focus();
    });
  });

  // Printing: every entry open, then back to what staff had open.
  var wasOpen = [];
  window.addEventListener("beforeprint", function () {
    wasOpen = Array.prototype.map.call(document.querySelectorAll("details"), function (d) { return d.open; });
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details").forEach(function (d, i) { d.open = wasOpen[i]; });
  });
  apply();
})();
