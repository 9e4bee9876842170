/* Tables on every screen.
 *
 * On a phone (below 45em, lederportal.css) a table becomes one card per row: each cell gets
 * its column's name as data-label, which the style sheet writes before the value, so no table
 * needs sideways scrolling. The table keeps its table roles for screen readers (role= below:
 * some browsers drop a table's semantics once CSS no longer lays it out as one).
 * A time range (09.00–09.30) is marked as one unit that never wraps.
 *
 * A table wider than the screen above that width scrolls inside its own box (Material's
 * .md-typeset__scrollwrap), never the page. A box that scrolls must be reachable by keyboard
 * (WCAG 2.1.1, axe "scrollable-region-focusable"), so it becomes a named, focusable region
 * while it overflows, and stops being a tab stop when it fits again.
 */
(function () {
  "use strict";
  var LABEL = "Tabell som kan rulles sideveis";
  var TIME_RANGE = /\b\d{1,2}[.:]\d{2}\s*[–-]\s*\d{1,2}[.:]\d{2}\b/g;

  function columnNames(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return null;
    var names = [];
    Array.prototype.forEach.call(head.cells, function (th) {
      var span = th.colSpan || 1;
      for (var i = 0; i < span; i++) names.push(th.textContent.trim());
    });
    return names;
  }

  // Wrap each time range in a text node in <span class="lp-tid">, once.
  function markTimes(cell) {
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      if (!walker.currentNode.parentElement.closest(".lp-tid")) nodes.push(walker.currentNode);
    }
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      TIME_RANGE.lastIndex = 0;
      if (!TIME_RANGE.test(text)) return;
      var fragment = document.createDocumentFragment();
      var last = 0;
      text.replace(TIME_RANGE, function (match, offset) {
        fragment.appendChild(document.createTextNode(text.slice(last, offset)));
        var span = document.createElement("span");
        span.className = "lp-tid";
        span.textContent = match;
        fragment.appendChild(span);
        last = offset + match.length;
        return match;
      });
      fragment.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(fragment, node);
    });
  }

  function prepare(table) {
    if (table.hasAttribute("data-lp-kort")) return;
    var names = columnNames(table);
    if (!names) return;
    table.setAttribute("data-lp-kort", "");
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll(":scope > thead, :scope > tbody"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        // A <th> keeps its own role: role="columnheader" is what Material styles as a sortable column.
        if (cell.tagName !== "TH") {
          cell.setAttribute("role", "cell");
          if (names[column]) cell.setAttribute("data-label", names[column]);
          if (!cell.textContent.trim() && !cell.querySelector("img, svg")) cell.classList.add("lp-tom");
          markTimes(cell);
        }
        column += cell.colSpan || 1;
      });
    });
  }

  function mark() {
    document.querySelectorAll("article table:not([class])").forEach(prepare);
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
