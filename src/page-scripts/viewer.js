// The document viewer's JavaScript (components/DocumentTools.astro), an inline
// script allowed by its hash (see src/build/steps/own-scripts.ts). Everything it
// adds is a convenience over plain HTML: a page-number box in each page's bar,
// copying a page's link and citation, zoom, and find in this document (every
// part). Text found in documents is only ever set as text, never parsed as markup.
// The script sits above the pages it works on: it starts once the page is parsed.
(function () {
  var tools, ui, partLinks, pageCount, part, perPart, plural;

  function t(key, vars) {
    var m = ui[key];
    if (m && typeof m === 'object') m = m[plural.select(Number(vars && vars.count) || 0)] || m.other;
    return String(m || key).replace(/\{(\w+)\}/g, function (whole, name) {
      return vars && vars[name] !== undefined ? String(vars[name]) : whole;
    });
  }
  function node(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }
  function button(label, onClick) {
    var b = node('button', '', label);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }
  /** Where page n is shown: its anchor here, or the part that shows it. */
  function pageHref(n) {
    var p = Math.max(1, Math.ceil(n / perPart));
    return (p === part ? '' : partLinks[p - 1]) + '#page-' + n;
  }

  /** A page-number box in each page's bar. */
  function addPageBoxes() {
    document.querySelectorAll('.doc-page .page-nav').forEach(function (nav) {
      var form = node('form', 'page-jump');
      var input = node('input');
      input.type = 'number';
      input.min = '1';
      input.max = String(pageCount);
      input.inputMode = 'numeric';
      input.setAttribute('aria-label', t('goToPage'));
      input.placeholder = '#';
      form.appendChild(input);
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var n = Math.round(Number(input.value));
        if (n >= 1 && n <= pageCount) location.href = pageHref(n);
      });
      nav.appendChild(form);
    });
  }

  function copy(text, done) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text).then(done, function () {});
    var area = node('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
    done();
  }

  /** Each page's permanent address (when site.yml gives none), and buttons copying it and the citation. */
  function addCiteButtons() {
    document.querySelectorAll('.doc-page .cite').forEach(function (cite) {
      var link = cite.querySelector('.permalink');
      if (!link.textContent) link.textContent = new URL('#' + cite.closest('.doc-page').id, location.href.split('#')[0].split('?')[0]).href;
      var actions = node('p', 'cite-actions');
      var status = node('span', 'copied');
      status.setAttribute('role', 'status');
      var done = function () {
        status.textContent = t('copied');
      };
      actions.appendChild(
        button(t('copyCitation'), function () {
          copy(cite.querySelector('.citation').textContent.trim(), done);
        }),
      );
      actions.appendChild(document.createTextNode(' '));
      actions.appendChild(
        button(t('copyLink'), function () {
          copy(link.textContent, done);
        }),
      );
      actions.appendChild(document.createTextNode(' '));
      actions.appendChild(status);
      cite.querySelector('.cite-body').appendChild(actions);
    });
  }

  // Zoom: a page image opens enlarged in a dialog (the full-resolution image when there is one, fetched only
  // then), moved around by dragging or scrolling; without JavaScript the image link opens the image itself.
  var zoom;
  function setScale(scale) {
    var area = zoom.area;
    var cx = (area.scrollLeft + area.clientWidth / 2) / area.scrollWidth;
    var cy = (area.scrollTop + area.clientHeight / 2) / area.scrollHeight;
    zoom.scale = Math.min(8, Math.max(1, scale));
    zoom.img.style.width = zoom.scale * 100 + '%';
    area.scrollLeft = cx * area.scrollWidth - area.clientWidth / 2;
    area.scrollTop = cy * area.scrollHeight - area.clientHeight / 2;
  }
  function dragToMove(area) {
    var drag;
    area.addEventListener('pointerdown', function (e) {
      if (e.pointerType !== 'mouse') return;
      drag = { x: e.clientX, y: e.clientY, left: area.scrollLeft, top: area.scrollTop };
      area.setPointerCapture(e.pointerId);
    });
    area.addEventListener('pointermove', function (e) {
      if (!drag) return;
      area.scrollLeft = drag.left - (e.clientX - drag.x);
      area.scrollTop = drag.top - (e.clientY - drag.y);
    });
    area.addEventListener('pointerup', function () {
      drag = undefined;
    });
    area.addEventListener('keydown', function (e) {
      if (e.key === '+' || e.key === '=') setScale(zoom.scale * 1.5);
      if (e.key === '-') setScale(zoom.scale / 1.5);
    });
  }
  function zoomDialog() {
    var dialog = node('dialog', 'zoom');
    var bar = node('div', 'zoom-bar');
    dialog.heading = node('h2', 'zoom-title');
    dialog.heading.id = 'zoom-title';
    dialog.setAttribute('aria-labelledby', 'zoom-title');
    bar.appendChild(dialog.heading);
    bar.appendChild(
      button(t('zoomOut'), function () {
        setScale(zoom.scale / 1.5);
      }),
    );
    bar.appendChild(
      button(t('zoomIn'), function () {
        setScale(zoom.scale * 1.5);
      }),
    );
    dialog.pdfLink = node('a', 'zoom-pdf', t('zoomPdf'));
    dialog.pdfLink.hidden = !tools.dataset.pdf;
    bar.appendChild(dialog.pdfLink);
    bar.appendChild(
      button(t('zoomClose'), function () {
        dialog.close();
      }),
    );
    dialog.appendChild(bar);
    dialog.area = node('div', 'zoom-area');
    dialog.area.tabIndex = 0;
    dialog.area.setAttribute('aria-label', t('zoomHint'));
    dialog.img = node('img');
    dialog.img.alt = '';
    dialog.area.appendChild(dialog.img);
    dialog.appendChild(dialog.area);
    dragToMove(dialog.area);
    document.body.appendChild(dialog);
    return dialog;
  }
  /** Opens the page enlarged, centred on `at` (the clicked point, as fractions of the image; the top centre from the keyboard). */
  function openZoom(link, at) {
    var n = link.closest('.doc-page').id.replace('page-', '');
    var shown = link.querySelector('img');
    zoom = zoom || zoomDialog();
    zoom.heading.textContent = t('zoomTitle', { noun: t(tools.dataset.noun), n: n });
    zoom.pdfLink.href = tools.dataset.pdf ? tools.dataset.pdf + '#page=' + n : '#';
    // The page image's proportions, so the enlarged one has its height before it has loaded.
    zoom.img.style.aspectRatio = shown.getAttribute('width') + ' / ' + shown.getAttribute('height');
    zoom.img.src = link.href;
    zoom.scale = 2;
    zoom.img.style.width = '200%';
    zoom.showModal();
    var area = zoom.area;
    area.scrollLeft = at.x * area.scrollWidth - area.clientWidth / 2;
    area.scrollTop = at.y * area.scrollHeight - area.clientHeight / 2;
    area.focus();
  }
  function addZoom() {
    document.querySelectorAll('.doc-page a.page-image').forEach(function (link) {
      link.addEventListener('click', function (e) {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        var box = link.querySelector('img').getBoundingClientRect();
        var byPointer = e.detail > 0 && box.width > 0 && box.height > 0;
        openZoom(link, byPointer ? { x: (e.clientX - box.left) / box.width, y: (e.clientY - box.top) / box.height } : { x: 0.5, y: 0 });
      });
    });
  }

  // Find in this document: the text of every page, this part's from the page, the others' fetched once.
  var texts;
  function pageTexts(doc) {
    var out = [];
    doc.querySelectorAll('.doc-page').forEach(function (section) {
      var body = section.querySelector('.page-text, .email-body, .email-text');
      if (!body) return;
      var clone = body.cloneNode(true);
      // A word split across lines is one word; a line break inside a paragraph is a space.
      clone.querySelectorAll('.hy').forEach(function (h) {
        h.remove();
      });
      out.push({ n: Number(section.id.replace('page-', '')), text: clone.textContent.replace(/\s+/g, ' ').trim() });
    });
    return out;
  }
  function allTexts() {
    if (texts) return texts;
    var here = pageTexts(document);
    var parts = partLinks.map(function (href, i) {
      if (i + 1 === part) return Promise.resolve(here);
      return fetch(href)
        .then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.text();
        })
        .then(function (html) {
          return pageTexts(new DOMParser().parseFromString(html, 'text/html'));
        });
    });
    texts = Promise.allSettled(parts).then(function (results) {
      var pages = [];
      var partial = false;
      results.forEach(function (r) {
        if (r.status === 'fulfilled') pages = pages.concat(r.value);
        else partial = true;
      });
      return {
        pages: pages.sort(function (a, b) {
          return a.n - b.n;
        }),
        partial: partial,
      };
    });
    return texts;
  }
  function snippet(text, at, length) {
    var from = Math.max(0, at - 60);
    var to = Math.min(text.length, at + length + 60);
    var p = node('span', 'find-snippet');
    p.appendChild(document.createTextNode((from > 0 ? '…' : '') + text.slice(from, at)));
    p.appendChild(node('mark', '', text.slice(at, at + length)));
    p.appendChild(document.createTextNode(text.slice(at + length, to) + (to < text.length ? '…' : '')));
    return p;
  }
  /** Marks the term in the page's text on this part, and shows the first mark. */
  function markIn(n, term) {
    var section = document.getElementById('page-' + n);
    var body = section && section.querySelector('.page-text, .email-body, .email-text');
    if (!body) return;
    body.querySelectorAll('mark.find-hit').forEach(function (m) {
      m.replaceWith(document.createTextNode(m.textContent));
    });
    body.normalize();
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    var hits = [];
    for (var textNode = walker.nextNode(); textNode; textNode = walker.nextNode()) {
      var at = textNode.data.toLowerCase().indexOf(term);
      if (at !== -1) hits.push([textNode, at]);
    }
    hits.forEach(function (hit) {
      var rest = hit[0].splitText(hit[1]);
      rest.splitText(term.length);
      rest.replaceWith(node('mark', 'find-hit', rest.data));
    });
    var first = body.querySelector('mark.find-hit');
    if (first) first.scrollIntoView({ block: 'center' });
  }
  function resultItem(page, at, term) {
    var li = node('li');
    var a = node('a', '', t(tools.dataset.noun) + ' ' + page.n);
    a.href = pageHref(page.n);
    a.addEventListener('click', function () {
      if (document.getElementById('page-' + page.n)) setTimeout(markIn, 0, page.n, term);
    });
    li.appendChild(a);
    li.appendChild(document.createTextNode(' '));
    li.appendChild(snippet(page.text, at, term.length));
    return li;
  }
  function addFind() {
    var input = document.getElementById('find-input');
    var summary = document.getElementById('find-summary');
    var list = document.getElementById('find-results');
    var runId = 0;
    async function find(e) {
      if (e) e.preventDefault();
      var id = ++runId;
      var term = input.value.trim().replace(/\s+/g, ' ').toLowerCase();
      list.textContent = '';
      summary.textContent = term ? t('findSearching') : '';
      if (!term) return;
      var all = await allTexts();
      if (id !== runId) return;
      var found = 0;
      all.pages.forEach(function (page) {
        var at = page.text.toLowerCase().indexOf(term);
        if (at === -1) return;
        found++;
        list.appendChild(resultItem(page, at, term));
      });
      summary.textContent = (found ? t('findResults', { count: found }) : t('findNone')) + (all.partial ? ' ' + t('findPartial') : '');
    }
    document.getElementById('find-form').addEventListener('submit', find);
    input.addEventListener('search', find);
  }

  /** The embed code, with the site's address when site.yml gave none (text: never an element of this page). */
  function fillEmbedCode() {
    var code = document.getElementById('embed-code');
    if (!code || code.value) return;
    var attr = function (v) {
      return String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    };
    var src = new URL(code.dataset.embedPath, location.href).href;
    code.value =
      '<iframe src="' +
      attr(src) +
      '" title="' +
      attr(code.dataset.frameTitle) +
      '" width="100%" height="800" loading="lazy" style="border:1px solid #ccc"></iframe>';
  }

  function start() {
    tools = document.getElementById('doc-tools');
    if (!tools) return;
    ui = JSON.parse(document.getElementById('viewer-ui').textContent);
    partLinks = JSON.parse(document.getElementById('viewer-parts').textContent);
    pageCount = Number(tools.dataset.pageCount);
    part = Number(tools.dataset.part);
    perPart = Number(tools.dataset.perPart);
    plural = new Intl.PluralRules(document.documentElement.lang || 'en');
    addPageBoxes();
    addCiteButtons();
    addZoom();
    addFind();
    fillEmbedCode();
    tools.hidden = false;
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
