import { baseContentKey, baseOfContentKey, restoredContentKey } from './base-events.js';

describe('base content keys', () => {
  const uai = '0750654D';
  const baseId = '6f1c2f8e-0b7a-4c1e-9d2b-3a4e5f607182';

  it('names the base of its current and its staged content objects', () => {
    expect(baseOfContentKey(baseContentKey(uai, baseId))).toEqual({ uai, baseId });
    expect(baseOfContentKey(restoredContentKey(uai, baseId, 'a1b2'))).toEqual({ uai, baseId });
  });

  it('recognises no other object of the base folder', () => {
    expect(baseOfContentKey(`bases/${uai}/${baseId}/annexes/logo.png`)).toBeNull();
    expect(baseOfContentKey(`bases/${uai}/${baseId}/content/nested/a.hnot`)).toBeNull();
    expect(baseOfContentKey(`bases/${uai}/${baseId}/recovered/r.json`)).toBeNull();
    expect(baseOfContentKey(`backups/${uai}/${baseId}/content.hnot`)).toBeNull();
  });
});
