/* buildbook list script: the filters of case-studies/, over every case
 * study of the collection, and "Show more". It runs after site.js, whose
 * search it uses (window.buildbook). No dependencies, no build step.
 *
 * The page arrives with the newest case studies, drawn by buildbook, and
 * the filters with the counts of the whole collection. Nothing is fetched
 * until the reader turns to the filters, asks for more, or arrives with a
 * filter in the address: then case-studies/index.json, which holds, for
 * every filter value, the case studies that have it (as gaps between
 * their numbers), and, for the cards to draw, the cards-<k>.json files
 * that hold them. See internal/render/browse.go for the formats. Cards
 * are drawn exactly as the "card" template of partials.html draws them.
 */
(function () {
  'use strict';

  var bb = window.buildbook;
  var browse = document.getElementById('browse');
  var form = document.getElementById('filters');
  var cardsBox = browse && browse.querySelector('.cards');
  if (!bb || !form || !cardsBox) return;
  var root = bb.root, el = bb.el, plural = bb.plural, box = bb.box;
  var version = browse.getAttribute('data-v');
  var pageSize = +browse.getAttribute('data-page-size') || 24;
  var total = +browse.getAttribute('data-total') || cardsBox.children.length;
  var ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

  var groups = Array.prototype.map.call(form.querySelectorAll('.facet'), function (d) {
    var inputs = Array.prototype.slice.call(d.querySelectorAll('input[type="checkbox"]'));
    return {
      el: d, key: d.getAttribute('data-key'), title: d.querySelector('summary').textContent, inputs: inputs,
      counts: inputs.map(function (i) { return i.parentNode.querySelector('.count'); }),
      labels: inputs.map(function (i) { return i.nextSibling.textContent.trim(); }),
      values: inputs.map(function (i) { return i.value; }),
    };
  });
  var count = document.getElementById('result-count');
  var statusEl = document.getElementById('filter-status');
  var chips = document.getElementById('active-filters');
  var none = document.getElementById('no-results');
  var toggle = document.getElementById('filter-toggle');
  var more = document.getElementById('show-more');
  var moreButton = document.getElementById('show-more-button');
  var shownCount = document.getElementById('shown-count');

  // ---- The data ----

  var data = null; // a promise of the prepared index.json
  var chunks = new Map();

  // bitsetOf reads a postings string (gaps, five bits a character) into a
  // set of case-study numbers: bit i of word i>>5.
  function bitsetOf(s, words) {
    var set = new Uint32Array(words), doc = -1, i = 0;
    while (i < s.length) {
      var v = 0, shift = 0, c;
      do {
        c = ALPHABET.indexOf(s[i++]);
        v += (c & 31) * Math.pow(2, shift);
        shift += 5;
      } while (c >= 32);
      doc += v;
      set[doc >>> 5] |= 1 << (doc & 31);
    }
    return set;
  }
  function loadData() {
    if (!data) {
      data = bb.getJSON(root + 'case-studies/index.json?v=' + version).then(function (x) {
        var words = (x.count + 31) >>> 5;
        x.words = words;
        // sets[g][k]: the case studies with value k of group g.
        x.sets = groups.map(function (g) {
          var f = x.facets[g.key] || {};
          return g.values.map(function (v) { return bitsetOf(f[v] || '', words); });
        });
        x.all = new Uint32Array(words);
        for (var d = 0; d < x.count; d++) x.all[d >>> 5] |= 1 << (d & 31);
        return x;
      });
      data.catch(function () { data = null; });
    }
    return data;
  }
  function loadChunk(k) {
    if (!chunks.has(k)) {
      var p = bb.getJSON(root + 'case-studies/cards-' + k + '.json?v=' + version);
      p.catch(function () { chunks.delete(k); });
      chunks.set(k, p);
    }
    return chunks.get(k);
  }

  function popcount(v) {
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  function and(a, b) {
    var out = new Uint32Array(a.length);
    for (var i = 0; i < a.length; i++) out[i] = a[i] & b[i];
    return out;
  }
  function countAnd(a, b) {
    var n = 0;
    for (var i = 0; i < a.length; i++) n += popcount(a[i] & b[i]);
    return n;
  }
  function members(set) {
    var out = [];
    for (var w = 0; w < set.length; w++) {
      for (var v = set[w]; v; v &= v - 1) out.push(w * 32 + (31 - Math.clz32(v & -v)));
    }
    return out;
  }

  // ---- Cards, as the "card" template writes them ----

  function humanDate(iso) {
    var p = iso.split('-');
    return +p[2] + ' ' + MONTHS[+p[1] - 1] + ' ' + p[0];
  }
  function link(href, text) {
    var a = el('a', '', text);
    a.href = href;
    return a;
  }
  // thumb draws a card's picture [src, srcset, webp srcset, width, height]
  // as the "photo" template does.
  var THUMB_SIZES = '(max-width: 44rem) calc(100vw - 2rem), 24rem';
  function thumb(p) {
    var pic = el('picture', '');
    if (p[2]) {
      var s = el('source', '');
      s.type = 'image/webp';
      s.srcset = p[2];
      s.sizes = THUMB_SIZES;
      pic.append(s);
    }
    var img = el('img', 'thumb');
    img.src = p[0];
    if (p[1]) {
      img.srcset = p[1];
      img.sizes = THUMB_SIZES;
    }
    img.alt = '';
    img.width = p[3];
    img.height = p[4];
    img.loading = 'lazy';
    img.decoding = 'async';
    pic.append(img);
    return pic;
  }

  // card draws row [slug, title, school, date, region, summary, terms,
  // picture (when it has one)].
  function card(x, row) {
    var art = el('article', 'card');
    if (row[7]) art.append('\n', thumb(row[7]));
    var h = el('h3', 'card-title');
    h.append(link(root + 'case-studies/' + row[0] + '/', row[1]));
    var meta = el('p', 'meta');
    var time = el('time', '', humanDate(row[3]));
    time.setAttribute('datetime', row[3]);
    meta.append(el('span', 'school', row[2]), (row[4] ? ' · ' + row[4] : '') + ' · ', time);
    art.append('\n', h, '\n', meta, '\n', el('p', 'summary', row[5]), '\n');
    if (row[6].length) {
      var ul = el('ul', 'tags'), li = null, last = -1;
      row[6].forEach(function (n) {
        var t = x.terms[n], tx = x.taxonomies[t[0]];
        if (t[0] !== last) {
          li = el('li', 'tag-group tag-' + tx[0]);
          li.append(el('span', 'visually-hidden', tx[1] + ': '));
          ul.append(li);
          last = t[0];
        } else {
          li.append(' ');
        }
        li.append(link(root + tx[0] + '/' + t[1] + '/', t[2]));
      });
      art.append(ul);
    }
    art.append('\n');
    return art;
  }

  // ---- State: the filters, the search, and how many cards are shown ----

  var state = { sel: groups.map(function () { return new Set(); }), q: '' };
  var shown = pageSize;
  // drawn are the case studies whose cards are in the page, in order: at
  // first the newest, drawn by the server.
  var drawn = [];
  for (var i = 0; i < cardsBox.children.length; i++) drawn.push(i);
  var results = null; // the matching case studies, in order, once known
  var run = 0;

  function fromURL() {
    var p = new URLSearchParams(window.location.search);
    state.sel = groups.map(function (g) {
      var s = new Set();
      p.getAll(g.key).forEach(function (v) {
        v.split(',').forEach(function (x) { if (g.values.indexOf(x) >= 0) s.add(x); });
      });
      return s;
    });
    state.q = (p.get('q') || '').trim();
    var h = history.state;
    shown = h && h.shown > pageSize ? h.shown : pageSize;
  }
  function toURL() {
    var p = new URLSearchParams();
    if (state.q) p.append('q', state.q);
    groups.forEach(function (g, gi) {
      g.values.forEach(function (v) { if (state.sel[gi].has(v)) p.append(g.key, v); });
    });
    var s = p.toString();
    return window.location.pathname + (s ? '?' + s : '');
  }
  function filtered() { return !!state.q || state.sel.some(function (s) { return s.size; }); }
  function push() {
    var u = toURL();
    shown = pageSize;
    if (u !== window.location.pathname + window.location.search) history.pushState(null, '', u);
    return apply();
  }

  // apply brings the page in line with the state: counts, cards, texts.
  function apply() {
    var my = ++run, t0 = performance.now();
    if (box) box.input.value = state.q;
    browse.setAttribute('aria-busy', 'true');
    return Promise.all([loadData(), state.q ? bb.search(state.q).catch(function () { return null; }) : null]).then(function (got) {
      if (my !== run) return;
      var x = got[0], r = got[1];
      var score = null;
      if (r && r.terms.length && r.meta.documents === x.count) {
        score = new Map();
        r.results.forEach(function (m) { score.set(m.doc, m.score); });
      }
      var found = x.all;
      if (score) {
        found = new Uint32Array(x.words);
        score.forEach(function (s, d) { found[d >>> 5] |= 1 << (d & 31); });
      }
      // masks[g]: the case studies that pass group g (OR of its values).
      var masks = groups.map(function (g, gi) {
        if (!state.sel[gi].size) return null;
        var m = new Uint32Array(x.words);
        g.values.forEach(function (v, k) {
          if (!state.sel[gi].has(v)) return;
          var s = x.sets[gi][k];
          for (var i = 0; i < m.length; i++) m[i] |= s[i];
        });
        return m;
      });
      var match = found;
      masks.forEach(function (m) { if (m) match = and(match, m); });
      // A value's count: the case studies it would show, with the other
      // groups' filters as they are (values of one group add up: OR).
      groups.forEach(function (g, gi) {
        var others = found;
        masks.forEach(function (m, gj) { if (m && gj !== gi) others = and(others, m); });
        g.inputs.forEach(function (inp, k) {
          var n = countAnd(x.sets[gi][k], others);
          inp.checked = state.sel[gi].has(g.values[k]);
          g.counts[k].textContent = n;
          inp.parentNode.classList.toggle('zero', n === 0 && !inp.checked);
        });
        if (state.sel[gi].size) g.el.open = true;
      });
      results = members(match);
      if (score) {
        results.sort(function (a, b) { return score.get(b) - score.get(a) || a - b; });
      }
      return draw(x, results.slice(0, shown), my).then(function (ok) {
        if (!ok) return;
        texts(results.length, x.count);
        suggest(r && results.length === 0 ? r.instead : '');
        renderChips();
        browse.removeAttribute('aria-busy');
        performance.measure('buildbook-filter', { start: t0, end: performance.now(), detail: { results: results.length, shown: drawn.length } });
      });
    }).catch(function () {
      if (my !== run) return;
      renderChips();
      browse.removeAttribute('aria-busy');
      count.textContent = 'The filters are not available right now';
      statusEl.textContent = count.textContent + '.';
    });
  }

  // draw shows the cards of ids, keeping those already in place.
  function draw(x, ids, my) {
    var keep = 0;
    while (keep < drawn.length && keep < ids.length && drawn[keep] === ids[keep]) keep++;
    var need = ids.slice(keep);
    var ks = [];
    need.forEach(function (d) {
      var k = Math.floor(d / x.chunk);
      if (ks.indexOf(k) < 0) ks.push(k);
    });
    return Promise.all(ks.map(loadChunk)).then(function (rows) {
      if (my !== run) return false;
      var byChunk = new Map();
      ks.forEach(function (k, i) { byChunk.set(k, rows[i]); });
      while (cardsBox.children.length > keep) cardsBox.lastElementChild.remove();
      cardsBox.append.apply(cardsBox, need.map(function (d) {
        return card(x, byChunk.get(Math.floor(d / x.chunk))[d % x.chunk]);
      }));
      drawn = ids.slice();
      return true;
    });
  }

  function texts(n, all) {
    count.textContent = filtered() ? n.toLocaleString('en-GB') + ' of ' + plural(all, 'case study', 'case studies') : plural(all, 'case study', 'case studies');
    var s = Math.min(n, shown);
    more.hidden = s >= n;
    shownCount.textContent = 'Showing ' + s.toLocaleString('en-GB') + ' of ' + n.toLocaleString('en-GB') + '.';
    statusEl.textContent = 'Showing ' + (s < n ? s.toLocaleString('en-GB') + ' of ' : '') + count.textContent + '.';
    none.hidden = n > 0;
  }

  // suggest offers, when a word of the search matches nothing, the search
  // with the closest words of the index instead.
  var instead = el('span', 'instead');
  none.append(' ', instead);
  function suggest(q) {
    instead.replaceChildren();
    if (!q) return;
    var a = link('?' + new URLSearchParams({ q: q.trim() }).toString(), q.trim());
    a.addEventListener('click', function (e) {
      e.preventDefault();
      state.q = q.trim();
      push();
    });
    instead.append('Did you mean “', a, '”?');
  }

  function chip(text, label, onRemove) {
    var li = el('li');
    var b = el('button', 'chip', text);
    b.type = 'button';
    b.setAttribute('aria-label', label);
    b.addEventListener('click', onRemove);
    li.append(b);
    return li;
  }
  function renderChips() {
    var items = [];
    if (state.q) {
      items.push(chip('“' + state.q + '” ×', 'Remove search for ' + state.q, function () {
        state.q = '';
        push();
      }));
    }
    groups.forEach(function (g, gi) {
      g.values.forEach(function (v, k) {
        if (!state.sel[gi].has(v)) return;
        items.push(chip(g.labels[k] + ' ×', 'Remove filter ' + g.title + ': ' + g.labels[k], function () {
          state.sel[gi].delete(v);
          push();
          g.inputs[k].focus();
        }));
      });
    });
    chips.replaceChildren.apply(chips, items);
    chips.hidden = !items.length;
  }

  // ---- Events ----

  form.addEventListener('change', function (e) {
    var t = e.target;
    groups.forEach(function (g, gi) {
      var k = g.inputs.indexOf(t);
      if (k < 0) return;
      if (t.checked) state.sel[gi].add(g.values[k]);
      else state.sel[gi].delete(g.values[k]);
    });
    push();
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  document.getElementById('filters-clear').addEventListener('click', function () {
    state.sel = groups.map(function () { return new Set(); });
    state.q = '';
    push();
  });
  toggle.addEventListener('click', function () {
    var on = !browse.classList.contains('open');
    browse.classList.toggle('open', on);
    toggle.setAttribute('aria-expanded', on ? 'true' : 'false');
    loadData().catch(function () {});
  });
  // The data is fetched as the reader turns to the filters.
  var panel = form.closest('.filter-panel') || form;
  ['focusin', 'pointerenter'].forEach(function (type) {
    panel.addEventListener(type, function () { loadData().catch(function () {}); });
  });
  moreButton.addEventListener('click', function () {
    var from = drawn.length;
    shown = from + pageSize;
    history.replaceState({ shown: shown }, '');
    apply().then(function () {
      var a = cardsBox.children[from] && cardsBox.children[from].querySelector('a');
      if (a) a.focus();
    });
  });
  // On this page the header search filters the list in place.
  if (box) {
    box.input.form.addEventListener('submit', function (e) {
      e.preventDefault();
      state.q = box.input.value.trim();
      box.close();
      push();
    });
  }
  window.addEventListener('popstate', function () {
    fromURL();
    apply();
  });

  browse.classList.add('js');
  more.hidden = total <= pageSize;
  shownCount.textContent = 'Showing ' + Math.min(pageSize, total).toLocaleString('en-GB') + ' of ' + total.toLocaleString('en-GB') + '.';
  fromURL();
  if (filtered() || shown > pageSize) apply();
})();
