// class-transformer keeps its decorators' metadata in this module; the package ships its types apart.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage').MetadataStorage;
}
