// The page script, served as /assets/okr.<hash>.js (CSP: script-src 'self'; no inline script, no
// inline handlers). Everything works without it: it only adds the diagram's filter box,
// expand/collapse-all buttons, opens details for in-page links and before printing, and shows
// times in the reader's own time zone.
export const CLIENT_JS = `(function () {
  'use strict';
  var d = document;
  function all(sel, root) { return Array.prototype.slice.call((root || d).querySelectorAll(sel)); }
  function groups() { return all('details.co-details'); }

  all('[data-js-only]').forEach(function (el) { el.hidden = false; });

  all('[data-expand]').forEach(function (b) {
    b.addEventListener('click', function () {
      var open = b.getAttribute('data-expand') === 'all';
      groups().forEach(function (g) { g.open = open; });
    });
  });

  var input = d.getElementById('diagram-filter');
  var count = d.getElementById('filter-count');
  if (input) {
    var run = function () {
      var q = input.value.trim().toLowerCase();
      // Counted once per objective: the drawing and its phone version (the stacked list) both hold it.
      var found = {};
      var hits = 0;
      all('[data-search]').forEach(function (el) {
        var hit = q !== '' && (el.getAttribute('data-search') || '').indexOf(q) !== -1;
        el.classList.toggle('dim', q !== '' && !hit);
        el.classList.toggle('match', hit);
        if (hit) {
          var key = el.getAttribute('href') || '';
          if (!found[key]) hits++;
          found[key] = true;
          var g = el.closest('details');
          if (g) g.open = true;
        }
      });
      if (count) count.textContent = q ? hits + (hits === 1 ? ' match' : ' matches') : '';
    };
    input.addEventListener('input', run);
    if (input.value) run();
  }

  all('a[href^="#co-"]').forEach(function (a) {
    a.addEventListener('click', function () {
      var t = d.getElementById(a.getAttribute('href').slice(1));
      if (t && t.tagName === 'DETAILS') t.open = true;
    });
  });

  all('time[data-local]').forEach(function (t) {
    var v = new Date(t.getAttribute('datetime'));
    if (isNaN(v.getTime())) return;
    t.title = t.textContent;
    t.textContent = t.getAttribute('data-local') === 'date'
      ? v.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
      : v.toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  });

  window.addEventListener('beforeprint', function () {
    groups().forEach(function (g) { g.setAttribute('data-was-open', g.open ? '1' : ''); g.open = true; });
  });
  window.addEventListener('afterprint', function () {
    groups().forEach(function (g) { g.open = g.getAttribute('data-was-open') === '1'; });
  });
})();
`;
