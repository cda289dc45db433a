import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];

let installed = false;
let version = 0;

/** Goes up whenever a validation rule is added: what was worked out from the rules before is stale. */
export function validationRulesVersion(): number {
  return version;
}

/**
 * class-validator works out a class's rules again on every validation: it filters the class's
 * decorators and scans every decorated class of the process for ancestors (an `instanceof` per
 * class). The rules only change when a decorator runs, which happens while modules load, so the
 * answer is kept per class and options, and dropped whenever a rule is added.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (installed) return;
  installed = true;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const addMetadata = storage.addValidationMetadata.bind(storage);
  let cache = new WeakMap<object, Map<string, ReturnType<Lookup>>>();

  storage.addValidationMetadata = (metadata) => {
    cache = new WeakMap();
    version++;
    addMetadata(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    // Validation groups are not used here; keep those calls exact rather than cache every list.
    if (groups && groups.length > 0) return lookup(target, schema, always, strictGroups, groups);
    let byOptions = cache.get(target);
    if (!byOptions) cache.set(target, (byOptions = new Map()));
    const key = `${schema}|${always}|${strictGroups}`;
    let metadatas = byOptions.get(key);
    if (!metadatas) byOptions.set(key, (metadatas = lookup(target, schema, always, strictGroups, groups)));
    return metadatas;
  };
}
