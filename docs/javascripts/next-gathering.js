/* The next gathering, computed in the reader's browser from data embedded at build time
 * (macros/components/participant.py), so it is right on any day without a rebuild. The links
 * come from the fallback list, which MkDocs has already made relative to this page. */
(function () {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;
  var longDate = new Intl.DateTimeFormat("nb-NO", {
    weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
  });

  function todayIso() {
    var now = new Date();
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function utc(iso) { return new Date(iso + "T00:00:00Z"); }

  function daysBetween(from, to) { return Math.round((utc(to) - utc(from)) / DAY); }

  function inDays(n) {
    if (n === 0) return "i dag";
    if (n === 1) return "i morgen";
    return "om " + n + " dager";
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function linkTo(href, text) {
    var a = el("a", text);
    a.href = href;
    return a;
  }

  function paragraph(parts) {
    var p = el("p");
    parts.forEach(function (part) {
      p.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    });
    return p;
  }

  function preparation(g, href) {
    var nodes = [];
    if (g.readings.length) {
      nodes.push(paragraph([
        el("strong", "Les før samlingen:"),
        " " + g.requiredPages + " sider obligatorisk, om lag " + g.hours + " timer."
      ]));
      var list = el("ul");
      g.readings.forEach(function (r) {
        list.appendChild(el("li", r.label + " (" + r.pages + " sider" + (r.required ? "" : ", anbefalt") + ")"));
      });
      nodes.push(list);
    }
    if (g.assignments.length) {
      nodes.push(paragraph([el("strong", "Arbeidskrav:"), " " + g.assignments.join("; ") + "."]));
    }
    nodes.push(paragraph([linkTo(href + "#forberedelse", "Forberedelsen til " + g.label.split(":")[0].toLowerCase())]));
    return nodes;
  }

  function render(box, data, links, today) {
    var gs = data.gatherings;
    var current = gs.filter(function (g) { return g.start <= today && today <= g.end; })[0];
    var next = gs.filter(function (g) { return g.start > today; })[0];
    var deadline = data.deadlines.filter(function (d) { return d.date >= today; })[0];
    var nodes = [];
    var heading = el("h2", "", "lp-neste__tittel");

    if (current) {
      heading.textContent = "Pågår nå";
      nodes.push(paragraph([linkTo(links[current.id], current.label), " pågår nå, " + current.when + ", " + current.place + "."]));
    } else if (!next && !deadline) {
      heading.textContent = "Programmet er avsluttet";
      var last = gs[gs.length - 1];
      nodes.push(paragraph(["Programmet er avsluttet. Den siste samlingen var ", linkTo(links[last.id], last.label), ", " + last.when + "."]));
    }
    if (next) {
      var left = daysBetween(today, next.start);
      var first = next === gs[0];
      if (!current) heading.textContent = first ? "Programmet starter snart" : "Neste samling";
      nodes.push(paragraph([
        first ? "Programmet starter " + longDate.format(utc(next.start)) + " med " : (current ? "Deretter: " : ""),
        linkTo(links[next.id], next.label),
        (first ? "" : ", " + next.when) + ", " + next.place + ". ",
        el("strong", inDays(left).replace(/^./, function (c) { return c.toUpperCase(); }) + ".", "lp-neste__dager")
      ]));
      if (!current) nodes = nodes.concat(preparation(next, links[next.id]));
    } else if (deadline && !current) {
      heading.textContent = "Ingen flere samlinger";
      nodes.push(paragraph(["Alle samlingene er holdt. Det som gjenstår, er fristene."]));
    }
    if (deadline) {
      nodes.push(paragraph([
        el("strong", "Neste frist:"),
        " " + deadline.title + ", " + longDate.format(utc(deadline.date)) + " (" + inDays(daysBetween(today, deadline.date)) + "). ",
        linkTo(links.frister, "Alle frister")
      ]));
    }
    box.replaceChildren.apply(box, [heading].concat(nodes));
  }

  function start(root) {
    var section = root.querySelector(".lp-neste");
    if (!section) return;
    var data = JSON.parse(section.querySelector(".lp-neste-data").getAttribute("data-lp-data"));
    var links = {};
    section.querySelectorAll("[data-lp-samling]").forEach(function (a) { links[a.dataset.lpSamling] = a.href; });
    var deadlines = section.querySelector("[data-lp-frister]");
    links.frister = deadlines ? deadlines.href : "";
    var box = section.querySelector(".lp-neste__boks");
    render(box, data, links, todayIso());
    box.hidden = false;
    section.querySelector(".lp-neste__reserve").hidden = true;
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { start(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { start(document); });
  }
})();
