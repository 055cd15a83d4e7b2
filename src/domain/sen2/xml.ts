/**
 * Writes the SEN2 person-level XML: `Message` > `Header` (CollectionDetails, Source) and `Persons` >
 * `Person` > `Requests` > `Assessment` > `NamedPlan` > `PlanDetail`, and `Requests` > `ActivePlans` >
 * `PlacementDetail`, `SENneed`, in the element order of the DfE schema. Built with xmlbuilder2, which
 * escapes every text node; characters XML 1.0 cannot carry at all are replaced with U+FFFD (and reported
 * by the derivation as errors). Items with no value are left out, never written empty.
 */
import { create } from 'xmlbuilder2';
import type { Sen2ActivePlans, Sen2Assessment, Sen2Header, Sen2NamedPlan, Sen2Person, Sen2PlanDetail, Sen2Request } from './model.js';

type XMLBuilder = ReturnType<typeof create>;

const NOT_XML_GLOBAL = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe for XML 1.0: anything it cannot carry becomes U+FFFD. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_GLOBAL, '\uFFFD');
}

type Value = string | number | boolean | null | undefined;

/** Adds `<name>value</name>` unless the value is absent; booleans as the schema's 1 and 0. */
function item(parent: XMLBuilder, name: string, value: Value): void {
  if (value === null || value === undefined) return;
  const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  parent.ele(name).txt(xmlSafe(text));
}

function header(root: XMLBuilder, h: Sen2Header): void {
  const hdr = root.ele('Header');
  const details = hdr.ele('CollectionDetails');
  item(details, 'Collection', 'SEN2');
  item(details, 'Year', h.year);
  item(details, 'ReferenceDate', h.referenceDate);
  const source = hdr.ele('Source');
  item(source, 'SourceLevel', 'L');
  item(source, 'LEA', h.laNumber);
  item(source, 'SoftwareCode', h.softwareCode);
  item(source, 'Release', h.release);
  item(source, 'SerialNo', h.serialNo);
  item(source, 'DateTime', h.dateTime);
  item(source, 'DMO', h.dmo);
  item(source, 'DCO', h.dco);
}

function planDetailItems(el: XMLBuilder, d: Sen2PlanDetail): void {
  item(el, 'URN', d.urn);
  item(el, 'UKPRN', d.ukprn);
  item(el, 'SENSetting', d.senSetting);
  item(el, 'SENSettingOther', d.senSettingOther);
  item(el, 'PlacementRank', d.placementRank);
}

function namedPlan(parent: XMLBuilder, p: Sen2NamedPlan): void {
  const el = parent.ele('NamedPlan');
  item(el, 'StartDate', p.startDate);
  for (const d of p.planDetails) {
    const detail = el.ele('PlanDetail');
    planDetailItems(detail, d);
    item(detail, 'SENunitIndicator', d.senUnit);
    item(detail, 'ResourcedProvisionIndicator', d.resourcedProvision);
  }
  item(el, 'PlanRes', p.planRes);
  item(el, 'PlanWBP', p.planWbp);
  item(el, 'PB', p.pb);
  item(el, 'OA', p.oa);
  item(el, 'DP', p.dp);
  item(el, 'CeaseDate', p.ceaseDate);
  item(el, 'CeaseReason', p.ceaseReason);
}

function assessment(parent: XMLBuilder, a: Sen2Assessment): void {
  const el = parent.ele('Assessment');
  item(el, 'AssessmentOutcome', a.outcome);
  item(el, 'AssessmentOutcomeDate', a.outcomeDate);
  item(el, 'AssessmentMediation', a.mediation);
  item(el, 'AssessmentTribunal', a.tribunal);
  item(el, 'OtherMediation', a.otherMediation);
  item(el, 'OtherTribunal', a.otherTribunal);
  item(el, 'Week20', a.week20);
  if (a.namedPlan) namedPlan(el, a.namedPlan);
}

function activePlans(parent: XMLBuilder, a: Sen2ActivePlans): void {
  const el = parent.ele('ActivePlans');
  item(el, 'TransferLA', a.transferLa);
  for (const p of a.placements) {
    const detail = el.ele('PlacementDetail');
    planDetailItems(detail, p);
    item(detail, 'EntryDate', p.entryDate);
    item(detail, 'LeavingDate', p.leavingDate);
    item(detail, 'SENunitIndicator', p.senUnit);
    item(detail, 'ResourcedProvisionIndicator', p.resourcedProvision);
    item(detail, 'Res', p.res);
    item(detail, 'WBP', p.wbp);
  }
  for (const n of a.needs) {
    const need = el.ele('SENneed');
    item(need, 'SENtype', n.type);
    item(need, 'SENtypeRank', n.rank);
  }
  item(el, 'ReviewMeeting', a.reviewMeeting);
  item(el, 'ReviewOutcome', a.reviewOutcome);
  item(el, 'LastReview', a.lastReview);
}

function request(parent: XMLBuilder, r: Sen2Request): void {
  const el = parent.ele('Requests');
  item(el, 'ReceivedDate', r.receivedDate);
  item(el, 'RequestSource', r.requestSource);
  item(el, 'RYA', r.rya);
  item(el, 'RequestOutcomeDate', r.outcomeDate);
  item(el, 'RequestOutcome', r.outcome);
  item(el, 'RequestMediation', r.mediation);
  item(el, 'RequestTribunal', r.tribunal);
  if (r.assessment) assessment(el, r.assessment);
  if (r.activePlans) activePlans(el, r.activePlans);
}

function person(parent: XMLBuilder, p: Sen2Person): void {
  const el = parent.ele('Person');
  item(el, 'Surname', p.surname);
  item(el, 'Forename', p.forename);
  item(el, 'PersonBirthDate', p.birthDate);
  item(el, 'Sex', p.sex);
  item(el, 'Ethnicity', p.ethnicity);
  item(el, 'PostCode', p.postCode);
  item(el, 'UPN', p.upn);
  item(el, 'UniqueLearnerNumber', p.uln);
  item(el, 'UPNunknown', p.upnUnknown);
  for (const r of p.requests) request(el, r);
}

/** The SEN2 XML document for `persons`, UTF-8, two-space indented, persons in the order given. */
export function writeSen2Xml(h: Sen2Header, persons: readonly Sen2Person[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('Message');
  header(root, h);
  const list = root.ele('Persons');
  for (const p of persons) person(list, p);
  return root.end({ prettyPrint: true, indent: '  ' }) + '\n';
}
