import type { Services } from '../services';
import type { Command } from './command';

export class RefreshCommand implements Command {
  readonly id = 'auditLens.refresh' as const;

  constructor(private readonly services: Services) {}

  async execute(): Promise<void> {
    await this.services.workspaceFiles.reload();
    this.services.tree.refresh();
  }
}
