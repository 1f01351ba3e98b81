/*
 * folio — the search page (/search/).
 *
 * Reads folio's search index (docs/search.md): the manifest named by the form's data-index
 * attribute, then only the term shards the query's words fall in and the document files of the
 * results shown. Results appear as the reader types: title, date, tags and an excerpt with the
 * matches in <mark>; each is shown as soon as its file and those of the results above it have
 * come (the list is aria-busy until the last is in). Filters by tag and year. Keys: down/up
 * arrows move between the box and the results, Enter opens the focused result, Escape clears the
 * box. The query and filters are kept in the address (?q=…&tag=…&year=…), which is also what
 * the header's search box submits.
 *
 * Words are cut and folded exactly as src/search/tokens.rs does it at build time.
 */
(function () {
  'use strict';

  var FORMAT = 1;
  var MAX_RESULTS = 20;
  /** A word of at least this many characters also finds the words it begins. */
  var PREFIX_FROM = 3;
  /** At most this many shards are read for one word's prefix. */
  var MAX_SHARDS_PER_WORD = 2;
  /** An exact match counts for more than a word that only begins with the query's word. */
  var PREFIX_FACTOR = 0.6;
  var EXCERPT_CHARS = 240;
  var MAX_WORD_BYTES = 40;

  var form = document.getElementById('search-form');
  if (!form) {
    return;
  }
  var input = document.getElementById('search-query');
  var tagSelect = document.getElementById('search-tag');
  var yearSelect = document.getElementById('search-year');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var manifestUrl = new URL(form.getAttribute('data-index'), window.location.href);
  var index = null;
  var fetched = {};
  var sequence = 0;

  form.hidden = false;
  var params = new URLSearchParams(window.location.search);
  input.value = params.get('q') || '';

  function say(text) {
    status.textContent = text;
  }

  // ---------- Words, as src/search/tokens.rs cuts and folds them ----------

  var MARKS = /\p{M}/gu;
  var encoder = new TextEncoder();

  function isIdeograph(cp) {
    return (
      (cp >= 0x3040 && cp <= 0x30ff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0x20000 && cp <= 0x2fa1f)
    );
  }

  var ASCII = /^[\x00-\x7f]*$/;

  function fold(word) {
    if (ASCII.test(word)) {
      return word.toLowerCase();
    }
    var out = word.toLowerCase().normalize('NFD').replace(MARKS, '');
    var spelt = index ? index.spelt : {};
    var result = '';
    for (var ch of out) {
      result += Object.prototype.hasOwnProperty.call(spelt, ch) ? spelt[ch] : ch;
    }
    return result;
  }

  /** Runs of letters, digits and marks; an ideograph in a run is a word of its own. */
  var RUN = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var IDEOGRAPH = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;

  /** Calls each(folded word, start, end) for every word of text (start and end in UTF-16 units). */
  function eachWord(text, each) {
    RUN.lastIndex = 0;
    var m;
    while ((m = RUN.exec(text)) !== null) {
      var run = m[0];
      var at = m.index;
      if (!IDEOGRAPH.test(run)) {
        each(fold(run), at, at + run.length);
        continue;
      }
      var start = -1;
      var i = at;
      for (var ch of run) {
        if (isIdeograph(ch.codePointAt(0))) {
          if (start >= 0) {
            each(fold(text.slice(start, i)), start, i);
            start = -1;
          }
          each(fold(ch), i, i + ch.length);
        } else if (start < 0) {
          start = i;
        }
        i += ch.length;
      }
      if (start >= 0) {
        each(fold(text.slice(start, i)), start, i);
      }
    }
  }

  function indexable(word) {
    if (encoder.encode(word).length > MAX_WORD_BYTES) {
      return false;
    }
    var chars = Array.from(word);
    return chars.length > 1 || (chars.length === 1 && isIdeograph(chars[0].codePointAt(0)));
  }

  /** The query's words: [{ word, prefix }], stop words and repeats left out. */
  function queryWords(query) {
    var out = [];
    eachWord(query, function (word) {
      if (!indexable(word) || index.stop.has(word) || out.some((w) => w.word === word)) {
        return;
      }
      out.push({ word: word, prefix: Array.from(word).length >= PREFIX_FROM });
    });
    return out;
  }

  // ---------- Reading the index ----------

  /** Document files still coming: their URL → the controller that can cancel the request. */
  var coming = new Map();

  function getJson(url, options, cancellable) {
    var key = String(url);
    if (!fetched[key]) {
      var controller = cancellable ? new AbortController() : null;
      var promise = fetch(url, Object.assign({ signal: controller && controller.signal }, options)).then(
        function (r) {
          if (!r.ok) {
            throw new Error(r.status + ' ' + url);
          }
          return r.json();
        }
      );
      fetched[key] = promise;
      if (controller) {
        coming.set(key, controller);
      }
      var done = function () {
        if (controller && coming.get(key) === controller) {
          coming.delete(key);
        }
      };
      promise.then(done, function () {
        done();
        if (fetched[key] === promise) {
          delete fetched[key];
        }
      });
    }
    return fetched[key];
  }

  /** Cancels the document files asked for by earlier queries and still coming: over HTTP/1.1 a
   * browser makes six requests at a time, and the files of results no longer wanted (those of
   * each key typed before the last) would hold up those of the query now typed. */
  function cancelComing() {
    coming.forEach(function (controller, key) {
      delete fetched[key];
      controller.abort();
    });
    coming.clear();
  }

  /** The shard that holds `term`, if any term sorts at or after its first term. */
  function shardOf(term) {
    var shards = index.shards;
    var lo = 0;
    var hi = shards.length - 1;
    if (!shards.length || term < shards[0][0]) {
      return -1;
    }
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (shards[mid][0] <= term) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  function shard(n) {
    return getJson(new URL(index.shards[n][1], manifestUrl));
  }

  /** Decodes a posting list into calls of each(id, weight). */
  function eachPosting(list, each) {
    var id = 0;
    for (var k = 0; k < list.length; k++) {
      id += Math.floor(list[k] / 16);
      each(id, list[k] % 16);
    }
  }

  function firstAtOrAfter(terms, term) {
    var lo = 0;
    var hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < term) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** id → score for one word of the query: the word itself, and with `prefix` the words it begins. */
  async function wordScores(q) {
    var scores = new Map();
    var first = shardOf(q.word);
    var last = q.prefix ? shardOf(q.word + '\uffff') : first;
    if (first < 0 && q.prefix) {
      first = 0;
    }
    if (last < 0) {
      return scores;
    }
    last = Math.min(last, first + MAX_SHARDS_PER_WORD - 1);
    var numbers = [];
    for (var n = first; n <= last; n++) {
      numbers.push(n);
    }
    var shards = await Promise.all(numbers.map(shard));
    shards.forEach(function (s) {
      for (var k = firstAtOrAfter(s.t, q.word); k < s.t.length; k++) {
        var term = s.t[k];
        var exact = term === q.word;
        if (!exact && !(q.prefix && term.startsWith(q.word))) {
          break;
        }
        var factor = exact ? 1 : PREFIX_FACTOR;
        eachPosting(s.p[k], function (id, weight) {
          var score = weight * factor;
          if (!(scores.get(id) >= score)) {
            scores.set(id, score);
          }
        });
      }
    });
    return scores;
  }

  /** The ids of the documents with `tag`, in order. */
  async function tagged(tag) {
    var term = '#' + tag;
    var n = shardOf(term);
    var ids = [];
    if (n < 0) {
      return ids;
    }
    var s = await shard(n);
    var k = firstAtOrAfter(s.t, term);
    if (s.t[k] === term) {
      eachPosting(s.p[k], function (id) {
        ids.push(id);
      });
    }
    return ids;
  }

  function yearRange(year) {
    var found = index.years.find((y) => y[0] === year);
    return found ? [found[1], found[2]] : [0, 0];
  }

  /** The best MAX_RESULTS matching ids, best first, their total number, and the words to highlight. */
  async function find(query, tag, year) {
    var words = queryWords(query);
    var range = year ? yearRange(year) : [0, index.docs];
    var inRange = (id) => id >= range[0] && id < range[1];
    var allowed = null;
    if (tag) {
      allowed = new Set(await tagged(tag));
    }
    var passes = (id) => inRange(id) && (!allowed || allowed.has(id));
    if (!words.length) {
      if (query.trim()) {
        return { ids: [], total: 0, words: words };
      }
      var ids = [];
      if (allowed) {
        allowed.forEach((id) => passes(id) && ids.push(id));
        ids.sort((a, b) => a - b);
      } else {
        for (var id = range[0]; id < range[1]; id++) {
          ids.push(id);
        }
      }
      return { ids: ids.slice(0, MAX_RESULTS), total: ids.length, words: words };
    }
    var maps = await Promise.all(words.map(wordScores));
    maps.sort((a, b) => a.size - b.size);
    var hits = [];
    maps[0].forEach(function (score, id) {
      if (!passes(id)) {
        return;
      }
      for (var k = 1; k < maps.length; k++) {
        var s = maps[k].get(id);
        if (s === undefined) {
          return;
        }
        score += s;
      }
      hits.push([id, score]);
    });
    // Best score first; newer (a smaller id) first among equals. Only the first MAX_RESULTS are
    // shown: with many hits, those scoring at least the MAX_RESULTS-th best score are sorted, the
    // others only counted.
    var total = hits.length;
    if (total > MAX_RESULTS * 4) {
      var scores = new Float64Array(total);
      hits.forEach((h, k) => (scores[k] = h[1]));
      scores.sort();
      var least = scores[total - MAX_RESULTS];
      hits = hits.filter((h) => h[1] >= least);
    }
    hits.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return { ids: hits.slice(0, MAX_RESULTS).map((h) => h[0]), total: total, words: words };
  }

  function docFile(n) {
    var url = new URL('docs/' + n + '.json', manifestUrl);
    url.searchParams.set('v', index.version);
    return getJson(url, undefined, true);
  }

  /** The document `id`, from its file (fetched once). */
  async function documentOf(id) {
    var per = index.perFile;
    var file = await docFile(Math.floor(id / per));
    return file[id % per];
  }

  // ---------- Showing results ----------

  function option(select, value, label) {
    var el = document.createElement('option');
    el.value = value;
    el.textContent = label;
    select.appendChild(el);
  }

  function fillFilters() {
    var tags = index.tags.slice().sort(function (a, b) {
      return a[0].localeCompare(b[0], document.documentElement.lang);
    });
    tags.forEach(function (t) {
      option(tagSelect, t[0], t[0] + ' (' + t[1] + ')');
    });
    index.years.forEach(function (y) {
      option(yearSelect, y[0], y[0] + ' (' + (y[2] - y[1]) + ')');
    });
    tagSelect.value = params.get('tag') || '';
    yearSelect.value = params.get('year') || '';
  }

  function matches(word, words) {
    return words.some((q) => word === q.word || (q.prefix && word.startsWith(q.word)));
  }

  /** The excerpt: the stored start of the text, from shortly before the first match, with the
   * matching words in <mark>. */
  function excerptNodes(text, words) {
    var spans = [];
    var starts = [];
    eachWord(text, function (word, start, end) {
      starts.push(start);
      if (matches(word, words)) {
        spans.push([start, end, starts.length - 1]);
      }
    });
    var from = 0;
    if (spans.length && spans[0][0] > EXCERPT_CHARS / 2) {
      from = starts[Math.max(0, spans[0][2] - 6)];
    }
    var to = Math.min(text.length, from + EXCERPT_CHARS);
    if (to < text.length) {
      var space = text.lastIndexOf(' ', to);
      to = space > from ? space : to;
    }
    var out = document.createDocumentFragment();
    var at = from;
    if (from > 0) {
      out.appendChild(document.createTextNode('… '));
    }
    spans.forEach(function (span) {
      if (span[0] < from || span[1] > to) {
        return;
      }
      out.appendChild(document.createTextNode(text.slice(at, span[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(span[0], span[1]);
      out.appendChild(mark);
      at = span[1];
    });
    out.appendChild(document.createTextNode(text.slice(at, to) + (to < text.length ? ' …' : '')));
    return out;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text) {
      el.textContent = text;
    }
    return el;
  }

  function resultItem(doc, index, words) {
    var item = element('li', 'search-result');
    var heading = element('h2', 'search-result-title');
    var link = element('a', null, doc.title || doc.url);
    link.href = doc.url;
    link.id = 'search-result-' + index;
    heading.appendChild(link);
    item.appendChild(heading);
    if (doc.date) {
      var line = element('p', 'search-result-meta');
      var time = element('time', null, doc.date_display || doc.date);
      time.setAttribute('datetime', doc.date);
      line.appendChild(time);
      item.appendChild(line);
    }
    var tags = doc.tags || [];
    if (tags.length) {
      var ul = element('ul', 'tag-list search-result-tags');
      ul.setAttribute('aria-label', 'Tags');
      tags.forEach(function (t) {
        var li = element('li');
        li.appendChild(element('span', 'tag', t));
        ul.appendChild(li);
      });
      item.appendChild(ul);
    }
    if (doc.text) {
      var p = element('p', 'search-result-excerpt');
      p.appendChild(excerptNodes(doc.text, words));
      item.appendChild(p);
    }
    return item;
  }

  function remember(query) {
    var next = new URLSearchParams();
    if (query) {
      next.set('q', query);
    }
    if (tagSelect.value) {
      next.set('tag', tagSelect.value);
    }
    if (yearSelect.value) {
      next.set('year', yearSelect.value);
    }
    var search = next.toString();
    window.history.replaceState(null, '', window.location.pathname + (search ? '?' + search : ''));
  }

  function announce(total, shown, query) {
    var what = query ? ' for “' + query + '”' : '';
    if (total === 0) {
      say('No results' + what + '.');
    } else if (total > shown) {
      say(total + ' results' + what + '; showing the first ' + shown + '.');
    } else {
      say(total + (total === 1 ? ' result' : ' results') + what + '.');
    }
  }

  async function run() {
    var mine = ++sequence;
    cancelComing();
    var query = input.value.trim();
    var tag = tagSelect.value;
    var year = yearSelect.value;
    remember(query);
    if (!query && !tag && !year) {
      list.replaceChildren();
      list.removeAttribute('aria-busy');
      say('');
      return;
    }
    if (!index) {
      say('Loading the search index…');
      return;
    }
    var found;
    try {
      found = await find(query, tag, year);
    } catch (e) {
      if (mine === sequence) {
        say('The search index could not be read. Try reloading the page.');
      }
      return;
    }
    if (mine !== sequence) {
      return;
    }
    var ids = found.ids;
    if (!ids.length) {
      list.replaceChildren();
      list.removeAttribute('aria-busy');
      announce(0, 0, query);
      return;
    }
    // Every result's file is asked for at once, in rank order (a browser fetches the first ones
    // first); each result is shown as soon as it and all those above it are here, so the list
    // only grows downwards. The previous results stay until the first new one can replace them.
    list.setAttribute('aria-busy', 'true');
    var pending = ids.map(documentOf);
    pending.forEach((p) => p.catch(() => {}));
    for (var k = 0; k < pending.length; k++) {
      var doc;
      try {
        doc = await pending[k];
      } catch (e) {
        if (mine === sequence) {
          list.removeAttribute('aria-busy');
          say('The search index could not be read. Try reloading the page.');
        }
        return;
      }
      if (mine !== sequence) {
        return;
      }
      var item = resultItem(doc, k, found.words);
      if (k === 0) {
        list.replaceChildren(item);
        announce(found.total, ids.length, query);
      } else {
        list.appendChild(item);
      }
    }
    list.removeAttribute('aria-busy');
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll('.search-result-title a'));
  }

  input.addEventListener('input', run);
  tagSelect.addEventListener('change', run);
  yearSelect.addEventListener('change', run);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    run();
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown') {
      var first = links()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Escape' && input.value) {
      event.preventDefault();
      input.value = '';
      run();
    }
  });
  list.addEventListener('keydown', function (event) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') {
      return;
    }
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) {
      return;
    }
    event.preventDefault();
    if (event.key === 'ArrowDown') {
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (at === 0) {
      input.focus();
    } else {
      all[at - 1].focus();
    }
  });

  async function start() {
    try {
      // Always asked again of the server (a cached copy may be used only if still current), so
      // that the files it names are those of the site being served.
      var manifest = await getJson(manifestUrl, { cache: 'no-cache' });
      if (manifest.format !== FORMAT) {
        throw new Error('index format ' + manifest.format);
      }
      index = {
        version: manifest.version,
        docs: manifest.docs,
        perFile: manifest.docs_per_file,
        stop: new Set(manifest.stop),
        spelt: Object.fromEntries(manifest.spelt_out),
        shards: manifest.shards,
        tags: manifest.tags,
        years: manifest.years,
      };
      fillFilters();
    } catch (e) {
      index = null;
      say('The search index could not be loaded. Try reloading the page.');
      return;
    }
    run();
  }

  if (input.value || params.get('tag') || params.get('year')) {
    input.focus();
  }
  start();
})();
