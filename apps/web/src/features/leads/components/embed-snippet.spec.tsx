import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmbedSnippet } from './embed-snippet';

const snippet = '<script src="https://app.beaker.example/embed/v1.js" data-form="f1" async></script>';

afterEach(() => vi.unstubAllGlobals());

describe('the embed code', () => {
  it('is shown exactly as the API gives it, and copied with a visible confirmation', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    render(<EmbedSnippet snippet={snippet} />);
    expect((screen.getByRole('textbox', { name: 'Embed code' }) as HTMLTextAreaElement).value).toBe(snippet);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Copied to your clipboard.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copied ✓' })).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(snippet);
  });

  it('without clipboard access, selects the code for the person to copy', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) } });
    render(<EmbedSnippet snippet={snippet} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Selected: press Ctrl+C (⌘C on a Mac) to copy it.')).toBeTruthy();
    const box = screen.getByRole('textbox', { name: 'Embed code' }) as HTMLTextAreaElement;
    expect(document.activeElement).toBe(box);
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, snippet.length]);
  });
});
