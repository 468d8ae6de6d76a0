// Signing in through the login form, as every browser test does. The form
// can be drawn again while it is being filled (the session check answering
// late), leaving the Enter on an empty form; and on a loaded machine the
// shell can take long to appear. So: up to three tries, a longer wait on
// the last, and a try again only when the form was indeed emptied (the
// name no longer in its field), never over a refusal.
export async function signIn(page, username, password, state = 'visible') {
  for (let tries = 1; ; tries++) {
    await page.fill('input[autocomplete=username]', username);
    await page.fill('input[type=password]', password);
    await page.keyboard.press('Enter');
    try {
      await page.waitForSelector('.nav-list', { state, timeout: tries < 3 ? 10000 : 30000 });
      return;
    } catch (e) {
      if (tries >= 3 || (await page.inputValue('input[autocomplete=username]').catch(() => username)) === username) throw e;
    }
  }
}
