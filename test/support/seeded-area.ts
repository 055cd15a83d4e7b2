import { seedChildren } from '../../seeds/generate.js';
import type { DemoArea } from '../../seeds/demo-areas.js';
import { coordinatorOf, newAreaCode, newOrg } from './factories.js';
import type { TestHub } from './test-hub.js';

/** Seeds `children` synthetic children into a fresh random area (set-based, fast); returns its coordinator. */
export async function seededArea(t: TestHub, children: number) {
  const code = newAreaCode();
  const areaSuffix = code.slice(-6);
  const area: DemoArea = {
    code,
    name: 'Test area',
    senTeamOrg: newOrg('LA'),
    healthOrgs: [newOrg('RH')],
    socialCareOrg: newOrg('SC'),
    localities: ['North', 'South', 'East', 'West'].map((name, i) => ({ code: `E02${areaSuffix.slice(0, 5)}${i}`, name })),
    postcodeAreas: ['ZZ1'],
  };
  await seedChildren(t.hub.database.db, {
    children, areas: 1, areaList: [area], disclosureKey: t.config.disclosureKey, seed: Math.floor(Math.random() * 1e9),
  });
  return { area, coordinator: coordinatorOf(area.code, area.senTeamOrg) };
}
