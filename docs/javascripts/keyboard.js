/* The menu and search by keyboard, at any width and zoom.
 *
 * Material opens its menu (the drawer) and search with <label>s for hidden checkboxes, which
 * Tab never reaches. This file puts real buttons with Norwegian names in their place in the
 * header (the menu button first, before the logo), connects them to Material's checkboxes
 * (#__drawer, #__search) and keeps focus where a keyboard user can see it:
 * - Below 76.25em the menu is a drawer: while it is closed its links take no Tab stop (inert);
 *   while it is open the rest of the page does not, focus moves into it, Escape closes it and
 *   focus returns to the menu button. Inside it, only the level on screen takes Tab stops; the
 *   entries that open a level and the "back" titles become focusable buttons (Enter or Space).
 * - Search: the closed results box is no Tab stop; below 60em, where the search field is off
 *   screen until search opens, neither is the field. Escape returns focus to where it was
 *   before search opened.
 */
(function () {
  "use strict";
  var drawerScreen = window.matchMedia("(max-width: 76.234375em)");
  var searchScreen = window.matchMedia("(max-width: 59.984375em)");
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), " +
    "select, textarea, [tabindex]:not([tabindex='-1']):not([tabindex=''])";

  var madeInert = [];           // what we made inert around the open drawer
  var beforeSearch = null;      // where focus was when search opened
  var restoreAfterEscape = false;

  function byId(id) { return document.getElementById(id); }
  function drawer() { return byId("__drawer"); }
  function search() { return byId("__search"); }
  function sidebar() { return document.querySelector(".md-sidebar--primary"); }
  function menuRoot() { return document.querySelector(".md-sidebar--primary nav.md-nav--primary"); }
  function menuButton() { return document.querySelector("[data-lp-toggle='__drawer']"); }

  function visible(el) {
    return !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  }

  function firstFocusable(container) {
    var all = container.querySelectorAll(FOCUSABLE);
    for (var i = 0; i < all.length; i++) {
      if (!all[i].closest("[inert]") && visible(all[i])) return all[i];
    }
    return null;
  }

  /* --- The header buttons --- */
  var BUTTONS = [
    {toggle: "__drawer", name: "Meny", cls: "lp-menyknapp", first: true},
    {toggle: "__search", name: "Søk", cls: "lp-sokeknapp", first: false},
  ];

  // Each header label becomes a <button> with the same look (classes and icon).
  function headerButtons() {
    BUTTONS.forEach(function (spec) {
      var label = document.querySelector(".md-header label.md-header__button[for='" + spec.toggle + "']");
      if (!label) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className + " " + spec.cls;
      button.setAttribute("data-lp-toggle", spec.toggle);
      button.setAttribute("aria-label", spec.name);
      button.setAttribute("aria-expanded", "false");
      while (label.firstChild) button.appendChild(label.firstChild);
      var inner = label.closest(".md-header__inner");
      if (spec.first && inner) {
        label.remove();
        inner.insertBefore(button, inner.firstChild);
      } else {
        label.replaceWith(button);
      }
    });
  }

  function toggleFrom(button) {
    var box = byId(button.getAttribute("data-lp-toggle"));
    if (!box) return;
    box.click();  // Material listens for the checkbox's change, as for its own labels
    if (box === search() && box.checked) {
      var input = document.querySelector("[data-md-component=search-query]");
      if (input) {
        input.removeAttribute("tabindex");
        input.focus();
      }
    }
  }

  function syncButtons() {
    document.querySelectorAll("[data-lp-toggle]").forEach(function (button) {
      var box = byId(button.getAttribute("data-lp-toggle"));
      if (box) button.setAttribute("aria-expanded", box.checked ? "true" : "false");
    });
  }

  /* --- The drawer's levels --- */
  // The level on screen: follow the checked toggles down from the top of the menu.
  function shownLevel(root) {
    var level = root;
    for (;;) {
      var list = level.querySelector(":scope > .md-nav__list");
      if (!list) return level;
      var next = null;
      Array.prototype.some.call(list.children, function (item) {
        var toggle = item.querySelector(":scope > input.md-nav__toggle");
        if (toggle && toggle.checked) next = item.querySelector(":scope > nav.md-nav");
        return !!next;
      });
      if (!next) return level;
      level = next;
    }
  }

  function levelTitle(level) {
    var title = level.querySelector(":scope > .md-nav__title");
    return title ? title.textContent.trim() : "";
  }

  // Labels that open or close a level, focusable in the drawer only (Material's Enter handler
  // clicks a focused label; Space is added below). The original tabindex comes back on a wide screen.
  function drawerLabels(root) {
    return root.querySelectorAll("label.md-nav__link[for], label.md-nav__title[for]:not([for='__drawer'])");
  }

  function makeLabelsButtons(root, on) {
    drawerLabels(root).forEach(function (label) {
      if (!("lpTabindex" in label.dataset)) label.dataset.lpTabindex = label.getAttribute("tabindex") || "";
      var toggle = byId(label.htmlFor);
      if (on && toggle) {
        label.setAttribute("tabindex", "0");
        label.setAttribute("role", "button");
        if (label.classList.contains("md-nav__title")) {
          // Back from this level to the one that holds it: by its title, or the main menu.
          var parent = label.closest("nav.md-nav").parentElement.closest("nav.md-nav");
          var name = parent && parent.getAttribute("data-md-level") !== "0" ? levelTitle(parent) : "";
          label.setAttribute("aria-label", "Tilbake til " + (name || "hovedmenyen"));
        } else {
          label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
          if (label.htmlFor === "__toc") {
            label.setAttribute("aria-label", "Innhold på siden: " + label.textContent.trim());
          } else if (!label.textContent.trim()) {
            // the arrow beside a section's own page: named after the level it opens
            var panel = toggle.parentElement.querySelector(":scope > nav.md-nav");
            label.setAttribute("aria-label", "Åpne " + (panel ? levelTitle(panel) : ""));
            label.dataset.lpNavngitt = "1";
          }
        }
      } else {
        var original = label.dataset.lpTabindex;
        if (original) label.setAttribute("tabindex", original); else label.removeAttribute("tabindex");
        label.removeAttribute("role");
        if (label.classList.contains("md-nav__title") || label.htmlFor === "__toc" || label.dataset.lpNavngitt) {
          label.removeAttribute("aria-label");
        }
      }
    });
  }

  // In the open drawer only the level on screen takes focus: what it covers and the levels it
  // hides (closed sub-levels) are inert.
  function levelsInert(root, on) {
    root.querySelectorAll("[data-lp-niva-inert]").forEach(function (el) {
      el.inert = false;
      el.removeAttribute("data-lp-niva-inert");
    });
    if (!on) return;
    var level = shownLevel(root);
    function inert(el) {
      if (el.matches("input.md-toggle") || el.inert) return;
      el.inert = true;
      el.setAttribute("data-lp-niva-inert", "");
    }
    for (var node = level; node && node !== root; node = node.parentElement) {
      Array.prototype.forEach.call(node.parentElement.children, function (sibling) {
        if (sibling !== node) inert(sibling);
      });
    }
    var list = level.querySelector(":scope > .md-nav__list");
    if (list) {
      list.querySelectorAll(":scope > li > input.md-nav__toggle:not(:checked) ~ nav.md-nav").forEach(inert);
    }
  }

  /* --- The drawer as a whole --- */
  function pageAround(el, on) {
    madeInert.forEach(function (other) { other.inert = false; });
    madeInert = [];
    if (!on) return;
    for (var node = el; node && node !== document.body; node = node.parentElement) {
      Array.prototype.forEach.call(node.parentElement.children, function (sibling) {
        if (sibling === node || sibling.inert || sibling.matches("script, input.md-toggle, .md-overlay")) return;
        sibling.inert = true;
        madeInert.push(sibling);
      });
    }
  }

  function updateDrawer(moveFocus) {
    var bar = sidebar(), root = menuRoot(), box = drawer();
    if (!bar || !root || !box) return;
    var asDrawer = drawerScreen.matches;
    var open = asDrawer && box.checked;
    bar.inert = asDrawer && !open;
    makeLabelsButtons(root, asDrawer);
    levelsInert(root, open);
    pageAround(bar, open);
    syncButtons();
    if (open && moveFocus) {
      var target = firstFocusable(shownLevel(root)) || firstFocusable(root);
      if (target) target.focus({ preventScroll: true });
    }
  }

  function closeDrawer() {
    var box = drawer();
    if (box && box.checked) box.click();
    var button = menuButton();
    if (button && visible(button)) button.focus();
  }

  /* --- Search --- */
  function updateSearch() {
    var box = search();
    if (!box) return;
    var open = box.checked;
    var output = document.querySelector(".md-search__output");
    if (output) output.inert = !open;
    var input = document.querySelector("[data-md-component=search-query]");
    if (input) {
      if (searchScreen.matches && !open) input.setAttribute("tabindex", "-1");
      else input.removeAttribute("tabindex");
    }
    syncButtons();
  }

  function restoreFocusAfterSearch() {
    var active = document.activeElement;
    if (active && active !== document.body && !active.closest(".md-search")) return;
    var target = beforeSearch;
    if (!target || !document.contains(target) || !visible(target)) {
      target = searchScreen.matches ? document.querySelector("[data-lp-toggle='__search']") : null;
    }
    if (target && visible(target)) target.focus();
  }

  /* --- Wiring --- */
  function setup() {
    headerButtons();
    document.querySelectorAll("[data-lp-toggle]").forEach(function (button) {
      if (button.dataset.lpKoblet) return;
      button.dataset.lpKoblet = "1";
      button.addEventListener("click", function () { toggleFrom(button); });
    });
    var root = menuRoot();
    if (root && !root.dataset.lpKoblet) {
      root.dataset.lpKoblet = "1";
      root.addEventListener("change", function (event) {
        if (!event.target.matches("input.md-nav__toggle") || !drawerScreen.matches) return;
        var toggle = event.target;
        updateDrawer(false);
        var panel = toggle.parentElement.querySelector(":scope > nav.md-nav");
        var opener = toggle.parentElement.querySelector("label.md-nav__link[for='" + toggle.id + "']");
        var target = toggle.checked && panel ? firstFocusable(panel) : opener;
        if (target) target.focus({ preventScroll: true });
      });
    }
    updateDrawer(false);
    updateSearch();
  }

  document.addEventListener("change", function (event) {
    if (event.target === drawer()) {
      updateDrawer(event.target.checked);
      if (!event.target.checked) {
        var active = document.activeElement;
        if (!active || active === document.body || active.closest(".md-sidebar--primary")) {
          var button = menuButton();
          if (button && visible(button)) button.focus();
        }
      }
    } else if (event.target === search()) {
      updateSearch();
      if (!event.target.checked && restoreAfterEscape) {
        restoreAfterEscape = false;
        setTimeout(restoreFocusAfterSearch, 0);
      }
    }
  });

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target.closest && target.closest(".md-search")) {
      var from = event.relatedTarget;
      if (from && from.closest && !from.closest(".md-search")) beforeSearch = from;
    } else if (!search() || !search().checked) {
      beforeSearch = target;
    }
  });

  // Capture phase: before Material's own key handling closes search and blurs the field.
  window.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      if (search() && search().checked) {
        restoreAfterEscape = true;
        setTimeout(function () {  // Material closes search on Escape; make sure focus lands
          if (restoreAfterEscape && !search().checked) {
            restoreAfterEscape = false;
            restoreFocusAfterSearch();
          }
        }, 0);
      } else if (drawerScreen.matches && drawer() && drawer().checked) {
        event.preventDefault();
        closeDrawer();
      }
    } else if (event.key === " " || event.key === "Spacebar") {
      var label = event.target;
      if (label instanceof HTMLLabelElement && label.getAttribute("role") === "button") {
        event.preventDefault();
        label.click();
      }
    }
  }, true);

  function onScreenChange() { updateDrawer(false); updateSearch(); }
  drawerScreen.addEventListener("change", onScreenChange);
  searchScreen.addEventListener("change", onScreenChange);
  document$.subscribe(setup);
})();
