export function prefixSubject(prefix: string | undefined, subject: string): string {
  return prefix ? `${prefix}.${subject}` : subject;
}

export function unprefixSubject(prefix: string | undefined, subject: string): string | undefined {
  if (!prefix) return subject;
  return subject.startsWith(`${prefix}.`) ? subject.slice(prefix.length + 1) : undefined;
}
