/** The commissioning types carry no child: every number in them passed disclosure control (policies/disclosure). */
import { aggregateType } from '../../src/access/guards.js';

const PROTECTED = 'published through ScopedData aggregates: counts suppressed, perturbed and rounded (policies/disclosure)';

export const commissioningTypes = ['NeedTable', 'NeedCell', 'DimensionValue', 'ProtectedCount', 'Timeliness', 'ProvisionCount', 'PersonalBudgetGroup', 'AreaProvision', 'SchoolSenSupportOutcomes', 'AreaSenSupportOutcomes', 'DisputeCell', 'DisputeTable', 'SufficiencyCell', 'SufficiencyTable']
  .map((name) => aggregateType(name, PROTECTED));
