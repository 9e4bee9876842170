/* A chart gives way to its text list on a narrow screen.
 *
 * The charts (macros/components/charts.py) are drawn 720 units wide with 13-unit labels: in a
 * column narrower than about 670 px their labels would be smaller than 12 px. Below 45em
 * (lederportal.css hides the picture then) each chart's text list is opened in its place;
 * on a wider screen the list is closed again, as the reader left it.
 */
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 44.984375em)");

  function apply() {
    document.querySelectorAll("figure.lp-chart").forEach(function (figure) {
      var details = figure.querySelector("details");
      if (!details) return;
      if (narrow.matches) {
        if (!figure.classList.contains("lp-chart--tekst")) figure.dataset.lpVarApen = details.open ? "1" : "";
        figure.classList.add("lp-chart--tekst");
        details.open = true;
      } else if (figure.classList.contains("lp-chart--tekst")) {
        figure.classList.remove("lp-chart--tekst");
        details.open = figure.dataset.lpVarApen === "1";
      }
    });
  }

  narrow.addEventListener("change", apply);
  document$.subscribe(apply);
})();
