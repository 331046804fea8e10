import * as vscode from 'vscode';
import { demoSearches, withDemoSearches } from '../demo/demoSearches';
import type { Services } from '../services';
import type { Command } from './command';

/** "Audit Lens: Try the Demo": the emulator on loopback, a demo connection per vendor, sample searches. */
export class TryDemoCommand implements Command {
  readonly id = 'auditLens.tryDemo' as const;

  constructor(private readonly services: Services) {}

  async execute(): Promise<{ connections: string[]; traceId?: string }> {
    const { demo, savedSearches } = this.services;
    const emulator = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Audit Lens: starting the demo emulator…' },
      () => demo.enable(),
    );
    const newest = [...emulator.dataset.sharedTraces].sort((a, b) => b.timeMs - a.timeMs)[0];
    const user = savedSearches.store('user');
    if (user.state().kind === 'ok') {
      await user.update((list) => withDemoSearches(list, demoSearches(newest?.traceId)));
    }
    const connections = demo.connections().map((c) => c.id);
    void vscode.commands.executeCommand('workbench.view.extension.auditLens');
    void vscode.window.showInformationMessage(
      `The Audit Lens demo is running: ${connections.length} demo connections (one per vendor) and sample searches in "My Searches → Demo". Nothing leaves this machine.`,
      'Quick Search',
      'Search a Trace ID',
    ).then((choice) => {
      if (choice === 'Quick Search') void vscode.commands.executeCommand('auditLens.quickSearch');
      if (choice === 'Search a Trace ID' && newest) void vscode.commands.executeCommand('auditLens.searchTraceId', newest.traceId);
    });
    return newest ? { connections, traceId: newest.traceId } : { connections };
  }
}
