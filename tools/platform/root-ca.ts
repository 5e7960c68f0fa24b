import { connectBus, sendCommand } from '@pronote/bus';
import { GetTrustMaterial } from '@pronote/contracts';

/** Asks the running accounts service for our root CA certificate (the last of its chain). */
export async function fetchRootCa(natsUrl: string, subjectPrefix: string): Promise<string> {
  const bus = connectBus({ servers: natsUrl, name: 'platform-launcher', subjectPrefix: subjectPrefix || undefined });
  try {
    await bus.ready();
    const material = await sendCommand(bus, GetTrustMaterial, {}, { timeoutMs: 10_000 });
    const root = material.caChainPem.at(-1);
    if (!root) throw new Error('accounts answered an empty CA chain');
    return root;
  } finally {
    await bus.close();
  }
}
