/**
 * Every module's resolvers and the guards of its types. Only the composition root (src/app) imports
 * this list; a module adds its classes and its guard tables here.
 */
import type { NonEmptyArray } from 'type-graphql';
import type { TypeGuards } from '../src/access/guards.js';
import { areaTypes } from './area/area.guards.js';
import { AreaResolver } from './area/area.resolver.js';
import { auditTypes } from './audit/audit.guards.js';
import { AuditResolver, ChildSubjectAccessResolver } from './audit/audit.resolver.js';
import { childRegistryTypes } from './child/child.guards.js';
import { ChildResolver } from './child/child.resolver.js';
import { commissioningTypes } from './commissioning/commissioning.guards.js';
import { CommissioningResolver } from './commissioning/commissioning.resolver.js';
import { consentTypes } from './consent/consent.guards.js';
import { ChildConsentsResolver, ConsentResolver } from './consent/consent.resolver.js';
import { disputeTypes } from './disputes/disputes.guards.js';
import { ChildDisputesResolver, DisputeResolver } from './disputes/disputes.resolver.js';
import { localOfferTypes } from './local-offer/local-offer.guards.js';
import { LocalOfferResolver } from './local-offer/local-offer.resolver.js';
import { meTypes } from './me/me.guards.js';
import { MeResolver } from './me/me.resolver.js';
import { planTypes } from './plan/plan.guards.js';
import { AdviceRequestResolver, ChildPlanResolver, PlanResolver, SectionAppendicesResolver } from './plan/plan.resolver.js';
import { senSupportTypes } from './sen-support/sen-support.guards.js';
import { ChildSenSupportResolver, PlanSenSupportResolver, SenSupportResolver } from './sen-support/sen-support.resolver.js';
import { sectionTypes } from './sections/section.guards.js';
import { ChildSectionsResolver, SectionResolver } from './sections/section.resolver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const moduleResolvers: NonEmptyArray<Function> = [
  MeResolver,
  ChildResolver,
  CommissioningResolver,
  AuditResolver,
  ChildSubjectAccessResolver,
  ChildSectionsResolver,
  SectionResolver,
  ChildPlanResolver,
  PlanResolver,
  AdviceRequestResolver,
  SectionAppendicesResolver,
  ChildConsentsResolver,
  ConsentResolver,
  AreaResolver,
  LocalOfferResolver,
  ChildSenSupportResolver,
  PlanSenSupportResolver,
  SenSupportResolver,
  ChildDisputesResolver,
  DisputeResolver,
];

export const moduleTypeGuards: readonly TypeGuards[] = [
  ...meTypes,
  ...childRegistryTypes,
  ...sectionTypes,
  ...planTypes,
  ...consentTypes,
  ...auditTypes,
  ...commissioningTypes,
  ...areaTypes,
  ...localOfferTypes,
  ...senSupportTypes,
  ...disputeTypes,
];
