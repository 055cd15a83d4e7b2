/**
 * The hub's layers, checked in CI (`npm run lint:layers`). Each layer may import only the layers
 * below it; ARCHITECTURE.md draws the same picture.
 *
 *   src/domain      vocabulary, actor, section registry, identifiers, dates, statutory clock: pure
 *   policies        the access decision, authorisation vocabulary, disclosure control: pure
 *   schema          drizzle tables and migrations
 *   src/platform    config, errors, logger, database clients, token verification, HTTP and GraphQL kit
 *   src/audit       the access recorder, hash chains, verification
 *   src/access      the sealed data layer every module reads and writes through
 *   resolvers       one folder per module (types, thin resolver, service, store)
 *   src/app         the one composition root: builds the schema, the request scope and the server
 *   src/main.ts, src/cli, seeds, bench, test: entry points and tooling on top
 */
const layer = (name, path, mayImport) => ({
  name: `layer-${name}`,
  comment: `${path} may import only: ${mayImport.join(', ') || 'itself'}`,
  severity: 'error',
  from: { path },
  to: {
    path: '^(src|policies|schema|resolvers|seeds|bench|test)/',
    pathNot: [path, ...mayImport],
  },
});

const DOMAIN = '^src/domain/';
const POLICIES = '^policies/';
const SCHEMA = '^schema/';
const PLATFORM = '^src/platform/';
const AUDIT = '^src/audit/';
const ACCESS = '^src/access/';
const MODULES = '^resolvers/';
const APP = '^src/app/';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    layer('domain', DOMAIN, []),
    layer('policies', POLICIES, [DOMAIN]),
    layer('schema', SCHEMA, [DOMAIN]),
    layer('platform', PLATFORM, [DOMAIN, SCHEMA]),
    layer('audit', AUDIT, [DOMAIN, SCHEMA, PLATFORM]),
    layer('access', ACCESS, [DOMAIN, POLICIES, SCHEMA, PLATFORM, AUDIT]),
    layer('modules', MODULES, [DOMAIN, POLICIES, SCHEMA, PLATFORM, ACCESS]),
    layer('app', APP, [DOMAIN, POLICIES, SCHEMA, PLATFORM, AUDIT, ACCESS, MODULES]),
    layer('seeds', '^seeds/', [DOMAIN, POLICIES, SCHEMA, PLATFORM]),
    layer('entry points', '^src/(cli/|main[.]ts)', [DOMAIN, POLICIES, SCHEMA, PLATFORM, AUDIT, APP, '^seeds/']),
    layer('bench', '^bench/', [DOMAIN, POLICIES, SCHEMA, PLATFORM, AUDIT, ACCESS, MODULES, APP, '^seeds/']),
    {
      name: 'modules-meet-only-through-types',
      comment: 'A module may use another module only for its GraphQL types (the shared Child entity, say), never its service or store',
      severity: 'error',
      from: { path: '^resolvers/([^/]+)/' },
      to: { path: '^resolvers/([^/]+)/', pathNot: ['^resolvers/$1/', '^resolvers/[^/]+/[^/]+[.]types[.]ts$', '^resolvers/index[.]ts$'] },
    },
    {
      name: 'only-the-root-lists-modules',
      severity: 'error',
      from: { pathNot: [APP, '^test/', '^bench/'] },
      to: { path: '^resolvers/index[.]ts$' },
    },
    {
      name: 'data-layer-internals-stay-inside',
      comment: 'Unsealing rows and the raw transaction are for src/access alone',
      severity: 'error',
      from: { pathNot: [ACCESS] },
      to: { path: '^src/access/internal/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^node_modules|^dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
