export interface Tenant {
  uai: string;
  accountId: string;
  schoolName: string;
  recordedAt: Date;
}
