import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Drives the web chat simulator the way a person does: picker, text box, Enter, buttons. */
export class SimulatorPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/console`);
    await this.page.getByLabel('当前身份').and(this.page.locator(':enabled')).waitFor();
  }

  async switchTo(userId: string): Promise<void> {
    await this.page.getByLabel('当前身份').selectOption(userId);
  }

  /** Types into the labelled text box and presses Enter; waits for the bot's answer. */
  async say(text: string): Promise<void> {
    const answers = await this.bubbles('bot').count();
    const box = this.page.getByLabel('要发送的消息');
    await box.fill(text);
    await box.press('Enter');
    await this.waitForMore('bot', answers);
  }

  /** Taps the newest button with this label; waits for the bot's answer. */
  async tap(label: string): Promise<void> {
    const answers = await this.bubbles('bot').count();
    await this.page.getByRole('button', { name: label, exact: true }).last().click();
    await this.waitForMore('bot', answers);
  }

  bubbles(from: 'me' | 'bot' | 'push' | 'note'): Locator {
    return this.page.locator(`#log .entry-${from}`);
  }

  async lastText(from: 'me' | 'bot' | 'push'): Promise<string> {
    return (await this.bubbles(from).last().locator('.text').textContent()) ?? '';
  }

  /** The message texts of every bubble from that speaker, oldest first. */
  async texts(from: 'me' | 'bot' | 'push'): Promise<string[]> {
    return this.bubbles(from).locator('.text').allInnerTexts();
  }

  async waitForMore(from: 'me' | 'bot' | 'push', than: number): Promise<void> {
    await this.bubbles(from).nth(than).waitFor();
  }

  async entryCount(): Promise<number> {
    return this.page.locator('#log .entry').count();
  }

  async fitsWidth(): Promise<void> {
    const overflow = Number(await this.page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
  }
}
