// Site search: loads this locale's index (search.json, written by the
// build, see internal/search) on first use and searches it in the page.
// No request goes anywhere but to this site. The index maps every word
// of the site to its Snowball stem; a query word finds the stems of the
// words equal to it (and of the words it begins, for the word being
// typed), or a stem it begins with a short suffix left, and then every
// word of the site with those stems.
(function () {
  'use strict';
  var box = document.querySelector('[data-search-index]');
  if (!box || !window.fetch || !String.prototype.normalize) return;
  var input = box.querySelector('input');
  var list = box.querySelector('[role="listbox"]');
  var status = box.querySelector('[role="status"]');
  if (!input || !list || !status) return;
  box.hidden = false;

  var MAX = 10;
  var loading = null;
  var data = null; // {sections, words (sorted), stemOf, byStem, stems}
  var results = [];
  var active = -1;
  var timer = 0;

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

  function load() {
    if (!loading) {
      loading = fetch(box.getAttribute('data-search-index'), { credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.json();
        })
        .then(prepare);
      loading.catch(function () {
        say(box.getAttribute('data-msg-error'));
        loading = null;
      });
    }
    return loading;
  }

  function prepare(d) {
    var stemOf = new Map();
    var byStem = new Map();
    d.stems.forEach(function (e) {
      var parts = e.split(' ');
      var st = parts[0];
      var ws = parts.length > 1 ? parts.slice(1) : [st];
      byStem.set(st, ws);
      ws.forEach(function (w) { stemOf.set(w, st); });
    });
    var sections = d.sections.map(function (s, i) {
      var page = d.pages[s[0]];
      return {
        i: i, title: page[0], url: page[1], heading: s[1], anchor: s[2], text: s[3],
        ftitle: fold(page[0]), fheading: fold(s[1]), ftext: fold(s[3])
      };
    });
    data = {
      sections: sections, stemOf: stemOf, byStem: byStem,
      stems: Array.from(byStem.keys()), words: Array.from(stemOf.keys()).sort()
    };
    return data;
  }

  // variants returns the words of the site that a query word stands for.
  function variants(tok, last) {
    var stems = new Set();
    if (data.stemOf.has(tok)) stems.add(data.stemOf.get(tok));
    if (last && tok.length >= 2) {
      var ws = data.words, lo = 0, hi = ws.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (ws[mid] < tok) lo = mid + 1; else hi = mid;
      }
      for (var n = 0; lo < ws.length && n < 100 && ws[lo].lastIndexOf(tok, 0) === 0; lo++, n++) {
        stems.add(data.stemOf.get(ws[lo]));
      }
    }
    data.stems.forEach(function (st) {
      if (st.length >= 3 && tok.length > st.length && tok.length - st.length <= 4 && tok.lastIndexOf(st, 0) === 0) {
        stems.add(st);
      }
    });
    var out = new Set();
    stems.forEach(function (st) { data.byStem.get(st).forEach(function (w) { out.add(w); }); });
    return out;
  }

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  function wordRe(words) {
    var alts = Array.from(words).sort(function (a, b) { return b.length - a.length; }).map(escapeRe);
    return new RegExp('(?<![\\p{L}\\p{N}])(?:' + alts.join('|') + ')(?![\\p{L}\\p{N}])', 'gu');
  }

  function count(re, s) {
    re.lastIndex = 0;
    var n = 0;
    while (re.exec(s)) n++;
    return n;
  }

  function search(q) {
    var toks = fold(q).match(WORD) || [];
    if (!toks.length) return [];
    var res = [];
    for (var t = 0; t < toks.length; t++) {
      var vs = variants(toks[t], t === toks.length - 1);
      if (!vs.size) return [];
      res.push(wordRe(vs));
    }
    var hits = [];
    data.sections.forEach(function (s) {
      var score = 0;
      for (var k = 0; k < res.length; k++) {
        var h = count(res[k], s.fheading), p = count(res[k], s.ftitle), x = count(res[k], s.ftext);
        if (h + p + x === 0) return;
        score += 10 * h + 3 * p + Math.min(x, 10);
      }
      hits.push({ s: s, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.s.i - b.s.i; });
    return hits.slice(0, MAX).map(function (h) { return { s: h.s, res: res }; });
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

  function render(q) {
    results = search(q);
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
      results = [];
      list.textContent = '';
      open(false);
      say('');
      return;
    }
    load().then(function () { if (input.value === q) render(q); }, function () {});
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
