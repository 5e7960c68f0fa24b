/** A hosted school as the sessions service knows it. */
export interface School {
  uai: string;
  accountId: string;
  licences: number;
  adminReserve: number;
  seatsInUse: number;
  adminSeatsInUse: number;
  hostingNumber: string | null;
}
