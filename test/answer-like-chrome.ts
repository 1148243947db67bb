/**
 * fake-browser 2 (wxt 0.21.4) answers `runtime.sendMessage` like Chrome: the listener returns true and calls
 * sendResponse. In the extension the webextension-polyfill does that for the worker's promise-returning
 * listener; in unit tests this adapter does.
 */
export function answerLikeChrome(listener: (message: unknown) => Promise<unknown> | undefined) {
  return (message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void) => {
    const reply = listener(message);
    if (!reply) return false;
    void reply.then(sendResponse);
    return true;
  };
}
