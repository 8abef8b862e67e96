// Site search: loads this locale's index (search/index.json, written by
// the build, see internal/search) on first use, then only the word shards
// a query needs and the fragments of the pages it shows. No request goes
// anywhere but to this site. Each word in a shard carries its Snowball
// stem; a query word finds the stems of the words equal to it (and of the
// words it begins, for the word being typed), or a stem it begins with a
// short suffix left, and then every word of its shard with those stems.
(function () {
  'use strict';
  var box = document.querySelector('[data-search-index]');
  if (!box || !window.fetch || !window.Map || !String.prototype.normalize) return;
  var input = box.querySelector('input');
  var list = box.querySelector('[role="listbox"]');
  var status = box.querySelector('[role="status"]');
  if (!input || !list || !status) return;
  box.hidden = false;

  var MAX = 10;
  var indexURL = box.getAttribute('data-search-index');
  var base = indexURL.slice(0, indexURL.lastIndexOf('/') + 1);
  var loading = null;
  var meta = null; // {pages: [fragment file], shards: Set of keys}
  var shards = new Map(); // key -> promise of {words (sorted), entries: Map word -> {stem, postings}}
  var fragments = new Map(); // page -> promise of {title, url, sections}
  var results = [];
  var active = -1;
  var timer = 0;
  var generation = 0;

  var ASCII = /^[\x00-\x7f]*$/;
  var WORD = /[\p{L}\p{N}]+/gu;
  var MARKS = /\p{M}/gu;

  // fold lower-cases and removes diacritics character by character, so
  // that the folded text has the same length as the original: offsets
  // found in one are valid in the other (as search.Fold in Go).
  function fold(s) {
    if (ASCII.test(s)) return s.toLowerCase();
    var out = '';
    for (var c of s) {
      var f = c.normalize('NFD').replace(MARKS, '').toLowerCase();
      if (f.length !== c.length) {
        f = c.toLowerCase();
        if (f.length !== c.length) f = c;
      }
      out += f;
    }
    return out;
  }

  function getJSON(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }

  function hex(s) {
    var out = '';
    new TextEncoder().encode(s).forEach(function (b) { out += (b < 16 ? '0' : '') + b.toString(16); });
    return out;
  }

  // cached returns the promise in cache under key, made by make; a failed
  // load is forgotten, so that it is tried again.
  function cached(cache, key, make) {
    if (!cache.has(key)) {
      var p = make();
      cache.set(key, p);
      p.catch(function () { cache.delete(key); });
    }
    return cache.get(key);
  }

  function load() {
    if (!loading) {
      loading = getJSON(indexURL).then(function (d) {
        meta = { pages: d.pages, shards: new Set(d.shards) };
        return meta;
      });
      loading.catch(function () {
        say(box.getAttribute('data-msg-error'));
        loading = null;
      });
    }
    return loading;
  }

  // shardKey is the key of the shard of a folded word: its first two
  // characters (as search.ShardKey in Go).
  function shardKey(w) {
    return Array.from(w).slice(0, 2).join('');
  }

  function shard(key) {
    if (!meta.shards.has(key)) return Promise.resolve(null);
    return cached(shards, key, function () {
      return getJSON(base + 'w/' + hex(key) + '.json').then(function (d) {
        var entries = new Map(), byStem = new Map();
        d.w.forEach(function (e) {
          var st = e[1] || e[0];
          entries.set(e[0], { stem: st, postings: e[2] });
          if (!byStem.has(st)) byStem.set(st, []);
          byStem.get(st).push(e[0]);
        });
        return { words: d.w.map(function (e) { return e[0]; }), entries: entries, byStem: byStem };
      });
    });
  }

  function fragment(page) {
    return cached(fragments, page, function () {
      return getJSON(base + meta.pages[page]).then(function (d) {
        return { title: d.t, url: d.u, ftitle: fold(d.t), sections: d.s };
      });
    });
  }

  // variants returns the words of the site, in the query word's shard,
  // that it stands for.
  function variants(sh, tok, last) {
    var out = new Set();
    if (!sh) return out;
    var stems = new Set();
    if (sh.entries.has(tok)) stems.add(sh.entries.get(tok).stem);
    if (last && tok.length >= 2) {
      var ws = sh.words, lo = 0, hi = ws.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (ws[mid] < tok) lo = mid + 1; else hi = mid;
      }
      for (var n = 0; lo < ws.length && n < 100 && ws[lo].lastIndexOf(tok, 0) === 0; lo++, n++) {
        stems.add(sh.entries.get(ws[lo]).stem);
      }
    }
    sh.byStem.forEach(function (_, st) {
      if (st.length >= 3 && tok.length > st.length && tok.length - st.length <= 4 && tok.lastIndexOf(st, 0) === 0) {
        stems.add(st);
      }
    });
    stems.forEach(function (st) { (sh.byStem.get(st) || []).forEach(function (w) { out.add(w); }); });
    return out;
  }

  // hitsOf adds up the postings of a query word's variants: the weight of
  // each section ("page:section") and of each page whose title has one.
  function hitsOf(sh, vs) {
    var sections = new Map(), titles = new Map();
    vs.forEach(function (w) {
      var p = sh.entries.get(w).postings, page = 0;
      for (var i = 0; i + 2 < p.length; i += 3) {
        page += p[i];
        if (p[i + 1] < 0) {
          titles.set(page, (titles.get(page) || 0) + p[i + 2]);
        } else {
          var k = page + ':' + p[i + 1];
          sections.set(k, (sections.get(k) || 0) + p[i + 2]);
        }
      }
    });
    return { sections: sections, titles: titles };
  }

  // search resolves to the best sections for q, each with its page's
  // fragment, and the regular expressions that mark the query's words.
  function search(q) {
    var toks = fold(q).match(WORD) || [];
    if (!toks.length) return Promise.resolve([]);
    return Promise.all(toks.map(function (t) { return shard(shardKey(t)); })).then(function (shs) {
      var res = [], hits = [];
      for (var t = 0; t < toks.length; t++) {
        var vs = variants(shs[t], toks[t], t === toks.length - 1);
        if (!vs.size) return [];
        res.push(wordRe(vs));
        hits.push(hitsOf(shs[t], vs));
      }
      // A section is found when every query word is in it or in its
      // page's title; a page found by its title alone shows its first
      // section.
      var cands = new Set(), pages = new Set();
      hits.forEach(function (h) {
        h.sections.forEach(function (_, k) {
          cands.add(k);
          pages.add(+k.slice(0, k.indexOf(':')));
        });
      });
      hits[0].titles.forEach(function (_, page) {
        if (!pages.has(page)) cands.add(page + ':0');
      });
      var found = [];
      cands.forEach(function (k) {
        var page = +k.slice(0, k.indexOf(':')), score = 0;
        for (var t = 0; t < hits.length; t++) {
          var w = (hits[t].sections.get(k) || 0) + (hits[t].titles.get(page) || 0);
          if (!w) return;
          score += w;
        }
        found.push({ page: page, section: +k.slice(k.indexOf(':') + 1), score: score });
      });
      found.sort(function (a, b) { return b.score - a.score || a.page - b.page || a.section - b.section; });
      found = found.slice(0, MAX);
      return Promise.all(found.map(function (f) { return fragment(f.page); })).then(function (frags) {
        var out = [];
        found.forEach(function (f, i) {
          var fr = frags[i], sec = fr.sections[f.section];
          if (!sec) return;
          out.push({
            s: {
              title: fr.title, url: fr.url, heading: sec[0], anchor: sec[1], text: sec[2],
              ftitle: fr.ftitle, fheading: fold(sec[0]), ftext: fold(sec[2])
            },
            res: res
          });
        });
        return out;
      });
    });
  }

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  function wordRe(words) {
    var alts = Array.from(words).sort(function (a, b) { return b.length - a.length; }).map(escapeRe);
    return new RegExp('(?<![\\p{L}\\p{N}])(?:' + alts.join('|') + ')(?![\\p{L}\\p{N}])', 'gu');
  }

  // ranges returns the sorted, merged [start, end) of every match.
  function ranges(res, f, from, to) {
    var rs = [];
    res.forEach(function (re) {
      re.lastIndex = from;
      var m;
      while ((m = re.exec(f)) && m.index < to) rs.push([m.index, Math.min(m.index + m[0].length, to)]);
    });
    rs.sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    rs.forEach(function (r) {
      if (out.length && r[0] <= out[out.length - 1][1]) out[out.length - 1][1] = Math.max(out[out.length - 1][1], r[1]);
      else out.push(r);
    });
    return out;
  }

  // marked appends text[from:to] to el with the matches in <mark>.
  function marked(el, text, f, res, from, to) {
    var at = from;
    ranges(res, f, from, to).forEach(function (r) {
      if (r[0] > at) el.appendChild(document.createTextNode(text.slice(at, r[0])));
      var m = document.createElement('mark');
      m.textContent = text.slice(r[0], r[1]);
      el.appendChild(m);
      at = r[1];
    });
    if (at < to) el.appendChild(document.createTextNode(text.slice(at, to)));
  }

  function snippet(el, s, res) {
    var first = -1;
    res.forEach(function (re) {
      re.lastIndex = 0;
      var m = re.exec(s.ftext);
      if (m && (first < 0 || m.index < first)) first = m.index;
    });
    var from = 0, to = Math.min(s.text.length, 160);
    if (first > 60) {
      from = s.text.indexOf(' ', first - 60) + 1;
      if (from <= 0 || from > first) from = first;
      to = Math.min(s.text.length, from + 160);
    }
    if (to < s.text.length) {
      var sp = s.text.lastIndexOf(' ', to);
      if (sp > from) to = sp;
    }
    if (from > 0) el.appendChild(document.createTextNode('… '));
    marked(el, s.text, s.ftext, res, from, to);
    if (to < s.text.length) el.appendChild(document.createTextNode(' …'));
  }

  function say(msg) {
    status.textContent = msg || '';
  }

  function render(found) {
    results = found;
    list.textContent = '';
    active = -1;
    input.removeAttribute('aria-activedescendant');
    results.forEach(function (r, i) {
      var s = r.s;
      var li = document.createElement('li');
      li.id = 'site-search-option-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      var page = document.createElement('span');
      page.className = 'search-page';
      marked(page, s.title, s.ftitle, r.res, 0, s.title.length);
      li.appendChild(page);
      if (s.anchor) {
        var sec = document.createElement('span');
        sec.className = 'search-section';
        marked(sec, s.heading, s.fheading, r.res, 0, s.heading.length);
        li.appendChild(sec);
      }
      var sn = document.createElement('span');
      sn.className = 'search-snippet';
      snippet(sn, s, r.res);
      li.appendChild(sn);
      li.addEventListener('click', function () { go(i); });
      list.appendChild(li);
    });
    open(results.length > 0);
    var n = results.length;
    say(n === 0 ? box.getAttribute('data-msg-none')
      : n === 1 ? box.getAttribute('data-msg-one')
        : box.getAttribute('data-msg-many').replace('%d', n));
  }

  function open(on) {
    list.hidden = !on;
    input.setAttribute('aria-expanded', on ? 'true' : 'false');
  }

  function select(i) {
    var opts = list.children;
    if (active >= 0 && opts[active]) opts[active].setAttribute('aria-selected', 'false');
    active = i;
    if (i < 0) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    opts[i].setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', opts[i].id);
    opts[i].scrollIntoView({ block: 'nearest' });
  }

  function go(i) {
    var s = results[i] && results[i].s;
    if (!s) return;
    location.href = s.url + (s.anchor ? '#' + encodeURIComponent(s.anchor) : '');
  }

  function update() {
    var q = input.value;
    if (!q.trim()) {
      generation++;
      results = [];
      list.textContent = '';
      open(false);
      say('');
      return;
    }
    var gen = ++generation;
    load().then(function () { return search(q); }).then(function (found) {
      if (gen === generation && input.value === q) render(found);
    }, function () {
      if (gen === generation) say(box.getAttribute('data-msg-error'));
    });
  }

  input.addEventListener('focus', function () {
    load();
    if (results.length) open(true);
  });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  });
  input.addEventListener('keydown', function (e) {
    var n = results.length;
    switch (e.key) {
      case 'ArrowDown':
        if (!n) return;
        e.preventDefault();
        open(true);
        select((active + 1) % n);
        break;
      case 'ArrowUp':
        if (!n) return;
        e.preventDefault();
        open(true);
        select(active <= 0 ? n - 1 : active - 1);
        break;
      case 'Enter':
        if (!n) return;
        e.preventDefault();
        go(active < 0 ? 0 : active);
        break;
      case 'Escape':
        if (!list.hidden) {
          e.preventDefault();
          open(false);
          select(-1);
        } else if (input.value) {
          e.preventDefault();
          input.value = '';
          update();
        }
        break;
    }
  });
  list.addEventListener('mousedown', function (e) { e.preventDefault(); });
  input.addEventListener('blur', function () { open(false); select(-1); });
  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
})();
