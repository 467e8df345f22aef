import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { resolveContact } from '../src/contacts';
import { parseInput } from '../src/input';
import { NOTE_INPUTS } from '../src/inputs';
import { notePlanFor } from '../src/notes';
import { contextFor, crmInputFields, providerFor } from '../src/providers';
import { noteOutputFields, noteSample } from '../src/samples';

export default defineCreate({
  key: 'add_note',
  noun: 'Note',
  display: {
    label: 'Create or Update Note',
    description: 'Writes a booking’s note on the contact and keeps that one note up to date as the booking changes.',
  },
  operation: {
    inputFields: [...NOTE_INPUTS.fields, async (z: ZObject, bundle: Bundle) => crmInputFields(z, bundle, 'add_note', NOTE_INPUTS.fields)],
    perform: async (z: ZObject, bundle: Bundle) => {
      const provider = providerFor(z, bundle);
      const input = parseInput(z, NOTE_INPUTS, bundle.inputData, provider.inputs.add_note);
      const note = notePlanFor(z, input);
      const ctx = contextFor(z, bundle);
      return provider.upsertNote(ctx, await resolveContact(ctx, provider, input), note);
    },
    sample: noteSample,
    outputFields: noteOutputFields,
  },
});
