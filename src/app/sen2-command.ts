/**
 * The SEN2 return for the command line (`npm run sen2`): the area's records read through the data layer
 * (src/access/sen2-records.ts) in one request scope, recorded as an EXPORT on every child carried by the
 * operator (`cli:<name>`, acting as the area's SEN team), then derived, validated and written by the pure
 * builder (src/domain/sen2). The audit events commit with the read, or nothing is returned.
 */
import { randomUUID } from 'node:crypto';
import { sen2Records } from '../access/sen2-records.js';
import type { Actor } from '../domain/actor.js';
import { DFE_LA_NUMBERS, isIsoDate, isValidAreaCode } from '../domain/identifiers.js';
import { produceSen2Return, type Sen2Return } from '../domain/sen2/index.js';
import type { DesignatedOfficerCode } from '../domain/sen2/codes.js';
import type { Config } from '../platform/config.js';
import type { Database } from '../platform/db/database.js';
import { badInput } from '../platform/errors.js';
import { accessSettings, inRequestScope } from './request-scope.js';

export interface Sen2ExportOptions {
  areaCode: string;
  /** The census reference date in January of the collection year (2026-01-15). */
  referenceDate: string;
  operator: string;
  dmo?: DesignatedOfficerCode | null;
  dco?: DesignatedOfficerCode | null;
  /** When the file is produced (the header's DateTime); the request's instant when left out. */
  now?: Date;
}

export async function exportSen2(config: Config, database: Database, o: Sen2ExportOptions): Promise<Sen2Return> {
  if (!isValidAreaCode(o.areaCode) || !DFE_LA_NUMBERS[o.areaCode]) throw badInput('area', 'is not the ONS code of a council with a DfE LA number');
  if (!isIsoDate(o.referenceDate)) throw badInput('referenceDate', 'is not a date (YYYY-MM-DD)');
  const actor: Actor = { sub: `cli:${o.operator}`, org: 'HUB-OPERATOR', agency: 'EDUCATION', role: 'CASE_COORDINATOR', areas: [o.areaCode] };
  const children = await inRequestScope({ database, settings: accessSettings(config), chain: null }, { actor, requestId: randomUUID(), operationName: 'sen2-cli' }, (data) =>
    sen2Records(data, o.areaCode));
  const now = o.now ?? new Date();
  return produceSen2Return({
    header: {
      year: Number(o.referenceDate.slice(0, 4)),
      referenceDate: o.referenceDate,
      laNumber: DFE_LA_NUMBERS[o.areaCode]!,
      dateTime: now.toISOString().slice(0, 19),
      softwareCode: 'ehc-hub',
      release: '0.1.0',
      serialNo: '001',
      dmo: o.dmo ?? null,
      dco: o.dco ?? null,
    },
    children,
  });
}
