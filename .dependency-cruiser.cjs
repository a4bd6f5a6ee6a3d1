/**
 * The floor plan (DESIGN.md, Layout), checked by `npm test`: entry points → app/ → the four
 * stages → the shared floor. A wrong arrow fails with the name of the rule it breaks.
 */
const STAGES = '(producers|workers|feeds|ops)';
const FLOOR = '(store|queues|config|domain)';

module.exports = {
  forbidden: [
    {
      name: 'stages-never-import-each-other',
      comment:
        'producers, workers, feeds and ops are separate stages of the flow; what two of them need moves down to store/, queues/, config/ or domain/.',
      severity: 'error',
      from: { path: `^src/${STAGES}/` },
      to: { path: `^src/${STAGES}/`, pathNot: '^src/$1/' },
    },
    {
      name: 'only-entry-points-and-app-import-app',
      comment: 'src/app/ is the composition root: the stages and the floor never reach up into it.',
      severity: 'error',
      from: { path: `^src/(${STAGES.slice(1, -1)}|${FLOOR.slice(1, -1)})/` },
      to: { path: '^src/(app/|cli\\.ts$|main\\.ts$)' },
    },
    {
      name: 'the-floor-never-imports-a-stage',
      comment: 'store/, queues/, config/ and domain/ are shared by every stage and import none of them.',
      severity: 'error',
      from: { path: `^src/${FLOOR}/` },
      to: { path: `^src/${STAGES}/` },
    },
    {
      name: 'domain-does-no-io',
      comment: 'domain/ holds the types that flow and pure rules over them: no Redis, queues, HTTP, files or sockets.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        path: '^(ioredis|bullmq|fastify|undici|@fastify|node:(fs|net|http|https|dns|child_process)|fs|net|http|https|dns|child_process)($|/)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-circular',
      comment: 'An import cycle makes load order matter and modules impossible to read alone.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code (entry points excepted).',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: '^src/(main|cli)\\.ts$' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
