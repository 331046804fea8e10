import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { describeError } from '../util/describeError';
import { Disposable } from '../util/disposable';
import type { CommandId } from './commandIds';

export interface Command {
  readonly id: CommandId;
  execute(...args: unknown[]): unknown;
}

/**
 * Registers commands once each and disposes them with the extension. A failing command
 * shows its error in words (never a stack) and resolves to undefined.
 */
export class CommandRegistry extends Disposable {
  private readonly registered = new Set<CommandId>();

  constructor(private readonly logger: Logger) {
    super();
  }

  register(command: Command): void {
    if (this.registered.has(command.id)) throw new Error(`Command ${command.id} is registered twice.`);
    this.registered.add(command.id);
    this._register(vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
      try {
        return await command.execute(...args);
      } catch (error) {
        const message = describeError(error);
        if (message === undefined) return undefined;
        this.logger.error(`${command.id}: ${message}`);
        void vscode.window.showErrorMessage(message);
        return undefined;
      }
    }));
  }
}
