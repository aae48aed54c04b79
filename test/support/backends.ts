// Which storage backends the two-backend suites run on: both, or those TESSERA_TEST_BACKENDS names.
export type Backend = 'sqlite' | 'postgres';

export const ALL_BACKENDS: readonly Backend[] = ['sqlite', 'postgres'];

/** TESSERA_TEST_BACKENDS=sqlite, =postgres or =sqlite,postgres (the default: both). */
export function selectBackends(env: NodeJS.ProcessEnv): Backend[] {
  const value = env.TESSERA_TEST_BACKENDS?.trim();
  if (!value) return [...ALL_BACKENDS];
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(ALL_BACKENDS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0)
    throw new Error(
      `TESSERA_TEST_BACKENDS=${value}: expected a comma-separated list of ${ALL_BACKENDS.join(', ')}`,
    );
  return ALL_BACKENDS.filter((backend) => names.includes(backend));
}
