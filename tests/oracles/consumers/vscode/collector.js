// VS Code oracle collector: loaded as `extensionTestsPath` into the extension host of VS Code
// 1.139.1 (code-server's bundled VS Code server, started by driver.js). Opens every case file in
// an editor, waits until VS Code's own prompt-file validator (promptValidator.ts, marker owner
// `prompts-diagnostics-provider`) has run on it, and writes one JSON line per case.
//
// Why editors and a probe (see README.md, "How a verdict is read"):
//  - VS Code 1.139 validates a prompt/agent/instructions/skill model only while it is shown in a
//    code editor (PromptValidatorContribution tracks codeEditorService editors), 200 ms after
//    the model arrives, and removes the markers again when the editor moves to another model.
//    So cases go in rounds of up to 9, each in its own editor group, read while shown.
//  - The validator publishes with markerService.changeOne(); an empty result for a model that
//    had no markers fires no event, so silence proves nothing. Every file is therefore probed:
//    append a line that surely yields a marker (a link to a missing file in the body, or a broken
//    YAML line when the header is unclosed), wait for that marker, delete the line again (the
//    text is then identical to the file), and wait for the validator's next publish, which
//    removes the probe marker. What remains is VS Code's verdict on the unmodified text.
//    (AGENTLS_VSCODE_PROBE_ALL=0 probes only files that stay silent for a quiet period.)
//    Nothing is saved: the files on disk are never written.
'use strict';

const vscode = require('vscode');
const fs = require('fs');
const path = require('path');

const PROMPT_LANGUAGES = new Set(['chatagent', 'prompt', 'instructions', 'skill']);
const PROBE_FILE = '__agentls_oracle_probe__.md';
const SEVERITY = ['error', 'warning', 'information', 'hint'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function tabOf(uri) {
  for (const g of vscode.window.tabGroups.all) {
    for (const t of g.tabs) if (t.input && t.input.uri && t.input.uri.toString() === uri.toString()) return t;
  }
  return undefined;
}

/** Closes a case's editor so tabs and models do not pile up. A probed document is dirty (same
 * text, new version); in an extension test run VS Code answers its save confirmation with "don't
 * save" by itself (AbstractFileDialogService.skipDialogs), so nothing is written. */
async function closeCase(doc) {
  const tab = tabOf(doc.uri);
  if (tab) await vscode.window.tabGroups.close(tab, true).catch(() => {});
}

async function waitFor(pred, timeout) {
  const deadline = Date.now() + timeout;
  while (!pred() && Date.now() < deadline) await sleep(10);
  return pred();
}

function loadConfig() {
  const file = process.env.AGENTLS_VSCODE_ORACLE_CONFIG;
  if (!file) throw new Error('AGENTLS_VSCODE_ORACLE_CONFIG is not set in the extension host');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function listCases(casesDir) {
  const manifest = path.join(casesDir, 'cases.json');
  if (fs.existsSync(manifest)) {
    const list = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    return list.map((c) => ({ case: String(c.case), file: String(c.file) }));
  }
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.git') walk(p);
      } else if (e.isFile() && e.name.endsWith('.md')) {
        const rel = path.relative(casesDir, p).split(path.sep).join('/');
        out.push({ case: rel, file: rel });
      }
    }
  };
  walk(casesDir);
  return out;
}

/** The line the body parser of VS Code 1.139 (promptFileParser.ts) ends in: inside a code fence or
 * not, and whether the file has a body at all (an unclosed `---` header swallows the file). */
function shapeOf(text) {
  const lines = text.split(/(?<=\n)/);
  let bodyStart = 0;
  let headerUnclosed = false;
  if (lines.length && /^---[\s\r\n]*$/.test(lines[0])) {
    const close = lines.findIndex((l, i) => i > 0 && /^---[\s\r\n]*$/.test(l));
    if (close === -1) headerUnclosed = true;
    else bodyStart = close + 1;
  }
  let inFence = false;
  let fenceChar;
  let fenceLen = 0;
  if (!headerUnclosed) {
    for (let i = bodyStart; i < lines.length; i++) {
      const t = lines[i].trimStart();
      const m = /^(`{3,}|~{3,})/u.exec(t);
      if (!m) continue;
      const fence = m[1];
      if (!inFence) {
        inFence = true;
        fenceChar = fence[0];
        fenceLen = fence.length;
      } else if (fence[0] === fenceChar && fence.length >= fenceLen && /^\s*$/.test(t.slice(fence.length))) {
        inFence = false;
      }
    }
  }
  return { headerUnclosed, inFence, fenceChar, fenceLen };
}

/** The probe: where to insert which text, how to recognise its markers, and how to remove it. */
function probeFor(doc) {
  const shape = shapeOf(doc.getText());
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const origLines = doc.lineCount;
  if (shape.headerUnclosed) {
    // The never-closed header runs to the end of the file and VS Code's YAML parser folds trailing
    // lines into a preceding plain scalar, so append nothing: put a line right after the opening
    // `---` whose flow sequence is broken on that very line (an error for every target, Claude's
    // included, at line 2, character 23).
    const at = new vscode.Position(1, 0);
    return {
      at,
      text: `agentls_oracle_probe: [}]${eol}`,
      range: () => new vscode.Range(at, new vscode.Position(2, 0)),
      isProbe: (d) =>
        d.message.includes('agentls_oracle_probe') ||
        (d.range.start.line === 1 && d.range.start.character === 23 && d.message === 'Unexpected token in flow sequence'),
    };
  }
  // Otherwise append a body line linking a missing file ("File '…' not found at '…'.", checked for
  // every prompt type and target), on a line index the original text does not have, after closing
  // a code fence the body leaves open. A file whose only text is its header gets a body this way.
  const at = doc.lineAt(doc.lineCount - 1).range.end;
  let text = eol;
  if (shape.inFence) text += shape.fenceChar.repeat(shape.fenceLen) + eol;
  text += `[agentls-oracle-probe](./${PROBE_FILE})`;
  return {
    at,
    text,
    range: () => new vscode.Range(at, doc.lineAt(doc.lineCount - 1).range.end),
    isProbe: (d) => d.range.start.line >= origLines || d.range.end.line >= origLines || d.message.includes(PROBE_FILE),
  };
}

function toFinding(d) {
  const code = d.code === undefined ? undefined : typeof d.code === 'object' ? String(d.code.value) : String(d.code);
  const f = {
    line: d.range.start.line + 1,
    end_line: d.range.end.line + 1,
    column: d.range.start.character + 1,
    end_column: d.range.end.character + 1,
    severity: SEVERITY[d.severity] || String(d.severity),
    message: d.message,
  };
  if (code) f.code = code;
  if (d.source) f.source = d.source;
  if (d.tags && d.tags.length) f.tags = d.tags.map((t) => (t === 1 ? 'unnecessary' : t === 2 ? 'deprecated' : String(t)));
  return f;
}

/** loaded: VS Code 1.139 never skips an agent/prompt/instructions/skill file because of what its
 * header says (discovery only catches I/O errors; the YAML parser records errors instead of
 * throwing). `false` only when the whole header is thrown away ("Invalid header, expecting
 * <key: value> pairs": the file is used, but as if it had no frontmatter); `true` when there is
 * no error-severity finding; `null` when there are errors (the offending attribute is ignored,
 * the file is still used). See README.md. */
function loadedVerdict(findings, validated) {
  if (!validated) return null;
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.some((f) => /^Invalid header, expecting <key: value> pairs/.test(f.message))) return false;
  return errors.length === 0 ? true : null;
}

/** Resolves when `pred()` holds, checking on every diagnostics change of `uri` and every `step` ms. */
function waitDiagnostics(uri, pred, timeout, step = 50) {
  return new Promise((resolve) => {
    const key = uri.toString();
    let done = false;
    let timer;
    let poll;
    const finish = (ok) => {
      if (done) return;
      done = true;
      sub.dispose();
      clearTimeout(timer);
      clearInterval(poll);
      resolve(ok);
    };
    const check = (evt) => {
      try {
        if (pred(vscode.languages.getDiagnostics(uri), evt)) finish(true);
      } catch (e) {
        finish(false);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check(true);
    });
    timer = setTimeout(() => finish(false), timeout);
    poll = setInterval(() => check(false), step);
    check(false);
  });
}

const sameDiags = (a, b) =>
  a.length === b.length &&
  a.every((d, i) => d.message === b[i].message && d.severity === b[i].severity && d.range.isEqual(b[i].range));

function result(cfg, c, fields) {
  return { case: c.case, file: c.file, consumer: 'vscode', version: cfg.version, loaded: null, config_failed: false, language_id: null, validated: false, findings: [], raw: '', ...fields };
}

function finish(cfg, item, diags, how) {
  const findings = diags.map(toFinding).sort((a, b) => a.line - b.line || a.column - b.column || a.message.localeCompare(b.message));
  const validated = how !== 'unconfirmed';
  return result(cfg, item.c, {
    loaded: loadedVerdict(findings, validated),
    language_id: item.doc.languageId,
    validated,
    findings,
    raw: validated ? '' : 'VS Code published nothing and the probe got no marker in time: findings read after a quiet period only',
    ...(cfg.timings ? { timing: { ...item.timing, total: Date.now() - item.t0, how } } : {}),
  });
}

/** Waits until the markers of a document that has some stop changing for settleMs. */
async function settle(uri, ms) {
  let last = vscode.languages.getDiagnostics(uri);
  let since = Date.now();
  while (Date.now() - since < ms) {
    await sleep(25);
    const now = vscode.languages.getDiagnostics(uri);
    if (!sameDiags(now, last)) {
      last = now;
      since = Date.now();
    }
  }
  return last;
}

/** One round: up to cfg.workers cases, each in its own editor group, in lock step so that the
 * probes of the round go in with one workspace edit and out with another (every change of a
 * prompt model makes VS Code recompute its agent list and re-validate the open files; one
 * change per round instead of one per file keeps that cost flat). */
async function round(cfg, root, batch, stats) {
  const out = new Array(batch.length);
  const items = [];
  // 1. Open (in parallel) and show (one after another: editor groups are created as needed, and
  //    creating several at once fails with "Could NOT open editor").
  const docs = await Promise.all(
    batch.map(async (c, i) => {
      const uri = vscode.Uri.joinPath(root, ...c.file.split('/'));
      if (!fs.existsSync(uri.fsPath)) {
        out[i] = result(cfg, c, { raw: 'file not found' });
        return undefined;
      }
      try {
        return { uri, doc: await vscode.workspace.openTextDocument(uri) };
      } catch (e) {
        out[i] = result(cfg, c, { raw: `could not open: ${e && e.message ? e.message : e}` });
        return undefined;
      }
    }),
  );
  const showOne = async (i) => {
    if (!docs[i]) return;
    const { uri, doc } = docs[i];
    const c = batch[i];
    const t0 = Date.now();
    let shown = false;
    for (let attempt = 0; attempt < 3 && !shown; attempt++) {
      try {
        await vscode.window.showTextDocument(doc, { viewColumn: i + 1, preview: false, preserveFocus: true });
        shown = true;
      } catch (e) {
        if (attempt === 2) out[i] = result(cfg, c, { raw: `could not show: ${e && e.message ? e.message : e}` });
        else await sleep(200);
      }
    }
    if (!shown) return;
    if (!PROMPT_LANGUAGES.has(doc.languageId)) {
      out[i] = result(cfg, c, { language_id: doc.languageId, raw: `not validated by VS Code: language ${doc.languageId}` });
      await closeCase(doc);
      return;
    }
    items.push({ i, c, uri, doc, t0, timing: { open: Date.now() - t0 } });
  };
  if (vscode.window.tabGroups.all.length >= batch.length) {
    // The groups exist (empty groups stay open: workbench.editor.closeEmptyGroups is off).
    await Promise.all(batch.map((_, i) => showOne(i)));
  } else {
    for (let i = 0; i < batch.length; i++) await showOne(i);
  }
  items.sort((a, b) => a.i - b.i);
  // Each document must be the model of its own visible editor: VS Code validates only those.
  const visible = () => new Set(vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()));
  const vis = visible();
  const hidden = items.filter((it) => !vis.has(it.uri.toString()));
  if (hidden.length) console.log(`# ${hidden.length} of ${items.length} shown documents are not visible: ${hidden.map((it) => `${it.c.file}@${it.i + 1}`).join(', ')}; groups ${vscode.window.tabGroups.all.length}`);
  // 2. The validator runs 200 ms after an editor shows the model and publishes a non-empty result
  //    at once; wait for it, then for a short quiet period (a later re-validation publishes again).
  const silent = [];
  if (cfg.probeAll) silent.push(...items);
  await Promise.all(
    (cfg.probeAll ? [] : items).map(async (it) => {
      const tq = Date.now();
      const appeared = await waitDiagnostics(it.uri, (d) => d.length > 0, cfg.quietMs);
      it.timing.first = Date.now() - tq;
      if (appeared) {
        out[it.i] = finish(cfg, it, await settle(it.uri, cfg.settleMs), 'published');
        stats.published++;
      } else {
        silent.push(it);
      }
    }),
  );
  // 3. Nothing published: confirm with the probe that the validator ran and found nothing.
  if (silent.length) {
    const ins = new vscode.WorkspaceEdit();
    for (const it of silent) {
      it.probe = probeFor(it.doc);
      it.text = it.doc.getText();
      it.version = it.doc.version;
      ins.insert(it.uri, it.probe.at, it.probe.text);
    }
    if (!(await vscode.workspace.applyEdit(ins))) throw new Error('could not insert the probes');
    const tp = Date.now();
    await Promise.all(
      silent.map(async (it) => {
        it.probed = await waitDiagnostics(it.uri, (d) => d.some(it.probe.isProbe), cfg.probeTimeoutMs);
        it.timing.probe = Date.now() - tp;
        await waitFor(() => it.doc.version > it.version, 2000);
      }),
    );
    const del = new vscode.WorkspaceEdit();
    for (const it of silent) {
      del.delete(it.uri, it.probe.range());
      it.version = it.doc.version;
      it.publishes = 0;
    }
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      for (const it of silent) if (e.uris.some((u) => u.toString() === it.uri.toString())) it.publishes++;
    });
    if (!(await vscode.workspace.applyEdit(del))) throw new Error('could not remove the probes');
    const tr = Date.now();
    await Promise.all(
      silent.map(async (it) => {
        await waitFor(() => it.doc.version > it.version, 2000);
        if (it.doc.getText() !== it.text) throw new Error(`${it.c.file}: the text differs from the file after the probe was removed`);
        let ok = false;
        if (it.probed) ok = await waitDiagnostics(it.uri, (d) => it.publishes > 0 && !d.some(it.probe.isProbe), cfg.probeTimeoutMs);
        else await sleep(cfg.quietMs);
        it.timing.restore = Date.now() - tr;
        const how = it.probed && ok ? 'probe-confirmed' : 'unconfirmed';
        if (how === 'probe-confirmed') stats.probed++;
        else stats.unconfirmed++;
        out[it.i] = finish(cfg, it, vscode.languages.getDiagnostics(it.uri), how);
      }),
    );
    sub.dispose();
  }
  await Promise.all(items.map((it) => closeCase(it.doc)));
  return out;
}

async function waitForTools(cfg) {
  // Tools registered by built-in extensions (the bundled Copilot Chat contributes tools and tool
  // sets) change what the validator knows; wait until the registry stops changing.
  const t0 = Date.now();
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() - t0 < cfg.toolsWaitMs) {
    const n = vscode.lm && vscode.lm.tools ? vscode.lm.tools.length : 0;
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > cfg.toolsStableMs) break;
    await sleep(100);
  }
  return last;
}

exports.run = async function run() {
  const cfg = loadConfig();
  const log = (s) => console.log(`# ${s}`);
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('no workspace folder open');
  const cases = listCases(cfg.casesDir);
  log(`${cases.length} cases in ${cfg.casesDir}; workspace ${folder.uri.toString()}; ${cfg.workers} editor groups`);
  const tStart = Date.now();
  const nTools = await waitForTools(cfg);
  log(`tools visible to extensions: ${nTools} (waited ${Date.now() - tStart} ms)`);
  if (cfg.extraWaitMs) await sleep(cfg.extraWaitMs);

  const results = [];
  const stats = { published: 0, probed: 0, unconfirmed: 0 };
  const t1 = Date.now();
  let nextLog = 50;
  for (let i = 0; i < cases.length; i += cfg.workers) {
    const batch = cases.slice(i, i + cfg.workers);
    try {
      results.push(...(await round(cfg, folder.uri, batch, stats)));
    } catch (e) {
      const msg = `runner error: ${e && e.message ? e.message : e}`;
      log(msg);
      for (const c of batch) results.push(result(cfg, c, { raw: msg }));
    }
    if (results.length >= nextLog) {
      log(`${results.length}/${cases.length} (${Date.now() - t1} ms)`);
      nextLog += 50;
    }
  }
  const out = results.map((r) => JSON.stringify(r)).join('\n') + (results.length ? '\n' : '');
  fs.writeFileSync(cfg.out, out);
  log(`done: ${cases.length} cases in ${Date.now() - t1} ms (+${t1 - tStart} ms waiting for tools); published ${stats.published}, probe-confirmed ${stats.probed}, unconfirmed ${stats.unconfirmed}`);

  if (cfg.dumpTools) {
    const tools = (vscode.lm && vscode.lm.tools ? vscode.lm.tools : []).map((t) => ({ name: t.name, tags: t.tags }));
    let models = [];
    try {
      models = (await vscode.lm.selectChatModels({})).map((m) => ({ id: m.id, name: m.name, vendor: m.vendor, family: m.family, version: m.version }));
    } catch (e) {
      models = [{ error: String(e && e.message ? e.message : e) }];
    }
    fs.writeFileSync(cfg.dumpTools, JSON.stringify({ tools, models }, null, 1));
  }
};
