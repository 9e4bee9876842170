/* Reading progress: ticks kept only in this browser's localStorage; nothing is sent anywhere.
 * Works with the reading plan from macros/components/participant.py, which names the key
 * (data-lagring, from the cohort's id in curriculum/program.yml): two cohorts or programmes
 * served from one host keep their ticks apart. docs/javascripts/next-gathering.js reads the
 * same key. Required and recommended pages are counted apart, per gathering and in all. */
(function () {
  "use strict";

  var KEY = null;

  function load() {
    try {
      var ids = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids : [];
    } catch (e) {
      return [];
    }
  }

  function save(ids) {
    if (ids.length) localStorage.setItem(KEY, JSON.stringify(ids));
    else localStorage.removeItem(KEY);
  }

  function boxesIn(node) {
    return Array.prototype.slice.call(node.querySelectorAll("input[data-lesning]"));
  }

  function pages(boxes) {
    return boxes.reduce(function (sum, box) { return sum + (box.checked ? Number(box.dataset.sider) : 0); }, 0);
  }

  function hoursLeft(pagesLeft, perHour) {
    var h = Math.ceil(pagesLeft / perHour);
    return h === 1 ? "om lag 1 time igjen" : "om lag " + h + " timer igjen";
  }

  function partText(part, perHour) {
    var total = Number(part.dataset.sider);
    var read = pages(boxesIn(part));
    var text = read + " av " + total + " sider lest";
    if (part.dataset.del === "obligatorisk") {
      text += read >= total ? ", alt er lest." : ", " + hoursLeft(total - read, perHour) + ".";
    } else {
      text += ".";
    }
    return text;
  }

  function update(plan) {
    // the rate of each gathering's module where it has its own, else the plan's
    plan.querySelectorAll(".lp-leseplan__del").forEach(function (part) {
      var perHour = Number(part.closest("[data-sider-per-time]").dataset.siderPerTime);
      part.querySelector("[data-lp-status]").textContent = partText(part, perHour);
    });
    var all = boxesIn(plan);
    // a text in two gatherings has two boxes: count its pages once
    var seen = {};
    var required = 0;
    var recommended = 0;
    all.forEach(function (box) {
      if (!box.checked || seen[box.dataset.lesning]) return;
      seen[box.dataset.lesning] = true;
      if (box.closest(".lp-leseplan__del").dataset.del === "obligatorisk") required += Number(box.dataset.sider);
      else recommended += Number(box.dataset.sider);
    });
    var text = "Du har lest " + required + " av " + plan.dataset.obligatorisk + " sider obligatorisk pensum";
    if (Number(plan.dataset.anbefalt)) {
      text += " og " + recommended + " av " + plan.dataset.anbefalt + " sider anbefalt";
    }
    plan.querySelector("[data-lp-sum]").textContent = text + ".";
  }

  function start(root) {
    var plan = root.querySelector(".lp-leseplan");
    if (!plan || !plan.dataset.lagring) return;
    KEY = plan.dataset.lagring;
    var read = load();
    var boxes = boxesIn(plan);
    boxes.forEach(function (box) {
      box.checked = read.indexOf(box.dataset.lesning) !== -1;
      box.disabled = false;
      box.addEventListener("change", function () {
        var ids = load().filter(function (id) { return id !== box.dataset.lesning; });
        if (box.checked) ids.push(box.dataset.lesning);
        save(ids);
        // the same text can belong to two gatherings: keep both boxes in step
        boxes.forEach(function (other) {
          if (other.dataset.lesning === box.dataset.lesning) other.checked = box.checked;
        });
        update(plan);
      });
    });
    var clear = plan.querySelector("[data-lp-slett]");
    clear.disabled = false;
    clear.addEventListener("click", function () {
      if (!window.confirm("Vil du slette alle avkrysningene dine i denne nettleseren?")) return;
      save([]);
      boxes.forEach(function (box) { box.checked = false; });
      update(plan);
    });
    plan.querySelector("[data-lp-uten-js]").hidden = true;
    update(plan);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { start(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { start(document); });
  }
})();
