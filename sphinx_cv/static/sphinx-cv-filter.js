/* sphinx-cv: the filter box above a publication list (text, year, type, topic).
   Loaded only on pages with such a box; the box stays hidden without JavaScript, and
   the whole list shows. Entries are matched by their text and by the classes the
   list gives them (cv-year-2024, cv-pub-journal, cv-tag-<topic>). */
(function () {
  "use strict";
  function norm(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("form.cv-filter").forEach(function (form) {
    var list = document.getElementById(form.getAttribute("data-cv-target"));
    if (!list) { return; }
    var entries = Array.prototype.slice.call(list.querySelectorAll("li.cv-pub"));
    var texts = entries.map(function (li) { return norm(li.textContent); });
    var count = form.querySelector(".cv-filter-count");
    function value(name) {
      var field = form.elements[name];
      return field ? field.value : "";
    }
    function apply() {
      var words = norm(value("q")).split(/\s+/).filter(Boolean);
      var year = value("year"), type = value("type"), tag = value("tag");
      var shown = 0;
      entries.forEach(function (li, i) {
        var c = li.classList;
        var ok = (!year || c.contains("cv-year-" + year)) &&
          (!type || c.contains("cv-pub-" + type)) &&
          (!tag || c.contains("cv-tag-" + tag)) &&
          words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        li.hidden = !ok;
        if (ok) { shown += 1; }
      });
      // A group heading goes when its list has nothing left to show.
      list.querySelectorAll("ul.cv-publist").forEach(function (ul) {
        var any = ul.querySelector("li.cv-pub:not([hidden])") !== null;
        ul.hidden = !any;
        var head = ul.previousElementSibling;
        if (head && head.classList.contains("cv-group-title")) { head.hidden = !any; }
      });
      if (count) {
        count.textContent = shown === entries.length ? "" :
          shown + " of " + entries.length + " shown";
      }
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  });
})();
