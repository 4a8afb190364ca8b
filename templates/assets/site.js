/* buildbook site script: search as you type from the header of every page.
 * No dependencies, no build step. The case-studies list adds browse.js,
 * its filters, which use the same search through window.buildbook.
 *
 * Search reads the index that buildbook writes into search/ (see
 * internal/render/search.go for the format) with the engine in
 * search.js, which matches and ranks. Nothing is fetched until the reader
 * focuses the search box; then meta.json (a few hundred bytes) and
 * search.js, one or two buckets of the word index per word typed, one
 * small file per result shown, and, for a word that matches nothing, the
 * words of the index that begin with its letter, to suggest the closest.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var root = script ? new URL('../', script.src).pathname : '/';
  var SHOWN = 8; // results in the drop-down

  // ---- The engine, assets/search.js, loaded with the index's meta.json ----

  var meta = null;
  var engine = null;

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
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { s.remove(); reject(new Error(src)); };
      document.head.append(s);
    });
  }
  // loadEngine gives the searcher of search.js over this site's index.
  function loadEngine() {
    if (!engine) {
      engine = loadMeta().then(function (m) {
        return (window.buildbookSearch ? Promise.resolve() : loadScript(root + m.script)).then(function () {
          return window.buildbookSearch.create(root, m, getJSON);
        });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }
  // search answers q as search.js's search does: the panel and the list
  // both ask here, so they give the same answer.
  function search(q) {
    return loadEngine().then(function (e) { return e.search(q); });
  }
  function loadFragment(id) {
    return loadEngine().then(function (e) { return e.fragment(id); });
  }

  // ---- Highlighting ----

  function matches(token, terms) { return window.buildbookSearch.matches(token, terms); }
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
    function go(o) {
      var again = o.getAttribute('data-query');
      if (again !== null) {
        input.value = again;
        input.focus();
        show(again, performance.now());
        return;
      }
      window.location.assign(o.getAttribute('data-href'));
    }
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
      search(q).then(function (r) {
        if (my !== seq) return null;
        var top = r.results.slice(0, SHOWN);
        return Promise.all(top.map(function (x) { return loadFragment(x.doc); })).then(function (frags) {
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
          } else if (r.instead) {
            // Not a link: choosing it searches again, in the panel.
            var again = el('span', 'search-all search-instead', 'Search for “' + r.instead.trim() + '” instead');
            again.id = 'site-search-instead';
            again.tabIndex = -1;
            again.setAttribute('role', 'option');
            again.setAttribute('data-query', r.instead);
            items.push(again);
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
          var last = r.terms[r.terms.length - 1];
          var typing = last && !r.results.length && Array.from(last.w).length < r.meta.prefix && !/[\s"]$/.test(q);
          var msg = !r.terms.length || typing ? 'Keep typing: words of two letters or more are searched, and the last word you type is completed from ' + r.meta.prefix + ' letters.'
            : r.results.length ? plural(r.results.length, 'case study matches', 'case studies match') + '. Use the arrow keys to choose, Enter to open.'
            : 'No case study matches “' + q.trim() + '”.' + (r.instead ? ' Did you mean “' + r.instead.trim() + '”?' : '');
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
      loadEngine().catch(function () {});
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

  // ---- Tables: a wrapper that scrolls is a stop for the keyboard ----

  // The converter makes every table's wrapper a named region in the tab
  // order, so that a keyboard can scroll a wide table without script. A
  // wrapper that does not scroll at this width need not be a stop: it
  // leaves the tab order until the window or the fonts change its width.
  var wraps = document.querySelectorAll('.table-scroll[role="region"]');
  function tableStops() {
    Array.prototype.forEach.call(wraps, function (w) {
      if (w.scrollWidth > w.clientWidth + 1) w.setAttribute('tabindex', '0');
      else w.removeAttribute('tabindex');
    });
  }
  if (wraps.length) {
    tableStops();
    var stopsFrame = 0;
    window.addEventListener('resize', function () {
      cancelAnimationFrame(stopsFrame);
      stopsFrame = requestAnimationFrame(tableStops);
    });
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(tableStops);
  }

  // What assets/browse.js, the case-studies list's script, uses.
  window.buildbook = { root: root, search: search, getJSON: getJSON, el: el, plural: plural, box: box || null };
})();
