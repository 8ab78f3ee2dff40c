// The operations page: plain DOM, no framework. Every value is inserted as text (never as HTML).
(function () {
  'use strict';
  var lastUser = null;

  function cell(row, value, cls) {
    var td = document.createElement('td');
    td.textContent = value === null || value === undefined ? '' : String(value);
    if (cls) { td.className = cls; }
    row.appendChild(td);
    return td;
  }
  function fill(id, rows, render) {
    var body = document.querySelector('#' + id + ' tbody');
    body.textContent = '';
    rows.forEach(function (item) { var tr = document.createElement('tr'); render(tr, item); body.appendChild(tr); });
  }
  function ms(v) { return v === null || v === undefined || v < 0 ? '' : v + ' ms'; }
  function age(v) { if (v === null || v === undefined) { return ''; } var s = Math.round(v / 1000); return s < 120 ? s + ' s' : Math.round(s / 60) + ' min'; }
  function token() { var m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/); return m ? decodeURIComponent(m[1]) : ''; }

  function load() {
    fetch('console-api/overview', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      .then(function (r) { if (!r.ok) { throw new Error('overview: HTTP ' + r.status); } return r.json(); })
      .then(render)
      .catch(function (e) { document.getElementById('error').textContent = e.message; });
  }

  function render(o) {
    document.getElementById('error').textContent = '';
    lastUser = o.user;
    document.getElementById('user').textContent = 'signed in as ' + o.user;
    document.getElementById('at').textContent = 'As of ' + o.at + '.';
    fill('connectors', o.connectors, function (tr, c) {
      cell(tr, c.title + ' (' + c.name + ')');
      cell(tr, c.status + (c.probe && c.probe.error ? ': ' + c.probe.error : ''), c.status);
      cell(tr, c.circuit, c.circuit);
      cell(tr, ms(c.probe && c.probe.latencyMs));
      cell(tr, c.calls.callsLast5m + ' / ' + c.calls.failuresLast5m);
      cell(tr, (c.calls.errorRateLast5m * 100).toFixed(0) + ' %');
      cell(tr, ms(c.calls.meanLatencyMsLast5m));
      cell(tr, c.lastError ? c.lastError + ' (' + c.lastErrorAt + ')' : '');
    });
    var b = o.backlogs;
    fill('backlogs', [
      ['Dossier events → portal', b.dossierEvents.pending, b.dossierEvents.held, b.dossierEvents.failed, b.dossierEvents.byState],
      ['Online dossiers → iGate', b.onlineDossiers.pending, '', b.onlineDossiers.failed, b.onlineDossiers.byState],
      ['Documents → axis', b.axisOutbound.pending, '', b.axisOutbound.failed, b.axisOutbound.byState],
      ['Intake batches in progress', b.intakeBatches.inProgress, '', '', b.intakeBatches.byState]
    ], function (tr, r) { cell(tr, r[0]); cell(tr, r[1]); cell(tr, r[2]); cell(tr, r[3], r[3] > 0 ? 'DOWN' : ''); cell(tr, JSON.stringify(r[4])); });
    fill('outcomes', Object.keys(o.routeOutcomes), function (tr, route) {
      var x = o.routeOutcomes[route];
      cell(tr, route); cell(tr, x.ok || 0); cell(tr, x.refused || 0);
      cell(tr, x.unavailable || 0, x.unavailable ? 'DOWN' : ''); cell(tr, x.internal_error || 0, x.internal_error ? 'DOWN' : '');
      cell(tr, x.dead_letter || 0, x.dead_letter ? 'DOWN' : '');
    });
    fill('queues', o.broker.available ? o.broker.queues : [], function (tr, q) {
      cell(tr, q.name, q.deadLetterQueue && q.depth > 0 ? 'DOWN' : ''); cell(tr, q.depth); cell(tr, q.consumers);
      cell(tr, age(q.oldestMessageAgeMs)); cell(tr, q.messagesAdded);
    });
    if (!o.broker.available) { document.getElementById('error').textContent = o.broker.note; }
    var m = o.messageLog;
    document.getElementById('chain').textContent = 'Last record ' + m.lastRecord + '; last seal no. ' + m.lastSealNo + ' at ' +
      (m.lastSealAt || 'never') + ', covering records up to ' + m.lastSealedRecord + '; ' + m.unsealedRecords +
      ' records wait for the next seal. Verify the whole chain: /admin/message-log/verify (admin).';
  }

  function findLetters(id) {
    fetch('console-api/dead-letters' + (id ? '?id=' + encodeURIComponent(id) : ''), {credentials: 'same-origin'})
      .then(function (r) { return r.json(); })
      .then(function (letters) {
        fill('letters', letters, function (tr, l) {
          cell(tr, l.queue); cell(tr, (l.businessIdName || 'message') + ' ' + (l.businessId || l.messageId)); cell(tr, l.dossierCode);
          cell(tr, l.reason); cell(tr, l.originalAddress); cell(tr, l.deadLetteredAt);
          var td = cell(tr, '');
          ['retry', 'delete'].forEach(function (action) {
            var button = document.createElement('button');
            button.textContent = action === 'retry' ? 'Retry' : 'Delete';
            button.addEventListener('click', function () { act(action, l); });
            td.appendChild(button);
          });
        });
      });
  }

  // the confirmation step: the operator types the business id of what is repaired; the server checks it again
  function act(action, letter) {
    var expected = letter.businessId || String(letter.messageId);
    var typed = window.prompt((action === 'retry' ? 'Send back to ' + letter.originalAddress : 'Delete for good') +
      ' the dead letter of ' + expected + '?\nType ' + expected + ' to confirm.');
    if (typed === null) { return; }
    fetch('admin/dead-letters/' + encodeURIComponent(letter.queue) + '/' + letter.messageId + '/' + action + '?confirm=' +
        encodeURIComponent(typed), {method: 'POST', credentials: 'same-origin', headers: {'X-XSRF-TOKEN': token()}})
      .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, status: r.status, body: body}; }); })
      .then(function (a) {
        window.alert(a.ok ? 'Done: ' + a.body.result : (a.status === 403 ? 'Your role cannot do this (admin only). ' : '') + (a.body.message || a.body.code));
        findLetters(document.getElementById('find').value); load();
      });
  }

  document.getElementById('findButton').addEventListener('click', function () { findLetters(document.getElementById('find').value); });
  document.getElementById('allButton').addEventListener('click', function () { document.getElementById('find').value = ''; findLetters(''); });
  load();
  findLetters('');
  setInterval(load, 10000);
}());
