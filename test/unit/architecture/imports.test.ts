import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const SRC = path.resolve(__dirname, '../../../src');
const CORE = path.join(SRC, 'core');

/** zod entry points allowed in src: classic (`zod`, `zod/v4`, …) pulls every locale into the bundles. */
const ALLOWED_ZOD = new Set(['zod/mini', 'zod/locales']);
const DOM_GLOBALS = new Set(['document', 'window', 'navigator']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** Every module a file names: static and type imports, re-exports, `import x = require()`, `require()` and `import()`. */
function moduleSpecifiers(source: ts.SourceFile): string[] {
  const found: string[] = [];
  walk(source, (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression)) {
      found.push(node.expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0] as ts.Expression)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        found.push((node.arguments[0] as ts.StringLiteralLike).text);
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
  });
  return found;
}

function declaredNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  walk(source, (node) => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node) || ts.isFunctionDeclaration(node)
      || ts.isClassDeclaration(node) || ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node))
      && node.name && ts.isIdentifier(node.name)) {
      names.add(node.name.text);
    }
  });
  return names;
}

/** DOM globals a file reads (`document`, `window.x`, `globalThis.document`), ignoring property names and local bindings. */
function domGlobalsUsed(source: ts.SourceFile): string[] {
  const local = declaredNames(source);
  const found: string[] = [];
  walk(source, (node) => {
    if (!ts.isIdentifier(node) || !DOM_GLOBALS.has(node.text)) return;
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.name === node) {
      if (ts.isIdentifier(parent.expression) && parent.expression.text === 'globalThis') found.push(node.text);
      return;
    }
    const isName = 'name' in parent && (parent as { name?: ts.Node }).name === node;
    if (isName && !ts.isShorthandPropertyAssignment(parent)) return;
    if (ts.isQualifiedName(parent) && parent.right === node) return;
    if (!local.has(node.text)) found.push(node.text);
  });
  return found;
}

function isClassicZod(specifier: string): boolean {
  return (specifier === 'zod' || specifier.startsWith('zod/')) && !ALLOWED_ZOD.has(specifier);
}

/** Modules a file loads when it is loaded: value imports and re-exports, not `import type` nor a lazy `import()`. */
function runtimeSpecifiers(source: ts.SourceFile): string[] {
  return source.statements.flatMap((statement) => {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && !statement.importClause?.isTypeOnly) {
      return [statement.moduleSpecifier.text];
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && !statement.isTypeOnly) {
      return [statement.moduleSpecifier.text];
    }
    return [];
  });
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
}

const relative = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
const files = sourceFiles(SRC);
const parsed = new Map(files.map((file) => [file, parse(file, fs.readFileSync(file, 'utf8'))]));
const specifiersOf = new Map(files.map((file) => [file, moduleSpecifiers(parsed.get(file) as ts.SourceFile)]));

describe('architecture: imports', () => {
  it('finds the source files it guards', () => {
    assert.ok(files.some((file) => file.startsWith(CORE + path.sep)), 'no files under src/core');
    assert.ok(files.some((file) => file.endsWith('.tsx')), 'no webview .tsx files');
    assert.ok([...specifiersOf.values()].some((specifiers) => specifiers.includes('zod/mini')));
  });

  it('detects each way a module can be named', () => {
    const sample = parse('sample.ts', [
      "import * as z from 'zod';",
      "import type { X } from 'zod/v4';",
      "export { y } from './y';",
      "import vs = require('vscode');",
      "const lazy = () => import('vscode');",
      "const r = require('zod/v4/classic');",
      "type T = import('vscode').Uri;",
    ].join('\n'));
    assert.deepEqual(moduleSpecifiers(sample), ['zod', 'zod/v4', './y', 'vscode', 'vscode', 'zod/v4/classic', 'vscode']);
    assert.deepEqual(moduleSpecifiers(sample).filter(isClassicZod), ['zod', 'zod/v4', 'zod/v4/classic']);
    assert.equal(isClassicZod('zod/mini'), false);
  });

  it('detects DOM globals but not properties or locals that share their names', () => {
    const uses = parse('uses.ts', 'const el = document.body; window.alert(1); const g = globalThis.navigator; const o = { window };');
    assert.deepEqual(domGlobalsUsed(uses), ['document', 'window', 'navigator', 'window']);
    const clean = parse('clean.ts', [
      'function f(cursor: { window: { from: string } }) { return cursor.window.from; }',
      'const o = { document: 1, window: 2 };',
      'interface I { window: number; document(): void }',
      'const navigator = 3; export const n = navigator + o.document;',
    ].join('\n'));
    assert.deepEqual(domGlobalsUsed(clean), []);
  });

  it('uses zod/mini everywhere in src, never classic zod', () => {
    const offenders = files.flatMap((file) => (specifiersOf.get(file) ?? []).filter(isClassicZod).map((s) => `${relative(file)} imports '${s}'`));
    assert.deepEqual(offenders, [], 'import * as z from \'zod/mini\' instead: classic zod adds ~400 KB to every bundle');
  });

  it('keeps src/core free of vscode, directly and through what it imports', () => {
    const offenders: string[] = [];
    for (const start of files.filter((file) => file.startsWith(CORE + path.sep))) {
      const seen = new Set<string>([start]);
      const queue = [start];
      while (queue.length > 0) {
        const file = queue.shift() as string;
        for (const specifier of specifiersOf.get(file) ?? []) {
          if (specifier === 'vscode') offenders.push(`${relative(start)}${file === start ? '' : ` via ${relative(file)}`}`);
          if (!specifier.startsWith('.')) continue;
          const next = resolveRelative(file, specifier);
          if (next && !seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
    }
    assert.deepEqual(offenders, [], 'src/core runs in the CLI too: move editor code to src/extension');
  });

  it('keeps undici out of the extension\'s own bundle: the HTTP client loads on first use (src/extension/lazy)', () => {
    const start = path.join(SRC, 'extension', 'extension.ts');
    const via = new Map<string, string>([[start, relative(start)]]);
    const queue = [start];
    const offenders: string[] = [];
    while (queue.length > 0) {
      const file = queue.shift() as string;
      for (const specifier of runtimeSpecifiers(parsed.get(file) as ts.SourceFile)) {
        if (specifier === 'undici' || specifier.startsWith('undici/')) offenders.push(via.get(file) as string);
        const next = specifier.startsWith('.') ? resolveRelative(file, specifier) : undefined;
        if (next && !via.has(next)) {
          via.set(next, `${via.get(file)} → ${relative(next)}`);
          queue.push(next);
        }
      }
    }
    assert.deepEqual(offenders, [], 'undici (~500 KB) would load with the extension: import what the extension needs from a module that does not import it');
  });

  it('keeps src/core free of DOM globals', () => {
    const offenders = files.filter((file) => file.startsWith(CORE + path.sep))
      .flatMap((file) => domGlobalsUsed(parsed.get(file) as ts.SourceFile).map((name) => `${relative(file)} uses ${name}`));
    assert.deepEqual(offenders, [], 'src/core runs in Node (extension host and CLI): no document or window');
  });
});
