/** The local offer feed import, for the command line (src/cli/local-offer-import.ts). */
export { FeedShapeError, importLocalOfferFeed, type ImportProblem, type ImportResult } from '../../resolvers/local-offer/import-feed.js';
