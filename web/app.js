// The workbench page: plain JavaScript, no packages (see docs/serve.md for why). Every figure
// comes from the server's API, which returns the library's own JSON; this file only lays
// the figures out, draws nothing itself (charts are the library's SVG) and computes nothing.
'use strict';

const $ = (sel) => document.querySelector(sel);
const state = { format: 'yaml', scenario: null, yaml: '', last: null, job: null, timer: null, seq: 0 };
window.fulcrum = state; // for the browser test and the curious

function setStatus(text) { $('#status').textContent = text; }

function contentType() {
  if (state.format === 'csv') return 'text/csv';
  return /^\s*[{[]/.test($('#text').value) ? 'application/json' : 'application/yaml';
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.append(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

// One call of the API: {ok, status, body} with body the parsed JSON envelope.
async function api(method, path, params, body, type) {
  const opts = { method, headers: {} };
  if (body !== undefined) { opts.body = body; opts.headers['Content-Type'] = type || contentType(); }
  const res = await fetch('/api/' + path + query(params || {}), opts);
  let json = null;
  try { json = await res.json(); } catch (e) { json = { error: { message: 'not JSON: ' + e } }; }
  return { ok: res.ok, status: res.status, body: json };
}

function model() { const m = $('#model').value; return m === 'all' ? undefined : m; }

function fmt(x, digits) {
  if (x === null || x === undefined) return '';
  if (typeof x !== 'number') return String(x);
  return Number.isInteger(x) ? String(x) : x.toFixed(digits === undefined ? 2 : digits);
}

function cell(tr, value, digits) {
  const td = document.createElement('td');
  td.textContent = fmt(value, digits);
  if (typeof value === 'number') { td.className = 'num'; td.dataset.value = String(value); td.title = String(value); }
  tr.appendChild(td);
  return td;
}

// ---- The editor: text, line numbers, the error at its line ----

function drawGutter(badLine) {
  const n = $('#text').value.split('\n').length;
  const g = $('#gutter');
  g.textContent = '';
  for (let i = 1; i <= n; i++) {
    const span = document.createElement('span');
    span.textContent = i + '\n';
    if (i === badLine) span.className = 'bad';
    g.appendChild(span);
  }
  g.scrollTop = $('#text').scrollTop;
}

function showError(err) {
  if (!err) { $('#error').textContent = ''; drawGutter(0); return; }
  const e = err.error || err;
  const where = e.line ? 'line ' + e.line + (e.column ? ':' + e.column : '') + ': ' : '';
  $('#error').textContent = where + (e.field ? e.field + ': ' : '') + (e.message || 'error');
  $('#error').dataset.line = e.line || '';
  drawGutter(e.line || 0);
}

function schedule(fromTable) {
  clearTimeout(state.timer);
  state.timer = setTimeout(() => refresh(fromTable), fromTable ? 0 : 250);
}

// Validates the text, redraws the actors table (unless the table made the change), forecasts.
async function refresh(fromTable) {
  const seq = ++state.seq;
  drawGutter(0);
  const v = await api('POST', 'validate', {}, $('#text').value);
  if (seq !== state.seq) return;
  if (!v.ok) { showError(v.body.error); setStatus('the case has an error'); return; }
  showError(null);
  state.scenario = v.body.result.scenario;
  state.yaml = v.body.result.yaml;
  if (!fromTable) drawActors();
  await forecast(seq);
}

function issueOf(sc) { return sc.issues && sc.issues.length ? sc.issues[0] : null; }

function drawActors() {
  const sc = state.scenario, issue = issueOf(sc), body = $('#actors tbody');
  body.textContent = '';
  $('#issue-line').textContent = issue ? issue.label + ' (' + issue.min + ' to ' + issue.max + ')' : '';
  if (!issue) return;
  const salMax = sc.salience_scale === 1 ? 1 : 100;
  sc.actors.forEach((a, i) => {
    const st = a.stances && a.stances[issue.id];
    const tr = document.createElement('tr');
    const name = document.createElement('td');
    name.textContent = a.name || a.id;
    tr.appendChild(name);
    const slot = (value, min, max, step, set, label) => {
      const td = document.createElement('td');
      if (value === undefined) { tr.appendChild(td); return; }
      const range = document.createElement('input');
      range.type = 'range'; range.min = min; range.max = max; range.step = step; range.value = value;
      range.setAttribute('aria-label', label + ' of ' + a.id);
      const num = document.createElement('input');
      num.type = 'number'; num.min = min; num.max = max; num.step = step; num.value = value;
      num.setAttribute('aria-label', label + ' of ' + a.id + ' (number)');
      num.dataset.actor = a.id; num.dataset.field = label; num.dataset.applied = String(value);
      // A number field also fires "change" when it loses focus: only a new value counts.
      const apply = (src, other) => {
        const x = Number(src.value);
        if (!Number.isFinite(x) || src.value === num.dataset.applied) return;
        num.dataset.applied = src.value;
        other.value = src.value;
        set(x);
        tableChanged();
      };
      range.addEventListener('input', () => apply(range, num));
      num.addEventListener('change', () => apply(num, range));
      td.appendChild(range); td.appendChild(num); tr.appendChild(td);
    };
    slot(st && st.position, issue.min, issue.max, (issue.max - issue.min) / 100, (x) => { st.position = x; }, 'position');
    slot(st && st.salience, 0, salMax, salMax / 100, (x) => { st.salience = x; }, 'salience');
    slot(a.capability, 0, Math.max(100, a.capability * 2), 1, (x) => { sc.actors[i].capability = x; }, 'capability');
    body.appendChild(tr);
  });
}

// A change in the table: the scenario goes back through the library's writer as YAML, so the
// text stays the one source of truth.
async function tableChanged() {
  const seq = ++state.seq;
  const v = await api('POST', 'validate', {}, JSON.stringify(state.scenario), 'application/json');
  if (seq !== state.seq) return;
  if (!v.ok) { showError(v.body.error); return; }
  state.format = 'yaml';
  $('#text').value = v.body.result.yaml;
  state.yaml = v.body.result.yaml;
  showError(null);
  await forecast(seq);
}

// ---- Charts: the library's SVG ----

let chartCount = 0;

async function chart(target, params) {
  const r = await api('POST', 'chart', params, $('#text').value);
  const fig = $(target);
  if (!r.ok) { fig.textContent = (r.body.error && r.body.error.message) || 'no chart'; return; }
  // cairo names its glyphs and clips glyph-0-1, clip-1, ... in every chart: inline in one
  // page, a second chart would draw with the first one's glyphs. Each chart gets its own names.
  const prefix = 'c' + (++chartCount) + '-';
  const svgText = r.body.result.svg
    .replace(/\bid="([^"]+)"/g, (m, id) => 'id="' + prefix + id + '"')
    .replace(/(href="#|url\(#)([^")]+)/g, (m, head, id) => head + prefix + id);
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const svg = doc.documentElement;
  svg.querySelectorAll('script').forEach((s) => s.remove());
  fig.textContent = '';
  fig.appendChild(document.importNode(svg, true));
}

// ---- Forecast ----

async function forecast(seq) {
  setStatus('forecasting…');
  const r = await api('POST', 'forecast', { model: model() }, $('#text').value);
  if (seq !== undefined && seq !== state.seq) return;
  if (!r.ok) { showError(r.body.error); setStatus('forecast failed'); return; }
  state.last = r.body.result;
  const body = $('#forecasts tbody');
  body.textContent = '';
  // One entry per model and issue (format_version 2): with several issues, each row names its
  // issue, and smp's rows say that it bargained over all of them at once.
  const several = (r.body.result.issues || []).length > 1;
  for (const f of r.body.result.forecasts) {
    const tr = document.createElement('tr');
    cell(tr, several ? f.model + ' · ' + f.issue + (f.joint ? ' (joint)' : '') : f.model); cell(tr, f.preset || '');
    const td = cell(tr, f.forecast);
    td.dataset.model = f.model + (f.preset ? ':' + f.preset : '');
    cell(tr, f.n_rounds);
    body.appendChild(tr);
  }
  setStatus('forecast ' + (r.body.run ? '(run ' + r.body.run + ')' : 'done'));
  const m = model();
  await Promise.all([chart('#chart-issue', { kind: 'issue', model: m }),
                     chart('#chart-trajectory', { kind: 'trajectory', model: m }),
                     chart('#chart-bargains', { kind: 'bargains', model: m })]);
}

// ---- Dilemma: the verdict first ----

async function dilemma() {
  setStatus('comparing the choices…');
  const mode = $('#mode').value;
  const r = await api('POST', 'dilemma', { model: model(), mode }, $('#text').value);
  if (!r.ok) { showError(r.body.error); setStatus('dilemma failed'); return; }
  // One issue: the dilemma itself. Several: the verdict over every issue (totals) and one
  // block of rows per issue, as `fulcrum dilemma --format json` shapes them.
  const d = r.body.result, labels = {};
  const parts = Array.isArray(d.issues) ? d.issues : [d];
  const several = parts.length > 1 || Array.isArray(d.issues);
  parts[0].choices.forEach((c) => { labels[c.id] = c.label; });
  const verdict = $('#verdict');
  verdict.textContent = '';
  for (const m of (Array.isArray(d.totals) ? d.totals : d.models)) {
    if (!m.best) continue;
    const p = document.createElement('p');
    const b = document.createElement('strong');
    b.textContent = labels[m.best] || m.best;
    p.append(m.model + (m.preset ? ' (' + m.preset + ')' : '') + ': ', b,
             ' is best for ' + d.decider + (several ? ' over every issue' : '') +
             (m.runner_up ? ', ahead of ' + (labels[m.runner_up] || m.runner_up) + ' by ' + fmt(m.margin, 3) : ''));
    verdict.appendChild(p);
  }
  // The article's either/or, as `fulcrum dilemma` opens with it (over every issue when several).
  const eo = d.either_or;
  if (eo && eo.counted) {
    const p = document.createElement('p');
    const b = document.createElement('strong');
    b.textContent = 'The either/or: ';
    p.append(b, (labels[eo.choice] || eo.choice) + ' beats ' + (labels[eo.over] || eo.over) + ' in ' +
             Math.round(100 * eo.p) + '% of ' + eo.counted + ' runs over the estimates\' uncertainty (90% interval of the margin ' +
             fmt(eo.low, 3) + ' to ' + fmt(eo.high, 3) + ')' + (several ? ', summed over the issues.' : '.'));
    verdict.prepend(p);
  }
  const t = $('#dilemma');
  t.textContent = '';
  const head = document.createElement('tr');
  const columns = ['Model', 'Choice', 'Outcome', 'Challenges', 'Conflicts', 'Instability', d.decider + "'s utility"];
  if (several) columns.unshift('Issue');
  columns.forEach((h) => {
    const th = document.createElement('th'); th.textContent = h; head.appendChild(th);
  });
  t.appendChild(head);
  for (const part of parts) for (const m of part.models) for (const c of m.choices) {
    const tr = document.createElement('tr');
    if (several) cell(tr, part.issue && part.issue.id ? part.issue.id : part.issue);
    cell(tr, m.model + (m.preset ? ':' + m.preset : '')); cell(tr, labels[c.choice] || c.choice);
    cell(tr, c.outcome); cell(tr, c.n_challenges); cell(tr, c.n_conflicts); cell(tr, c.instability, 3);
    cell(tr, c.utility ? c.utility[d.decider] : null, 4);
    t.appendChild(tr);
  }
  setStatus('dilemma ' + (r.body.run ? '(run ' + r.body.run + ')' : 'done'));
  await chart('#chart-dilemma', { kind: 'dilemma', model: model(), mode });
}

// ---- Sweep: a job with progress and cancel ----

async function sweep() {
  const runs = $('#runs').value, seed = $('#seed').value;
  const params = { model: model(), runs, seed, choices: $('#choices').checked ? 1 : undefined };
  const r = await api('POST', 'sweep', params, $('#text').value);
  if (!r.ok) { showError(r.body.error); setStatus('sweep refused'); return; }
  state.job = r.body.job.id;
  $('#cancel-sweep').disabled = false;
  $('#run-sweep').disabled = true;
  $('#sweep').textContent = '';
  $('#chart-sweep').textContent = '';
  poll(state.job, runs);
}

async function poll(id, runs) {
  const r = await api('GET', 'jobs/' + id);
  if (!r.ok) { setStatus('sweep lost'); return; }
  const j = r.body.job;
  const pct = j.total ? Math.floor(100 * j.done / j.total) : 0;
  $('#sweep-progress').value = pct;
  $('#sweep-percent').textContent = pct + '%';
  if (j.state === 'running') { setTimeout(() => poll(id, runs), 150); return; }
  $('#cancel-sweep').disabled = true;
  $('#run-sweep').disabled = false;
  if (j.state !== 'done') { showError(j.error); setStatus('sweep ' + j.state); return; }
  $('#sweep-progress').value = 100;
  $('#sweep-percent').textContent = '100%';
  const t = $('#sweep');
  t.textContent = '';
  const head = document.createElement('tr');
  ['Issue', 'Runs', 'Mean', 'SD', '5%', 'Median', '95%'].forEach((h) => {
    const th = document.createElement('th'); th.textContent = h; head.appendChild(th);
  });
  t.appendChild(head);
  for (const o of j.result.outcome) {
    const tr = document.createElement('tr');
    cell(tr, o.issue); cell(tr, o.n); cell(tr, o.mean); cell(tr, o.sd);
    cell(tr, o.percentiles['5']); cell(tr, o.percentiles['50']); cell(tr, o.percentiles['95']);
    t.appendChild(tr);
  }
  setStatus('sweep done (run ' + j.run + ', ' + fmt(j.seconds, 1) + ' s)');
  await chart('#chart-sweep', { kind: 'sweep', model: model(), runs });
}

// ---- Game ----

async function game() {
  const r = await api('POST', 'game', {}, $('#text').value);
  $('#game').textContent = r.ok ? r.body.result.text : (r.body.error && r.body.error.text) || 'failed';
}

// ---- Runs: history, compare, rerun ----

function ticked() { return [...document.querySelectorAll('#runs-table input:checked')].map((i) => i.value); }

async function runs() {
  const r = await api('GET', 'runs', { limit: 50 });
  const body = $('#runs-table tbody');
  body.textContent = '';
  if (!r.ok) { $('#runs-note').textContent = r.body.error.message; return; }
  for (const run of r.body.runs) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    const box = document.createElement('input');
    box.type = 'checkbox'; box.value = run.id; box.setAttribute('aria-label', 'run ' + run.id);
    td.appendChild(box); tr.appendChild(td);
    cell(tr, run.id); cell(tr, run.created); cell(tr, run.command);
    cell(tr, run.scenario_sha256.slice(0, 12));
    cell(tr, run.params.map((p) => p.join('=')).join(' '));
    body.appendChild(tr);
  }
}

async function compare() {
  const ids = ticked();
  if (ids.length !== 2) { $('#runs-note').textContent = 'tick two runs'; return; }
  const out = $('#compare');
  out.textContent = '';
  for (const id of ids) {
    const r = await api('GET', 'runs/' + id);
    const pre = document.createElement('pre');
    pre.textContent = r.ok ? JSON.stringify({ command: r.body.run.command, params: r.body.run.params,
                                              scenario_sha256: r.body.run.scenario_sha256,
                                              result: r.body.run.result }, null, 1) : r.body.error.message;
    out.appendChild(pre);
  }
}

async function rerun() {
  const ids = ticked();
  const notes = [];
  for (const id of ids) {
    const r = await api('POST', 'runs/' + id + '/rerun');
    notes.push(r.ok ? 'run ' + id + (r.body.same ? ': the same, bit for bit' : ': DIFFERENT') : r.body.error.message);
  }
  $('#runs-note').textContent = notes.join('; ');
}

// ---- Downloads ----

function save(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url; a.download = name;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function download(what) {
  const text = $('#text').value;
  if (what === 'yaml') return save('scenario.yaml', 'application/yaml', state.yaml || text);
  if (what === 'json') return save('scenario.json', 'application/json', JSON.stringify(state.scenario, null, 2));
  if (what === 'csv') {
    const r = await api('POST', 'forecast', { model: model(), format: 'csv' }, text);
    if (r.ok) save('forecast.csv', 'text/csv', r.body.result.csv); else showError(r.body.error);
    return;
  }
  if (what === 'report') {
    setStatus('writing the report…');
    const r = await api('POST', 'report', { model: model(), dilemma: 1 }, text);
    if (r.ok) { save('report.html', 'text/html', r.body.result.html); setStatus('report saved'); }
    else showError(r.body.error);
    return;
  }
  const r = await api('POST', 'chart', { kind: 'issue', model: model() }, text);
  if (r.ok) save('issue.svg', 'image/svg+xml', r.body.result.svg); else showError(r.body.error);
}

// ---- Cases: the built-in one, the served ones, an uploaded file ----

async function openCase(name) {
  const r = await api('GET', 'scenarios/' + encodeURIComponent(name));
  if (!r.ok) { showError(r.body.error); return; }
  state.format = r.body.format === 'csv' ? 'csv' : 'yaml';
  $('#text').value = r.body.text;
  refresh(false);
}

async function start() {
  const [models, cases] = await Promise.all([api('GET', 'models'), api('GET', 'scenarios')]);
  if (models.ok) for (const m of models.body.models) {
    const o = document.createElement('option'); o.value = o.textContent = m.name; $('#model').appendChild(o);
  }
  if (cases.ok) for (const c of cases.body.scenarios) {
    const o = document.createElement('option');
    o.value = c.name; o.textContent = c.name === 'builtin' ? 'built-in: ' + c.title : c.name;
    $('#case').appendChild(o);
  }
  $('#case').addEventListener('change', () => openCase($('#case').value));
  $('#model').addEventListener('change', () => forecast());
  $('#text').addEventListener('input', () => { if (state.format === 'csv' && /^\s*[a-z_]+:/m.test($('#text').value)) state.format = 'yaml'; schedule(false); });
  $('#text').addEventListener('scroll', () => { $('#gutter').scrollTop = $('#text').scrollTop; });
  $('#upload').addEventListener('change', async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    state.format = /\.csv$/i.test(f.name) ? 'csv' : 'yaml';
    $('#text').value = await f.text();
    refresh(false);
  });
  document.querySelectorAll('#tabs button').forEach((b) => b.addEventListener('click', () => {
    document.querySelectorAll('#tabs button').forEach((x) => x.setAttribute('aria-selected', String(x === b)));
    document.querySelectorAll('.tab').forEach((t) => { t.hidden = t.id !== 'tab-' + b.dataset.tab; });
    if (b.dataset.tab === 'runs') runs();
  }));
  document.querySelectorAll('[data-download]').forEach((b) => b.addEventListener('click', () => download(b.dataset.download)));
  $('#run-dilemma').addEventListener('click', dilemma);
  $('#run-sweep').addEventListener('click', sweep);
  $('#cancel-sweep').addEventListener('click', () => { if (state.job) api('POST', 'jobs/' + state.job + '/cancel'); });
  $('#run-game').addEventListener('click', game);
  $('#refresh-runs').addEventListener('click', runs);
  $('#compare-runs').addEventListener('click', compare);
  $('#rerun-run').addEventListener('click', rerun);
  await openCase('builtin');
}

start();
