// Calls to the JSON API; its errors ({code, message, errors}) become ApiError with that message.

export class ApiError extends Error {}

/** GET (no body) or POST (JSON body) to the API; the parsed JSON answer. */
export async function callApi(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const details = (payload?.errors || []).map((e) => `${e.field}: ${e.message}`).join("; ");
    const message = payload?.message || `de service antwoordde ${response.status}`;
    throw new ApiError(details ? `${message} (${details})` : message);
  }
  return payload;
}
