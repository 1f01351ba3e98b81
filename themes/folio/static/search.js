/*
 * folio — the search page (/search/).
 *
 * Loads Pagefind's module from the form's data-bundle URL (it fetches the rest of the index
 * piece by piece, next to itself, so the site works under any base path and offline), then
 * shows results as the reader types: title, date, tags and an excerpt with the matches in
 * <mark>. Filters by tag and year. Keys: down/up arrows move between the box and the results,
 * Enter opens the focused result, Escape clears the box. The query and filters are kept in
 * the address (?q=…&tag=…&year=…), which is also what the header's search box submits.
 */
(function () {
  'use strict';

  var MAX_RESULTS = 20;
  var form = document.getElementById('search-form');
  if (!form) {
    return;
  }
  var input = document.getElementById('search-query');
  var tagSelect = document.getElementById('search-tag');
  var yearSelect = document.getElementById('search-year');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var pagefind = null;
  var sequence = 0;
  var timer = null;

  form.hidden = false;
  var params = new URLSearchParams(window.location.search);
  input.value = params.get('q') || '';

  function say(text) {
    status.textContent = text;
  }

  function option(select, value, label) {
    var el = document.createElement('option');
    el.value = value;
    el.textContent = label;
    select.appendChild(el);
  }

  function fillFilters(filters) {
    var tags = Object.keys(filters.tag || {}).sort(function (a, b) {
      return a.localeCompare(b, document.documentElement.lang);
    });
    tags.forEach(function (t) {
      option(tagSelect, t, t + ' (' + filters.tag[t] + ')');
    });
    Object.keys(filters.year || {})
      .sort()
      .reverse()
      .forEach(function (y) {
        option(yearSelect, y, y + ' (' + filters.year[y] + ')');
      });
    tagSelect.value = params.get('tag') || '';
    yearSelect.value = params.get('year') || '';
  }

  // The excerpt is Pagefind's HTML: keep its text and its <mark> elements, nothing else.
  function excerptNodes(html) {
    var doc = new DOMParser().parseFromString('<p>' + html + '</p>', 'text/html');
    var out = document.createDocumentFragment();
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === 'MARK') {
        var mark = document.createElement('mark');
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
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

  function resultItem(data, index) {
    var meta = data.meta || {};
    var item = element('li', 'search-result');
    var heading = element('h2', 'search-result-title');
    var link = element('a', null, meta.title || data.url);
    link.href = data.url;
    link.id = 'search-result-' + index;
    heading.appendChild(link);
    item.appendChild(heading);
    if (meta.date) {
      var line = element('p', 'search-result-meta');
      var time = element('time', null, meta.date_display || meta.date);
      time.setAttribute('datetime', meta.date);
      line.appendChild(time);
      item.appendChild(line);
    }
    var tags = (data.filters && data.filters.tag) || [];
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
    if (data.excerpt) {
      var p = element('p', 'search-result-excerpt');
      p.appendChild(excerptNodes(data.excerpt));
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

  async function run() {
    var mine = ++sequence;
    var query = input.value.trim();
    var filters = {};
    if (tagSelect.value) {
      filters.tag = tagSelect.value;
    }
    if (yearSelect.value) {
      filters.year = yearSelect.value;
    }
    remember(query);
    if (!query && !filters.tag && !filters.year) {
      list.replaceChildren();
      say('');
      return;
    }
    if (!pagefind) {
      say('Loading the search index…');
      return;
    }
    var options = { filters: filters };
    if (!query) {
      options.sort = { date: 'desc' };
    }
    var search = await pagefind.search(query || null, options);
    if (mine !== sequence || !search) {
      return;
    }
    var shown = search.results.slice(0, MAX_RESULTS);
    var data = await Promise.all(
      shown.map(function (r) {
        return r.data();
      })
    );
    if (mine !== sequence) {
      return;
    }
    list.replaceChildren.apply(list, data.map(resultItem));
    var total = search.results.length;
    var what = query ? ' for “' + query + '”' : '';
    if (total === 0) {
      say('No results' + what + '.');
    } else if (total > shown.length) {
      say(total + ' results' + what + '; showing the first ' + shown.length + '.');
    } else {
      say(total + (total === 1 ? ' result' : ' results') + what + '.');
    }
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 60);
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll('.search-result-title a'));
  }

  input.addEventListener('input', soon);
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
      pagefind = await import(form.getAttribute('data-bundle'));
      // Result URLs already carry the site's base path.
      await pagefind.options({ baseUrl: '/', excerptLength: 24 });
      await pagefind.init();
      fillFilters(await pagefind.filters());
    } catch (e) {
      pagefind = null;
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
