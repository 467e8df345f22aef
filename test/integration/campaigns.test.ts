import { failure, lookupTrigger, ops, run, salesforceApi, useIntegration } from './support';
import { settleConcurrently } from './concurrency.support';

/** Add Contact to Campaign, over HTTP against the sandbox's Salesforce org. */
const ctx = useIntegration();

type Member = { id: string; action: string; status: string; campaign_name: string; contact_id: string };

const add = (inputData: Record<string, unknown>) => run<Member>(ctx, ctx.salesforce, ops.addToCampaign, inputData);
const members = (campaignId: string) => ctx.sandbox.state.salesforce.records('CampaignMember').filter((m) => m.CampaignId === campaignId);
const sfCalls = () => ctx.sandbox.requests.filter((r) => r.provider === 'salesforce').length;

const setUp = async () => {
  const { id: campaignId } = await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Campaign', { Name: 'Booking Follow-up', IsActive: true });
  await salesforceApi(ctx.salesforce, 'POST', '/sobjects/CampaignMemberStatus', { CampaignId: campaignId, Label: 'Attended', HasResponded: true, SortOrder: 3 });
  const lead = await run<{ id: string }>(ctx, ctx.salesforce, ops.upsertContact, { email: 'camp@example.com', last_name: 'Camp' });
  return { campaignId, leadId: lead.id };
};

beforeEach(() => ctx.sandbox.reset());

describe('Add Contact to Campaign (Salesforce)', () => {
  it('adds a Lead with the campaign’s default status in one read and one write, then updates the status, never a second member', async () => {
    const { campaignId, leadId } = await setUp();
    ctx.sandbox.resetRequestLog();

    const first = await add({ contact_id: leadId, campaign_id: campaignId });
    expect(first).toMatchObject({ action: 'added', status: 'Sent', campaign_name: 'Booking Follow-up', contact_id: leadId });
    expect(sfCalls()).toBe(2);

    expect(await add({ contact_id: leadId, campaign_id: campaignId })).toMatchObject({ id: first.id, action: 'unchanged', status: 'Sent' });
    expect(await add({ contact_id: leadId, campaign_id: campaignId, member_status: 'attended' })).toMatchObject({ id: first.id, action: 'updated', status: 'Attended' });
    expect(members(campaignId)).toHaveLength(1);
    expect(members(campaignId)[0]).toMatchObject({ Status: 'Attended', HasResponded: true });
  });

  it('adds a person found by email, and one member when runs add them at once', async () => {
    const { campaignId } = await setUp();
    const outcomes = await settleConcurrently(Array.from({ length: 5 }, () => () => add({ email: 'camp@example.com', campaign_id: campaignId, member_status: 'Responded' })));
    // No run waits or retries: Salesforce's own one-membership rule answers the race, and the loser updates.
    expect(outcomes.map((o) => o.first)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(outcomes.filter((o) => o.output.action === 'added')).toHaveLength(1);
    expect(members(campaignId)).toHaveLength(1);
    expect(members(campaignId)[0]).toMatchObject({ Status: 'Responded' });
  });

  it('refuses a status the campaign lacks and an ID that is no campaign, naming the field', async () => {
    const { campaignId, leadId } = await setUp();
    expect((await failure(add({ contact_id: leadId, campaign_id: campaignId, member_status: 'Maybe' }))).message).toBe(
      'Member Status (member_status) "Maybe" is not one of this campaign\'s statuses: Sent, Responded, Attended. Choose one from the list.',
    );
    expect((await failure(add({ contact_id: leadId, campaign_id: '00Q5g0000Lead01AAA' }))).message).toContain('Campaign (campaign_id) "00Q5g0000Lead01AAA" is not a Salesforce Campaign ID');
    expect((await failure(add({ contact_id: leadId, campaign_id: '7015g0000Gone01AAA' }))).message).toContain('No Salesforce campaign has the ID 7015g0000Gone01AAA');
    expect(members(campaignId)).toEqual([]);
  });

  it('lists active campaigns and the chosen campaign’s statuses in the dropdowns', async () => {
    const { campaignId } = await setUp();
    await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Campaign', { Name: 'Old', IsActive: false });
    expect(await run(ctx, ctx.salesforce, lookupTrigger('campaign'))).toEqual([{ id: campaignId, name: 'Booking Follow-up' }]);
    expect(await run(ctx, ctx.salesforce, lookupTrigger('campaign_member_status'), { campaign_id: campaignId })).toEqual([
      { id: 'Sent', name: 'Sent' },
      { id: 'Responded', name: 'Responded' },
      { id: 'Attended', name: 'Attended' },
    ]);
  });
});

describe('Add Contact to Campaign (Keap)', () => {
  it('says it is a Salesforce step and what to use in Keap', async () => {
    const error = await failure(run(ctx, ctx.keap, ops.addToCampaign, { email: 'a@example.com', campaign_id: '7015g00000Cmp01AAA' }));
    expect(error.message).toBe(
      'Add Contact to Campaign works with Salesforce connections, where campaigns have members. Keap campaigns start from a goal: use Apply Tag with the tag that starts the campaign.',
    );
  });
});
