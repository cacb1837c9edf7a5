// The search page's UI (pages/search/index.astro), an inline script allowed
// by its hash (see src/build/steps/own-scripts.ts). Uses Pagefind's search API.
// Pagefind finds pages; this groups them by document: one result per document,
// listing its matching pages with their snippets, in the order the first of
// them ranks. Only the results shown are fetched, ten pages at a time, so a
// query fetches no more than a page-per-result list would. The query and
// filters are kept in the address (Back, reload and shared links restore them).
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
  var selected = {};
  var results = [];
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
  async function showMore() {
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = true;
    var datas = await Promise.all(
      next.map(function (r) {
        return r.data();
      }),
    );
    datas.forEach(addResult);
    more.hidden = shown >= results.length;
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
    results = search.results;
    shown = 0;
    groups = {};
    list.textContent = '';
    var n = results.length;
    summary.dataset.count = String(n);
    summary.textContent = term ? t('searchResultsFor', { count: n, term: term }) : t('searchResults', { count: n });
    await showMore();
  }

  // Filter lists load every filter's index (tens of KB each on a big site): only when the reader opens them.
  function buildFilters() {
    filtersBox.removeEventListener('toggle', onToggle);
    pagefind()
      .then(function (pf) {
        return pf.filters();
      })
      .then(function (all) {
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
