// The status-bar item: the server's state (starting, indexing, ready, stopped and why) and what
// the server makes of the active file (its dialect, from `agentls.fileInfo`). Shown while the
// active editor holds a document the extension hands to the server; a click shows the output.

import * as vscode from 'vscode';
import type { ServerBinary } from './server';

export type ServerState = 'starting' | 'indexing' | 'ready' | 'stopped';

/** `agentls.fileInfo`'s answer. */
export interface FileInfo {
  dialect: string | null;
  dialectName?: string;
  consumer?: string;
  plugin?: string | null;
}

export class Status implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private state: ServerState = 'starting';
  private reason = '';
  private progress = '';
  private server: ServerBinary | undefined;
  private file: { uri: string; info: FileInfo } | undefined;
  private visible = false;

  constructor() {
    this.item = vscode.window.createStatusBarItem('agentls.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'agentls';
    this.item.command = 'agentls.showOutput';
    this.render();
  }

  /** What the status says, for the extension's API (tests) and the output channel. */
  snapshot(): { state: ServerState; reason: string; progress: string; server?: ServerBinary; file?: FileInfo; text: string } {
    return {
      state: this.state,
      reason: this.reason,
      progress: this.progress,
      server: this.server,
      file: this.file?.info,
      text: this.item.text,
    };
  }

  starting(server: ServerBinary | undefined, reason = ''): void {
    this.set('starting', reason);
    this.server = server;
    this.render();
  }

  /** `$/progress` of the cold index (`agentls/index`). */
  indexing(message: string, percentage?: number): void {
    this.progress = [percentage === undefined ? '' : `${Math.round(percentage)}%`, message].filter(Boolean).join(' ');
    this.set('indexing');
  }

  ready(message = ''): void {
    if (message) {
      this.progress = message;
    }
    this.set('ready');
  }

  stopped(reason: string): void {
    this.set('stopped', reason);
  }

  get current(): ServerState {
    return this.state;
  }

  /** The active file and its dialect (`undefined`: not known yet). */
  setFile(uri: string, info: FileInfo | undefined): void {
    this.file = info ? { uri, info } : undefined;
    this.render();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.render();
  }

  private set(state: ServerState, reason = ''): void {
    this.state = state;
    this.reason = reason;
    this.render();
  }

  private render(): void {
    const item = this.item;
    const dialect = this.file?.info.dialect ? this.file.info.dialectName ?? this.file.info.dialect : undefined;
    const lines: string[] = [];
    item.backgroundColor = undefined;
    switch (this.state) {
      case 'starting':
        item.text = '$(sync~spin) agentls';
        lines.push(`**agentls**: starting${this.reason ? ` (${this.reason})` : ''}`);
        break;
      case 'indexing':
        item.text = `$(sync~spin) agentls: indexing${this.progress ? ` ${this.progress}` : ''}`;
        lines.push('**agentls**: indexing the workspace');
        break;
      case 'ready':
        item.text = dialect ? `$(check) agentls: ${dialect}` : '$(check) agentls';
        lines.push(`**agentls**: ready${this.progress ? ` (${this.progress})` : ''}`);
        break;
      case 'stopped':
        item.text = '$(error) agentls: stopped';
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        lines.push(`**agentls**: stopped — ${this.reason || 'the server is not running'}`);
        break;
    }
    if (this.server) {
      lines.push(`Server: \`${this.server.command}\` (${describeSource(this.server.source)})`);
    }
    if (this.file) {
      const info = this.file.info;
      lines.push(
        info.dialect
          ? `This file: ${info.dialectName ?? info.dialect} (\`${info.dialect}\`, read by ${info.consumer ?? '?'}${info.plugin ? `, plugin \`${info.plugin}\`` : ''})`
          : 'This file: not an agent file for agentls',
      );
    }
    lines.push('Click to show the agentls output.');
    const tooltip = new vscode.MarkdownString(lines.join('\n\n'));
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: item.text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
    if (this.visible) {
      item.show();
    } else {
      item.hide();
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}

function describeSource(source: ServerBinary['source']): string {
  switch (source) {
    case 'setting':
      return 'agentls.server.path';
    case 'bundled':
      return 'bundled with the extension';
    case 'PATH':
      return 'found on PATH';
  }
}
