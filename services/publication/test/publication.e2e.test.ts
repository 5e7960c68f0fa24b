import { type TestPlatform, startTestPlatform } from '@pronote/platform';
import { type HttpsResponse, waitFor } from '@pronote/testing';

interface PublicationView {
  published: boolean;
  enabled: boolean;
  base: { name: string; fileName: string } | null;
  espaces: { espace: string; published: boolean; url: string; mobileUrl: string; delegation: string }[];
}

/**
 * Fiche 10 through the gateway with the real accounts, bases and runtime-sim: a base put in service
 * is published by itself; delegations change only while publication is stopped.
 */
describe('PRONOTE.net publication through the gateway', () => {
  let platform: TestPlatform;
  const uai = '0750653C';
  const publication = `/api/v1/schools/${uai}/publication`;

  beforeAll(async () => {
    platform = await startTestPlatform({ only: ['accounts', 'bases', 'publication', 'runtime-sim', 'gateway'] });
    const account = await call('POST', '/api/v1/operator/accounts', {
      uai, schoolName: 'Lycée Jean Moulin', contactEmail: 'direction@jeanmoulin.example', contactPhone: '06 12 34 56 78', licences: 4,
    });
    expect(account.status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await platform?.teardown();
  }, 60_000);

  const call = (method: string, path: string, body?: unknown): Promise<HttpsResponse> => platform.asOperator(method, path, body);
  const view = async () => (await call('GET', publication)).json<PublicationView>();

  it('publishes the base put in service through bases and runtime-sim, with the espace URLs', async () => {
    const base = await waitFor(async () => {
      const created = await call('POST', `/api/v1/schools/${uai}/bases`, { schoolYear: '2022-2023' });
      return created.status === 201 ? created.json<{ id: string }>() : undefined;
    }, { what: 'the school recorded by bases' });
    expect((await view()).published).toBe(false);
    expect((await call('POST', `/api/v1/schools/${uai}/bases/${base.id}/start`, { sprPassword: 'a-long-spr-password' })).status).toBe(200);

    await waitFor(async () => ((await view()).published ? true : undefined), { what: 'automatic publication' });
    const published = await view();
    expect(published.base).toEqual(expect.objectContaining({ name: 'Base année 2022-2023', fileName: 'Base année 2022-2023.not' }));
    expect(published.espaces[0]).toMatchObject({ espace: 'page_commune', url: `https://${uai}.index-education.net/pronote/`, mobileUrl: `https://${uai}.index-education.net/pronote/mobile.html` });
  });

  it('answers problem+json: a CAS delegation while published (409), then defines it once publication is stopped', async () => {
    const atrium = { name: 'CAS', presetId: 'atrium-sud', allowDirectLogin: true };
    const refused = await call('POST', `${publication}/delegations/cas`, atrium);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'DELEGATION_PUBLISHED_CONFLICT' });

    expect((await call('PUT', publication, { enabled: false })).json<PublicationView>()).toMatchObject({ published: false, enabled: false });
    const defined = await call('POST', `${publication}/delegations/cas`, atrium);
    expect(defined.status).toBe(201);
    expect(defined.json()).toMatchObject({
      cas: { links: { entSocle: `https://${uai}.index-education.net/pronote/`, directLogin: `https://${uai}.index-education.net/pronote/?login=true` } },
    });

    const pageCommune = await call('PUT', `${publication}/espace-delegations`, { choices: [{ espace: 'page_commune', delegation: 'cas' }] });
    expect(pageCommune.json()).toMatchObject({ status: 422, code: 'ESPACE_DELEGATION_NOT_ALLOWED' });
    expect((await call('PUT', `${publication}/espace-delegations`, { choices: [{ espace: 'nowhere', delegation: 'cas' }] })).status).toBe(400);
    expect((await call('GET', `${publication}/ent-presets`)).json<{ presets: { id: string }[] }>().presets.map((p) => p.id)).toContain('atrium-sud');

    expect((await call('PUT', publication, { enabled: true })).json<PublicationView>().published).toBe(true);
  });
});
