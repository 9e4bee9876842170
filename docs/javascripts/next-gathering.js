/* What is next, computed in the reader's browser from data embedded at build time
 * (macros/components/participant.py), so it is right on any day without a rebuild.
 * Two forms: the start page's box (the next gathering, what to read, the next deadline; on a
 * gathering day that day's programme and room) and, on a gathering's own page, a compact status
 * of that gathering only (days left, this gathering's reading, its deadlines).
 * The links come from the fallback, which MkDocs has already made relative to this page. What is
 * ticked in Min leseplan is read from the same localStorage key as reading-progress.js. */
(function () {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;
  var longDate = new Intl.DateTimeFormat("nb-NO", {
    weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
  });

  function pad(n) { return String(n).padStart(2, "0"); }

  function todayIso(now) {
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function clockNow(now) { return pad(now.getHours()) + ":" + pad(now.getMinutes()); }

  function utc(iso) { return new Date(iso + "T00:00:00Z"); }

  function daysBetween(from, to) { return Math.round((utc(to) - utc(from)) / DAY); }

  function inDays(n) {
    if (n === 0) return "i dag";
    if (n === 1) return "i morgen";
    return "om " + n + " dager";
  }

  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function linkTo(href, text) {
    if (!href) return document.createTextNode(text);
    var a = el("a", text);
    a.href = href;
    return a;
  }

  function paragraph(parts, cls) {
    var p = el("p", "", cls);
    parts.forEach(function (part) {
      p.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    });
    return p;
  }

  function ticked(key) {
    try {
      var ids = JSON.parse(localStorage.getItem(key) || "[]");
      return Array.isArray(ids) ? ids : [];
    } catch (e) {
      return [];
    }
  }

  function progress(g, read) {
    var done = { required: 0, recommended: 0 };
    g.readings.forEach(function (r) {
      if (read.indexOf(r.id) !== -1) done[r.required ? "required" : "recommended"] += r.pages;
    });
    return done;
  }

  function hoursLeft(pages, perHour) {
    var h = Math.ceil(pages / perHour);
    return "om lag " + h + (h === 1 ? " time" : " timer") + " igjen";
  }

  /* "Du har lest 100 av 250 sider obligatorisk (om lag 15 timer igjen) og 0 av 60 sider anbefalt." */
  function progressText(g, read, perHour) {
    var done = progress(g, read);
    var parts = [];
    if (g.requiredPages) {
      parts.push(done.required + " av " + g.requiredPages + " sider obligatorisk" + (done.required < g.requiredPages
        ? " (" + hoursLeft(g.requiredPages - done.required, perHour) + ")" : ""));
    }
    if (g.recommendedPages) parts.push(done.recommended + " av " + g.recommendedPages + " sider anbefalt");
    return "Du har lest " + parts.join(" og ") + ".";
  }

  function readingList(g, read, links) {
    var list = el("ul", "", "lp-neste__lesning");
    g.readings.forEach(function (r) {
      var isRead = read.indexOf(r.id) !== -1;
      var li = el("li", "", isRead ? "lp-neste__lest" : "");
      li.appendChild(linkTo(links.leseplan ? links.leseplan + "#" + r.anchor : "", r.label));
      li.appendChild(document.createTextNode(" (" + r.pages + " sider" + (r.required ? "" : ", anbefalt") + ")"));
      if (isRead) li.append(" ", el("span", "lest", "lp-neste__merke"));
      list.appendChild(li);
    });
    return list;
  }

  function preparation(g, data, links, read) {
    var nodes = [];
    if (g.readings.length) {
      nodes.push(paragraph([el("strong", "Les før samlingen:"), " " + g.requiredPages + " sider obligatorisk, om lag " + g.hours + " timer."]));
      nodes.push(readingList(g, read, links));
      if (links.leseplan) {
        nodes.push(paragraph([progressText(g, read, g.pagesPerHour || data.pagesPerHour) + " ", linkTo(links.leseplan, "Kryss av i Min leseplan")]));
      }
    }
    if (g.assignments.length) {
      nodes.push(paragraph([el("strong", "Arbeidskrav:"), " " + g.assignments.map(function (a) { return a.title; }).join("; ") + "."]));
    }
    nodes.push(paragraph([linkTo(links[g.id] + "#forberedelse", "Forberedelsen til " + g.label.split(":")[0].toLowerCase())]));
    return nodes;
  }

  /* On a gathering day: which day it is, the room, and the day's sessions with times. */
  function gatheringDay(g, today, now) {
    var day = g.days.filter(function (d) { return d.date === today; })[0];
    var when = (g.length > 1 ? "dag " + (daysBetween(g.start, today) + 1) + " av " + g.length + ", " : "") +
      longDate.format(utc(today)) + ".";
    var room = g.room ? paragraph([el("strong", "Rom:"), " " + g.place + "."])
      : paragraph([el("strong", "Sted:"), " " + g.place + ". Rommet står i innkallingen."]);
    var programme = [];
    if (day && day.sessions.length) {
      programme.push(paragraph([el("strong", "Program i dag:")]));
      var list = el("ul", "", "lp-neste__program");
      day.sessions.forEach(function (s) {
        var li = el("li", "kl. " + s.time + " " + s.title + (s.room ? " (" + s.room + ")" : ""));
        if (s.start <= now && now < s.end) {
          li.className = "lp-neste__naa";
          li.appendChild(el("strong", " – nå"));
        }
        list.appendChild(li);
      });
      programme.push(list);
    } else {
      programme.push(paragraph(["Ingen økter i programmet i dag."]));
    }
    return { when: when, room: room, programme: programme };
  }

  function moduleName(data, id) { return data.modules[id] || id; }

  /* After the last planned gathering: the modules that are not in the plan, with their pages. */
  function notPlanned(data, links) {
    return data.notPlanned.map(function (m) {
      return paragraph([linkTo(links["modul:" + m.id], m.name), " " + m.rest]);
    });
  }

  function deadlineLine(deadline, today, links) {
    return paragraph([
      el("strong", "Neste frist:"),
      " " + deadline.title + ", " + longDate.format(utc(deadline.date)) + " (" + inDays(daysBetween(today, deadline.date)) + "). ",
      linkTo(links.frister, "Alle frister")
    ]);
  }

  function situation(data, today) {
    var gs = data.gatherings;
    return {
      current: gs.filter(function (g) { return g.start <= today && today <= g.end; })[0],
      next: gs.filter(function (g) { return g.start > today; })[0],
      previous: gs.filter(function (g) { return g.end < today; }).slice(-1)[0],
      deadline: data.deadlines.filter(function (d) { return d.date >= today; })[0]
    };
  }

  function comingLine(g, today, prefix, links) {
    return paragraph([
      prefix, linkTo(links[g.id], g.label), ", " + g.when + ", " + g.place + ". ",
      el("strong", capital(inDays(daysBetween(today, g.start))) + ".", "lp-neste__dager")
    ]);
  }

  /* The start page's box. */
  function renderAll(data, links, now) {
    var today = todayIso(now);
    var s = situation(data, today);
    var gs = data.gatherings;
    var read = ticked(data.storageKey);
    var heading = el("h2", "", "lp-neste__tittel");
    var nodes = [];

    if (s.current) {
      var t = gatheringDay(s.current, today, clockNow(now));
      heading.textContent = "Pågår nå";
      nodes.push(paragraph([linkTo(links[s.current.id], s.current.label), ", " + t.when]));
      nodes.push(t.room);
      nodes = nodes.concat(t.programme);
      if (s.next) nodes.push(comingLine(s.next, today, "Deretter: ", links));
    } else if (s.next) {
      var first = s.next === gs[0];
      heading.textContent = first ? "Programmet starter snart" : "Neste samling";
      if (s.previous && s.previous.module !== s.next.module) {
        nodes.push(paragraph([moduleName(data, s.previous.module) + " er fullført. Nå begynner " + moduleName(data, s.next.module) + "."]));
      }
      if (first) {
        nodes.push(paragraph([
          "Programmet starter " + longDate.format(utc(s.next.start)) + " med ", linkTo(links[s.next.id], s.next.label),
          ", " + s.next.place + ". ",
          el("strong", capital(inDays(daysBetween(today, s.next.start))) + ".", "lp-neste__dager")
        ]));
      } else {
        nodes.push(comingLine(s.next, today, "", links));
      }
      nodes = nodes.concat(preparation(s.next, data, links, read));
    } else if (s.deadline) {
      heading.textContent = "Ingen flere samlinger";
      nodes.push(paragraph(["Alle samlingene er holdt. Det som gjenstår, er fristene."]));
    } else {
      heading.textContent = "Programmet er avsluttet";
      var last = gs[gs.length - 1];
      nodes.push(paragraph(["Den siste samlingen var ", linkTo(links[last.id], last.label), ", " + last.when + "."]));
    }
    if (!s.next) nodes = nodes.concat(notPlanned(data, links));
    if (s.deadline) nodes.push(deadlineLine(s.deadline, today, links));
    return [heading].concat(nodes);
  }

  /* On a gathering's own page: that gathering only, compactly. */
  function renderHere(data, links, now) {
    var today = todayIso(now);
    var s = situation(data, today);
    var g = data.gatherings.filter(function (x) { return x.id === data.here; })[0];
    var read = ticked(data.storageKey);
    var nodes = [];
    var preparationHref = document.getElementById("forberedelse") ? "#forberedelse" : "";

    if (g.start <= today && today <= g.end) {
      var t = gatheringDay(g, today, clockNow(now));
      nodes.push(paragraph([el("strong", "Pågår nå:"), " " + t.when], "lp-neste__status"));
      nodes.push(t.room);
      nodes = nodes.concat(t.programme);
    } else if (today < g.start) {
      nodes.push(paragraph([el("strong", capital(inDays(daysBetween(today, g.start))) + ".", "lp-neste__dager")], "lp-neste__status"));
      if (s.current) nodes.push(paragraph(["Nå pågår ", linkTo(links[s.current.id], s.current.label), "."]));
      else if (s.next && s.next !== g) nodes.push(paragraph(["Først kommer ", linkTo(links[s.next.id], s.next.label), ", " + s.next.when + "."]));
      if (g.readings.length) {
        var prep = [progressText(g, read, g.pagesPerHour || data.pagesPerHour) + " "];
        var more = [];
        if (preparationHref) more.push(linkTo(preparationHref, "Pensum og arbeidskrav"));
        if (links.leseplan) more.push(linkTo(links.leseplan, "Kryss av i Min leseplan"));
        more.forEach(function (node, i) { prep.push(i ? " · " : "", node); });
        nodes.push(paragraph(prep));
      }
    } else {
      nodes.push(paragraph([el("strong", "Samlingen er holdt.")], "lp-neste__status"));
      var after = [];
      if (s.current) {
        after.push("Nå pågår ", linkTo(links[s.current.id], s.current.label), ".");
      } else if (s.next) {
        if (s.next.module !== g.module) after.push(moduleName(data, g.module) + " er fullført. ");
        after.push("Neste samling: ", linkTo(links[s.next.id], s.next.label), ", " + s.next.when + ", ",
          el("strong", inDays(daysBetween(today, s.next.start)) + ".", "lp-neste__dager"));
      } else {
        after.push(s.deadline ? "Alle samlingene er holdt." : "Programmet er avsluttet.");
      }
      nodes.push(paragraph(after));
      if (!s.next && !s.current) nodes = nodes.concat(notPlanned(data, links));
    }
    g.assignments.filter(function (a) { return a.date >= today; }).forEach(function (a) {
      nodes.push(paragraph([
        el("strong", "Arbeidskrav:"),
        " " + a.title + ", frist " + longDate.format(utc(a.date)) + " (" + inDays(daysBetween(today, a.date)) + ")."
      ]));
    });
    return nodes;
  }

  function linksIn(section) {
    var links = {};
    section.querySelectorAll("[data-lp-samling]").forEach(function (a) { links[a.dataset.lpSamling] = a.href; });
    section.querySelectorAll("[data-lp-modul]").forEach(function (a) { links["modul:" + a.dataset.lpModul] = a.href; });
    var deadlines = section.querySelector("[data-lp-frister]");
    links.frister = deadlines ? deadlines.href : "";
    var plan = section.querySelector("[data-lp-leseplan]");
    links.leseplan = plan ? plan.href : "";
    return links;
  }

  function start(root) {
    root.querySelectorAll(".lp-neste").forEach(function (section) {
      var holder = section.querySelector(".lp-neste-data");
      if (!holder) return;
      var data = JSON.parse(holder.getAttribute("data-lp-data"));
      var links = linksIn(section);
      var now = new Date();
      var box = section.querySelector(".lp-neste__boks");
      var nodes = data.here ? renderHere(data, links, now) : renderAll(data, links, now);
      box.replaceChildren.apply(box, nodes);
      box.hidden = false;
      section.querySelector(".lp-neste__reserve").hidden = true;
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { start(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { start(document); });
  }
  // Back from Min leseplan (a page from the back-forward cache runs no script again), or a tick
  // in another tab: show the ticks as they are now.
  window.addEventListener("pageshow", function (event) { if (event.persisted) start(document); });
  window.addEventListener("storage", function () { start(document); });
})();
