// pipelens history: keyboard navigation of tables, the log view's live tail, and bringing the
// line that explains a failure into view. Pages work without it.
(function () {
  'use strict';

  // Tables with data-rows: one row in the tab order at a time (roving focus); arrows, Home and End
  // move it, Enter opens the row's link.
  function rovingRows(table) {
    var rows = Array.prototype.filter.call(table.tBodies[0] ? table.tBodies[0].rows : [], function (r) {
      return r.hasAttribute('data-href');
    });
    if (!rows.length) { return; }
    rows.forEach(function (row, i) {
      row.tabIndex = i === 0 ? 0 : -1;
      row.addEventListener('focus', function () {
        rows.forEach(function (r) { r.tabIndex = -1; });
        row.tabIndex = 0;
      });
    });
    table.addEventListener('keydown', function (event) {
      var row = event.target.closest ? event.target.closest('tr[data-href]') : null;
      if (!row || event.target !== row) { return; }
      var i = rows.indexOf(row), next = -1;
      switch (event.key) {
        case 'ArrowDown': next = Math.min(rows.length - 1, i + 1); break;
        case 'ArrowUp': next = Math.max(0, i - 1); break;
        case 'Home': next = 0; break;
        case 'End': next = rows.length - 1; break;
        case 'Enter': window.location.assign(row.getAttribute('data-href')); event.preventDefault(); return;
        default: return;
      }
      event.preventDefault();
      rows[next].focus();
    });
  }

  // The log view's live tail: asks /ui/api/logs for the lines after the newest shown, every 2 s.
  function liveTail(button) {
    var list = document.getElementById('log-lines');
    var status = document.getElementById('tail-status');
    var timer = null;
    function line(hit) {
      var li = document.createElement('li');
      li.className = 'line level-' + (hit.level || 'none');
      li.setAttribute('data-id', hit.id);
      var time = document.createElement('time');
      time.setAttribute('datetime', hit.timestamp);
      time.textContent = hit.timestamp.replace('T', ' ').replace(/(\.\d{3})\d*Z$/, '$1').replace(/Z$/, '.000');
      var lvl = document.createElement('span');
      lvl.className = 'lvl';
      lvl.textContent = (hit.level || '').toUpperCase();
      var src = document.createElement('span');
      src.className = 'src';
      src.textContent = [hit.pod, hit.container].filter(Boolean).join('/') || (hit.executor ? 'executor ' + hit.executor : '');
      var msg = document.createElement('span');
      msg.className = 'msg';
      msg.textContent = hit.message || '';
      li.append(time, lvl, src, msg);
      return li;
    }
    function poll() {
      var url = list.getAttribute('data-api');
      var cursor = list.getAttribute('data-newer');
      if (cursor) { url += '&newer=' + encodeURIComponent(cursor); }
      fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.json();
      }).then(function (page) {
        if (!cursor) {
          // Nothing was shown yet: the first answer is the newest page; show it whole.
          list.textContent = '';
        }
        page.hits.forEach(function (hit) {
          if (!list.querySelector('li[data-id="' + CSS.escape(hit.id) + '"]')) { list.append(line(hit)); }
        });
        if (page.newer) { list.setAttribute('data-newer', page.newer); }
        var empty = document.getElementById('no-lines');
        if (empty && list.children.length) { empty.hidden = true; }
        status.textContent = 'Live: ' + page.hits.length + ' new lines at ' + new Date().toISOString().slice(11, 19) + ' UTC';
        if (page.hits.length) { list.lastElementChild.scrollIntoView({ block: 'nearest' }); }
      }).catch(function (e) {
        status.textContent = 'Live tail paused: ' + e.message;
      });
    }
    button.addEventListener('click', function () {
      var on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      if (on) { poll(); timer = window.setInterval(poll, 2000); status.textContent = 'Live tail on'; }
      else { window.clearInterval(timer); status.textContent = 'Live tail off'; }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('table[data-rows]'), rovingRows);
    var tail = document.getElementById('tail');
    if (tail) { liveTail(tail); }
    // A failed task's log page: logs written to the second put many lines in the task's window, so
    // the first line that matches its error is scrolled to rather than left below the fold.
    var match = document.querySelector('#log-lines li.match');
    if (match) { match.scrollIntoView({ block: 'center' }); }
  });
})();
