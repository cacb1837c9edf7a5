// Runs on document and table pages (components/SearchHighlight.astro), as an
// inline module script allowed by its hash (see src/build/steps/own-scripts.ts).
// Arriving from a search hit (?highlight=), marks the words with Pagefind's
// highlighter and brings the first marked word into view: in the page the
// address points to (#page-N), or, for tables, the first marked row.
if (new URLSearchParams(location.search).has('highlight') && location.protocol !== 'file:') {
  var el = document.getElementById('search-highlight');
  var bundle = new URL(el.dataset.bundle, document.baseURI);
  import(new URL('pagefind-highlight.js', bundle).href).then(function (m) {
    new m.default({ highlightParam: 'highlight', markContext: el.dataset.markContext, addStyles: false });
    var reveal = el.dataset.reveal;
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var tries = 0;
    (function show() {
      var mark = (target || document).querySelector(':is(' + el.dataset.markContext + ') mark');
      if (mark) {
        var shown = reveal ? mark.closest(reveal) || mark : mark;
        if (reveal) shown.classList.add('hit');
        shown.scrollIntoView({ block: 'center' });
      } else if (tries++ < 40) setTimeout(show, 50);
    })();
  });
}
