// Waiting for a Mantine focus trap as a person's next key does: once the keyboard is inside, for good.
import { expect, type Locator } from '@playwright/test';

/**
 * Resolves once the focus trap of `container` (a drawer, a sheet, a menu, a calendar) has put the
 * keyboard inside it and will not move it again. Mantine's trap focuses its first control in a timeout
 * scheduled from two places (the content's ref and an effect, `use-focus-trap.mjs`): 1–2 ms apart on a
 * quiet machine, further apart on a busy one, and a key pressed between the two lost the keyboard to the
 * second (the phone's Views menu opened with its first view never focused: the sheet's × had it back).
 * So: inside, then two frames and a task after them (what the opening scheduled has run), still inside.
 */
export async function focusTrapSettled(container: Locator, message = 'the keyboard is inside') {
  const inside = () => container.evaluate((el) => el.contains(document.activeElement));
  await expect.poll(inside, { message }).toBe(true);
  await container.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
  await expect.poll(inside, { message }).toBe(true);
}
