import { chainBookingIds, chainRecord, markedBookings, markerLine } from '../../activity';
import { exclusive } from '../../claims';
import { isOlderChange, readStatusChangedAt } from '../../lifecycle';
import type { ActivityResult, ContactRef } from '../../model';
import type { KeapActivityPlan } from './form';
import type { Context } from '../types';
import { keap, keapAccount, keapList, requireKeapId, updateMaskQuery } from './client';
import { keapContactUrl, keapTaskUrl } from './mapping';
import { connectedUserId, resolvePriority, resolveTaskType } from './settings';
import { named } from '../../input';
import { ACTIVITY } from '../../inputs';

/**
 * A booking is a Keap TASK (v2: typed and prioritised; v1 appointments exist only in Max
 * Classic and have neither). The task carries a marker per booking id in its description, so
 * the contact's task list finds it again: the same booking, or any booking of its reschedule
 * chain, always updates that one task. With a status time, the description also records when
 * the shown status was set, and an older status is not written over it.
 */

type KeapTask = {
  id?: string | number;
  title?: string;
  description?: string;
  type?: string;
  priority?: string;
  completed?: boolean;
  due_time?: string;
  assigned_to_user_id?: string | number;
  contact_id?: string | number;
};

const findBookingTask = async (ctx: Context, contactId: string, activity: KeapActivityPlan): Promise<KeapTask | undefined> => {
  const tasks = await keapList<KeapTask>(ctx, '/v2/tasks', 'tasks', {
    params: { filter: `contact_id==${contactId}` },
    notFound: `No Keap contact has the ID ${contactId} in ${named(ACTIVITY.contact_id)}.`,
  });
  return chainRecord(tasks, activity, (task) => `${task.description ?? ''}\n${task.title ?? ''}`);
};

const DEFAULT_SUBJECT = 'OnceHub booking';

/** Lines shown on the task, in this order; empty values are left out. */
const DETAIL_LINES: Array<[string, (a: KeapActivityPlan) => string | undefined]> = [
  ['Status', (a) => a.status],
  // Read back by readStatusChangedAt: the line has the form statusChangedLine writes.
  ['Status changed at', (a) => a.status_updated_at],
  ['Cancel/Reschedule reason', (a) => a.cancel_reschedule_reason],
  ['Start (UTC)', (a) => a.start_time],
  ['End (UTC)', (a) => a.end_time],
  ['Duration', (a) => `${a.duration_minutes} minutes`],
  ['Time zone', (a) => a.time_zone],
  ['Location', (a) => a.location],
  ['Conferencing URL', (a) => a.conferencing_url],
  ['Booking ID', (a) => a.booking_id],
  ['Previous booking ID', (a) => a.previous_booking_id],
];

export const taskTitle = (activity: KeapActivityPlan): string => `${activity.status}: ${activity.subject ?? DEFAULT_SUBJECT}`;

/** `earlierBookings`: the bookings the task already stands for, which keep their markers. */
export const taskDescription = (activity: KeapActivityPlan, earlierBookings: string[] = []): string => {
  const details = DETAIL_LINES.map(([label, read]) => [label, read(activity)] as const)
    .filter(([, value]) => value)
    .map(([label, value]) => `${label}: ${value}`);
  const markers = markerLine([activity.booking_id, activity.previous_booking_id, ...earlierBookings]);
  return [details.join('\n'), activity.description, markers].filter(Boolean).join('\n\n');
};

/** The status the task shows and when it was set, from the lines taskDescription wrote. */
const recordedChange = (task: KeapTask) => ({
  status: task.description?.match(/^Status: (.+)$/m)?.[1] ?? '',
  at: readStatusChangedAt(task.description) ?? '',
});

/**
 * One booking chain's runs take turns (a claim on its booking IDs): lifecycle events that arrive
 * together would otherwise each create a task, or overwrite a newer status with an older one.
 */
export const upsertActivityEvent = (ctx: Context, contact: ContactRef, activity: KeapActivityPlan): Promise<ActivityResult> =>
  exclusive(ctx, { account: keapAccount(ctx), kind: 'activity', ids: chainBookingIds(activity) }, `the Keap task for booking ${activity.booking_id}`, () =>
    writeBookingTask(ctx, contact, activity),
  );

const writeBookingTask = async (ctx: Context, contact: ContactRef, activity: KeapActivityPlan): Promise<ActivityResult> => {
  const contactId = requireKeapId(ctx, contact.id, named(ACTIVITY.contact_id));
  const ownerId = activity.owner_id ? requireKeapId(ctx, activity.owner_id, named(ACTIVITY.owner_id)) : undefined;
  const priority = resolvePriority(ctx, activity.priority);
  const existing = await findBookingTask(ctx, contactId, activity);
  const result = (task: KeapTask, action: ActivityResult['action'], status: string): ActivityResult => ({
    id: String(task.id),
    crm: 'keap',
    created: action === 'created',
    action,
    status,
    booking_id: activity.booking_id,
    url: keapTaskUrl(ctx, String(task.id)),
    contact_id: contactId,
    contact_url: keapContactUrl(ctx, contactId),
    title: task.title ?? null,
    type: task.type ?? null,
    priority: task.priority ?? null,
    due_time: task.due_time ?? null,
    completed: task.completed ?? false,
  });
  if (existing && activity.status_updated_at) {
    const recorded = recordedChange(existing);
    if (isOlderChange({ status: activity.status, at: activity.status_updated_at }, recorded)) {
      return result(existing, 'skipped_stale', recorded.status);
    }
  }

  const completed = activity.status === 'Completed';
  const changes = {
    title: taskTitle(activity),
    description: taskDescription(activity, existing ? markedBookings(existing.description) : []),
    due_time: activity.start_time,
    completed,
    ...(completed ? { completion_time: activity.end_time } : {}),
  };

  let task: KeapTask;
  if (existing) {
    // Type, priority and assignee keep what the task has unless this step sets them.
    const type = activity.activity_type ? await resolveTaskType(ctx, activity.activity_type) : undefined;
    const update = {
      ...changes,
      ...(type ? { type } : {}),
      ...(activity.priority ? { priority } : {}),
      ...(ownerId ? { assigned_to_user_id: ownerId } : {}),
    };
    ({ data: task } = await keap<KeapTask>(ctx, {
      url: `/v2/tasks/${encodeURIComponent(String(existing.id))}?${updateMaskQuery(update)}`,
      method: 'PATCH',
      json: update,
    }));
  } else {
    const type = await resolveTaskType(ctx, activity.activity_type);
    const assignee = ownerId ?? (await connectedUserId(ctx));
    const create = { ...changes, ...(type ? { type } : {}), priority, assigned_to_user_id: assignee, contact_id: contactId };
    ({ data: task } = await keap<KeapTask>(ctx, { url: '/v2/tasks', method: 'POST', json: create }));
  }
  return result(
    { ...task, id: task?.id ?? existing?.id, title: task?.title ?? changes.title, due_time: task?.due_time ?? changes.due_time, completed: task?.completed ?? completed },
    existing ? 'updated' : 'created',
    activity.status,
  );
};
