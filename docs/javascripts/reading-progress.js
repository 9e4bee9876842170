/* Reading progress: ticks kept only in this browser's localStorage; nothing is sent anywhere.
 * Works with the reading plan from macros/components/participant.py, which names the key
 * (data-lagring, from the cohort's id in curriculum/program.yml): two cohorts or programmes
 * served from one host keep their ticks apart. */
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

  function pages(boxes) {
    return boxes.reduce(function (sum, box) { return sum + (box.checked ? Number(box.dataset.sider) : 0); }, 0);
  }

  function update(plan) {
    var all = Array.prototype.slice.call(plan.querySelectorAll("input[data-lesning]"));
    plan.querySelectorAll("fieldset[data-samling]").forEach(function (group) {
      var boxes = Array.prototype.slice.call(group.querySelectorAll("input[data-lesning]"));
      group.querySelector("[data-lp-status]").textContent =
        pages(boxes) + " av " + group.dataset.total + " sider lest.";
    });
    plan.querySelector("[data-lp-sum]").textContent =
      "Du har lest " + pages(all) + " av " + plan.dataset.total + " sider i pensum til samlingene.";
  }

  function start(root) {
    var plan = root.querySelector(".lp-leseplan");
    if (!plan || !plan.dataset.lagring) return;
    KEY = plan.dataset.lagring;
    var read = load();
    var boxes = plan.querySelectorAll("input[data-lesning]");
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
