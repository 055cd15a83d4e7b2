import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from schema/tables.ts; the hub applies them at start-up on either backend.
export default defineConfig({
  dialect: 'postgresql',
  schema: './schema/tables.ts',
  out: './schema/migrations',
});
