/** A dependency the service needs to serve (Postgres, NATS, Redis, S3...). */
export interface ReadinessCheck {
  name: string;
  check: () => boolean | Promise<boolean>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'up' | 'down'>;
}

/** Liveness = the process answers; readiness = every dependency answers and we are not shutting down. */
export class HealthRegistry {
  private readonly checks: ReadinessCheck[] = [];
  private shuttingDown = false;

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(timeoutMs = 2000): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.checks.map(async ({ name, check }) => [name, await runCheck(check, timeoutMs)] as const),
    );
    const checks = Object.fromEntries(results.map(([name, up]) => [name, up ? 'up' : 'down'] as const));
    if (this.shuttingDown) checks['shutdown'] = 'down';
    return { ready: !this.shuttingDown && results.every(([, up]) => up), checks };
  }
}

async function runCheck(check: ReadinessCheck['check'], timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
