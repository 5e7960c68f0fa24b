/** A hosting account as the rules see it (the repository maps rows to this). */
export interface Account {
  id: string;
  uai: string;
  schoolName: string;
  hostingNumber: string;
  contactEmail: string;
  contactPhone: string;
  licences: number;
  status: 'active' | 'suspended';
  createdAt: Date;
}

export type NewAccount = Omit<Account, 'status' | 'createdAt'>;
