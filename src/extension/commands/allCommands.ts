import type { Services } from '../services';
import { AddConnectionCommand } from './addConnection';
import type { Command } from './command';
import { DeleteSavedSearchCommand } from './deleteSavedSearch';
import { DuplicateSavedSearchCommand } from './duplicateSavedSearch';
import { EditConnectionCommand } from './editConnection';
import { EditSavedSearchCommand } from './editSavedSearch';
import { MoveSavedSearchCommand } from './moveSavedSearch';
import { QuickSearchCommand } from './quickSearch';
import { RefreshCommand } from './refresh';
import { RemoveConnectionCommand } from './removeConnection';
import { RenameSavedSearchCommand } from './renameSavedSearch';
import { RunSavedSearchCommand } from './runSavedSearch';
import { SaveSearchCommand } from './saveSearch';
import { SearchTraceIdCommand } from './searchTraceId';
import { SetCredentialCommand } from './setCredential';
import { ShowLogCommand } from './showLog';
import { TestConnectionCommand } from './testConnection';
import { TryDemoCommand } from './tryDemo';

/** Every command, one per file. */
export function allCommands(services: Services): Command[] {
  return [
    new QuickSearchCommand(services),
    new SearchTraceIdCommand(services),
    new TryDemoCommand(services),
    new AddConnectionCommand(services),
    new EditConnectionCommand(services),
    new RemoveConnectionCommand(services),
    new SetCredentialCommand(services),
    new TestConnectionCommand(services),
    new RefreshCommand(services),
    new RunSavedSearchCommand(services),
    new EditSavedSearchCommand(services),
    new RenameSavedSearchCommand(services),
    new DuplicateSavedSearchCommand(services),
    new MoveSavedSearchCommand(services),
    new DeleteSavedSearchCommand(services),
    new SaveSearchCommand(services),
    new ShowLogCommand(services),
  ];
}
