/* Norwegian search that forgives: stems, letters without æ/ø/å, small typos, and an order that
 * puts a page about the words above a page that mentions them.
 *
 * Material's search runs lunr in a worker. This script sits between Material and its worker
 * (it wraps the Worker constructor, so it must load before Material's bundle) and touches its
 * three messages, whose format is pinned in tests/test_search_ranking.py:
 *
 * - SETUP (the index): it keeps a list of the words in the pages (the vocabulary) and the pages'
 *   titles, boosts and keywords (overrides/hooks/search_index.py).
 * - QUERY (what the reader typed): every plain word is stemmed with the Norwegian Snowball
 *   stemmer Material ships (lunr.no), because the worker appends "*" to every term and lunr does
 *   not stem wildcard terms ("kommunene" → "kommun*" finds kommune, kommunen, kommunene). A word
 *   no page has is then looked up in the vocabulary: first without diacritics (radmann → rådmann,
 *   loenn → lønn, laering → læring, raadmann → rådmann), then, for words of five letters or
 *   more, with one letter wrong, missing, extra or swapped (tilbakemledinger → tilbakemelding).
 *   Terms with lunr syntax (+, -, ~, ^, *, :) are left alone.
 * - RESULT (the pages found): pages whose title has every word come first, then pages with a
 *   heading that has every word, then the rest; within each, Modul I before pages that rank
 *   themselves lower with `search: boost:` below 1 (the optional Modul II), then the title that
 *   is most about the words, then lunr's score. Editors' pages (redaktor/) are left out unless
 *   the reader is on an editors' page: the guide for editors has its own search that way.
 *
 * If a message does not have the expected form, it is passed on untouched and the problem is
 * listed in window.norwegianSearch.problems (the tests fail on it).
 */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3; // Material's SearchMessageType
  var EDITORS = "redaktor/";
  var MIN_STEM = 3;
  var MIN_TYPO = 5;
  var WORD = /^[a-zæøåäöüé]+$/;
  var LETTERS = /[a-z0-9æøåäöüé]+/g;

  var stem = null;
  var stopWords = new Set();
  var state = {
    setup: false, results: 0, problems: [],
    vocabulary: [], folded: [], pages: new Map(), terms: [],
  };
  window.norwegianSearch = state;

  function problem(text) {
    if (state.problems.indexOf(text) < 0) state.problems.push(text);
    if (window.console) console.warn("norwegian-search.js: " + text);
  }

  /* Letters as they may be typed without a Norwegian keyboard: å → a (aa), ø → o (oe), æ → ae. */
  function fold(word) {
    return word.replace(/å/g, "a").replace(/[øö]/g, "o").replace(/æ/g, "ae").replace(/ä/g, "a")
      .replace(/ü/g, "u").replace(/é/g, "e");
  }
  function spellings(word) {
    var folded = fold(word);
    return [folded, folded.replace(/aa/g, "a"), folded.replace(/oe/g, "o")]
      .filter(function (w, i, all) { return all.indexOf(w) === i; });
  }

  function words(html) {
    return (String(html || "").replace(/<[^>]*>/g, " ").toLowerCase().match(LETTERS) || []);
  }

  /* ---- the query ------------------------------------------------------------------------- */

  function candidates(word) {
    var found = [stem(word)];
    // Definite plurals in -erne ("lederne") keep the -ern- in Snowball; stem the indefinite too.
    if (/erne$/.test(word)) found.push(stem(word.slice(0, -2)));
    return found;
  }

  function stemWord(word) {
    var lower = word.toLowerCase();
    if (!stem || !WORD.test(lower)) return lower;
    var best = lower;
    candidates(lower).forEach(function (c) {
      if (c.length >= MIN_STEM && c.length < best.length && lower.indexOf(c) === 0) best = c;
    });
    return best;
  }

  // The vocabulary is sorted: the first word at or after the prefix tells whether any word has it.
  function known(prefix) {
    var list = state.vocabulary, lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    return lo < list.length && list[lo].indexOf(prefix) === 0;
  }

  // The shortest beginning of word that reads as folded when its diacritics are taken away.
  function realPrefix(word, folded) {
    for (var i = 1; i <= word.length; i++) {
      var f = fold(word.slice(0, i));
      if (f === folded || (f.length > folded.length && f.indexOf(folded) === 0)) return word.slice(0, i);
      if (folded.indexOf(f) !== 0) return null;
    }
    return null;
  }

  // One letter wrong, missing, extra, or two neighbours swapped (Damerau distance at most 1).
  function withinOne(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // Keep the shortest of prefixes that begin alike (the worker's "*" finds the longer ones).
  function shortest(prefixes) {
    return prefixes.sort(function (a, b) { return a.length - b.length; })
      .filter(function (p, i, all) {
        for (var j = 0; j < i; j++) if (p.indexOf(all[j]) === 0) return false;
        return true;
      }).slice(0, 3);
  }

  function withoutDiacritics(stemmed) {
    var forms = spellings(stemmed), found = [];
    state.vocabulary.forEach(function (w, i) {
      var f = state.folded[i];
      forms.forEach(function (form) {
        if (f.indexOf(form) === 0) {
          var real = realPrefix(w, form);
          if (real && found.indexOf(real) < 0) found.push(real);
        }
      });
    });
    return shortest(found);
  }

  // Whole words one letter away first (their stem, so the other forms are found too); only when
  // there is none, beginnings one letter away from the typed stem (a word still being typed).
  function typos(lower, stemmed) {
    var whole = [], begins = [], a = fold(lower), s = fold(stemmed);
    state.vocabulary.forEach(function (w, i) {
      if (w.length < MIN_TYPO - 1) return;
      var f = state.folded[i];
      if (withinOne(a, f)) {
        var st = stemWord(w);
        add(whole, st.length >= MIN_TYPO - 1 ? st : w);
        return;
      }
      for (var n = Math.max(s.length - 1, MIN_TYPO - 1); n <= s.length + 1; n++) {
        if (n < f.length && withinOne(s, f.slice(0, n))) { add(begins, w.slice(0, n)); return; }
      }
    });
    return shortest(whole.length ? whole : begins);
  }

  function add(list, item) {
    if (list.indexOf(item) < 0) list.push(item);
  }

  function queryWord(word) {
    var lower = word.toLowerCase();
    if (!stem || !WORD.test(lower)) return word;
    var stemmed = stemWord(lower);
    if (!state.vocabulary.length || stopWords.has(lower)) return stemmed;
    // The word as typed and as it may be meant: "laering" finds læring even where some page
    // also has the letters "laering".
    var found = withoutDiacritics(stemmed);
    if (known(stemmed)) found = shortest([stemmed].concat(found));
    if (!found.length && lower.length >= MIN_TYPO) found = typos(lower, stemmed);
    return found.length ? found.join(" ") : stemmed;
  }

  function norwegianQuery(query) {
    var out = query.split(/(\s+)/).map(function (part) {
      return /^\s*$/.test(part) ? part : queryWord(part);
    }).join("");
    state.terms = out.split(/\s+/).filter(function (t) {
      return WORD.test(t) && !stopWords.has(t);
    });
    return out;
  }
  window.norwegianQuery = norwegianQuery;

  /* ---- the index ------------------------------------------------------------------------- */

  function learn(index) {
    if (!index || !Array.isArray(index.docs)) {
      problem("SETUP without docs: the index format has changed");
      return;
    }
    var seen = new Set();
    index.docs.forEach(function (doc) {
      if (typeof doc.location !== "string") return;
      words(doc.title).concat(words(doc.text), words(doc.keywords)).forEach(function (w) {
        if (WORD.test(w)) seen.add(w);
      });
      state.pages.set(doc.location, {
        title: words(doc.title), keywords: words(doc.keywords), boost: doc.boost,
      });
    });
    state.vocabulary = Array.from(seen).sort();
    state.folded = state.vocabulary.map(fold);
    state.setup = true;
  }

  /* ---- the results ----------------------------------------------------------------------- */

  function matches(term, word) {
    return word.indexOf(term) === 0 || fold(word).indexOf(fold(term)) === 0;
  }

  // How many of the terms the title has, and how much of the title is about them.
  function about(title, extra) {
    var terms = state.terms, ws = title.filter(function (w) { return !stopWords.has(w); });
    if (!terms.length || !ws.length) return { share: 0, coverage: 0 };
    var all = ws.concat(extra || []);
    var hit = terms.filter(function (t) {
      return all.some(function (w) { return matches(t, w); });
    }).length;
    var used = ws.filter(function (w) {
      return terms.some(function (t) { return matches(t, w); });
    }).length;
    return { share: hit / terms.length, coverage: used / ws.length };
  }

  function rank(group, index) {
    var page = group[0].location.split("#")[0];
    var info = state.pages.get(page) || { title: [], keywords: [] };
    var own = about(info.title, info.keywords);
    var heading = { share: 0, coverage: 0 };
    group.forEach(function (item) {
      if (item.location === page) return;
      var section = state.pages.get(item.location);
      if (!section) return;
      var h = about(section.title);
      if (h.share > heading.share || (h.share === heading.share && h.coverage > heading.coverage)) heading = h;
    });
    var byTitle = own.share >= heading.share;
    var best = byTitle ? own : heading;
    return {
      group: group,
      tier: own.share === 1 ? 0 : heading.share === 1 ? 1 : 2,
      share: best.share,
      level: byTitle ? 0 : 1,
      secondary: typeof info.boost === "number" && info.boost < 1 ? 1 : 0,
      coverage: best.coverage,
      score: Math.max.apply(null, group.map(function (i) { return i.score || 0; })),
      index: index,
    };
  }

  function compare(a, b) {
    return a.tier - b.tier || b.share - a.share || a.level - b.level || a.secondary - b.secondary ||
      b.coverage - a.coverage || b.score - a.score || a.index - b.index;
  }

  function here() {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      var root = new URL(config.base + "/", location.href).pathname;
      return decodeURIComponent(location.pathname).slice(decodeURIComponent(root).length);
    } catch (e) {
      return "";
    }
  }

  function isEditors(group) {
    return group[0].location.indexOf(EDITORS) === 0;
  }

  function reorder(result) {
    if (!result || !Array.isArray(result.items) ||
        !result.items.every(function (g) { return Array.isArray(g) && g.length && typeof g[0].location === "string"; })) {
      problem("RESULT without items[][].location: the result format has changed");
      return result;
    }
    state.results += 1;
    var editor = here().indexOf(EDITORS) === 0;
    var groups = result.items.filter(function (g) { return editor || !isEditors(g); });
    var ranked = groups.map(rank).sort(compare).map(function (r) { return r.group; });
    var out = {};
    for (var key in result) out[key] = result[key];
    out.items = ranked;
    return out;
  }
  window.norwegianResults = reorder;

  /* ---- between Material and its worker --------------------------------------------------- */

  var Base = window.Worker;
  if (typeof Base === "function") {
    var Wrapped = function (url, options) {
      var worker = new Base(url, options);
      if (!/search/.test(String(url))) return worker;
      var post = worker.postMessage.bind(worker);
      worker.postMessage = function (message) {
        if (message && message.type === SETUP) learn(message.data);
        if (message && message.type === QUERY) {
          if (typeof message.data === "string") message = { type: QUERY, data: norwegianQuery(message.data) };
          else problem("QUERY without a string: the query format has changed");
        }
        return post.apply(null, [message].concat([].slice.call(arguments, 1)));
      };
      var listen = worker.addEventListener.bind(worker);
      var wrapped = new Map();
      worker.addEventListener = function (type, handler, options) {
        if (type !== "message" || typeof handler !== "function") return listen(type, handler, options);
        var inner = function (event) {
          var data = event && event.data;
          if (!data || data.type !== RESULT) return handler.call(this, event);
          return handler.call(this, new MessageEvent("message", { data: { type: RESULT, data: reorder(data.data) } }));
        };
        wrapped.set(handler, inner);
        return listen(type, inner, options);
      };
      var unlisten = worker.removeEventListener.bind(worker);
      worker.removeEventListener = function (type, handler, options) {
        return unlisten(type, wrapped.get(handler) || handler, options);
      };
      return worker;
    };
    Wrapped.prototype = Base.prototype;
    window.Worker = Wrapped;
  }

  // Load Material's own Norwegian stemmer in this window. lunr-languages registers itself on a
  // global "lunr"; a stand-in with the two functions it calls is enough for the stemmer, and
  // the stop word list it hands over tells which words the worker leaves out of a query.
  var source = document.currentScript && document.currentScript.src;
  if (!source) return;
  var base = new URL("../assets/javascripts/lunr/min/", source);
  var stand_in = {
    Pipeline: { registerFunction: function () {} },
    generateStopWordFilter: function (list) {
      if (Array.isArray(list)) list.forEach(function (w) { if (w) stopWords.add(w); });
      return function (t) { return t; };
    },
  };

  function load(name, then) {
    var script = document.createElement("script");
    script.src = new URL(name, base).href;
    script.onload = then;
    script.onerror = function () { problem("cannot load " + script.src + ": Material's asset path has changed"); };
    document.head.appendChild(script);
  }

  if (typeof window.lunr === "undefined") {
    window.lunr = stand_in;
    load("lunr.stemmer.support.min.js", function () {
      load("lunr.no.min.js", function () {
        if (stand_in.no && typeof stand_in.no.stemmer === "function") stem = stand_in.no.stemmer;
        else problem("lunr.no has no stemmer: Material's lunr-languages has changed");
        if (window.lunr === stand_in) delete window.lunr;
      });
    });
  }
})();
