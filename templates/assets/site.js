/* buildbook site script: search as you type from the header of every page.
 * No dependencies, no build step. The case-studies list adds browse.js,
 * its filters, which use the search below through window.buildbook.
 *
 * Search reads the index that buildbook writes into search/ (see
 * internal/render/search.go for the format). Nothing is fetched until the
 * reader focuses the search box; then meta.json (a few hundred bytes), one
 * bucket of the word index per word typed, and one small file per result
 * shown. Words are folded exactly as the Go side folds them.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var root = script ? new URL('../', script.src).pathname : '/';
  var encoder = new TextEncoder();
  var ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var SHOWN = 8; // results in the drop-down
  var MAX_WORD = 40;

  // ---- Words, as internal/render/search.go makes them ----

  function fold(s) {
    return s.toLowerCase().normalize('NFKD').replace(/\p{Mn}/gu, '');
  }
  function runes(s) { return Array.from(s); }
  function words(s) {
    return fold(s).split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return w && encoder.encode(w).length <= MAX_WORD && runes(w).length >= 2;
    });
  }
  // terms of a query: [{w, prefix}]. The last word is a prefix while the
  // reader is still typing it; a prefix shorter than the bucket prefix
  // cannot be completed yet and is left out.
  function parseQuery(q, complete, prefixLen) {
    var ws = words(q);
    var typing = !complete && ws.length > 0 && !/[^\p{L}\p{N}]$/u.test(q);
    var terms = [];
    ws.forEach(function (w, i) {
      var prefix = typing && i === ws.length - 1;
      if (prefix && runes(w).length < prefixLen) return;
      terms.push({ w: w, prefix: prefix });
    });
    var seen = {};
    return terms.filter(function (t) {
      var k = t.w + (t.prefix ? '*' : '');
      return seen[k] ? false : (seen[k] = true);
    });
  }

  function fnv32a(s) {
    var h = 0x811c9dc5;
    encoder.encode(s).forEach(function (b) {
      h ^= b;
      h = Math.imul(h, 0x01000193) >>> 0;
    });
    return h >>> 0;
  }

  // ---- The index ----

  var meta = null;
  var buckets = new Map();
  var postingsCache = new Map();
  var fragments = new Map();

  function getJSON(url, opts) {
    return fetch(url, opts).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.json();
    });
  }
  function loadMeta() {
    if (!meta) {
      meta = getJSON(root + 'search/meta.json', { cache: 'no-cache' }).catch(function (e) {
        meta = null;
        throw e;
      });
    }
    return meta;
  }
  function bucketOf(word, m) {
    return fnv32a(runes(word).slice(0, m.prefix).join('')) % m.buckets;
  }
  function loadBucket(m, k) {
    if (!buckets.has(k)) {
      var p = getJSON(root + 'search/i/' + k + '.json?v=' + m.version);
      p.catch(function () { buckets.delete(k); });
      buckets.set(k, p);
    }
    return buckets.get(k);
  }
  function loadFragment(m, id) {
    if (!fragments.has(id)) {
      var p = getJSON(root + 'search/d/' + id + '.json?v=' + m.version);
      p.catch(function () { fragments.delete(id); });
      fragments.set(id, p);
    }
    return fragments.get(id);
  }
  // decode reads a postings string: [documents, scores].
  function decode(word, s) {
    var hit = postingsCache.get(word);
    if (hit) return hit;
    var docs = [], scores = [], doc = -1, i = 0;
    while (i < s.length) {
      var v = 0, shift = 0, c;
      do {
        c = ALPHABET.indexOf(s[i++]);
        v += (c & 31) * Math.pow(2, shift);
        shift += 5;
      } while (c >= 32);
      doc += v;
      docs.push(doc);
      scores.push(ALPHABET.indexOf(s[i++]));
    }
    hit = [docs, scores];
    postingsCache.set(word, hit);
    return hit;
  }

  // search finds the documents that have every term, best first: each
  // term adds the best score of the words it matches (an exact word a
  // little more than a longer one it begins). Ties keep the site's order,
  // newest first.
  function search(q, complete) {
    return loadMeta().then(function (m) {
      var terms = parseQuery(q, complete, m.prefix);
      if (!terms.length) return { terms: terms, results: [], meta: m };
      return Promise.all(terms.map(function (t) { return loadBucket(m, bucketOf(t.w, m)); })).then(function (bs) {
        var n = m.documents;
        var total = new Float64Array(n), hits = new Uint16Array(n);
        terms.forEach(function (t, ti) {
          var bucket = bs[ti], best = new Map();
          Object.keys(bucket).forEach(function (w) {
            var exact = w === t.w;
            if (!exact && !(t.prefix && w.startsWith(t.w))) return;
            var d = decode(w, bucket[w]);
            for (var i = 0; i < d[0].length; i++) {
              var s = d[1][i] + (exact ? 0.5 : 0), old = best.get(d[0][i]);
              if (old === undefined || s > old) best.set(d[0][i], s);
            }
          });
          best.forEach(function (s, doc) {
            total[doc] += s;
            hits[doc]++;
          });
        });
        var results = [];
        for (var d = 0; d < n; d++) {
          if (hits[d] === terms.length) results.push({ doc: d, score: total[d] });
        }
        results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        return { terms: terms, results: results, meta: m };
      });
    });
  }

  // ---- Highlighting ----

  function matches(token, terms) {
    var f = fold(token);
    return terms.some(function (t) { return f === t.w || (t.prefix && f.startsWith(t.w)); });
  }
  // marked appends text to el with the words that match terms in <mark>.
  function marked(el, text, terms) {
    var re = /[\p{L}\p{N}\p{M}]+/gu, last = 0, m;
    while ((m = re.exec(text))) {
      if (!matches(m[0], terms)) continue;
      el.append(text.slice(last, m.index));
      var mk = document.createElement('mark');
      mk.textContent = m[0];
      el.append(mk);
      last = m.index + m[0].length;
    }
    el.append(text.slice(last));
    return el;
  }
  // snippet is about 180 characters of the summary or body around the
  // first match, or the start of the summary.
  function snippet(frag, terms) {
    var sources = [frag.x || '', frag.b || ''];
    for (var i = 0; i < sources.length; i++) {
      var text = sources[i], re = /[\p{L}\p{N}\p{M}]+/gu, m;
      while ((m = re.exec(text))) {
        if (!matches(m[0], terms)) continue;
        var start = Math.max(0, m.index - 60);
        if (start > 0) start = text.indexOf(' ', start) + 1 || m.index;
        var end = Math.min(text.length, start + 180);
        if (end < text.length) end = Math.max(m.index + m[0].length, text.lastIndexOf(' ', end));
        return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
      }
    }
    var x = frag.x || '';
    return x.length > 180 ? x.slice(0, Math.max(x.lastIndexOf(' ', 180), 120)) + '…' : x;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function plural(n, one, many) { return n === 1 ? '1 ' + one : n.toLocaleString('en-GB') + ' ' + many; }

  // ---- The header search box: a combobox with a list of results ----

  function setupSearch(form) {
    var input = form.querySelector('input[name="q"]');
    if (!input) return;
    var popup = el('div', 'search-popup');
    popup.hidden = true;
    var list = el('ul', 'search-results');
    list.id = 'site-search-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Search results');
    var note = el('p', 'search-note');
    note.id = 'site-search-note';
    popup.append(note, list);
    var status = el('div', 'visually-hidden');
    status.setAttribute('role', 'status');
    status.id = 'site-search-status';
    form.append(popup, status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-describedby', note.id);

    var seq = 0, active = -1, options = [];

    function open(on) {
      popup.hidden = !on;
      input.setAttribute('aria-expanded', on ? 'true' : 'false');
      if (!on) setActive(-1);
    }
    function setActive(i) {
      options.forEach(function (o, j) { o.setAttribute('aria-selected', j === i ? 'true' : 'false'); });
      active = i;
      if (i >= 0) {
        input.setAttribute('aria-activedescendant', options[i].id);
        options[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function go(o) { window.location.assign(o.getAttribute('data-href')); }
    function allURL(q) { return root + 'case-studies/?q=' + encodeURIComponent(q.trim()); }

    function show(q, t0) {
      var my = ++seq;
      if (!q.trim()) {
        list.replaceChildren();
        options = [];
        note.textContent = '';
        open(false);
        return;
      }
      search(q, false).then(function (r) {
        if (my !== seq) return null;
        var top = r.results.slice(0, SHOWN);
        return Promise.all(top.map(function (x) { return loadFragment(r.meta, x.doc); })).then(function (frags) {
          if (my !== seq) return;
          // Each option is a link, so that a middle click opens it in a tab.
          function option(cls, id, href, text) {
            var a = el('a', cls, text);
            a.id = id;
            a.href = href;
            a.tabIndex = -1;
            a.setAttribute('role', 'option');
            a.setAttribute('data-href', href);
            return a;
          }
          var items = frags.map(function (f, i) {
            var a = option('search-result', 'site-search-r' + i, root + f.u);
            a.append(marked(el('span', 'r-title'), f.t, r.terms), el('span', 'r-school', f.s + ' · ' + f.d),
              marked(el('span', 'r-snippet'), snippet(f, r.terms), r.terms));
            return a;
          });
          if (r.results.length > 0) {
            items.push(option('search-all', 'site-search-all', allURL(q), r.results.length > SHOWN ? 'See all ' + plural(r.results.length, 'result', 'results') : 'Show these on the case-studies list'));
          }
          list.replaceChildren.apply(list, items.map(function (a) {
            var li = el('li');
            li.setAttribute('role', 'none');
            li.append(a);
            return li;
          }));
          options = items;
          active = -1;
          input.removeAttribute('aria-activedescendant');
          var msg = !r.terms.length ? 'Keep typing: words of ' + r.meta.prefix + ' letters or more are searched.'
            : r.results.length ? plural(r.results.length, 'case study matches', 'case studies match') + '. Use the arrow keys to choose, Enter to open.'
            : 'No case study matches “' + q.trim() + '”.';
          note.textContent = msg;
          status.textContent = r.terms.length ? plural(r.results.length, 'result', 'results') : '';
          open(true);
          if (t0 !== undefined) {
            performance.measure('buildbook-search', { start: t0, end: performance.now(), detail: { query: q, results: r.results.length } });
          }
        });
      }).catch(function () {
        if (my !== seq) return;
        list.replaceChildren();
        options = [];
        note.textContent = 'Search is not available right now. Press Enter to search the list of case studies.';
        open(true);
      });
    }

    input.addEventListener('focus', function () {
      loadMeta().catch(function () {});
      if (input.value.trim() && options.length) open(true);
    });
    input.addEventListener('input', function () { show(input.value, performance.now()); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (popup.hidden) {
          if (input.value.trim()) show(input.value);
          return;
        }
        if (!options.length) return;
        e.preventDefault();
        var n = options.length, d = e.key === 'ArrowDown' ? 1 : -1;
        setActive(active < 0 ? (d > 0 ? 0 : n - 1) : (active + d + n) % n);
      } else if (e.key === 'Enter' && active >= 0 && !popup.hidden) {
        e.preventDefault();
        go(options[active]);
      } else if (e.key === 'Escape') {
        if (!popup.hidden) {
          e.preventDefault();
          open(false);
        } else if (input.value) {
          e.preventDefault();
          input.value = '';
          show('');
        }
      } else if (e.key === 'Tab') {
        open(false);
      }
    });
    // Enter on a chosen result opens it, even where the key press still
    // reaches the form (a keypress the keydown could not cancel).
    form.addEventListener('submit', function (e) {
      if (popup.hidden || active < 0) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      go(options[active]);
    });
    list.addEventListener('mousedown', function (e) { e.preventDefault(); });
    list.addEventListener('click', function (e) {
      var o = e.target.closest('[role="option"]');
      if (!o || e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      go(o);
    });
    form.addEventListener('focusout', function (e) {
      if (!form.contains(e.relatedTarget)) open(false);
    });
    document.addEventListener('keydown', function (e) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      var t = e.target;
      if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
    return { input: input, close: function () { open(false); } };
  }

  var form = document.querySelector('form.site-search');
  var box = form && setupSearch(form);

  // ---- "Cite this case study": the Copy button ----

  // A button with data-copy="ID" copies the text of the element ID; it
  // is hidden in the page and shown only where the browser can copy.
  function setupCopy(button) {
    var from = document.getElementById(button.getAttribute('data-copy'));
    if (!from || !navigator.clipboard || !window.isSecureContext) return;
    var status = button.parentNode.querySelector('.copy-status');
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = from.textContent.replace(/\s+/g, ' ').trim();
      navigator.clipboard.writeText(text).then(function () {
        if (status) status.textContent = 'Reference copied.';
      }, function () {
        if (status) status.textContent = 'Could not copy: select the reference and copy it.';
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), setupCopy);

  // What assets/browse.js, the case-studies list's script, uses.
  window.buildbook = { root: root, search: search, getJSON: getJSON, el: el, plural: plural, box: box || null };
})();
