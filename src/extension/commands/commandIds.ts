/** Every command the extension contributes; package.json and this list must agree (a test checks). */
export const COMMAND_IDS = [
  'auditLens.quickSearch',
  'auditLens.searchTraceId',
  'auditLens.tryDemo',
  'auditLens.addConnection',
  'auditLens.editConnection',
  'auditLens.removeConnection',
  'auditLens.setCredential',
  'auditLens.testConnection',
  'auditLens.refresh',
  'auditLens.runSavedSearch',
  'auditLens.editSavedSearch',
  'auditLens.renameSavedSearch',
  'auditLens.duplicateSavedSearch',
  'auditLens.moveSavedSearch',
  'auditLens.deleteSavedSearch',
  'auditLens.saveSearch',
  'auditLens.showLog',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];
