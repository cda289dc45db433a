import { SetMetadata } from '@nestjs/common';

export const READ_MODEL = 'beaker:read-model';

export interface ReadModelDeclaration {
  /** Every table its statements read, its own module's and others'. */
  reads: string[];
}

/**
 * Declares a read model: a named query that reads other modules' tables (never writes them),
 * where going through their services would cost a round trip per row or lose an index. The only
 * place besides a module's repositories where SQL may name a table, and only the tables declared
 * here; the architecture check holds it to that, and docs/MAP.md lists every read model.
 */
export const ReadModel = (declaration: ReadModelDeclaration): ClassDecorator => SetMetadata(READ_MODEL, declaration);
