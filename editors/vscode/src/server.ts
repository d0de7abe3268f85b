// Which `agentls` binary to run: the `agentls.server.path` setting when set, else the binary
// bundled in a platform-specific VSIX (`bin/agentls`), else `agentls` on PATH.

import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

/** Where the binary came from (shown in the status bar's tooltip and the output channel). */
export type ServerSource = 'setting' | 'bundled' | 'PATH';

export interface ServerBinary {
  command: string;
  source: ServerSource;
}

export type Resolution = { binary: ServerBinary } | { problem: string };

export const NOT_FOUND_HINT = 'install it with `cargo install --path server` or set agentls.server.path';

const EXE = process.platform === 'win32' ? '.exe' : '';

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The first hit of `command` on PATH (with PATHEXT on Windows). */
function onPath(command: string): string | undefined {
  const exts = process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      if (isFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** Expands `~` and `${workspaceFolder}` in the configured path. */
function expandPath(configured: string): string {
  let p = configured.trim();
  if (p.startsWith('~/') || p === '~') {
    p = path.join(process.env.HOME ?? process.env.USERPROFILE ?? '', p.slice(1));
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (folder) {
    p = p.replace(/\$\{workspaceFolder\}/g, folder);
  }
  return p;
}

/** The bundled binary, made executable if the VSIX lost its mode bits. */
function bundled(extensionPath: string): string | undefined {
  const candidate = path.join(extensionPath, 'bin', `agentls${EXE}`);
  if (!isFile(candidate)) {
    return undefined;
  }
  if (process.platform !== 'win32') {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
    } catch {
      try {
        fs.chmodSync(candidate, 0o755);
      } catch {
        // Reported when the start fails.
      }
    }
  }
  return candidate;
}

/** Finds the binary to run, or says why there is none. */
export function resolveServer(extensionPath: string, configured: string): Resolution {
  const setting = configured.trim();
  if (setting) {
    const expanded = expandPath(setting);
    const hasSeparator = expanded.includes('/') || expanded.includes('\\');
    const command = hasSeparator ? (isFile(expanded) ? expanded : undefined) : onPath(expanded);
    if (command) {
      return { binary: { command, source: 'setting' } };
    }
    return {
      problem: hasSeparator
        ? `agentls not found at "${setting}": ${NOT_FOUND_HINT}.`
        : `agentls not found on PATH ("${setting}"): ${NOT_FOUND_HINT}.`,
    };
  }
  const inside = bundled(extensionPath);
  if (inside) {
    return { binary: { command: inside, source: 'bundled' } };
  }
  const fromPath = onPath('agentls');
  if (fromPath) {
    return { binary: { command: fromPath, source: 'PATH' } };
  }
  return { problem: `agentls not found on PATH: ${NOT_FOUND_HINT}.` };
}
