// The access token a person enters on a page, kept for this browser tab only. One source for the
// controller's page and the hub's dashboard: the dashboard's bundle takes this file at build time.

/** The token kept under sessionStorage's `key`: token() ('' when none) and setToken(value) ('' forgets it). */
export function tokenStore(key) {
  return {
    token: () => sessionStorage.getItem(key) || '',
    setToken: (value) => {
      if (value) sessionStorage.setItem(key, value);
      else sessionStorage.removeItem(key);
    },
  };
}

/** Whether a browser can send this token in a header at all (Latin-1, no line breaks). */
export function sendable(value) {
  try {
    new Headers({ Authorization: `Bearer ${value}` });
    return true;
  } catch (e) {
    return false;
  }
}
