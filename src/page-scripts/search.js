// The search page's UI (pages/search/index.astro), an inline script allowed
// by its hash (see src/build/steps/own-scripts.ts). Uses Pagefind's search API.
// Pagefind finds pages; this groups them by document: one result per document,
// listing its matching pages with their snippets, in the order the first of
// them ranks. Only the results shown are fetched, ten pages at a time, so a
// query fetches no more than a page-per-result list would. The query and
// filters are kept in the address (Back, reload and shared links restore them).
// Newest or oldest first: records carry a `date` filter (never offered as a
// filter). One more search that names it makes Pagefind fetch that filter's
// index (then, not for every query) and count the results of each date; the
// results are then taken one date at a time, as far as the reader pages,
// each date's by relevance, and undated results last.
// Results are built with DOM calls, never from a document's text as HTML.
(function () {
  var root = document.getElementById('search');
  if (location.protocol === 'file:') {
    document.getElementById('search-offline').hidden = false;
    return;
  }
  var ui = JSON.parse(document.getElementById('search-ui').textContent);
  var plural = new Intl.PluralRules(document.documentElement.lang || 'en');
  var numbers = new Intl.NumberFormat(document.documentElement.lang || 'en');
  function t(key, vars) {
    var m = ui[key];
    if (m && typeof m === 'object') m = m[plural.select(Number(vars && vars.count) || 0)] || m.other;
    return String(m || key).replace(/\{(\w+)\}/g, function (whole, name) {
      if (!vars || vars[name] === undefined) return whole;
      return typeof vars[name] === 'number' ? numbers.format(vars[name]) : String(vars[name]);
    });
  }
  var bundle = new URL(root.dataset.bundle, document.baseURI);
  // Result URLs are site-absolute ("/documents/..."): prefix the folder the site is served from.
  var siteRoot = new URL('../', bundle);
  var input = document.getElementById('search-input');
  var summary = document.getElementById('search-summary');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var filtersBox = document.querySelector('.search-filters');
  var FILTER_NAMES = Array.prototype.map.call(filtersBox.querySelectorAll('[data-filter]'), function (el) {
    return el.dataset.filter;
  });
  var sortBox = document.getElementById('search-sort');
  var selected = {};
  var results = [];
  /** When sorting by date: the dates still to take, the results taken so far, and every result (for the undated ones). */
  var dated = null;
  var shown = 0;
  var groups = {};
  var PAGE = 10;

  function node(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }
  // Pagefind's excerpt is text with <mark> around the matched words. It is parsed in an inert
  // document and only its text and <mark>s are copied: nothing in a document's text can become markup.
  function excerptNode(html) {
    var p = node('p', 'search-result-excerpt');
    var parsed = new DOMParser().parseFromString('<body>' + html, 'text/html').body;
    parsed.childNodes.forEach(function (n) {
      if (n.nodeType === 1 && n.nodeName === 'MARK') p.appendChild(node('mark', '', n.textContent));
      else p.appendChild(document.createTextNode(n.textContent));
    });
    return p;
  }
  var dates = new Intl.DateTimeFormat(document.documentElement.lang || 'en', { dateStyle: 'long', timeZone: 'UTC' });
  /** A full date in the site's language; a year, or a year and month, as written. */
  function dateText(date) {
    return /^\d{4}-\d{2}-\d{2}$/.test(date) ? dates.format(new Date(date + 'T00:00:00Z')) : date;
  }
  /** The document a result's URL belongs to ("/documents/<collection>/<name>/…"), or the URL itself (stories). */
  function groupKey(url) {
    var m = /^(.*\/documents\/[^/]+\/[^/#?]+\/)/.exec(url);
    return m ? m[1] : url;
  }
  function imageNode(data) {
    var img = node('img', 'search-result-image');
    // Documents' thumbnails are indexed relative to the site root; stories' images (found by Pagefind
    // in their HTML) relative to the story page.
    var image = data.meta.image;
    img.src = /^\.\.?\//.test(image) ? new URL(image, new URL(data.url, location.href)).href : new URL(image.replace(/^\//, ''), siteRoot).href;
    img.alt = '';
    img.loading = 'lazy';
    return img;
  }
  function pageLabel(meta) {
    if (meta.rows) return t('rowsNoun') + ' ' + meta.rows;
    if (meta.page) return t((meta.noun || 'page') + 'Noun') + ' ' + meta.page;
    return '';
  }
  function addResult(data) {
    var meta = data.meta || {};
    var key = groupKey(data.url);
    var group = groups[key];
    if (!group) {
      var li = node('li', 'search-result');
      if (meta.image) li.appendChild(imageNode(data));
      var body = node('div', 'search-result-body');
      var title = node('p', 'search-result-title');
      var link = node('a', 'search-result-link', meta.doc || meta.title || data.url);
      // A document's title goes to its first matching page.
      link.href = data.url;
      title.appendChild(link);
      body.appendChild(title);
      var date = data.filters && data.filters.date && data.filters.date[0];
      if (date) {
        var when = node('time', '', dateText(date));
        when.dateTime = date;
        body.appendChild(node('p', 'search-result-date')).appendChild(when);
      }
      var pages = node('ul', 'search-result-pages');
      body.appendChild(pages);
      li.appendChild(body);
      list.appendChild(li);
      group = groups[key] = { pages: pages, count: 0 };
    }
    group.count++;
    var item = node('li');
    var label = pageLabel(meta);
    if (label) {
      var pageLink = node('a', 'search-result-page', label);
      pageLink.href = data.url;
      item.appendChild(pageLink);
    }
    item.appendChild(excerptNode(data.excerpt));
    group.pages.appendChild(item);
  }
  /** Takes results date by date until there are `n` (or all of them). */
  async function takeDated(n) {
    while (dated && results.length < n && (dated.next < dated.dates.length || !dated.rest)) {
      var batch;
      if (dated.next < dated.dates.length) {
        var only = Object.assign({}, dated.filters, { date: dated.dates[dated.next++] });
        batch = ((await dated.pf.search(dated.term, { filters: only })) || { results: [] }).results;
      } else {
        dated.rest = true;
        batch = dated.all;
      }
      batch.forEach(function (r) {
        if (dated.taken[r.id]) return;
        dated.taken[r.id] = true;
        results.push(r);
      });
    }
  }
  async function showMore() {
    more.hidden = true;
    if (dated) await takeDated(shown + PAGE);
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    var datas = await Promise.all(
      next.map(function (r) {
        return r.data();
      }),
    );
    datas.forEach(addResult);
    more.hidden = shown >= (dated ? dated.all.length : results.length);
  }

  var pagefindReady;
  function pagefind() {
    pagefindReady =
      pagefindReady ||
      import(new URL('pagefind.js', bundle).href).then(async function (pf) {
        var options = {
          baseUrl: siteRoot.pathname,
          // Document and table pages mark the words a hit was found by.
          highlightParam: 'highlight',
        };
        // One word is searched quickly on the page's own thread; the worker would be one more script for readers to fetch.
        await pf.options(Object.assign({ noWorker: true }, options));
        // A big collection's index comes in parts (see src/build/steps/search-index.ts): merge the others.
        var parts = await fetch(new URL('trove-index-parts.json', bundle)).then(function (r) {
          return r.ok ? r.json() : { merge: [] };
        });
        for (var i = 0; i < parts.merge.length; i++) await pf.mergeIndex(new URL(parts.merge[i], bundle).pathname, options);
        return pf;
      });
    return pagefindReady;
  }

  /** The address of this search: ?q=…&<filter>=… */
  function saveState() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value.trim());
    if (sortBox.value !== 'relevance') params.set('sort', sortBox.value);
    FILTER_NAMES.forEach(function (name) {
      (selected[name] || []).forEach(function (v) {
        params.append(name, v);
      });
    });
    var query = params.toString();
    var url = location.pathname + (query ? '?' + query : '');
    if (url !== location.pathname + location.search) history.replaceState(null, '', url);
  }
  function loadState() {
    var params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    var sort = params.get('sort');
    sortBox.value = sort === 'newest' || sort === 'oldest' ? sort : 'relevance';
    selected = {};
    FILTER_NAMES.forEach(function (name) {
      var values = params.getAll(name);
      if (values.length) selected[name] = values;
    });
  }

  var searchId = 0;
  async function run() {
    var id = ++searchId;
    saveState();
    var term = input.value.trim();
    var filters = {};
    Object.keys(selected).forEach(function (k) {
      if (selected[k].length) filters[k] = { any: selected[k] };
    });
    delete summary.dataset.count;
    if (!term && !Object.keys(filters).length) {
      summary.textContent = '';
      list.textContent = '';
      more.hidden = true;
      return;
    }
    summary.textContent = t('searching');
    var pf = await pagefind();
    var search = await pf.debouncedSearch(term || null, { filters: filters }, 300);
    if (!search || id !== searchId) return;
    dated = sortBox.value === 'relevance' ? null : await datedOrder(pf, term || null, filters, search.results, sortBox.value === 'newest');
    if (id !== searchId) return;
    results = dated ? [] : search.results;
    shown = 0;
    groups = {};
    list.textContent = '';
    var n = search.results.length;
    summary.dataset.count = String(n);
    summary.textContent = term ? t('searchResultsFor', { count: n, term: term }) : t('searchResults', { count: n });
    await showMore();
  }

  /** The dates of the results, newest or oldest first, counted by a search that names the date filter without narrowing. */
  async function datedOrder(pf, term, filters, all, newest) {
    var counted = await pf.search(term, { filters: Object.assign({}, filters, { date: { none: [] } }) });
    var counts = (counted && counted.filters && counted.filters.date) || {};
    var dates = Object.keys(counts)
      .filter(function (d) {
        return counts[d] > 0;
      })
      .sort();
    if (newest) dates.reverse();
    return { pf: pf, term: term, filters: filters, dates: dates, next: 0, taken: {}, all: all, rest: false };
  }

  // Filter lists load the index of each filter offered (tens of KB each on a big site): only when the reader
  // opens them. A search naming them without narrowing counts their values (pf.filters() would fetch the date's too).
  function buildFilters() {
    filtersBox.removeEventListener('toggle', onToggle);
    var named = {};
    FILTER_NAMES.forEach(function (name) {
      named[name] = { none: [] };
    });
    pagefind()
      .then(function (pf) {
        return pf.search(null, { filters: named });
      })
      .then(function (search) {
        var all = (search && search.filters) || {};
        filtersBox.querySelectorAll('[data-filter]').forEach(function (group) {
          var name = group.dataset.filter;
          var values = Object.keys(all[name] || {}).sort();
          if (!values.length) return;
          var fieldset = node('fieldset', 'search-filter');
          fieldset.appendChild(node('legend', '', group.dataset.label));
          values.forEach(function (value) {
            var label = node('label');
            var box = node('input');
            box.type = 'checkbox';
            box.value = value;
            box.checked = (selected[name] || []).indexOf(value) !== -1;
            box.addEventListener('change', function () {
              var chosen = (selected[name] = selected[name] || []);
              if (box.checked) chosen.push(value);
              else chosen.splice(chosen.indexOf(value), 1);
              run();
            });
            label.appendChild(box);
            label.appendChild(document.createTextNode(' ' + value + ' (' + numbers.format(all[name][value]) + ')'));
            fieldset.appendChild(label);
          });
          group.appendChild(fieldset);
        });
      });
  }
  function onToggle() {
    if (filtersBox.open) buildFilters();
  }
  filtersBox.addEventListener('toggle', onToggle);

  document.getElementById('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    run();
  });
  input.addEventListener('input', run);
  sortBox.addEventListener('change', run);
  more.addEventListener('click', showMore);
  root.hidden = false;
  loadState();
  // A search restored with filters shows them.
  if (Object.keys(selected).length) filtersBox.open = true;
  if (input.value || Object.keys(selected).length) run();
  input.focus();
  // Without an index (npm run dev before any build) say so instead of failing silently.
  pagefind().catch(function () {
    root.hidden = true;
    document.getElementById('search-unbuilt').hidden = false;
  });
})();
