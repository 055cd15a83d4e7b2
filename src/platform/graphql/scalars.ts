import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { isIsoDate } from '../../domain/identifiers.js';

/**
 * The dates the hub accepts: nobody in the SEND system was born before 1900, and nothing it records is
 * due after 2100. A date outside is a typo (0001-01-01, 9999-12-31), never data.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

const badDate = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) throw badDate('Date must be a calendar date written YYYY-MM-DD');
  if (value < EARLIEST_DATE || value > LATEST_DATE) throw badDate(`Date must be between ${EARLIEST_DATE} and ${LATEST_DATE}`);
  return value;
}

/** Calendar dates stay strings end to end (no time zone can shift a birth date). */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: `A calendar date, ISO 8601 YYYY-MM-DD, between ${EARLIEST_DATE} and ${LATEST_DATE}`,
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value as string),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});

function parseDateTime(value: unknown): Date {
  const date = DateTimeResolver.parseValue(value) as Date;
  const day = date.toISOString().slice(0, 10);
  if (day < EARLIEST_DATE || day > LATEST_DATE) throw badDate(`DateTime must be between ${EARLIEST_DATE} and ${LATEST_DATE}`);
  return date;
}

/** An instant, ISO 8601, in the same range as Date. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: DateTimeResolver.description,
  serialize: (value) => DateTimeResolver.serialize(value) as unknown as string,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});
