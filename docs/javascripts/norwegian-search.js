/* Norwegian search: find "kommunen" when the reader types "kommunene".
 *
 * Material's search worker appends "*" to every query term, and lunr does not stem wildcard
 * terms, so a typed inflected form only finds pages with that exact beginning. This script sits
 * between Material and its worker: it stems every plain query word with the Norwegian Snowball
 * stemmer that Material already ships (lunr-languages' lunr.no) and sends the stem instead.
 * The worker then appends "*", so "kommunene" becomes "kommun*", which finds kommune, kommunen
 * and kommunene, and a half-typed word stays a prefix search. Terms with lunr syntax (+, -, ~,
 * ^, *, :) are left alone. It works with a real worker and with the file:// worker shim, since
 * it only wraps the Worker constructor; it must load before Material's bundle.
 */
(function () {
  "use strict";
  var QUERY = 2; // Material's SearchMessageType.QUERY
  var MIN_STEM = 3;
  var stem = null;

  function candidates(word) {
    var found = [stem(word)];
    // Definite plurals in -erne ("lederne") keep the -ern- in Snowball; stem the indefinite too.
    if (/erne$/.test(word)) found.push(stem(word.slice(0, -2)));
    return found;
  }

  function stemWord(word) {
    var lower = word.toLowerCase();
    if (!stem || !/^[a-zæøåäöüé]+$/.test(lower)) return word;
    var best = lower;
    candidates(lower).forEach(function (c) {
      if (c.length >= MIN_STEM && c.length < best.length && lower.indexOf(c) === 0) best = c;
    });
    return best;
  }

  function norwegianQuery(query) {
    return query.split(/(\s+)/).map(function (part) {
      return /^\s*$/.test(part) ? part : stemWord(part);
    }).join("");
  }
  window.norwegianQuery = norwegianQuery;

  var Base = window.Worker;
  if (typeof Base === "function") {
    var Wrapped = function (url, options) {
      var worker = new Base(url, options);
      if (/search/.test(String(url))) {
        var post = worker.postMessage.bind(worker);
        worker.postMessage = function (message) {
          if (message && message.type === QUERY && typeof message.data === "string") {
            message = { type: QUERY, data: norwegianQuery(message.data) };
          }
          return post.apply(null, [message].concat([].slice.call(arguments, 1)));
        };
      }
      return worker;
    };
    Wrapped.prototype = Base.prototype;
    window.Worker = Wrapped;
  }

  // Load Material's own Norwegian stemmer in this window. lunr-languages registers itself on a
  // global "lunr"; a stand-in with the two functions it calls is enough for the stemmer.
  var here = document.currentScript && document.currentScript.src;
  if (!here) return;
  var base = new URL("../assets/javascripts/lunr/min/", here);
  var stand_in = {
    Pipeline: { registerFunction: function () {} },
    generateStopWordFilter: function () { return function (t) { return t; }; },
  };

  function load(name, then) {
    var script = document.createElement("script");
    script.src = new URL(name, base).href;
    script.onload = then;
    document.head.appendChild(script);
  }

  if (typeof window.lunr === "undefined") {
    window.lunr = stand_in;
    load("lunr.stemmer.support.min.js", function () {
      load("lunr.no.min.js", function () {
        if (stand_in.no && typeof stand_in.no.stemmer === "function") stem = stand_in.no.stemmer;
        if (window.lunr === stand_in) delete window.lunr;
      });
    });
  }
})();
