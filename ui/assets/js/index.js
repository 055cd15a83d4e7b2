/** The front page: GOV.UK Frontend start-up, and the development section when demo roles exist. */
import { initAll } from '/ui/vendor/govuk/govuk-frontend.min.js';
import { sessionInfo } from './hub-client.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
const session = await sessionInfo();
document.getElementById('development').hidden = !(session.development && session.demoRoles.length);
