/** Which database a store talks to; SQL that differs between the two branches on it. */
export type Dialect = 'sqlite' | 'postgres';
