import fs from 'node:fs';

/** Makes fs.writeSync record what it is given instead of writing it (undone by jest.restoreAllMocks). */
export function captureWrites(): string[] {
  const writes: string[] = [];
  jest.spyOn(fs, 'writeSync').mockImplementation(((_fd: number, data: Buffer, offset: number, length: number) => {
    writes.push(data.subarray(offset, offset + length).toString());
    return length;
  }) as typeof fs.writeSync);
  return writes;
}
