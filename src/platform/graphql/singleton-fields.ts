/**
 * Root fields that may appear at most once in an operation (the subject access export: one child per
 * operation, UK GDPR Art. 15). Refused at validation, before anything runs, so an alias cannot export a
 * second record alongside the first.
 */
import { GraphQLError, type ValidationRule } from 'graphql';

export function atMostOncePerOperation(fields: readonly string[]): ValidationRule {
  const watched = new Set(fields);
  return (context) => {
    let counts = new Map<string, number>();
    return {
      OperationDefinition: { enter: () => void (counts = new Map()) },
      Field(node) {
        const parent = context.getParentType();
        if (!parent || !['Query', 'Mutation'].includes(parent.name) || !watched.has(node.name.value)) return;
        const n = (counts.get(node.name.value) ?? 0) + 1;
        counts.set(node.name.value, n);
        if (n === 2) {
          context.reportError(new GraphQLError(`${node.name.value}: one per operation; send each on its own`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }));
        }
      },
    };
  };
}
