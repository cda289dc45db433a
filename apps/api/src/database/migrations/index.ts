import { CoreSchema1764288000000 } from './1764288000000-core-schema';

/** Every migration, oldest first. Append new ones here (files are named <epoch ms>-<name>.ts). */
export const migrations = [CoreSchema1764288000000];
