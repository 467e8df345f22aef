import { bookingRecord, bookingSchema, customFieldKey } from '../../src/oncehub/booking';

const booking = (fields: Record<string, unknown>) => bookingSchema.parse({ id: 'BKNG-1', ...fields });

describe('OnceHub booking record', () => {
  it.each([
    ['Company size', 'custom_field_company_size'],
    ['How did you hear about us?', 'custom_field_how_did_you_hear_about_us'],
    ['Número de empleados', 'custom_field_numero_de_empleados'],
    ['???', 'custom_field_unnamed'],
  ])('keys custom field %j as %s', (name, key) => {
    expect(customFieldKey(name)).toBe(key);
  });

  it('keeps repeated custom field names apart and flattens list values', () => {
    const record = bookingRecord(
      'booking.scheduled',
      booking({
        form_submission: {
          custom_fields: [
            { name: 'Topic', value: 'Pricing' },
            { name: 'topic', value: ['Billing', 'Support'] },
            { name: 'Seats', value: 12 },
            { name: 'Empty', value: null },
          ],
        },
      }),
    );
    expect(record).toMatchObject({
      custom_field_topic: 'Pricing',
      custom_field_topic_2: 'Billing, Support',
      custom_field_seats: '12',
      custom_field_empty: '',
    });
  });

  it('leaves the ending time empty when the start or duration is unusable', () => {
    expect(bookingRecord('booking.scheduled', booking({ starting_time: 'soon', duration_minutes: 30 })).ending_time).toBe('');
    expect(bookingRecord('booking.scheduled', booking({ starting_time: '2026-03-24T15:00:00Z' })).ending_time).toBe('');
  });

  it('falls back to the page name when a page has no label', () => {
    const record = bookingRecord('booking.scheduled', booking({ booking_page: { id: 'BP-1', name: 'grace-hopper' } }));
    expect(record).toMatchObject({ booking_page_label: 'grace-hopper', lead_source: 'grace-hopper' });
  });

  it('keys a lifecycle event without an update time by the event name', () => {
    expect(bookingRecord('booking.completed', booking({ status: 'completed' })).id).toBe('BKNG-1:booking.completed');
  });

  it('leaves status empty for a reassigned booking still awaiting approval', () => {
    expect(bookingRecord('booking.reassigned', booking({ status: 'requested' })).status).toBe('');
  });
});

describe('OnceHub values that collide with object built-ins', () => {
  it('maps an unknown status to an empty status, never to a built-in', () => {
    expect(bookingRecord('booking.reassigned', booking({ status: 'constructor' })).status).toBe('');
  });
});
