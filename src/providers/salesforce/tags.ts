import { exclusive } from '../../claims';
import { lifecycleTagPlan, statusChangedLine } from '../../lifecycle';
import type { ContactRef, TagOutcome, TagPlan, TagResult } from '../../model';
import type { Context } from '../types';
import {
  composite,
  COMPOSITE_LIMIT,
  dataPath,
  failed,
  queryRequest,
  recordsOf,
  subErrors,
  throwSubFailure,
  type SubRequest,
  type SubResponse,
} from './composite';
import { salesforceOrg } from './describe';
import { objectOfId, SALESFORCE_ID } from './records';
import { soqlList, soqlLiteral } from './soql';
import { named } from '../../input';
import { TAGGING } from '../../inputs';
import { invalidInput } from '../../kit';

type Topic = { Id: string; Name: string };
type Assignment = { Id: string; TopicId: string; Topic?: { Name?: string; Description?: string | null } | null };

const TOPIC_ID = /^0TO[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;
const sameId = (a: string, b: string) => a.slice(0, 15) === b.slice(0, 15);

/**
 * Topics and the record's current assignments, in one round trip. `Name IN` matches
 * case-insensitively. With a status time, the assigned topics' names and descriptions come too:
 * booking topics record there when their status was set.
 */
const readState = async (ctx: Context, entityId: string, values: string[], timed: boolean) => {
  const ids = values.filter((value) => TOPIC_ID.test(value));
  const names = values.filter((value) => !TOPIC_ID.test(value));
  const where = [names.length ? `Name IN ${soqlList(names)}` : '', ids.length ? `Id IN ${soqlList(ids)}` : ''].filter(Boolean).join(' OR ');
  const responses = await composite(ctx, [
    queryRequest('topics', `SELECT Id, Name FROM Topic WHERE ${where} LIMIT 2000`),
    queryRequest(
      'assigned',
      `SELECT Id, TopicId${timed ? ', Topic.Name, Topic.Description' : ''} FROM TopicAssignment WHERE EntityId = ${soqlLiteral(entityId)} LIMIT 2000`,
    ),
  ]);
  for (const [ref, what] of [['topics', 'look up topics'], ['assigned', "read the record's topics"]] as const) {
    if (failed(responses.get(ref))) throwSubFailure(ctx, responses.get(ref), what);
  }
  return { topics: recordsOf<Topic>(responses.get('topics')), assigned: recordsOf<Assignment>(responses.get('assigned')) };
};

type Step = { name: string; status: TagOutcome; topic?: Topic; assignmentId?: string; requests: SubRequest[] };

const isDuplicate = (sub: SubResponse | undefined) => failed(sub) && subErrors(sub).some((error) => (error.errorCode ?? error.statusCode) === 'DUPLICATE_VALUE');

const PLURAL: Record<string, string> = { Lead: 'Leads', Contact: 'Contacts', Account: 'Accounts' };

/** Topics are switched on per object by an admin; a TopicAssignment insert fails until they are. */
const topicsDisabled = (sub: SubResponse | undefined) =>
  subErrors(sub).some(
    (error) =>
      !['DUPLICATE_VALUE', 'PROCESSING_HALTED'].includes(error.errorCode ?? error.statusCode ?? '') &&
      /topic|entity type|not enabled|not supported/i.test(error.message ?? ''),
  );

const topicsDisabledMessage = (entityId: string) => {
  const objects = PLURAL[objectOfId(entityId) ?? ''] ?? 'Leads, Contacts and Accounts';
  return (
    `Topics are not enabled for ${objects} in this Salesforce org, so tags cannot be applied. ` +
    `An admin can turn them on in Setup → Topics for Objects: select ${objects}, check Enable Topics, and save. Then run this step again.`
  );
};

/** Packs requests into composite calls of at most 25, keeping a topic and its assignment together. */
const chunks = (steps: Step[]): SubRequest[][] =>
  steps.reduce<SubRequest[][]>((batches, step) => {
    if (!step.requests.length) return batches;
    const last = batches[batches.length - 1];
    if (last && last.length + step.requests.length <= COMPOSITE_LIMIT) last.push(...step.requests);
    else batches.push([...step.requests]);
    return batches;
  }, []);

/**
 * Applies and removes Salesforce Topics on a Lead, Contact or Person Account. Existing topics
 * are found by name first, so a missing one is created once and a replay changes nothing.
 * Lifecycle mode removes the other statuses' topics, so two of one record's deliveries at once
 * could leave the older status on: those runs take turns (a claim on the record).
 */
export const applyTags = (ctx: Context, contact: ContactRef, requested: TagPlan): Promise<TagResult> =>
  requested.remove.length || requested.statusChange
    ? exclusive(ctx, { account: salesforceOrg(ctx), kind: 'contact tags', ids: [contact.id] }, `the topics of Salesforce record ${contact.id}`, () =>
        writeTopics(ctx, contact, requested),
      )
    : writeTopics(ctx, contact, requested);

const writeTopics = async (ctx: Context, contact: ContactRef, requested: TagPlan, firstTry = true): Promise<TagResult> => {
  const entityId = contact.id.trim();
  if (!SALESFORCE_ID.test(entityId)) {
    throw invalidInput(ctx.z, `${named(TAGGING.contact_id)} "${entityId}" is not a Salesforce record ID.`);
  }
  const { topics, assigned } = await readState(ctx, entityId, [...requested.apply, ...requested.remove], Boolean(requested.statusChange));
  const { plan, action } = lifecycleTagPlan(
    requested,
    assigned.map((assignment) => ({ name: assignment.Topic?.Name, description: assignment.Topic?.Description })),
  );
  const find = (value: string) =>
    topics.find((topic) => (TOPIC_ID.test(value) ? sameId(topic.Id, value) : topic.Name.toLowerCase() === value.toLowerCase()));
  const assignmentOf = (topic: Topic) => assigned.find((assignment) => sameId(assignment.TopicId, topic.Id));

  const missing = plan.apply.filter((value) => !find(value) && (TOPIC_ID.test(value) || !plan.createMissing));
  if (missing.length) {
    throw new ctx.z.errors.Error(
      `These topics do not exist in Salesforce: ${missing.join(', ')}. ` +
        (missing.some((value) => TOPIC_ID.test(value))
          ? `Check the topic IDs in ${named(TAGGING.tags)}, or use topic names.`
          : `Turn on ${named(TAGGING.create_missing_tags)}, or create the topics in Salesforce first.`),
      'TagNotFound',
      404,
    );
  }

  const assign = (ref: string, topicId: string): SubRequest => ({
    referenceId: ref,
    method: 'POST',
    url: dataPath('/sobjects/TopicAssignment'),
    body: { TopicId: topicId, EntityId: entityId },
  });
  const steps: Step[] = [
    ...plan.apply.map((name, i): Step => {
      const topic = find(name);
      if (!topic) {
        return {
          name,
          status: 'created',
          requests: [
            {
              referenceId: `topic${i}`,
              method: 'POST',
              url: dataPath('/sobjects/Topic'),
              body: { Name: name, ...(plan.statusChange?.bookingTag === name ? { Description: statusChangedLine(plan.statusChange.at) } : {}) },
            },
            assign(`assign${i}`, `@{topic${i}.id}`),
          ],
        };
      }
      if (assignmentOf(topic)) return { name: topic.Name, status: 'already_present', topic, requests: [] };
      return { name: topic.Name, status: 'applied', topic, requests: [assign(`assign${i}`, topic.Id)] };
    }),
    ...plan.remove.map((name, i): Step => {
      const topic = find(name);
      const assignment = topic && assignmentOf(topic);
      if (!topic || !assignment) return { name: topic?.Name ?? name, status: 'not_present', topic, requests: [] };
      return {
        name: topic.Name,
        status: 'removed',
        topic,
        assignmentId: assignment.Id,
        requests: [{ referenceId: `remove${i}`, method: 'DELETE', url: dataPath(`/sobjects/TopicAssignment/${encodeURIComponent(assignment.Id)}`) }],
      };
    }),
  ];

  const responses = new Map<string, SubResponse>();
  for (const batch of chunks(steps)) {
    for (const [ref, sub] of await composite(ctx, batch)) responses.set(ref, sub);
  }
  // Topic names and topic assignments are unique in Salesforce: a DUPLICATE_VALUE means a
  // concurrent run made the same topic or assignment first, so the step reads again and reuses it.
  const raced = steps.some((step) => step.requests.some((request) => request.method === 'POST' && isDuplicate(responses.get(request.referenceId))));
  if (raced && firstTry) return writeTopics(ctx, contact, requested, false);
  for (const step of steps) {
    for (const request of step.requests) {
      const sub = responses.get(request.referenceId);
      if (!failed(sub)) continue;
      if (request.url.endsWith('/TopicAssignment') && topicsDisabled(sub)) {
        throw new ctx.z.errors.Error(topicsDisabledMessage(entityId), 'TopicsNotEnabled', 400);
      }
      throwSubFailure(ctx, sub, `${request.method === 'DELETE' ? 'remove' : 'apply'} the topic "${step.name}"`);
    }
  }

  return {
    contact_id: entityId,
    ...(action ? { action } : {}),
    tags: steps.map((step) => ({
      id: step.topic?.Id ?? String((responses.get(step.requests[0]?.referenceId ?? '')?.body as { id?: string } | undefined)?.id ?? ''),
      name: step.name,
      status: step.status,
    })),
  };
};
