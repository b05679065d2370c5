// Response hooks standing in for the mocks and functions of dlt's
// test_response_actions_config.py.

/** dlt's custom_hook: returns the response unchanged. */
export function customHook(response) {
  return response;
}

/** A second hook, for lists of hooks. */
export function otherHook(response) {
  return response;
}
