import { named } from '../../input';
import { CAMPAIGN_MEMBER } from '../../inputs';
import { invalidInput, shorten } from '../../kit';
import type { CampaignMemberResult, ContactRef } from '../../model';
import type { Context } from '../types';
import { composite, dataPath, failed, queryRequest, recordsOf, subErrors, throwSubFailure, type SubRequest } from './composite';
import { objectOfId, personContactOf, recordUrl, SALESFORCE_ID } from './records';
import { soqlLiteral } from './soql';

type Member = { Id: string; Status?: string | null };
type MemberStatus = { Label: string; IsDefault?: boolean };

/** The Contact behind a Person Account: campaign members are Leads or Contacts. */
const memberPerson = async (ctx: Context, contact: ContactRef): Promise<{ field: 'LeadId' | 'ContactId'; id: string }> => {
  const object = objectOfId(contact.id);
  if (object === 'Lead') return { field: 'LeadId', id: contact.id };
  if (object === 'Contact') return { field: 'ContactId', id: contact.id };
  if (object === 'Account') {
    const personContact = await personContactOf(ctx, contact.id);
    if (personContact) return { field: 'ContactId', id: personContact };
  }
  throw invalidInput(ctx.z, `${named(CAMPAIGN_MEMBER.contact_id)} "${shorten(contact.id)}" is not the ID of a Salesforce Lead, Contact or Person Account.`);
};

const memberQuery = (campaignId: string, person: { field: string; id: string }) =>
  queryRequest('member', `SELECT Id, Status FROM CampaignMember WHERE CampaignId = ${soqlLiteral(campaignId)} AND ${person.field} = ${soqlLiteral(person.id)}`);

/**
 * Adds a Lead or Contact to a campaign, or updates the member's status: one composite read (the
 * campaign, its member statuses, the membership) and at most one write. Salesforce keeps one
 * membership per person and campaign (DUPLICATE_VALUE), so a replay or a concurrent run that lost
 * the race reads the membership again and updates it: never a second member, never an error.
 */
export const addToCampaign = async (ctx: Context, contact: ContactRef, { campaignId, status }: { campaignId: string; status?: string }): Promise<CampaignMemberResult> => {
  if (!SALESFORCE_ID.test(campaignId) || !campaignId.startsWith('701')) {
    throw invalidInput(ctx.z, `${named(CAMPAIGN_MEMBER.campaign_id)} "${shorten(campaignId)}" is not a Salesforce Campaign ID (they start with 701). Choose the campaign from the list.`);
  }
  const person = await memberPerson(ctx, contact);
  const reads = await composite(ctx, [
    queryRequest('campaign', `SELECT Id, Name FROM Campaign WHERE Id = ${soqlLiteral(campaignId)}`),
    queryRequest('statuses', `SELECT Label, IsDefault FROM CampaignMemberStatus WHERE CampaignId = ${soqlLiteral(campaignId)} ORDER BY SortOrder`),
    memberQuery(campaignId, person),
  ]);
  for (const key of ['campaign', 'statuses', 'member']) if (failed(reads.get(key))) throwSubFailure(ctx, reads.get(key), 'read the campaign and its members');
  const [campaign] = recordsOf<{ Id: string; Name?: string }>(reads.get('campaign'));
  if (!campaign) throw invalidInput(ctx.z, `No Salesforce campaign has the ID ${campaignId} in ${named(CAMPAIGN_MEMBER.campaign_id)}. Choose the campaign from the list.`);
  const statuses = recordsOf<MemberStatus>(reads.get('statuses'));
  const wanted = status ? statuses.find((s) => s.Label.toLowerCase() === status.toLowerCase())?.Label : undefined;
  if (status && !wanted) {
    throw invalidInput(
      ctx.z,
      `${named(CAMPAIGN_MEMBER.member_status)} "${shorten(status)}" is not one of this campaign's statuses: ${statuses.map((s) => s.Label).join(', ')}. Choose one from the list.`,
    );
  }
  const result = (id: string, memberStatus: string, action: CampaignMemberResult['action']): CampaignMemberResult => ({
    id,
    crm: 'salesforce',
    action,
    campaign_id: campaign.Id,
    campaign_name: campaign.Name ?? null,
    contact_id: person.id,
    status: memberStatus,
    url: recordUrl(ctx.bundle, 'Campaign', campaign.Id),
  });
  const update = async (member: Member): Promise<CampaignMemberResult> => {
    if (!wanted || wanted === member.Status) return result(member.Id, member.Status ?? '', 'unchanged');
    const written = await composite(ctx, [{ referenceId: 'update', method: 'PATCH', url: dataPath(`/sobjects/CampaignMember/${encodeURIComponent(member.Id)}`), body: { Status: wanted } }]);
    if (failed(written.get('update'))) throwSubFailure(ctx, written.get('update'), 'update the campaign member');
    return result(member.Id, wanted, 'updated');
  };

  const [existing] = recordsOf<Member>(reads.get('member'));
  if (existing) return update(existing);
  const add: SubRequest = {
    referenceId: 'add',
    method: 'POST',
    url: dataPath('/sobjects/CampaignMember'),
    body: { CampaignId: campaign.Id, [person.field]: person.id, ...(wanted ? { Status: wanted } : {}) },
  };
  const added = (await composite(ctx, [add])).get('add');
  if (!failed(added)) {
    const fallback = statuses.find((s) => s.IsDefault)?.Label ?? '';
    return result((added!.body as { id: string }).id, wanted ?? fallback, 'added');
  }
  if (!subErrors(added).some((error) => (error.errorCode ?? error.statusCode) === 'DUPLICATE_VALUE')) throwSubFailure(ctx, added, 'add the campaign member');
  // Another run added the person a moment ago: read that membership and bring it to this status.
  const [winner] = recordsOf<Member>((await composite(ctx, [memberQuery(campaignId, person)])).get('member'));
  if (!winner) throwSubFailure(ctx, added, 'add the campaign member');
  return update(winner!);
};
