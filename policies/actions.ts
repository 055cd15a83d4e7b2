/**
 * The authorisation vocabulary: every operation of the hub is one typed action, and one table says who
 * may perform it. `assertCan` decides (explicit deny first, then the grants, default deny); the
 * operation-level rules of graphql-shield are generated from the same table (policies/shield.ts), so
 * the outer net and the services cannot disagree. Pure: the caller passes the facts.
 *
 * The finer question — which values of a child's record a reader may see — is the field access
 * decision (field-access.ts), applied by the data layer.
 */
import type { Actor } from '../src/domain/actor.js';
import type { Agency, Role } from '../src/domain/vocabulary.js';
import type { Relationship } from './field-access.js';

export const ACTIONS = [
  'me.read',
  'child.read',
  'child.register',
  'careTeam.manage',
  'child.updateDetails',
  'family.link',
  'section.write',
  'plan.manage',
  'family.request',
  'advice.provide',
  'advice.list',
  'consent.record',
  'consent.withdraw',
  'breakGlass.open',
  'breakGlass.review',
  'breakGlass.queue',
  'audit.log',
  'audit.chain',
  'audit.export',
  'aggregate.read',
  'sen2.export',
  'area.read',
  'area.manage',
  'localOffer.manage',
  'senSupport.record',
  'dispute.record',
  'capacity.record',
  'subjectAccess.request',
  'subjectAccess.review',
  'flagged.queue',
  'flagged.review',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What an action is aimed at: a child the actor can see (its relationships), or an area named in the request. */
export interface ActionTarget {
  relationships?: readonly Relationship[];
  areaCode?: string | null;
}

interface Grant {
  roles: readonly Role[];
  /** The actor needs one of these relationships with the target child. */
  relationships?: readonly Relationship[];
  /** The actor's token must claim one of these agencies. */
  agencies?: readonly Agency[];
  /** The target area must be one of the actor's areas. */
  inTargetArea?: boolean;
}

interface Deny {
  when: (actor: Actor, target: ActionTarget) => boolean;
  reason: string;
}

export interface ActionRule {
  /** Said when no grant matches: what the caller would need, in words that leak nothing. */
  refusal: string;
  allow: readonly Grant[];
  deny?: readonly Deny[];
}

const CASE_ROLES: readonly Role[] = ['PRACTITIONER', 'CASE_COORDINATOR'];
const ALL_ROLES: readonly Role[] = ['PRACTITIONER', 'CASE_COORDINATOR', 'FAMILY', 'COMMISSIONER', 'DPO'];
/** The council SEN team of the child's area (the COORDINATOR relationship needs an EDUCATION token). */
const coordinatorOfChild = { roles: ['CASE_COORDINATOR'], relationships: ['COORDINATOR'] } as const satisfies Grant;

export const ACTION_RULES: Readonly<Record<Action, ActionRule>> = {
  'me.read': { refusal: 'Sign in first', allow: [{ roles: ALL_ROLES }] },
  // Commissioners see aggregates only, never a child (Caldicott: minimum necessary).
  'child.read': { refusal: 'Commissioners see area aggregates only, never an individual child', allow: [{ roles: [...CASE_ROLES, 'FAMILY', 'DPO'] }] },
  // CFA 2014 s.24: the home council registers the child; only its SEN team, in its own areas. A school
  // may register a pupil it supports (SEN support, CFA 2014 ss.66 and 68, Code 6.44), in the area its
  // token names (docs/access-rules.md "Registering a child"), and becomes the child's care team.
  'child.register': {
    refusal: "Only a case coordinator of that area (the council's SEN team) or a school in that area (an EDUCATION practitioner whose token names the area) may register a child there",
    allow: [{ roles: ['CASE_COORDINATOR'], agencies: ['EDUCATION'], inTargetArea: true }, { roles: ['PRACTITIONER'], agencies: ['EDUCATION'], inTargetArea: true }],
  },
  'child.updateDetails': { refusal: "Only the case coordinator of the child's area may record its sex and ethnicity", allow: [coordinatorOfChild] },
  'careTeam.manage': { refusal: "Only the case coordinator of the child's area may manage its care team", allow: [coordinatorOfChild] },
  'family.link': { refusal: "Only the case coordinator of the child's area may link family members", allow: [coordinatorOfChild] },
  // Which sections each writer may write is the section registry's (src/domain/sections.ts).
  'section.write': { refusal: "Only the child's care team, coordinator or family may contribute to the plan", allow: [{ roles: [...CASE_ROLES, 'FAMILY'] }] },
  // CFA 2014 s.36–s.44: the council runs the assessment and the plan.
  'plan.manage': { refusal: "Only the case coordinator of the child's area may run the plan process", allow: [coordinatorOfChild] },
  // CFA 2014 s.36(1), s.38(2)(b), s.49; reg 13(1)(a): what the family may ask of the council. The family member
  // who decides for the child asks (the service checks who decides), or the coordinator records a request made on paper.
  'family.request': {
    refusal: "Only the child's family, or the case coordinator of the child's area recording their request, may do this",
    allow: [{ roles: ['FAMILY'], relationships: ['FAMILY'] }, coordinatorOfChild],
  },
  // reg 8: the agency asked gives its advice.
  'advice.provide': { refusal: "Only a practitioner of the agency asked, on the child's care team, records its advice", allow: [{ roles: ['PRACTITIONER'], relationships: ['CARE_TEAM'] }] },
  'advice.list': { refusal: 'Advice requests are addressed to practitioners', allow: [{ roles: ['PRACTITIONER'] }] },
  // Only the consent holder decides, or the coordinator records a paper consent (consent service).
  'consent.record': { refusal: 'Only the consent holder, or the coordinator recording a paper consent, may do this', allow: [{ roles: ['FAMILY'], relationships: ['FAMILY'] }, { roles: ['CASE_COORDINATOR'], relationships: ['COORDINATOR'] }] },
  'consent.withdraw': { refusal: 'Only the consent holder, or the coordinator recording a paper withdrawal, may do this', allow: [{ roles: ['FAMILY'], relationships: ['FAMILY'] }, { roles: ['CASE_COORDINATOR'], relationships: ['COORDINATOR'] }] },
  'breakGlass.open': { refusal: "Only a practitioner on the child's care team may break the glass", allow: [{ roles: ['PRACTITIONER'], relationships: ['CARE_TEAM'] }] },
  // UK GDPR Art. 38–39: the DPO monitors processing in their areas.
  'breakGlass.review': { refusal: "Only the data protection officer of the child's area may review break-glass access", allow: [{ roles: ['DPO'], relationships: ['OVERSIGHT'] }] },
  'breakGlass.queue': { refusal: 'Only a data protection officer may see the break-glass review queue', allow: [{ roles: ['DPO'] }] },
  'audit.log': { refusal: "Only a data protection officer or the child's family may read the access log", allow: [{ roles: ['DPO'] }, { roles: ['FAMILY'] }] },
  'audit.chain': { refusal: 'Only a data protection officer may check the audit chain', allow: [{ roles: ['DPO'] }] },
  // UK GDPR Art. 15: the DPO of the child's area answers a subject access request.
  'audit.export': { refusal: "Only the data protection officer of the child's area may export a child's record", allow: [{ roles: ['DPO'], relationships: ['OVERSIGHT'] }] },
  'aggregate.read': { refusal: 'Only a commissioner of that area may see its aggregates', allow: [{ roles: ['COMMISSIONER'], inTargetArea: true }] },
  // The DfE's annual SEN2 collection of EHC plans (docs/sen2.md) is the council's: its SEN team produces it.
  'sen2.export': { refusal: "Only a case coordinator of that area (the council's SEN team) may produce its SEN2 return", allow: [{ roles: ['CASE_COORDINATOR'], agencies: ['EDUCATION'], inTargetArea: true }] },
  // An area's register of localities is public reference data (ward and MSOA names).
  'area.read': { refusal: 'Sign in first', allow: [{ roles: ALL_ROLES }] },
  'area.manage': { refusal: "Only a case coordinator of that area may manage its register of localities", allow: [{ roles: ['CASE_COORDINATOR'], agencies: ['EDUCATION'], inTargetArea: true }] },
  // CFA 2014 s.30: the council publishes its local offer.
  'localOffer.manage': { refusal: "Only a case coordinator of that area may change the area's local offer", allow: [{ roles: ['CASE_COORDINATOR'], agencies: ['EDUCATION'], inTargetArea: true }] },
  // Code of Practice 6.44–6.72, CFA 2014 s.66, s.68: the school providing SEN support records it, from its place on the care team.
  'senSupport.record': { refusal: "Only a school on the child's care team (an EDUCATION practitioner) records its SEN support", allow: [{ roles: ['PRACTITIONER'], agencies: ['EDUCATION'], relationships: ['CARE_TEAM'] }] },
  // CFA 2014 ss.51–55: the council is party to every mediation and appeal about its decisions; its SEN team records them.
  'dispute.record': { refusal: "Only the case coordinator of the child's area records its mediations and appeals", allow: [coordinatorOfChild] },
  // Mental Capacity Act 2005; SEND Regulations 2014 reg 64: the council records, with evidence.
  'capacity.record': { refusal: "Only the case coordinator of the child's area may record a young person's capacity", allow: [coordinatorOfChild] },
  // UK GDPR Art. 15: the family asks; the DPO of the child's area records requests made to the council.
  'subjectAccess.request': { refusal: "Only the child's family or the data protection officer of its area may record a subject access request", allow: [{ roles: ['FAMILY'], relationships: ['FAMILY'] }, { roles: ['DPO'], relationships: ['OVERSIGHT'] }] },
  // DPA 2018 Sch. 3 Part 3: the serious-harm test for safeguarding content in an export.
  'subjectAccess.review': { refusal: "Only the data protection officer of the child's area may decide on the safeguarding exemption", allow: [{ roles: ['DPO'], relationships: ['OVERSIGHT'] }] },
  'flagged.queue': { refusal: 'Only a data protection officer may see the records flagged for review', allow: [{ roles: ['DPO'] }] },
  'flagged.review': { refusal: "Only the data protection officer of the child's area may review a flagged record", allow: [{ roles: ['DPO'], relationships: ['OVERSIGHT'] }] },
};

export type ActionDecision = { allowed: true } | { allowed: false; reason: string };

function grants(grant: Grant, actor: Actor, target: ActionTarget): boolean {
  if (!grant.roles.includes(actor.role)) return false;
  if (grant.agencies && (actor.agency === null || !grant.agencies.includes(actor.agency))) return false;
  if (grant.inTargetArea && !(typeof target.areaCode === 'string' && actor.areas.includes(target.areaCode))) return false;
  if (grant.relationships && !grant.relationships.some((r) => target.relationships?.includes(r))) return false;
  return true;
}

/** Whether `actor` may perform `action` on `target`: an explicit deny wins, then any grant, else refused. */
export function can(actor: Actor, action: Action, target: ActionTarget = {}): ActionDecision {
  const rule = ACTION_RULES[action];
  const denied = rule.deny?.find((d) => d.when(actor, target));
  if (denied) return { allowed: false, reason: denied.reason };
  if (rule.allow.some((g) => grants(g, actor, target))) return { allowed: true };
  return { allowed: false, reason: rule.refusal };
}

/** The roles that can ever perform an action (the operation-level rule shield enforces before execution). */
export function rolesFor(action: Action): Role[] {
  return [...new Set(ACTION_RULES[action].allow.flatMap((g) => g.roles))];
}

/** Whether the action's every grant needs the target area among the actor's areas. */
export function needsTargetArea(action: Action): boolean {
  return ACTION_RULES[action].allow.every((g) => g.inTargetArea === true);
}
