import { isRecord, json, noContent, type Router, type SandboxRequest } from '../http';
import { body, fail, numericId, pageV1, pageV2, parseFilter, sameText, stamp, text, type KeapContext, type Version } from './common';
import { ACTIVITY_TYPES, type KeapNote, type KeapStore, type KeapTask, type Priority } from './store';

/** Tasks and notes: the "activity" a booking leaves on a Keap contact. Every task write is kept in its history. */

const PRIORITIES: Priority[] = ['CRITICAL', 'ESSENTIAL', 'NONESSENTIAL'];
/** v1 priorities are integers; this mapping is unconfirmed (keap.md §2.10). */
const V1_PRIORITY: Record<number, Priority> = { 1: 'CRITICAL', 2: 'ESSENTIAL', 3: 'NONESSENTIAL' };
const REMIND_MINUTES = [5, 10, 15, 30, 60, 120, 240, 480, 1440, 2880];

const isoTime = (version: Version, value: unknown, name: string): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = Date.parse(String(value));
  if (Number.isNaN(parsed)) fail(version, 400, `Invalid ${name}: ${String(value)}`);
  return new Date(parsed).toISOString();
};

const activityType = (version: Version, value: unknown): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const found = ACTIVITY_TYPES.find((t) => sameText(t, value));
  if (!found) fail(version, 400, `Invalid type: ${String(value)}. Use one of ${ACTIVITY_TYPES.join(', ')}`);
  return found;
};

const existingContact = (store: KeapStore, version: Version, value: unknown): number | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const id = Number(value);
  if (!store.contacts.has(id)) fail(version, 400, `Contact ${String(value)} does not exist`);
  return id;
};

const existingUser = (store: KeapStore, version: Version, value: unknown): number | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  if (!store.user(value)) fail(version, 400, `User ${String(value)} does not exist`);
  return Number(value);
};

type TaskFields = Partial<Omit<KeapTask, 'id' | 'created' | 'updated' | 'history'>>;

const taskInputV1 = (store: KeapStore, input: Record<string, unknown>): TaskFields => {
  const out: TaskFields = {};
  if ('title' in input) out.title = text(input.title);
  if ('description' in input) out.description = text(input.description);
  if ('type' in input) out.type = activityType('v1', input.type);
  if ('priority' in input && input.priority !== null) {
    const priority = V1_PRIORITY[Number(input.priority)];
    if (!priority) fail('v1', 400, `Invalid priority: ${String(input.priority)}`);
    out.priority = priority;
  }
  if ('completed' in input) out.completed = Boolean(input.completed);
  if ('completion_date' in input) out.completion_time = isoTime('v1', input.completion_date, 'completion_date');
  if ('due_date' in input) out.due_time = isoTime('v1', input.due_date, 'due_date');
  if ('remind_time' in input && input.remind_time !== null) out.remind_time_mins = Number(input.remind_time);
  if ('user_id' in input) out.assigned_to_user_id = existingUser(store, 'v1', input.user_id);
  if ('contact' in input) out.contact_id = existingContact(store, 'v1', isRecord(input.contact) ? input.contact.id : undefined);
  return out;
};

const taskInputV2 = (store: KeapStore, input: Record<string, unknown>): TaskFields => {
  const out: TaskFields = {};
  if ('title' in input) out.title = text(input.title);
  if ('description' in input) out.description = text(input.description);
  if ('type' in input) out.type = activityType('v2', input.type);
  if ('priority' in input && input.priority !== null) {
    if (!PRIORITIES.includes(input.priority as Priority)) fail('v2', 400, `Invalid priority: ${String(input.priority)}. Use one of ${PRIORITIES.join(', ')}`);
    out.priority = input.priority as Priority;
  }
  if ('completed' in input) out.completed = Boolean(input.completed);
  if ('completion_time' in input) out.completion_time = isoTime('v2', input.completion_time, 'completion_time');
  if ('due_time' in input) out.due_time = isoTime('v2', input.due_time, 'due_time');
  if ('remind_time_mins' in input && input.remind_time_mins !== null) {
    if (!REMIND_MINUTES.includes(Number(input.remind_time_mins))) fail('v2', 400, `remind_time_mins must be one of ${REMIND_MINUTES.join(', ')}`);
    out.remind_time_mins = Number(input.remind_time_mins);
  }
  if ('assigned_to_user_id' in input) out.assigned_to_user_id = existingUser(store, 'v2', input.assigned_to_user_id);
  if ('contact_id' in input) out.contact_id = existingContact(store, 'v2', input.contact_id);
  return out;
};

/** Applies a write and records which fields changed and through which call. */
const writeTask = (task: KeapTask, fields: TaskFields, via: string): void => {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(fields) as [keyof TaskFields, unknown][]) {
    if (task[key] !== value) changes[key] = [task[key], value];
    (task as unknown as Record<string, unknown>)[key] = value;
  }
  if (fields.completed && !task.completion_time) task.completion_time = stamp();
  task.updated = stamp();
  task.history.push({ time: task.updated, via, changes });
};

const newTask = (store: KeapStore, fields: TaskFields, via: string): KeapTask => {
  const now = stamp();
  const task: KeapTask = { id: store.id(), completed: false, created: now, updated: now, history: [] };
  writeTask(task, fields, via);
  store.tasks.set(task.id, task);
  return task;
};

const taskV1 = (store: KeapStore, t: KeapTask) => {
  const contact = t.contact_id ? store.contacts.get(t.contact_id) : undefined;
  const priority = Object.entries(V1_PRIORITY).find(([, p]) => p === t.priority)?.[0];
  return {
    id: t.id,
    title: t.title ?? null,
    description: t.description ?? null,
    type: t.type ?? null,
    priority: priority ? Number(priority) : null,
    completed: t.completed,
    completion_date: t.completion_time ?? null,
    due_date: t.due_time ?? null,
    remind_time: t.remind_time_mins ?? null,
    user_id: t.assigned_to_user_id ?? null,
    contact: contact
      ? { id: contact.id, email: contact.email_addresses[0]?.email ?? null, first_name: contact.fields.given_name ?? null, last_name: contact.fields.family_name ?? null }
      : null,
    creation_date: t.created,
    modification_date: t.updated,
    url: '',
  };
};

const taskV2 = (t: KeapTask) => ({
  id: String(t.id),
  title: t.title,
  description: t.description,
  type: t.type,
  priority: t.priority,
  completed: t.completed,
  completion_time: t.completion_time,
  due_time: t.due_time,
  remind_time_mins: t.remind_time_mins,
  assigned_to_user_id: t.assigned_to_user_id === undefined ? undefined : String(t.assigned_to_user_id),
  contact_id: t.contact_id === undefined ? undefined : String(t.contact_id),
  created_by_user_id: '1',
  create_time: t.created,
  modification_time: t.updated,
});

const taskOf = (store: KeapStore, version: Version, raw: string): KeapTask => {
  const task = store.tasks.get(numericId(version, raw, 'task'));
  if (!task) fail(version, 404, `Task ${raw} not found`);
  return task!;
};

const requireV1Task = (fields: TaskFields) => {
  if (!fields.title || !fields.due_time) fail('v1', 400, 'Task must contain title and due_date');
};

/** v2 list filters arrive as query parameters or inside `filter` (both seen in the wild). */
const taskFilter = (req: SandboxRequest): Record<string, string> => {
  const filter = parseFilter(req, ['contact_id', 'user_id', 'is_completed', 'has_due_date', 'priority', 'title', 'id']);
  for (const key of ['contact_id', 'user_id', 'is_completed', 'has_due_date', 'priority']) {
    const value = req.query.get(key);
    if (value !== null) filter[key] = value;
  }
  return filter;
};

const noteV1 = (n: KeapNote) => ({
  id: n.id,
  contact_id: n.contact_id,
  title: n.title ?? null,
  body: n.text ?? null,
  type: n.type ?? null,
  user_id: n.user_id ?? null,
  date_created: n.created,
  last_updated: n.updated,
  last_updated_by: n.user_id ?? null,
});

const noteV2 = (store: KeapStore, n: KeapNote) => {
  const user = n.user_id ? store.user(n.user_id) : undefined;
  return {
    id: String(n.id),
    contact_id: String(n.contact_id),
    title: n.title,
    text: n.text,
    type: n.type,
    ...(user ? { assigned_to_user: { id: String(user.id), given_name: user.given_name, family_name: user.family_name, email_address: user.email } } : {}),
    ...(n.pinned ? { pinned_at: n.created } : {}),
    create_time: n.created,
    update_time: n.updated,
  };
};

const NOTE_TYPES = ['Appointment', 'Call', 'Email', 'Fax', 'Letter', 'Other'];

const newNote = (store: KeapStore, version: Version, input: Record<string, unknown>, contactId: number): KeapNote => {
  const title = text(input.title);
  const noteText = text(version === 'v1' ? input.body : input.text);
  const type = text(input.type);
  if (version === 'v1' && !title && !noteText) fail('v1', 400, 'Either a title or body is required');
  if (version === 'v2' && !title && !type) fail('v2', 400, 'A value for either title or type is required');
  if (type && !NOTE_TYPES.some((t) => sameText(t, type))) fail(version, 400, `Invalid type: ${type}. Use one of ${NOTE_TYPES.join(', ')}`);
  const userId = existingUser(store, version, input.user_id);
  if (version === 'v2' && userId === undefined) fail('v2', 400, 'user_id is required');
  const now = stamp();
  const note: KeapNote = {
    id: store.id(),
    contact_id: contactId,
    ...(title ? { title } : {}),
    ...(noteText ? { text: noteText } : {}),
    ...(type ? { type: NOTE_TYPES.find((t) => sameText(t, type))! } : {}),
    ...(userId !== undefined ? { user_id: userId } : {}),
    pinned: Boolean(input.is_pinned),
    created: now,
    updated: now,
  };
  store.notes.set(note.id, note);
  return note;
};

export const registerActivities = (router: Router<KeapContext>): void => {
  router
    .on('POST', '/v1/tasks', (req, _p, { store }) => {
      const fields = taskInputV1(store, body(req, 'v1'));
      requireV1Task(fields);
      return json(201, taskV1(store, newTask(store, fields, 'POST /v1/tasks')));
    })
    .on('GET', '/v1/tasks', (req, _p, ctx) => {
      const q = req.query;
      const items = [...ctx.store.tasks.values()].filter(
        (t) =>
          (!q.get('contact_id') || String(t.contact_id) === q.get('contact_id')) &&
          (!q.get('user_id') || String(t.assigned_to_user_id) === q.get('user_id')) &&
          (q.get('completed') === null || String(t.completed) === q.get('completed')),
      );
      const page = pageV1(req, ctx, '/v1/tasks', items);
      return json(200, { tasks: page.items.map((t) => taskV1(ctx.store, t)), count: page.count, next: page.next, previous: page.previous });
    })
    .on('GET', '/v1/tasks/:id', (_req, { id = '' }, { store }) => json(200, taskV1(store, taskOf(store, 'v1', id))))
    .on('PUT', '/v1/tasks/:id', (req, { id = '' }, { store }) => {
      const task = taskOf(store, 'v1', id);
      const fields = taskInputV1(store, body(req, 'v1'));
      requireV1Task(fields);
      writeTask(task, { completed: false, ...fields }, 'PUT /v1/tasks');
      return json(200, taskV1(store, task));
    })
    .on('PATCH', '/v1/tasks/:id', (req, { id = '' }, { store }) => {
      const task = taskOf(store, 'v1', id);
      writeTask(task, taskInputV1(store, body(req, 'v1')), 'PATCH /v1/tasks');
      return json(200, taskV1(store, task));
    })
    .on('POST', '/v2/tasks', (req, _p, { store }) => {
      const fields = taskInputV2(store, body(req, 'v2'));
      if (fields.assigned_to_user_id === undefined) fail('v2', 400, 'assigned_to_user_id is required');
      return json(201, taskV2(newTask(store, fields, 'POST /v2/tasks')));
    })
    .on('GET', '/v2/tasks', (req, _p, { store }) => {
      const f = taskFilter(req);
      const items = [...store.tasks.values()].filter(
        (t) =>
          (f.contact_id === undefined || String(t.contact_id) === f.contact_id) &&
          (f.user_id === undefined || (f.user_id === 'UNASSIGNED' ? t.assigned_to_user_id === undefined : String(t.assigned_to_user_id) === f.user_id)) &&
          (f.is_completed === undefined || String(t.completed) === f.is_completed) &&
          (f.has_due_date === undefined || String(Boolean(t.due_time)) === f.has_due_date) &&
          (f.priority === undefined || t.priority === f.priority) &&
          (f.title === undefined || t.title === f.title) &&
          (f.id === undefined || String(t.id) === f.id),
      );
      const page = pageV2(req, items);
      return json(200, { tasks: page.items.map(taskV2), next_page_token: page.next_page_token });
    })
    .on('GET', '/v2/tasks/:id', (_req, { id = '' }, { store }) => json(200, taskV2(taskOf(store, 'v2', id))))
    .on('PATCH', '/v2/tasks/:id', (req, { id = '' }, { store }) => {
      const task = taskOf(store, 'v2', id);
      writeTask(task, taskInputV2(store, body(req, 'v2')), 'PATCH /v2/tasks');
      return json(200, taskV2(task));
    })
    .on('DELETE', '/v2/tasks/:id', (_req, { id = '' }, { store }) => {
      store.tasks.delete(taskOf(store, 'v2', id).id);
      return noContent();
    })
    .on('POST', '/v1/notes', (req, _p, { store }) => {
      const input = body(req, 'v1');
      const contactId = existingContact(store, 'v1', input.contact_id);
      if (contactId === undefined) fail('v1', 400, 'contact_id is required');
      return json(201, noteV1(newNote(store, 'v1', input, contactId!)));
    })
    .on('GET', '/v1/notes', (req, _p, ctx) => {
      const contactId = req.query.get('contact_id');
      const items = [...ctx.store.notes.values()].filter((n) => !contactId || String(n.contact_id) === contactId);
      const page = pageV1(req, ctx, '/v1/notes', items);
      return json(200, { notes: page.items.map(noteV1), count: page.count, next: page.next, previous: page.previous });
    })
    .on('POST', '/v2/contacts/:id/notes', (req, { id = '' }, { store }) => {
      const contact = store.contacts.get(numericId('v2', id, 'contact'));
      if (!contact) fail('v2', 404, `Contact ${id} not found`);
      return json(201, noteV2(store, newNote(store, 'v2', body(req, 'v2'), contact!.id)));
    })
    // UpdateNoteRequest: the fields the update mask names (all sent ones when there is no mask) change.
    .on('PATCH', '/v2/contacts/:id/notes/:noteId', (req, { id = '', noteId = '' }, { store }) => {
      const note = store.notes.get(numericId('v2', noteId, 'note'));
      if (!note || String(note.contact_id) !== id) return fail('v2', 404, `Note ${noteId} not found for contact ${id}`);
      const input = body(req, 'v2');
      const mask = req.query.getAll('update_mask');
      const changes = (key: string) => key in input && (mask.length === 0 || mask.includes(key));
      const type = text(input.type);
      if (changes('type') && type && !NOTE_TYPES.some((t) => sameText(t, type))) fail('v2', 400, `Invalid type: ${type}. Use one of ${NOTE_TYPES.join(', ')}`);
      if (changes('title')) note.title = text(input.title) ?? undefined;
      if (changes('text')) note.text = text(input.text) ?? undefined;
      if (changes('type') && type) note.type = NOTE_TYPES.find((t) => sameText(t, type))!;
      note.updated = stamp();
      return json(200, noteV2(store, note));
    })
    .on('GET', '/v2/contacts/:id/notes', (req, { id = '' }, { store }) => {
      const items = [...store.notes.values()].filter((n) => String(n.contact_id) === id);
      const page = pageV2(req, items);
      return json(200, { notes: page.items.map((n) => noteV2(store, n)), next_page_token: page.next_page_token });
    });
};
