/* buildbook search engine: the matching and ranking that the header's
 * search panel (site.js) and the case-studies list (browse.js) share, so
 * that both give the same answer to the same words. site.js loads this
 * file when the reader first searches (its address is in
 * search/meta.json). It touches no page: it only reads the index files
 * that internal/render/search.go writes, through the getJSON it is given.
 *
 * A query is words, and phrases in double quotes. Each word must match
 * in a case study, and a phrase must occur there as written. A word
 * matches a word of the text that is
 *   - the same (an exact form): its score counts in full, plus a half;
 *   - another form of it: the same key, which is the word with British
 *     spelling made American, then cut to its Porter2 stem ("collaborating"
 *     and "collaboration", "behaviour" and "behavior"): three quarters;
 *   - for the last word of the query, of three letters or more, a word it
 *     begins ("gover": governors, governance): half.
 * A word of a phrase matches only the same word. A case study's score is
 * the sum, over the query's words, of the best match of each; ties keep
 * the site's order, newest first. A word that matches no word of the
 * index brings suggestions: the indexed words closest to it by edit
 * distance, the most frequent first, from search/v/<first letter>.json.
 *
 * Words are folded and keyed exactly as the Go side does it
 * (render.Words, render.Key); TestKeysAgreeWithJS runs this file in node
 * and compares, word by word.
 */
(function (global) {
  'use strict';

  var encoder = new TextEncoder();
  var ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var MAX_WORD = 40;
  var EXACT = 1, EXACT_BONUS = 0.5, SAME_KEY = 0.75, PREFIX = 0.5;
  var PHRASE_MAX = 300; // case studies whose text is read to check a phrase

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
  function asciiLetters(w) { return /^[a-z]+$/.test(w); }

  // ---- British spelling made American, as render.Respell ----

  var respellWords = {
    aeroplane: 'airplane', aeroplanes: 'airplanes', ageing: 'aging', centred: 'centered', cheque: 'check', cheques: 'checks',
    defence: 'defense', defences: 'defenses', draught: 'draft', draughts: 'drafts',
    enrol: 'enroll', enrols: 'enrolls', enrolment: 'enrollment', enrolments: 'enrollments',
    fulfil: 'fulfill', fulfils: 'fulfills', fulfilment: 'fulfillment', grey: 'gray', greys: 'grays',
    instil: 'instill', instils: 'instills', jewellery: 'jewelry', judgement: 'judgment', judgements: 'judgments',
    acknowledgement: 'acknowledgment', acknowledgements: 'acknowledgments', licence: 'license', licences: 'licenses',
    manoeuvre: 'maneuver', manoeuvres: 'maneuvers', manoeuvred: 'maneuvered', manoeuvring: 'maneuvering',
    mould: 'mold', moulds: 'molds', odour: 'odor', odours: 'odors', offence: 'offense', offences: 'offenses',
    plough: 'plow', ploughs: 'plows', practise: 'practice', practises: 'practices', practised: 'practiced',
    practising: 'practicing', pretence: 'pretense', programme: 'program', programmes: 'programs',
    sceptic: 'skeptic', sceptics: 'skeptics', sceptical: 'skeptical', scepticism: 'skepticism',
    skilful: 'skillful', skilfully: 'skillfully', tyre: 'tire', tyres: 'tires', wilful: 'willful', wilfully: 'willfully'
  };
  ['cancel', 'channel', 'counsel', 'dial', 'equal', 'fuel', 'funnel', 'initial', 'jewel', 'label', 'level', 'marvel',
    'model', 'panel', 'pedal', 'pencil', 'quarrel', 'rival', 'signal', 'total', 'travel', 'tunnel'].forEach(function (w) {
    ['ed', 'ing', 'er', 'ers', 'or', 'ors', 'ous'].forEach(function (e) { respellWords[w + 'l' + e] = w + e; });
  });
  var respellPrefixes = [['anaem', 'anem'], ['anaest', 'anest'], ['encyclopaed', 'encycloped'], ['foet', 'fet'],
    ['oesophag', 'esophag'], ['oestr', 'estr'], ['orthopaed', 'orthoped'], ['paed', 'ped']];
  var respellRules = [
    { from: 'our', to: 'or', min: 3, ends: ['', 's', 'ed', 'ing', 'er', 'ers', 'ful', 'fully', 'less', 'able', 'ably',
      'ite', 'ites', 'itism', 'al', 'ally', 'ism', 'ist', 'ists', 'y', 'hood', 'hoods', 'ly'], except: [] },
    { from: 'is', to: 'iz', min: 3, ends: ['e', 'es', 'ed', 'ing', 'er', 'ers', 'ation', 'ations', 'ational', 'able'],
      except: ['advertis', 'advis', 'apprais', 'bruis', 'chastis', 'clockwis', 'compris', 'compromis', 'concis',
        'cruis', 'despis', 'devis', 'disguis', 'enterpris', 'excis', 'exercis', 'expertis', 'franchis', 'improvis',
        'incis', 'likewis', 'merchandis', 'otherwis', 'paradis', 'porpois', 'prais', 'precis', 'premis', 'promis',
        'revis', 'supervis', 'surmis', 'surpris', 'televis', 'tortois', 'treatis'] },
    { from: 'ys', to: 'yz', min: 2, ends: ['e', 'es', 'ed', 'ing', 'er', 'ers'], except: [] },
    { from: 'ogue', to: 'og', min: 3, ends: ['', 's'], except: [] },
    { from: 'ogu', to: 'og', min: 3, ends: ['ed', 'ing'], except: [] },
    { from: 'tre', to: 'ter', min: 2, ends: ['', 's'], except: [] },
    { from: 'bre', to: 'ber', min: 2, ends: ['', 's'], except: [] }
  ];
  function respell(w) {
    if (!asciiLetters(w)) return w;
    if (Object.prototype.hasOwnProperty.call(respellWords, w)) return respellWords[w];
    for (var i = 0; i < respellPrefixes.length; i++) {
      var p = respellPrefixes[i];
      if (w.startsWith(p[0])) {
        w = p[1] + w.slice(p[0].length);
        break;
      }
    }
    for (var r = 0; r < respellRules.length; r++) {
      var rule = respellRules[r];
      for (var e = 0; e < rule.ends.length; e++) {
        var end = rule.ends[e], n = w.length - end.length - rule.from.length;
        if (n < rule.min || !w.endsWith(end) || w.slice(n, w.length - end.length) !== rule.from) continue;
        if (rule.except.indexOf(w.slice(0, n + rule.from.length)) >= 0) return w;
        return w.slice(0, n) + rule.to + end;
      }
    }
    return w;
  }

  // ---- Porter2, the Snowball English stemmer ----
  // Written from the algorithm's published description
  // (snowballstem.org/algorithms/english/stemmer.html). The word is an
  // array of letters; y that acts as a consonant is written Y.

  var SPECIAL = {
    skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl', ugly: 'ugli',
    early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas',
    cosmos: 'cosmos', bias: 'bias', andes: 'andes'
  };
  var AFTER_1A = { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 };
  var DOUBLES = ['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt'];
  var STEP2 = [
    ['ational', 'ate'], ['fulness', 'ful'], ['iveness', 'ive'], ['ization', 'ize'], ['ousness', 'ous'],
    ['biliti', 'ble'], ['lessli', 'less'], ['tional', 'tion'], ['alism', 'al'], ['aliti', 'al'], ['ation', 'ate'],
    ['entli', 'ent'], ['fulli', 'ful'], ['iviti', 'ive'], ['ousli', 'ous'], ['anci', 'ance'], ['abli', 'able'],
    ['alli', 'al'], ['ator', 'ate'], ['enci', 'ence'], ['izer', 'ize'], ['bli', 'ble'], ['ogi', null], ['li', null]
  ];
  var STEP3 = [['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['ative', null],
    ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', '']];
  var STEP4 = ['ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ent', 'ant', 'ism', 'ate', 'iti', 'ous', 'ive',
    'ize', 'ion', 'al', 'er', 'ic'];

  function vowel(c) { return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y'; }
  // region: the start of the region after the first non-vowel that
  // follows a vowel, from position from.
  function region(w, from) {
    for (var i = from + 1; i < w.length; i++) {
      if (vowel(w[i - 1]) && !vowel(w[i])) return i + 1;
    }
    return w.length;
  }
  // shortBefore: whether w's first n letters end in a short syllable.
  function shortBefore(w, n) {
    if (n === 2) return vowel(w[0]) && !vowel(w[1]);
    if (n < 3) return false;
    var c = w[n - 1];
    return !vowel(c) && c !== 'w' && c !== 'x' && c !== 'Y' && vowel(w[n - 2]) && !vowel(w[n - 3]);
  }
  function endsWith(w, s) { return w.endsWith(s); }

  function stem(word) {
    if (word.length <= 2 || !asciiLetters(word)) return word;
    if (Object.prototype.hasOwnProperty.call(SPECIAL, word)) return SPECIAL[word];
    var a = word.split('');
    for (var i = 0; i < a.length; i++) {
      if (a[i] === 'y' && (i === 0 || vowel(a[i - 1]))) a[i] = 'Y';
    }
    var w = a.join('');
    var m = /^(gener|commun|arsen)/.exec(w);
    var r1 = m ? m[1].length : region(w, 0);
    var r2 = region(w, r1);

    // Step 1a
    if (endsWith(w, 'sses')) {
      w = w.slice(0, -2);
    } else if (endsWith(w, 'ied') || endsWith(w, 'ies')) {
      w = w.slice(0, -3) + (w.length > 4 ? 'i' : 'ie');
    } else if (endsWith(w, 'us') || endsWith(w, 'ss')) {
      // nothing
    } else if (endsWith(w, 's')) {
      for (i = 0; i < w.length - 2; i++) {
        if (vowel(w[i])) {
          w = w.slice(0, -1);
          break;
        }
      }
    }
    if (AFTER_1A[w]) return w;

    // Step 1b
    var suf = ['eedly', 'ingly', 'edly', 'ing', 'eed', 'ed'].find(function (s) { return endsWith(w, s); });
    if (suf === 'eed' || suf === 'eedly') {
      if (w.length - suf.length >= r1) w = w.slice(0, -suf.length) + 'ee';
    } else if (suf) {
      var stemPart = w.slice(0, -suf.length);
      if (/[aeiouy]/.test(stemPart)) {
        w = stemPart;
        if (endsWith(w, 'at') || endsWith(w, 'bl') || endsWith(w, 'iz')) {
          w += 'e';
        } else if (DOUBLES.indexOf(w.slice(-2)) >= 0) {
          w = w.slice(0, -1);
        } else if (r1 >= w.length && shortBefore(w, w.length)) {
          w += 'e';
          r1 = r2 = w.length;
        }
      }
    }

    // Step 1c
    if (w.length > 2 && (w[w.length - 1] === 'y' || w[w.length - 1] === 'Y') && !vowel(w[w.length - 2])) {
      w = w.slice(0, -1) + 'i';
    }

    // Step 2
    for (i = 0; i < STEP2.length; i++) {
      var s2 = STEP2[i][0];
      if (!endsWith(w, s2)) continue;
      if (w.length - s2.length >= r1) {
        if (s2 === 'li') {
          if (w.length >= 3 && 'cdeghkmnrt'.indexOf(w[w.length - 3]) >= 0) w = w.slice(0, -2);
        } else if (s2 === 'ogi') {
          if (w.length >= 4 && w[w.length - 4] === 'l') w = w.slice(0, -1);
        } else {
          w = w.slice(0, -s2.length) + STEP2[i][1];
        }
      }
      break;
    }

    // Step 3
    for (i = 0; i < STEP3.length; i++) {
      var s3 = STEP3[i][0];
      if (!endsWith(w, s3)) continue;
      if (w.length - s3.length >= r1) {
        if (s3 === 'ative') {
          if (w.length - s3.length >= r2) w = w.slice(0, -5);
        } else {
          w = w.slice(0, -s3.length) + STEP3[i][1];
        }
      }
      break;
    }

    // Step 4
    for (i = 0; i < STEP4.length; i++) {
      var s4 = STEP4[i];
      if (!endsWith(w, s4)) continue;
      if (w.length - s4.length >= r2) {
        if (s4 === 'ion') {
          var before = w[w.length - 4];
          if (w.length >= 4 && (before === 's' || before === 't')) w = w.slice(0, -3);
        } else {
          w = w.slice(0, -s4.length);
        }
      }
      break;
    }

    // Step 5
    var last = w.length - 1;
    if (r1 <= last) {
      if (w[last] === 'e') {
        if (r2 <= last || !shortBefore(w, last)) w = w.slice(0, -1);
      } else if (w[last] === 'l' && r2 <= last && w[last - 1] === 'l') {
        w = w.slice(0, -1);
      }
    }
    return w.replace(/Y/g, 'y');
  }

  var keys = new Map();
  // key is the form on which a word meets its other forms, as render.Key.
  function key(w) {
    var k = keys.get(w);
    if (k === undefined) {
      k = stem(respell(w));
      keys.set(w, k);
    }
    return k;
  }

  // ---- Queries ----

  // parse reads a query: terms [{w, key, exact, prefix}], each word once,
  // and phrases, the words of each quoted phrase. An unclosed quote runs
  // to the end.
  function parse(q, prefixLen) {
    var parts = q.split('"'), terms = [], phrases = [], seen = {};
    var add = function (w, exact, prefix) {
      var id = w + (exact ? '=' : prefix ? '*' : '');
      if (seen[id]) return;
      seen[id] = true;
      terms.push({ w: w, key: key(w), exact: exact, prefix: prefix });
    };
    var lastOpen = parts.length % 2 === 0; // an odd number of quotes
    parts.forEach(function (part, i) {
      var ws = words(part);
      if (i % 2 === 1) {
        ws.forEach(function (w) { add(w, true, false); });
        if (ws.length > 1) phrases.push(ws);
        return;
      }
      var lastPart = i === parts.length - 1 || (lastOpen && i === parts.length - 2 && !words(parts[parts.length - 1]).length);
      ws.forEach(function (w, j) {
        add(w, false, lastPart && j === ws.length - 1 && runes(w).length >= prefixLen);
      });
    });
    return { terms: terms, phrases: phrases };
  }

  // matches reports whether a word of the text (as written) matches one of
  // the terms, for highlighting.
  function matches(token, terms) {
    var f = fold(token);
    return terms.some(function (t) {
      return f === t.w || (!t.exact && key(f) === t.key) || (t.prefix && f.startsWith(t.w));
    });
  }

  // hasPhrase reports whether the sequence of words ws occurs in text.
  function hasPhrase(text, ws) {
    var tw = words(text);
    outer: for (var i = 0; i + ws.length <= tw.length; i++) {
      for (var j = 0; j < ws.length; j++) {
        if (tw[i + j] !== ws[j]) continue outer;
      }
      return true;
    }
    return false;
  }

  // distance is the edit distance between a and b (insertions, deletions,
  // substitutions and swaps of two neighbours), or max+1 when more than
  // max; with prefix, the distance to the closest beginning of b.
  function distance(a, b, max, prefix) {
    var n = a.length, m = b.length;
    if (!prefix && Math.abs(n - m) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= m; j++) prev.push(j);
    for (var i = 1; i <= n; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= m; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        low = Math.min(low, v);
      }
      if (low > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    var d = prev[m];
    if (prefix) {
      for (j = Math.max(0, n - max); j < m; j++) d = Math.min(d, prev[j]);
    }
    return d;
  }

  // ---- The index ----

  function fnv32a(s) {
    var h = 0x811c9dc5;
    encoder.encode(s).forEach(function (b) {
      h ^= b;
      h = Math.imul(h, 0x01000193) >>> 0;
    });
    return h >>> 0;
  }

  // fetchBytes gives the bytes of the file at url.
  function fetchBytes(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.arrayBuffer();
    });
  }

  // gunzipJSON parses the JSON of a file that search.go wrote gzipped. A
  // host that sends such a file with Content-Encoding: gzip has had the
  // browser unpack it already: JSON never begins with gzip's two bytes.
  function gunzipJSON(buf) {
    var b = new Uint8Array(buf);
    if (b[0] !== 0x1f || b[1] !== 0x8b) return Promise.resolve(JSON.parse(new TextDecoder().decode(b)));
    var s = new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(s).text().then(JSON.parse);
  }

  // create makes a searcher over the index described by meta (search/
  // meta.json), whose JSON files root+path getJSON fetches, and whose
  // gzipped files getBytes does (fetch when not given).
  function create(root, meta, getJSON, getBytes) {
    var buckets = new Map(), shards = new Map(), vocab = new Map(), postings = new Map();
    getBytes = getBytes || fetchBytes;

    function cached(map, k, url, get) {
      if (!map.has(k)) {
        var p = (get || getJSON)(root + url + '?v=' + meta.version);
        p.catch(function () { map.delete(k); });
        map.set(k, p);
      }
      return map.get(k);
    }
    function bucketOf(w) {
      return fnv32a(runes(w).slice(0, meta.prefix).join('')) % meta.buckets;
    }
    // loadBucket gives bucket k: its words, and its words by key.
    function loadBucket(k) {
      return cached(buckets, k, 'search/i/' + k + '.json').then(function (b) {
        if (!b.byKey) {
          var byKey = new Map();
          Object.keys(b).forEach(function (w) {
            var kw = key(w), l = byKey.get(kw);
            if (l) l.push(w);
            else byKey.set(kw, [w]);
          });
          Object.defineProperty(b, 'byKey', { value: byKey });
        }
        return b;
      });
    }
    // fragment gives document id, from the file of meta.shard documents
    // that holds it.
    function fragment(id) {
      var k = Math.floor(id / meta.shard);
      return cached(shards, k, 'search/d/' + k + '.gz', function (url) {
        return getBytes(url).then(gunzipJSON);
      }).then(function (docs) { return docs[id % meta.shard]; });
    }
    function decode(w, s) {
      var hit = postings.get(w);
      if (hit) return hit;
      var docs = [], scores = [], doc = -1, i = 0;
      if (s[0] === '.') { // a score for every document
        for (i = 1; i < s.length; i++) {
          var sc = ALPHABET.indexOf(s[i]);
          if (sc > 0) {
            docs.push(i - 1);
            scores.push(sc);
          }
        }
        i = s.length;
      }
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
      postings.set(w, hit);
      return hit;
    }

    // best adds to into, for each document, the best score of t in the
    // buckets bs, and reports whether any word matched.
    function best(t, bs, into) {
      var found = false;
      var take = function (w, b, weight) {
        if (!Object.prototype.hasOwnProperty.call(b, w)) return;
        found = true;
        var d = decode(w, b[w]);
        for (var i = 0; i < d[0].length; i++) {
          var s = weight === EXACT ? d[1][i] + EXACT_BONUS : d[1][i] * weight, old = into.get(d[0][i]);
          if (old === undefined || s > old) into.set(d[0][i], s);
        }
      };
      bs.forEach(function (b) {
        take(t.w, b, EXACT);
        if (t.exact) return;
        (b.byKey.get(t.key) || []).forEach(function (w) { if (w !== t.w) take(w, b, SAME_KEY); });
        if (!t.prefix) return;
        Object.keys(b).forEach(function (w) {
          if (w !== t.w && w.startsWith(t.w) && key(w) !== t.key) take(w, b, PREFIX);
        });
      });
      return found;
    }

    // suggest gives the indexed words closest to t's word, best first.
    function suggest(t) {
      var first = runes(t.w)[0];
      if (runes(t.w).length < 3 || !/^\p{L}+$/u.test(t.w)) return Promise.resolve([]);
      var file = /^[a-z]$/.test(first) ? first : '_';
      return cached(vocab, file, 'search/v/' + file + '.json').then(function (v) {
        var max = runes(t.w).length <= 4 ? 1 : 2, found = [];
        Object.keys(v).forEach(function (w) {
          if (w === t.w) return;
          var d = distance(t.w, w, max, t.prefix);
          if (d <= max) found.push({ w: w, d: d, n: v[w] });
        });
        found.sort(function (a, b) { return a.d - b.d || b.n - a.n || (a.w < b.w ? -1 : a.w > b.w ? 1 : 0); });
        return found.slice(0, 3).map(function (x) { return x.w; });
      });
    }

    // search answers q: {terms, results: [{doc, score}] best first,
    // suggestions: [{w, words}] for the words that match nothing, and
    // instead: q with each of those words replaced by its best suggestion,
    // or ''}.
    function search(q) {
      var p = parse(q, meta.prefix), terms = p.terms;
      var answer = { terms: terms, results: [], suggestions: [], instead: '', meta: meta };
      if (!terms.length) return Promise.resolve(answer);
      return Promise.all(terms.map(function (t) {
        var ks = [bucketOf(t.w)];
        if (!t.exact && bucketOf(t.key) !== ks[0]) ks.push(bucketOf(t.key));
        return Promise.all(ks.map(loadBucket));
      })).then(function (bss) {
        var n = meta.documents, total = new Float64Array(n), hits = new Uint16Array(n), missing = [];
        terms.forEach(function (t, ti) {
          var m = new Map();
          if (!best(t, bss[ti], m)) missing.push(t);
          m.forEach(function (s, doc) {
            total[doc] += s;
            hits[doc]++;
          });
        });
        var results = [];
        for (var d = 0; d < n; d++) {
          if (hits[d] === terms.length) results.push({ doc: d, score: total[d] });
        }
        results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        answer.results = results;
        return Promise.all([
          p.phrases.length ? checkPhrases(results, p.phrases) : results,
          Promise.all(missing.map(suggest))
        ]).then(function (got) {
          answer.results = got[0];
          var instead = q;
          missing.forEach(function (t, i) {
            var ws = got[1][i];
            if (!ws.length) return;
            answer.suggestions.push({ w: t.w, words: ws });
            instead = replaceWord(instead, t.w, ws[0]);
          });
          if (answer.suggestions.length) answer.instead = instead;
          return answer;
        });
      });
    }

    // checkPhrases keeps the results whose title, school, summary or text
    // (as in their search/d/ document) have every phrase, reading the best
    // PHRASE_MAX of them.
    function checkPhrases(results, phrases) {
      var top = results.slice(0, PHRASE_MAX);
      return Promise.all(top.map(function (r) { return fragment(r.doc); })).then(function (frags) {
        return top.filter(function (r, i) {
          var f = frags[i];
          return phrases.every(function (ws) {
            return [f.t, f.s, f.x, f.b].some(function (text) { return text && hasPhrase(text, ws); });
          });
        });
      });
    }

    return { search: search, fragment: fragment, meta: meta };
  }

  // replaceWord replaces the first word of q that folds to w with by.
  function replaceWord(q, w, by) {
    var re = /[\p{L}\p{N}\p{M}]+/gu, m;
    while ((m = re.exec(q))) {
      if (fold(m[0]) === w) return q.slice(0, m.index) + by + q.slice(m.index + m[0].length);
    }
    return q;
  }

  global.buildbookSearch = {
    fold: fold, words: words, respell: respell, stem: stem, key: key, parse: parse, matches: matches,
    distance: distance, create: create
  };
})(typeof window !== 'undefined' ? window : globalThis);
