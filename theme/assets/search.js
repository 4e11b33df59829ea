/* congkhai search. Reads the static index that generator/search.py writes under
   tim-kiem/chi-muc/ (the format is described there: change both together). Loaded only
   on the search page; no framework, no request to anyone but this site. */
(function () {
  "use strict";

  var box = document.getElementById("ck-search");
  if (!box || !window.fetch || !window.Promise || !"".normalize || !window.TextEncoder) return;

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var VALUE = [];
  for (var d = 0; d < DIGITS.length; d++) VALUE[DIGITS.charCodeAt(d)] = d;
  var PAGE = 10;
  var TOKEN = /[\p{L}\p{N}]+/gu;
  var MARK = /\p{M}/gu;

  var indexBase = box.getAttribute("data-index");
  var root = box.getAttribute("data-root");
  var form = document.getElementById("ck-search-form");
  var input = document.getElementById("ck-search-q");
  var status = document.getElementById("ck-search-status");
  var list = document.getElementById("ck-search-results");
  var more = document.getElementById("ck-search-more");
  var nojs = document.getElementById("ck-search-nojs");
  var pageTitle = document.title;
  var encoder = new TextEncoder();
  var files = {};
  var current = 0;
  var shown = null;

  if (nojs) nojs.hidden = true;

  // The same folding as generator/search.py: lower case, đ → d, no marks.
  function fold(token) {
    return token.replace(/đ/g, "d").normalize("NFD").replace(MARK, "").normalize("NFC");
  }

  function tokens(text) {
    return text.normalize("NFC").toLowerCase().match(TOKEN) || [];
  }

  function fnv1a(text) {
    var bytes = encoder.encode(text);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    return h >>> 0;
  }

  function get(path, fresh) {
    if (!files[path]) {
      files[path] = fetch(indexBase + path, fresh ? { cache: "no-cache" } : {}).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  }

  // Postings (see generator/search.py): a digit of 32 + weight is the next document;
  // otherwise 4-bit digits of the gap minus two (16+ means more follows), then the weight.
  function decode(postings, each) {
    var doc = -1;
    var i = 0;
    while (i < postings.length) {
      var c = VALUE[postings.charCodeAt(i++)];
      if (c >= 32) {
        each(++doc, c - 32);
        continue;
      }
      var gap = 0;
      var scale = 1;
      while (c >= 16) {
        gap += (c - 16) * scale;
        scale *= 16;
        c = VALUE[postings.charCodeAt(i++)];
      }
      doc += gap + c * scale + 2;
      each(doc, VALUE[postings.charCodeAt(i++)]);
    }
  }

  function weightOf(w) {
    return (w & 16 ? 40 : 0) + (w & 8 ? 10 : 0) + (w & 7) * 2;
  }

  function count(postings) {
    var n = 0;
    decode(postings, function () { n++; });
    return n;
  }

  // Rank: phrases (pairs of syllables) first, then how many words match, then the exact
  // spelling (or, for a query typed without accents, the most common spelling), then
  // title, description and body weight.
  function rank(terms, shards) {
    var docs = Object.create(null);
    var accented = terms.some(function (t) { return t.exact !== t.key; });
    terms.forEach(function (term, n) {
      if (!Object.prototype.hasOwnProperty.call(shards[n], term.key)) return;
      var spellings = shards[n][term.key];
      var names = Object.keys(spellings);
      var sizes = names.map(function (v) { return count(spellings[v]); });
      var total = sizes.reduce(function (a, b) { return a + b; }, 0);
      names.forEach(function (v, k) {
        var bonus = accented ? (v === term.exact ? 1 : 0) : sizes[k] / total;
        decode(spellings[v], function (doc, w) {
          var found = docs[doc] || (docs[doc] = { id: doc, terms: Object.create(null) });
          var had = found.terms[n];
          var weight = term.pair ? 0 : weightOf(w);
          if (!had) found.terms[n] = { bonus: bonus, weight: weight, pair: term.pair };
          else {
            had.bonus = Math.max(had.bonus, bonus);
            had.weight = Math.max(had.weight, weight);
          }
        });
      });
    });
    var ranked = Object.keys(docs).map(function (id) {
      var found = docs[id];
      var score = 0;
      Object.keys(found.terms).forEach(function (n) {
        var t = found.terms[n];
        score += (t.pair ? 1e7 : 1e5) + t.bonus * 1e3 + t.weight;
      });
      return { id: found.id, score: score };
    });
    ranked.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return ranked;
  }

  function highlight(parent, text, keys) {
    var last = 0;
    text.replace(TOKEN, function (word, at) {
      if (keys[fold(word.toLowerCase())]) {
        parent.appendChild(document.createTextNode(text.slice(last, at)));
        var mark = document.createElement("mark");
        mark.textContent = word;
        parent.appendChild(mark);
        last = at + word.length;
      }
      return word;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function show(run, from) {
    var slice = run.ranked.slice(from, from + PAGE);
    var chunks = {};
    slice.forEach(function (r) { chunks[Math.floor(r.id / run.manifest.chunk)] = true; });
    var names = Object.keys(chunks);
    return Promise.all(names.map(function (c) {
      return get("d/" + c + ".json?v=" + run.manifest.key);
    })).then(function (loaded) {
      if (run.serial !== current) return;
      var byChunk = {};
      names.forEach(function (c, k) { byChunk[c] = loaded[k]; });
      var first = null;
      slice.forEach(function (r) {
        var meta = byChunk[Math.floor(r.id / run.manifest.chunk)][r.id % run.manifest.chunk];
        var item = document.createElement("li");
        item.className = "ck-result";
        var link = document.createElement("a");
        link.href = root + meta[0];
        highlight(link, meta[1], run.keys);
        item.appendChild(link);
        if (meta[2] && meta[2] !== meta[1]) {
          var where = document.createElement("span");
          where.className = "ck-meta ck-result__section";
          where.textContent = meta[2];
          item.appendChild(where);
        }
        if (meta[3]) {
          var snippet = document.createElement("p");
          snippet.className = "ck-snippet";
          highlight(snippet, meta[3], run.keys);
          item.appendChild(snippet);
        }
        list.appendChild(item);
        first = first || link;
      });
      run.shown = from + slice.length;
      more.hidden = run.shown >= run.ranked.length;
      return first;
    });
  }

  function search(query) {
    var serial = ++current;
    var words = tokens(query).slice(0, 10);
    list.textContent = "";
    more.hidden = true;
    shown = null;
    if (!words.length) {
      status.textContent = query.trim() ? "Hãy nhập chữ hoặc số để tìm." : "";
      return Promise.resolve();
    }
    var folded = words.map(fold);
    var terms = [];
    var seen = Object.create(null);
    var keys = Object.create(null);
    function add(key, exact, pair) {
      if (seen[key]) return;
      seen[key] = true;
      terms.push({ key: key, exact: exact, pair: pair });
    }
    words.forEach(function (w, i) {
      add(folded[i], w, false);
      keys[folded[i]] = true;
    });
    for (var i = 0; i + 1 < words.length; i++) {
      add(folded[i] + " " + folded[i + 1], words[i] + " " + words[i + 1], true);
    }
    status.textContent = "Đang tìm…";
    return get("index.json", true).then(function (manifest) {
      return Promise.all(terms.map(function (t) {
        return get("t/" + (fnv1a(t.key) % manifest.shards) + ".json?v=" + manifest.key);
      })).then(function (shards) {
        if (serial !== current) return;
        var ranked = rank(terms, shards);
        shown = { serial: serial, manifest: manifest, ranked: ranked, keys: keys, shown: 0 };
        status.textContent = ranked.length
          ? "Tìm thấy " + ranked.length + " kết quả cho “" + query.trim() + "”."
          : "Không tìm thấy kết quả nào cho “" + query.trim() + "”. Hãy thử từ khác, hoặc xem theo chuyên mục ở trình đơn.";
        return show(shown, 0);
      });
    }).catch(function () {
      if (serial !== current) return;
      status.textContent = "Không tải được dữ liệu tìm kiếm. Hãy kiểm tra kết nối mạng rồi thử lại.";
    });
  }

  function fromAddress() {
    var q = new URLSearchParams(window.location.search).get("q") || "";
    input.value = q;
    document.title = q ? "“" + q + "” – " + pageTitle : pageTitle;
    return search(q);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = input.value;
    window.history.pushState(null, "", "?q=" + encodeURIComponent(q));
    document.title = q ? "“" + q + "” – " + pageTitle : pageTitle;
    search(q);
  });

  more.addEventListener("click", function () {
    if (!shown) return;
    show(shown, shown.shown).then(function (first) {
      if (first) first.focus();
    });
  });

  window.addEventListener("popstate", fromAddress);
  fromAddress();
})();
