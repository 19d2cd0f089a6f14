// The BroadcastChannel on which /weer-ingelogd tells the other tabs that the session is back
// (issue 15): an autosave waiting for a new login then saves at once.
export const SESSION_CHANNEL = 'keurmerk:sessie'

/** Where "log in again" goes: the login page, then the small "you are logged in again" page. */
export const SIGN_IN_AGAIN_URL = '/inloggen?redirectTo=%2Fweer-ingelogd'
