-- wrk script of './platform bench serving': POST one request body, with a deployment API key.
-- Environment: BODY_FILE (the JSON body) and KEY_FILE (the key), both written by 'Platform.Demo bench-serving
-- prepare'; the key is read from a file of mode 0600, not taken from the environment, where any process could read it.
-- No response() or done() callback: either makes wrk run Lua per answer and lowers the ceiling it measures.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local k = assert(io.open(os.getenv("KEY_FILE"), "rb"))
wrk.headers["X-Api-Key"] = k:read("*l")
k:close()
