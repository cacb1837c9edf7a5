// The search page's UI (pages/search/index.astro), an inline script allowed
// by its hash (see src/build/steps/own-scripts.ts). Uses Pagefind's search API;
// results are built with DOM calls, never from a document's text as HTML.
(function () {
  var root = document.getElementById('search');
  if (location.protocol === 'file:') {
    document.getElementById('search-offline').hidden = false;
    return;
  }
  var bundle = new URL(root.dataset.bundle, document.baseURI);
  // Result URLs are site-absolute ("/documents/..."): prefix the folder the site is served from.
  var siteRoot = new URL('../', bundle);
  var input = document.getElementById('search-input');
  var summary = document.getElementById('search-summary');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var filtersBox = document.querySelector('.search-filters');
  var selected = {};
  var results = [];
  var shown = 0;
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
  function resultNode(data) {
    var li = node('li', 'search-result');
    if (data.meta && data.meta.image) {
      var img = node('img', 'search-result-image');
      // Documents' thumbnails are indexed relative to the site root; stories' images (found by Pagefind
      // in their HTML) relative to the story page.
      var image = data.meta.image;
      img.src = /^\.\.?\//.test(image) ? new URL(image, new URL(data.url, location.href)).href : new URL(image.replace(/^\//, ''), siteRoot).href;
      img.alt = '';
      img.loading = 'lazy';
      li.appendChild(img);
    }
    var body = node('div', 'search-result-body');
    var title = node('p', 'search-result-title');
    var link = node('a', 'search-result-link', (data.meta && data.meta.title) || data.url);
    link.href = data.url;
    title.appendChild(link);
    body.appendChild(title);
    body.appendChild(excerptNode(data.excerpt));
    li.appendChild(body);
    return li;
  }
  async function showMore() {
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = true;
    // Only the results shown are fetched (their fragments), a page of them at a time.
    var datas = await Promise.all(
      next.map(function (r) {
        return r.data();
      }),
    );
    datas.forEach(function (d) {
      list.appendChild(resultNode(d));
    });
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

  var searchId = 0;
  async function run() {
    var id = ++searchId;
    var term = input.value.trim();
    var filters = {};
    Object.keys(selected).forEach(function (k) {
      if (selected[k].length) filters[k] = { any: selected[k] };
    });
    if (!term && !Object.keys(filters).length) {
      summary.textContent = '';
      list.textContent = '';
      more.hidden = true;
      return;
    }
    summary.textContent = 'Searching…';
    var pf = await pagefind();
    var search = await pf.debouncedSearch(term || null, { filters: filters }, 300);
    if (!search || id !== searchId) return;
    results = search.results;
    shown = 0;
    list.textContent = '';
    var n = results.length;
    summary.textContent = n + ' result' + (n === 1 ? '' : 's') + (term ? ' for “' + term + '”' : '');
    await showMore();
  }

  // Filter lists load every filter's index (tens of KB each on a big site): only when the reader opens them.
  filtersBox.addEventListener('toggle', async function loaded() {
    if (!filtersBox.open) return;
    filtersBox.removeEventListener('toggle', loaded);
    var all = await (await pagefind()).filters();
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
        box.addEventListener('change', function () {
          var list = (selected[name] = selected[name] || []);
          if (box.checked) list.push(value);
          else list.splice(list.indexOf(value), 1);
          run();
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(' ' + value + ' (' + all[name][value] + ')'));
        fieldset.appendChild(label);
      });
      group.appendChild(fieldset);
    });
  });

  input.addEventListener('input', run);
  more.addEventListener('click', showMore);
  root.hidden = false;
  var q = new URLSearchParams(location.search).get('q');
  if (q) {
    input.value = q;
    run();
  }
  input.focus();
  // Without an index (npm run dev before any build) say so instead of failing silently.
  pagefind().catch(function () {
    root.hidden = true;
    document.getElementById('search-unbuilt').hidden = false;
  });
})();
