/**
 * /ui/family: for a parent or young person. Who has seen the child's record, in plain sentences with
 * organisation names (accessLog); the consents given, with a one-click withdraw (Child.consents,
 * withdrawConsent); the SEN support the school gives (Child.senSupport) and any mediation or appeal with
 * its deadlines (Child.disputes), both the family's own record; and how to ask for a copy of everything held (a subject access request).
 */
import { banner, errorSummary, h, p, replace, table, tag } from './dom.js';
import { gql } from './hub-client.js';
import { formatDate, startPage } from './layout.js';
import { accessSentence } from './access-sentences.js';
import { AGENCY_NAMES, CATEGORY_NAMES, NEED_NAMES, humanise, listInWords } from './plain-words.js';

const EVENTS_PAGE = 20;

const CHILDREN_QUERY = `query MyChildren {
  children(first: 10) {
    edges { node {
      id givenName familyName dateOfBirth areaCode
      consents { id kind categories granteeAgency granteeOrg validUntil withdrawnAt active createdAt givenBy }
      senSupport { schoolOrg startedOn needs interventions { description expectedOutcome } reviews { heldOn outcomesMet }
        nextReviewDue overdue parentsInformedOn parentsNotInformed }
      disputes { id kind decision decisionOn mediationAdviserContactBy mediationRequestedOn mediationDueBy mediationHeldOn mediationDeclinedOn
        certificateDueBy certificateIssuedOn appealDeadline appealRegisteredOn hearingOn outcome outcomeOn complianceSteps { step dueOn passed } }
    } }
  }
}`;

function eventsQuery(features) {
  const extra = features['AccessEvent.actorOrgName'] ? ' actorOrgName' : '';
  return `query WhoHasSeen($childId: ID!, $first: Int, $after: String) {
    accessLog(filter: { childId: $childId }, first: $first, after: $after) {
      edges { node { id at actorSub actorOrg actorRole action basis categories sections${extra} } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
}

const lowerFirst = (text) => (text.startsWith('Organisation ') ? text : text.charAt(0).toLowerCase() + text.slice(1));
const grantee = (c) => (c.granteeOrg ? `Organisation ${c.granteeOrg}` : c.granteeAgency ? `Every ${AGENCY_NAMES[c.granteeAgency]} organisation on the care team` : 'The care team');

function consentStatus(c) {
  if (c.kind === 'REFUSAL') return c.withdrawnAt ? tag('Refusal withdrawn', 'grey') : tag('Refused', 'red');
  if (c.withdrawnAt) return tag('Withdrawn', 'grey');
  if (c.active) return tag('Active', 'green');
  if (c.validUntil && new Date(c.validUntil) < new Date()) return tag('Expired', 'grey');
  return tag('Not in force', 'grey');
}

function renderConsents(section, child, me, onChange) {
  const name = child.givenName ?? 'your child';
  const consents = child.consents ?? [];
  const problems = h('div');
  const withdraw = async (c) => {
    try {
      await gql('mutation WithdrawConsent($id: ID!) { withdrawConsent(id: $id) { id withdrawnAt active } }', { id: c.id });
      onChange(`Consent withdrawn: ${lowerFirst(grantee(c))} can no longer see ${name}’s ${listInWords(c.categories.map((k) => CATEGORY_NAMES[k] ?? k))} on the basis of your consent. This takes effect straight away.`);
    } catch (error) {
      replace(problems, errorSummary([`The consent could not be withdrawn: ${error.message}`]));
    }
  };
  replace(section,
    h('h3', { class: 'govuk-heading-m' }, `What you have agreed to share`),
    problems,
    consents.length === 0
      ? p(`You have not given or refused any consent for ${name}. The record is shared only as the law requires for the EHC assessment and plan: the council’s SEN team and each organisation for its own part.`)
      : table({
        caption: `Consents for ${name}, newest first`,
        captionSize: 's',
        head: ['Shared with', 'What', 'Given', 'Status', { content: h('span', { class: 'govuk-visually-hidden' }, 'Action'), scope: 'col' }],
        rows: consents.map((c) => [
          grantee(c),
          listInWords(c.categories.map((k) => CATEGORY_NAMES[k] ?? k)),
          [formatDate(c.createdAt), c.validUntil ? h('span', { class: 'govuk-body-s' }, h('br'), `until ${formatDate(c.validUntil)}`) : ''],
          consentStatus(c),
          c.kind !== 'REFUSAL' && c.active
            ? h('button', { type: 'button', class: 'govuk-button govuk-button--warning govuk-!-margin-bottom-0', 'data-module': 'govuk-button', onclick: () => withdraw(c) },
              'Withdraw', h('span', { class: 'govuk-visually-hidden' }, ` consent for ${grantee(c)}`))
            : '',
        ]),
      }),
    p('Withdrawing stops the sharing from the very next request. It does not undo what was already seen.'));
}

/** The same sentence twice in a row (one page opened twice in a minute) reads once, with a count. */
function collapseRepeats(sentences) {
  const out = [];
  for (const text of sentences) {
    const last = out.at(-1);
    if (last && last.text === text) last.times += 1;
    else out.push({ text, times: 1 });
  }
  return out.map(({ text, times }) => (times === 1 ? text : `${text} (${times === 2 ? 'twice' : `${times} times`})`));
}

async function renderAccess(section, child, me, features) {
  const name = child.givenName ?? 'your child';
  let events = [];
  let ownSkipped = 0;
  const list = h('ul', { class: 'govuk-list govuk-list--bullet ehc-sentences' });
  const more = h('div');
  const load = async (after = null) => {
    const { data } = await gql(eventsQuery(features), { childId: child.id, first: EVENTS_PAGE, after });
    const page = data.accessLog;
    const nodes = page.edges.map((e) => e.node);
    // The family's own visits would fill the list; their own consent decisions stay in it.
    const others = nodes.filter((e) => !(e.actorSub === me.sub && e.action === 'READ'));
    ownSkipped += nodes.length - others.length;
    events = [...events, ...others];
    replace(list, collapseRepeats(events.map((e) => accessSentence(e, { childName: name, readerSub: me.sub }))).map((text) => h('li', {}, text)));
    replace(more,
      events.length === 0 ? p(`Nobody else has looked at ${name}’s record yet${page.pageInfo.hasNextPage ? ' in the most recent activity' : ''}.`) : null,
      ownSkipped ? p(h('span', { class: 'govuk-body-s' }, 'Your own visits to the record are not listed.')) : null,
      page.pageInfo.hasNextPage
        ? h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', 'data-module': 'govuk-button', onclick: () => void load(page.pageInfo.endCursor) }, 'Show earlier activity')
        : null);
  };
  replace(section, h('h3', { class: 'govuk-heading-m' }, `Who has seen ${name}’s record`), list, more);
  await load();
}

/** SEN support at school (Code of Practice 6.44–6.72; CFA 2014 s.68: the school tells the parents). */
function renderSenSupport(section, child) {
  const name = child.givenName ?? 'your child';
  const s = child.senSupport;
  const heading = h('h3', { class: 'govuk-heading-m' }, 'Support at school');
  if (!s) return replace(section, heading, p(`No school has recorded SEN support for ${name}. SEN support is the help a school gives a pupil with special educational needs without an EHC plan.`));
  const lastReview = s.reviews.at(-1);
  replace(section, heading,
    p(`${name}’s school (${s.schoolOrg}) has given SEN support since ${formatDate(s.startedOn)}`,
      s.needs.length ? `, for ${listInWords(s.needs.map((n) => (NEED_NAMES[n] ?? humanise(n)).toLowerCase()))}.` : '.'),
    s.interventions.length
      ? [p('What the school does, and what it expects to change:'),
        h('ul', { class: 'govuk-list govuk-list--bullet ehc-sen-support' }, s.interventions.map((i) => h('li', {}, `${i.description}: ${i.expectedOutcome}`)))]
      : p('The school has not yet written down what it does.'),
    p(lastReview
      ? `The last review was on ${formatDate(lastReview.heldOn)}; the expected outcomes were ${lastReview.outcomesMet ? '' : 'not '}met.`
      : 'The support has not been reviewed yet.',
    ` The next review is due by ${formatDate(s.nextReviewDue)}${s.overdue ? ', and it is late' : ''}.`),
    s.parentsInformedOn
      ? p(`The school told you about the support on ${formatDate(s.parentsInformedOn)}.`)
      : h('div', { class: 'govuk-inset-text' }, `The school has not recorded telling you about this support. It must tell you (Children and Families Act 2014, section 68): ask the school’s SENCO.`));
}

const DECISIONS = {
  REFUSAL_TO_ASSESS: 'not to assess', REFUSAL_TO_REASSESS: 'not to reassess', REFUSAL_TO_ISSUE: 'not to issue a plan',
  PLAN_CONTENTS: 'on what the plan says', NAMED_SETTING: 'on the school or setting named', REFUSAL_TO_AMEND: 'not to change the plan', CEASE: 'to end the plan',
};

/** Mediation (CFA 2014 s.53–55; SEND Regulations 2014 regs 32–42) and appeal (s.51) dates, in words. */
function disputeSentences(d) {
  const out = [];
  const past = (date) => date < new Date().toISOString().slice(0, 10);
  if (d.kind === 'MEDIATION') {
    if (d.mediationHeldOn) out.push(`Mediation was held on ${formatDate(d.mediationHeldOn)}.`);
    else if (d.mediationDeclinedOn) out.push(`Mediation was declined on ${formatDate(d.mediationDeclinedOn)}.`);
    else if (d.mediationRequestedOn && d.mediationDueBy) out.push(`You asked for mediation on ${formatDate(d.mediationRequestedOn)}. It must take place by ${formatDate(d.mediationDueBy)}.`);
    else if (d.mediationDueBy) out.push(`The council must arrange mediation by ${formatDate(d.mediationDueBy)}.`);
    if (!d.mediationRequestedOn && d.mediationAdviserContactBy && !d.mediationHeldOn) out.push(`Contact the mediation adviser by ${formatDate(d.mediationAdviserContactBy)}.`);
    if (d.certificateIssuedOn) out.push(`The mediation certificate was issued on ${formatDate(d.certificateIssuedOn)}.`);
    else if (d.certificateDueBy) out.push(`The mediation certificate is due by ${formatDate(d.certificateDueBy)}.`);
  }
  if (d.appealRegisteredOn) out.push(`The appeal was registered with the Tribunal on ${formatDate(d.appealRegisteredOn)}.`);
  else if (!d.outcome) out.push(`The last day to appeal to the Tribunal is ${formatDate(d.appealDeadline)}${past(d.appealDeadline) ? ' (it has passed)' : ''}.`);
  if (d.hearingOn) out.push(`${past(d.hearingOn) ? 'The hearing was' : 'The hearing is'} on ${formatDate(d.hearingOn)}.`);
  if (d.outcome) out.push(`Outcome: ${humanise(d.outcome).toLowerCase()}${d.outcomeOn ? `, on ${formatDate(d.outcomeOn)}` : ''}.`);
  for (const c of d.complianceSteps) out.push(`The council must ${c.step.charAt(0).toLowerCase()}${c.step.slice(1).replace(/\.$/, '')} by ${formatDate(c.dueOn)}${c.passed ? ' (that date has passed)' : ''}.`);
  return out;
}

function renderDisputes(section, child) {
  const name = child.givenName ?? 'your child';
  const heading = h('h3', { class: 'govuk-heading-m' }, 'Mediation and appeals');
  if (!child.disputes.length) return replace(section, heading, p(`There is no mediation or appeal about the council’s decisions for ${name}.`));
  replace(section, heading, child.disputes.map((d) => h('div', { class: 'govuk-summary-card ehc-dispute' },
    h('div', { class: 'govuk-summary-card__title-wrapper' },
      h('h4', { class: 'govuk-summary-card__title' }, `${d.kind === 'APPEAL' ? 'Appeal' : 'Mediation'} about the council’s decision ${DECISIONS[d.decision] ?? humanise(d.decision).toLowerCase()} (${formatDate(d.decisionOn)})`)),
    h('div', { class: 'govuk-summary-card__content' }, h('ul', { class: 'govuk-list' }, disputeSentences(d).map((t) => h('li', {}, t)))))));
}

function renderCopy(section, child) {
  const name = child.givenName ?? 'your child';
  replace(section,
    h('h3', { class: 'govuk-heading-m' }, 'Ask for a copy of everything held'),
    p(`You have the right to a copy of the information held about ${name}, and a list of who has seen it (UK GDPR Article 15, a “subject access request”).`),
    h('ol', { class: 'govuk-list govuk-list--number' },
      h('li', {}, `Contact your council’s data protection officer, by email or in writing. Say it is a subject access request for ${name}’s EHC record and give ${name}’s date of birth${child.dateOfBirth ? ` (${formatDate(child.dateOfBirth)})` : ''}.`),
      h('li', {}, 'They may ask you to confirm who you are.'),
      h('li', {}, 'They must answer within one month of receiving your request. It is free.')),
    h('div', { class: 'govuk-inset-text' }, 'Safeguarding information may be left out where the law allows it, to keep a child safe.'));
}

startPage({
  roles: ['FAMILY'],
  demoKey: 'family',
  async render({ me, session, root }) {
    const notice = h('div');
    const draw = async () => {
      const { data } = await gql(CHILDREN_QUERY);
      const children = data.children.edges.map((e) => e.node);
      if (!children.length) {
        return replace(root, notice, p('No child’s record is linked to your account yet. Ask your council’s SEN team to link you.'));
      }
      const blocks = children.map((child) => {
        const access = h('section');
        const consents = h('section');
        const copy = h('section');
        const senSupport = h('section');
        const disputes = h('section');
        renderSenSupport(senSupport, child);
        renderDisputes(disputes, child);
        renderConsents(consents, child, me, async (message) => {
          replace(notice, banner(message));
          notice.firstChild.focus();
          await draw();
        });
        renderCopy(copy, child);
        return { child, access, el: h('div', {},
          h('h2', { class: 'govuk-heading-l' }, [child.givenName, child.familyName].filter(Boolean).join(' ') || 'Your child'),
          access, senSupport, disputes, consents, copy) };
      });
      replace(root, notice, blocks.map((b) => b.el));
      await Promise.all(blocks.map((b) => renderAccess(b.access, b.child, me, session.features)));
    };
    await draw();
  },
});
