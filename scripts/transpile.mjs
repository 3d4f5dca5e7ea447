#!/usr/bin/env node
// `node scripts/transpile.mjs <tsconfig>...`: the JavaScript `tsc -p <tsconfig>` would emit,
// from the same files into the same places, but without type checking: swc turns each file
// into JavaScript on its own, in a second or two where tsc spends tens of seconds reading
// every library's types. `npm start -- NN` builds this way (each package's `build:start`), so
// a newcomer's lab answers quickly; `npm run build`, typecheck and the tests still use tsc.
// The swc settings are the ones the tests already run under (jest.preset.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transformFileSync } from '@swc/core';
import ts from 'typescript';

for (const config of process.argv.slice(2)) transpileProject(path.resolve(config));

function transpileProject(configFile) {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`${configFile}: not a TypeScript project`);
  const { options, fileNames } = parsed;
  if (!options.rootDir || !options.outDir)
    throw new Error(`${configFile}: needs rootDir and outDir, as tsc's output layout follows them`);
  // The dashboard is compiled for the browser (ES modules); everything else runs in Node as
  // CommonJS, where `import()` stays a real dynamic import, as tsc's nodenext leaves it, and
  // the export names are spelled out for Node, so the launcher (an ES module) can import
  // them by name as it does from tsc's output.
  const browser =
    options.module !== ts.ModuleKind.NodeNext && options.module !== ts.ModuleKind.CommonJS;
  const swcOptions = {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: browser
      ? { type: 'es6' }
      : { type: 'commonjs', ignoreDynamic: true, exportInteropAnnotation: true },
    sourceMaps: false,
  };
  for (const file of fileNames) {
    if (file.endsWith('.d.ts')) continue;
    const target = path
      .join(options.outDir, path.relative(options.rootDir, file))
      .replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, transformFileSync(file, swcOptions).code);
  }
}
