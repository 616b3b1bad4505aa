/** Small DOM helpers shared by the views. */
import { refusal } from './api';
import { fmt, SUPPRESSED, type Cell } from './format';

export const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** Sets a message line; `info` shows it as information rather than as an error. */
export function say(id: string, text: string, info = false): void {
  const node = $(id);
  node.textContent = text;
  node.classList.toggle('info', info);
}

export function num(value: number | null | undefined, digits = 2): Cell {
  return { text: fmt(value, digits), num: true };
}

export function orSuppressed(suppressed: boolean, cell: Cell): Cell {
  return suppressed ? SUPPRESSED : cell;
}

export function params(q: Record<string, string>): string {
  return new URLSearchParams(q).toString();
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Fired on window when Rung answers 401: the page forgets the key. */
export const UNAUTHORISED = 'rung:unauthorised';

/** Shows why a request was refused, in the page's message line; a 401 also signs the page out. */
export function refused(status: number, problem: string | null): void {
  say('view-message', refusal(status, problem));
  if (status === 401) window.dispatchEvent(new Event(UNAUTHORISED));
}
