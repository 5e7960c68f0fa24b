/** A sleep that `wake()` cuts short; a wake with nobody sleeping is remembered for the next sleep. */
export class WakeableSleep {
  private wakeCurrent: (() => void) | undefined;
  private pendingWake = false;

  sleep(ms: number): Promise<void> {
    if (this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeCurrent = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeCurrent = done;
    });
  }

  wake(): void {
    if (this.wakeCurrent) this.wakeCurrent();
    else this.pendingWake = true;
  }
}
