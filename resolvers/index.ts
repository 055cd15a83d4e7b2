/** Every module's resolvers. A module adds its classes here; shield rules live in policies/shield.ts. */
import type { NonEmptyArray } from 'type-graphql';
import { ChildResolver } from './child/child.resolver.js';
import { MeResolver } from './me/me.resolver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const moduleResolvers: NonEmptyArray<Function> = [MeResolver, ChildResolver];
