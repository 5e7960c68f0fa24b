/** Collects chunks and hands them out as parts of exactly `partSize` bytes, plus a last shorter one. */
export class PartBuffer {
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;

  constructor(private readonly partSize: number) {}

  append(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bufferedBytes += chunk.length;
  }

  /**
   * A full part, only while more than one part is buffered: the bytes held back guarantee that the
   * last part is never empty and that an object of exactly one part is stored with a single PUT.
   */
  takeFullPart(): Buffer | undefined {
    if (this.bufferedBytes <= this.partSize) return undefined;
    const all = Buffer.concat(this.chunks, this.bufferedBytes);
    const part = all.subarray(0, this.partSize);
    const rest = all.subarray(this.partSize);
    this.chunks = [rest];
    this.bufferedBytes = rest.length;
    return part;
  }

  takeRest(): Buffer {
    // One chunk (a whole buffer streamed at once, as a runtime writes a snapshot) is taken as it is: no copy.
    const rest = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.bufferedBytes);
    this.chunks = [];
    this.bufferedBytes = 0;
    return rest;
  }
}
