import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

let processRegistry: Registry | undefined;

/** One registry per service process, with Node's default metrics and the service name as a label. */
export function createMetricsRegistry(service: string): Registry {
  if (processRegistry) return processRegistry;
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  processRegistry = registry;
  return registry;
}

/**
 * The registry of this service process (created by the service kit at start), so that shared
 * plumbing (command server, outbox relay) can publish metrics without threading it everywhere.
 * A throwaway registry before the service has one (unit tests).
 */
export function processMetrics(): Registry {
  return processRegistry ?? new Registry();
}

export function counter(registry: Registry, name: string, help: string, labelNames: string[] = []): Counter {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

export function histogram(
  registry: Registry,
  name: string,
  help: string,
  labelNames: string[] = [],
  buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
): Histogram {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Histogram;
  return new Histogram({ name, help, labelNames, buckets, registers: [registry] });
}
