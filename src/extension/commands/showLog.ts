import type { Services } from '../services';
import type { Command } from './command';

export class ShowLogCommand implements Command {
  readonly id = 'auditLens.showLog' as const;

  constructor(private readonly services: Services) {}

  execute(): void {
    this.services.output.show();
  }
}
