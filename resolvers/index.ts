/** Every module's resolvers. A module adds its classes here; shield rules live in policies/shield.ts. */
import type { NonEmptyArray } from 'type-graphql';
import { AuditResolver } from './audit/audit.resolver.js';
import { ChildResolver } from './child/child.resolver.js';
import { ChildConsentsResolver, ConsentResolver } from './consent/consent.resolver.js';
import { CommissioningResolver } from './commissioning/commissioning.resolver.js';
import { LocalOfferResolver } from './local-offer/local-offer.resolver.js';
import { MeResolver } from './me/me.resolver.js';
import { ChildPlanResolver, PlanResolver } from './plan/plan.resolver.js';
import { ChildSectionsResolver, SectionEntryResolver, SectionResolver } from './sections/section.resolver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const moduleResolvers: NonEmptyArray<Function> = [
  MeResolver,
  ChildResolver,
  CommissioningResolver,
  AuditResolver,
  ChildSectionsResolver,
  SectionResolver,
  SectionEntryResolver,
  ChildPlanResolver,
  PlanResolver,
  ChildConsentsResolver,
  ConsentResolver,
  LocalOfferResolver,
];
