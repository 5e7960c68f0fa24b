import { Injectable } from '@nestjs/common';

/**
 * Runs the work on one school's runtime one at a time (start, stop, activity, snapshot...), as the
 * real server does: a snapshot never sees half an activity batch. One simulator instance holds them.
 */
@Injectable()
export class SchoolLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(uai: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(uai) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(uai, tail);
    void tail.then(() => {
      if (this.tails.get(uai) === tail) this.tails.delete(uai);
    });
    return result;
  }
}
