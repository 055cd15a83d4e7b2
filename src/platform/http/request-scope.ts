import { AsyncLocalStorage } from 'node:async_hooks';

/** The request id of the request being served, for code (such as Apollo's formatError) without a context. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

export const currentRequestId = (): string | undefined => requestScope.getStore()?.requestId;
