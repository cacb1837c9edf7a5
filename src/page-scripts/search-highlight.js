// Runs on document and table pages (components/SearchHighlight.astro), as an
// inline module script allowed by its hash (see src/build/steps/own-scripts.ts).
// Arriving from a search hit (?highlight=), marks the words with Pagefind's
// highlighter and, for tables, scrolls the first marked row into view.
if (new URLSearchParams(location.search).has('highlight') && location.protocol !== 'file:') {
  var el = document.getElementById('search-highlight');
  var bundle = new URL(el.dataset.bundle, document.baseURI);
  import(new URL('pagefind-highlight.js', bundle).href).then(function (m) {
    new m.default({ highlightParam: 'highlight', markContext: el.dataset.markContext, addStyles: false });
    var reveal = el.dataset.reveal;
    if (!reveal) return;
    var tries = 0;
    (function show() {
      var mark = document.querySelector(el.dataset.markContext + ' mark');
      if (mark) {
        var target = mark.closest(reveal) || mark;
        target.classList.add('hit');
        target.scrollIntoView({ block: 'center' });
      } else if (tries++ < 40) setTimeout(show, 50);
    })();
  });
}
