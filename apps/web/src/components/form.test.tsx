import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { ApiError } from '../api/client';
import { ErrorSummary, ProblemAlert, TextField, splitApiError } from './form';

describe('splitApiError', () => {
  it('puts invalidParams next to their fields and in the summary with Dutch labels', () => {
    const error = new ApiError({
      status: 400,
      title: 'Ongeldige invoer',
      invalidParams: [{ name: 'question', reason: 'is verplicht bij deze beslissing' }],
    });
    const { fieldErrors, summary, other } = splitApiError(error, { question: 'Vraag' });
    expect(fieldErrors).toEqual({ question: 'is verplicht bij deze beslissing' });
    expect(summary).toEqual([{ name: 'question', label: 'Vraag', reason: 'is verplicht bij deze beslissing' }]);
    expect(other).toBeNull();
  });

  it('leaves a refusal that is not about a field to the ProblemAlert', () => {
    const error = new ApiError({ status: 409, title: 'Niet toegestaan', allowed: ['escaleren_acu'] });
    const { summary, other } = splitApiError(error, {});
    expect(summary).toEqual([]);
    expect(other).toBe(error);
  });
});

describe('TextField', () => {
  it('ties the label, the description and the error to the input', () => {
    render(
      <TextField
        formId="f"
        name="title"
        label="Titel"
        description="Kort en duidelijk"
        error="is verplicht"
        required
        value=""
        onChange={() => undefined}
      />,
    );
    const input = screen.getByLabelText(/Titel/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('f-title-beschrijving f-title-fout');
    expect(document.getElementById('f-title-fout')?.textContent).toContain('is verplicht');
  });
});

describe('ErrorSummary and ProblemAlert', () => {
  it('lists each error as a link to its field', () => {
    render(<ErrorSummary formId="f" errors={[{ name: 'title', label: 'Titel', reason: 'is verplicht' }]} />);
    const link = screen.getByRole('link', { name: 'Titel: is verplicht' });
    expect(link.getAttribute('href')).toBe('#f-title');
  });

  it('names the decisions that are allowed now after a 409', () => {
    render(
      <ProblemAlert
        error={
          new ApiError({
            status: 409,
            title: 'Beslissing niet toegestaan',
            detail: 'Niet in deze status.',
            allowed: ['escaleren_acu', 'oppakken'],
          })
        }
      />,
    );
    expect(document.querySelector('.kp-problem')?.textContent).toContain('U mag nu wel: Escaleren naar de ACU, Oppakken.');
  });
});

describe('Alert roles', () => {
  it('announces both an error and a warning refusal (role alert from the design system)', () => {
    render(<ProblemAlert error={new ApiError({ status: 409, title: 'Conflict' })} />);
    render(<ProblemAlert error={new ApiError({ status: 500, title: 'Storing' })} />);
    expect(screen.getAllByRole('alert').length).toBe(2);
  });
});
