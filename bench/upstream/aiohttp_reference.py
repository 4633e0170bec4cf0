"""The articles' winner, on this machine: the benchmark route on aiohttp.

"Aiohttp vs Multithreaded Flask for High I/O Applications" (in ../shared/seed/)
runs this route under gunicorn with two worker processes: GET the upstream's
page, answer JSON. `npm run bench` runs it beside the pets API as the variant
`aiohttp-N`, so that "three times aiohttp's requests" is measured in the same
run on the same machine, not read off another machine's table.

Run by gunicorn with aiohttp's worker, never with --preload: each worker
imports this module after the fork, and the client session (its connection
pool and event loop) is made inside the worker's running loop, at startup.

    gunicorn --workers 2 --worker-class aiohttp.GunicornWebWorker \
        --bind 127.0.0.1:18000 aiohttp_reference:app
"""

import os

from aiohttp import ClientError, ClientSession, ClientTimeout, TCPConnector, web

UPSTREAM_URL = os.environ.get("UPSTREAM_URL", "http://127.0.0.1:8080/")
# The pets API's upstream settings: 2 s for the whole exchange, 256 keep-alive connections.
TIMEOUT = ClientTimeout(total=2)
CONNECTIONS = int(os.environ.get("UPSTREAM_CONNECTIONS", "256"))
# A plain key: web.AppKey is aiohttp 3.9+, and Debian 12 ships 3.8.
SESSION = "upstream_session"


async def upstream_session(app: web.Application):
    async with ClientSession(
        connector=TCPConnector(limit=CONNECTIONS, keepalive_timeout=30),
        timeout=TIMEOUT,
    ) as session:
        app[SESSION] = session
        yield


async def fetch_upstream(request: web.Request) -> web.Response:
    try:
        async with request.app[SESSION].get(UPSTREAM_URL) as response:
            body = await response.read()
    except (ClientError, TimeoutError) as error:
        return web.json_response({"title": f"upstream failed: {error!r}"}, status=502)
    return web.json_response({"status": response.status, "length": len(body)})


app = web.Application()
app.cleanup_ctx.append(upstream_session)
app.router.add_get("/v1/upstream", fetch_upstream)
