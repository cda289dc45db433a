import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from './prerender';
import { stubApi } from './test/fetch-router';
import { signedOut } from './test/session';

describe('the prerendered landing page', () => {
  afterEach(() => {
    document.body.replaceChildren();
    vi.resetModules();
  });

  it('is the whole landing page, with nothing the page policy refuses (inline scripts or styles)', async () => {
    const html = await renderPage('/');
    expect(html).toContain('Every call answered. Every web lead called back in seconds.');
    expect(html).toContain('href="/try?industry=hvac"');
    expect(html).toContain('id="main"');
    expect(html).not.toMatch(/<script\b|<style\b|\sstyle="/i);
  });

  it('is taken over by the app as it is (no hydration error), and then answers to the visitor', async () => {
    const api = stubApi({ 'GET /v1/auth/session': signedOut });
    const errors = vi.spyOn(console, 'error');
    const uncaught: unknown[] = [];
    const onError = (event: ErrorEvent) => uncaught.push(event.error ?? event.message);
    window.addEventListener('error', onError);
    window.history.replaceState(null, '', '/');
    const html = await renderPage('/');
    document.body.innerHTML = `<div id="root" data-prerendered="/">${html}</div>`;
    const heading = document.getElementById('hero-heading');

    await import('./main');

    // The session probe answers: the header's links for a signed-out visitor appear.
    const nav = within(document.querySelector('header nav') as HTMLElement);
    expect(await nav.findByRole('link', { name: 'Try it free' }, { timeout: 5000 })).toBeTruthy();
    await waitFor(() => expect(api).toHaveBeenCalled());
    // The same element: React adopted the prerendered markup instead of painting the page again.
    expect(document.getElementById('hero-heading')).toBe(heading);
    window.removeEventListener('error', onError);
    expect(uncaught).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
  }, 15_000);

  it('is not hydrated on another path: that page starts from scratch', async () => {
    stubApi({ 'GET /v1/auth/session': signedOut });
    window.history.replaceState(null, '', '/no-such-page');
    document.body.innerHTML = `<div id="root" data-prerendered="/">${await renderPage('/')}</div>`;

    await import('./main');

    expect(await screen.findByRole('heading', { name: "We couldn't find that page" }, { timeout: 5000 })).toBeTruthy();
    expect(document.getElementById('hero-heading')).toBeNull();
  }, 15_000);
});
