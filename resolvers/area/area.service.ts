/** An area's register of localities: read by anyone, kept by the area's case coordinators. */
import { registeredLocalities, type Locality } from '../../src/access/reference-data.js';
import type { ScopedData } from '../../src/access/scoped-data.js';
import { isLocalityCode, isValidAreaCode } from '../../src/domain/identifiers.js';
import { badInput } from '../../src/platform/errors.js';
import * as store from './area.store.js';

const MAX_LOCALITIES = 500;
const MAX_NAME = 100;

export function localities(data: ScopedData, areaCode: string): Promise<Locality[]> {
  data.assertCan('area.read');
  if (!isValidAreaCode(areaCode)) throw badInput('areaCode', 'must be the ONS code of an English local authority');
  return registeredLocalities(data, areaCode);
}

export async function registerLocalities(data: ScopedData, areaCode: string, given: readonly Locality[]): Promise<Locality[]> {
  data.assertCan('area.manage', { areaCode });
  if (given.length === 0 || given.length > MAX_LOCALITIES) throw badInput('localities', `list 1 to ${MAX_LOCALITIES} localities`);
  const clean = given.map((l, i) => {
    const code = l.code.trim().toUpperCase();
    const name = l.name.trim();
    if (!isLocalityCode(code)) throw badInput(`localities[${i}].code`, 'must be an ONS ward (E05), MSOA (E02) or LSOA (E01) code');
    if (!name || name.length > MAX_NAME) throw badInput(`localities[${i}].name`, `must be 1 to ${MAX_NAME} characters`);
    return { code, name };
  });
  if (new Set(clean.map((l) => l.code)).size !== clean.length) throw badInput('localities', 'name each code once');
  await data.write(store.registerLocalities, { areaCode, localities: clean });
  data.noteAction({ areaCode }, 'WRITE', 'STATUTORY', { flags: ['LOCALITY_REGISTER'] });
  return registeredLocalities(data, areaCode);
}
