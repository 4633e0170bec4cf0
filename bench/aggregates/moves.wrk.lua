-- wrk script for `npm run bench:aggregates`: sends every line of MOVES_FILE
-- ("<pet id> <location>") once, as PATCH /v1/pets/<id>, and reports on stderr
-- (MOVES_JSON) when all of them are answered. wrk wants a request from every
-- connection until then: once the moves are all out, the rest ask
-- GET /healthz, which is not counted. A Node client on the same 2 cores cost
-- about 150 us of CPU per change; this costs a fraction of that.

local moves, next_move = {}, 1
local ok, failed, reported = 0, 0, false
local calls = 0
local health -- formatted in init(): wrk sets the Host header only by then

function init(args)
  health = wrk.format('GET', '/healthz')
  local headers = {
    ['Content-Type'] = 'application/json',
    ['Authorization'] = 'Bearer ' .. os.getenv('MOVES_TOKEN'),
  }
  for line in io.lines(os.getenv('MOVES_FILE')) do
    local id, location = line:match('^(%S+) (%S+)$')
    moves[#moves + 1] = wrk.format('PATCH', '/v1/pets/' .. id, headers, '{"location":"' .. location .. '"}')
  end
end

function request()
  calls = calls + 1
  -- wrk 4.1 calls request() once before it connects and never sends that
  -- one; giving it an uncounted GET keeps the first move from being lost.
  if calls == 1 then
    return health
  end
  local move = moves[next_move]
  if move == nil then
    return health
  end
  next_move = next_move + 1
  return move
end

function response(status, _, body)
  if status == 200 and body:find('"location"', 1, true) then
    ok = ok + 1
  elseif status ~= 200 then
    failed = failed + 1
  end
  if not reported and ok + failed >= #moves then
    reported = true
    -- stderr is unbuffered. The bench then ends wrk with SIGINT: wrk's main
    -- thread would otherwise sleep out the whole -d duration.
    io.stderr:write(string.format('MOVES_JSON {"ok":%d,"failed":%d}\n', ok, failed))
    wrk.thread:stop()
  end
end
