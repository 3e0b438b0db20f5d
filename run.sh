#!/usr/bin/env bash
# ./run.sh          seed the demo town, write its reports to ./out/, keep serving on http://127.0.0.1:7071/api
# ./run.sh serve    serve the function app (HTTP, timers, queues) on Kestrel with Azurite in memory
# ./run.sh demo     seed the demo town, write its reports to ./out/, then stop
# PORT (default 7071) and VillageReports__AdminToken (printed when generated) may be set.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

command=${1:-all}
case "$command" in serve|demo|all) ;; *) echo "usage: ./run.sh [serve|demo]" >&2; exit 2 ;; esac

ensure_tools
say "Building"
dotnet build local -c Release --nologo -v quiet

trap stop_azurite EXIT INT TERM
if [ -z "${AzureWebJobsStorage:-}" ] || [ "${AzureWebJobsStorage}" = "UseDevelopmentStorage=true" ]; then
  say "Starting Azurite (in memory)"
  start_azurite "${AZURITE_PORT:-10000}"
  export AzureWebJobsStorage="$AZURITE_CONNECTION"
  export Storage="${Storage:-$AZURITE_CONNECTION}"
else
  export Storage="${Storage:-$AzureWebJobsStorage}"
fi

say "Starting the function app"
dotnet local/bin/Release/net10.0/VillageReports.Local.dll "$command" --urls "http://127.0.0.1:${PORT:-7071}"
