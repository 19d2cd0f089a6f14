// What an upload may be, shared by the server's checks and the browser's early warning.
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
export const UPLOAD_ACCEPT = '.pdf,.docx,.odt,.xlsx'
