/* A table wider than the screen scrolls inside its own box (Material's .md-typeset__scrollwrap),
 * never the page. A box that scrolls must be reachable by keyboard (WCAG 2.1.1, axe
 * "scrollable-region-focusable"), so it becomes a named, focusable region while it overflows,
 * and stops being a tab stop when it fits again (a wider window, a larger font).
 */
(function () {
  "use strict";
  var LABEL = "Tabell som kan rulles sideveis";

  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", LABEL);
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  var pending = 0;
  window.addEventListener("resize", function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(mark);
  });
  document$.subscribe(mark);
})();
