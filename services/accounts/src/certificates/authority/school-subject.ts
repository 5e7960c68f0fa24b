/**
 * Where a school certificate names its school: CN is the UAI, O the school's name, and the X.520
 * serialNumber attribute (2.5.4.5, "SERIALNUMBER" in Windows, `serialNumber` in Node's subject
 * object) the hosting number. serialNumber is meant for an identifier of the subject, which the
 * hosting number is; OU would read as a department.
 */
export const SCHOOL_SUBJECT_ATTRIBUTE = {
  uai: '2.5.4.3',
  organization: '2.5.4.10',
  hostingNumber: '2.5.4.5',
} as const;
