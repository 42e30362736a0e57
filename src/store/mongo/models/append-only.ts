import type { Schema } from 'mongoose';

const QUERY_WRITES = ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace', 'deleteOne', 'deleteMany', 'findOneAndDelete'] as const;

/**
 * Makes a log's model append-only at the store layer: every query update or delete, a document's own
 * deleteOne/updateOne, bulkWrite (which bypasses query middleware) and a save of an existing document
 * are refused; only inserts pass.
 */
export function appendOnly(schema: Schema, what: string): void {
  const refuse = (): never => {
    throw new Error(`${what} is append-only`);
  };
  for (const operation of QUERY_WRITES) schema.pre(operation, refuse);
  schema.pre(['deleteOne', 'updateOne'], { document: true, query: false }, refuse);
  schema.pre('bulkWrite', refuse);
  schema.pre('save', function () {
    if (!this.isNew) refuse();
  });
}
